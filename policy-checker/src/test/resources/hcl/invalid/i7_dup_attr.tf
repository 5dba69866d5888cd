resource "aws_ecr_repository" "r" {
  image_tag_mutability = "IMMUTABLE"
  image_tag_mutability = "MUTABLE"
}
