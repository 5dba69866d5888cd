locals {
  greek = "Ελληνικά ✓ 日本語"
  emoji = "🚀"
}
resource "aws_ecr_repository" "u" {
  name = "ü"
}
