variable "empty" {}
variable "x" { default = "y" }
resource aws_ecr_repository unquoted { name = "u" }
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}
