variable "mutability" {
  default = "IMMUTABLE"
}
resource "aws_ecr_repository" "r" {
  image_tag_mutability = var.mutability
}
