resource "aws_ecr_repository_policy" "p" {
  repository = "x"
  policy     = <<EOF
{
  "Version": "2012-10-17"
}
EOF
  note = <<-EOT
    indented ${var.name}
      more
    EOT
  after = "ok"
}
