resource "aws_ecr_repository" "crlf" {
  name = "crlf"
  image_tag_mutability = "MUTABLE"
}

resource "aws_ecr_repository" "crlf2" {
  name = "crlf2"
}
