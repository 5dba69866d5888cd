resource "aws_ecr_repository" "r" {
  name =
  image_tag_mutability = "MUTABLE"
}
