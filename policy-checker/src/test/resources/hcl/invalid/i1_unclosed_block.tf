resource "aws_ecr_repository" "r" {
  name = "r"

resource "aws_ecr_repository" "s" {
  name = "s"
}
