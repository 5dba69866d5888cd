locals {
  greek = "Ελληνικά ✓ 日本語"
  emoji = "🚀"
  ünïcode_key = "v"
}
resource "aws_ecr_repository" "u" {
  name = "u"
}
