provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_ecr_repository" "r" {
  provider = aws.west
  name     = "r"
}
