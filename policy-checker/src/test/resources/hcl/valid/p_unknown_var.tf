resource "aws_ecr_repository" "r" {
  image_tag_mutability = var.mutability
  name = "${var.name}"
  scan = var.scan ? true : false
}
