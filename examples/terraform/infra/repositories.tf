# The application's own repositories. plan-registry.json (next folder up) is the plan of this code.

resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = {
    Team = "platform"
  }
}

# Immutable, except tags matching "latest" (ECR002 notes which tags still move).
resource "aws_ecr_repository" "legacy" {
  name                 = "prod-legacy"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"

  dynamic "image_tag_mutability_exclusion_filter" {
    for_each = ["latest"]
    content {
      filter      = image_tag_mutability_exclusion_filter.value
      filter_type = "WILDCARD"
    }
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

# Made mutable by this change (ECR001; the plan also shows the change itself, ECR005).
resource "aws_ecr_repository" "tools" {
  name                 = "tools"
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

# Its mutability comes from another resource's output: known only after apply (ECR004).
resource "terraform_data" "ecr_policy" {
  input = {
    tag_mode = var.shared_tag_mode
  }
}

resource "aws_ecr_repository" "shared" {
  name                 = "shared-base"
  image_tag_mutability = terraform_data.ecr_policy.output.tag_mode

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

# Deleting it deletes its images too (ECR007).
resource "aws_ecr_repository" "scratch" {
  name                 = "scratch"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = true

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = {
    Lifetime = "ephemeral"
  }
}

locals {
  job_repositories = {
    batch  = { image_tag_mutability = "MUTABLE" }
    worker = { image_tag_mutability = "MUTABLE", scan_on_push = false }
  }
}

# One repository per job, from a local module: module.registry.aws_ecr_repository.this["batch"] and ["worker"].
module "registry" {
  source       = "./modules/ecr-repositories"
  repositories = local.job_repositories
}
