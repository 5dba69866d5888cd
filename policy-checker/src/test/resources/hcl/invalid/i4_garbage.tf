resource "aws_ecr_repository" "r" {
  name = "r"
}
}}} = = foo bar baz
