variable "repositories" {
  description = "Repositories to create, keyed by name"
  type = map(object({
    image_tag_mutability = optional(string, "IMMUTABLE")
    scan_on_push         = optional(bool)
  }))
}

variable "tags" {
  type    = map(string)
  default = { Team = "jobs" }
}

resource "aws_ecr_repository" "this" {
  for_each = var.repositories

  name                 = each.key
  image_tag_mutability = each.value.image_tag_mutability

  dynamic "image_scanning_configuration" {
    for_each = each.value.scan_on_push == null ? [] : [each.value.scan_on_push]
    content {
      scan_on_push = image_scanning_configuration.value
    }
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = var.tags
}

locals {
  lifecycle_policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Expire untagged images after 14 days"
      selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 14 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each   = aws_ecr_repository.this
  repository = each.value.name
  policy     = local.lifecycle_policy
}

output "repository_urls" {
  value = { for name, repository in aws_ecr_repository.this : name => repository.repository_url }
}
