locals {
  create     = true
  mutability = "IMMUTABLE"
}
locals {
  name = "second-${local.mutability}"
}
module "ecr" {
  source  = "./modules/ecr"
  count   = local.create ? 1 : 0
  mutability = local.mutability
  tags = {
    Env = "dev"
  }
}
module "reg" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 2.0"
  repository_image_tag_mutability = "MUTABLE"
}
