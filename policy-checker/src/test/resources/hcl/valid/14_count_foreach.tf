resource "aws_ecr_repository" "c" {
  count = var.create ? 2 : 0
  name  = "repo-${count.index}"
}
resource "aws_ecr_repository" "f" {
  for_each             = toset(["api", "web"])
  name                 = each.key
  image_tag_mutability = each.value == "api" ? "IMMUTABLE" : "MUTABLE"
}
resource "aws_ecr_repository" "g" {
  for_each = { a = { m = "MUTABLE" }, b = { m = "IMMUTABLE" } }
  name     = each.key
  image_tag_mutability = each.value.m
}
