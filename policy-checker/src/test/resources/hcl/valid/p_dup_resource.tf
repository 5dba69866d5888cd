resource "aws_ecr_repository" "r" {
  image_tag_mutability = "MUTABLE"
}
resource "aws_ecr_repository" "r" {
  image_tag_mutability = "IMMUTABLE"
}
