resource "aws_ecr_lifecycle_policy" "lp" {
  repository = aws_ecr_repository.dup.name
  policy     = file("${path.module}/policy.json")
}
locals {
  multi_line_cond = (
    var.a
    ? "IMMUTABLE"
    : "MUTABLE"
  )
  list_trailing = [
    "a",
    "b",
  ]
  obj_commas = { a = 1, b = 2 }
  after = "ok"
}
