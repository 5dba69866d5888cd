resource "aws_ecr_pull_through_cache_rule" "docker_hub" {
  ecr_repository_prefix = "docker-hub"
  upstream_registry_url = "registry-1.docker.io"
  credential_arn        = var.docker_hub_secret_arn
}

# Repositories the pull-through cache creates get these settings: MUTABLE here (ECR006).
resource "aws_ecr_repository_creation_template" "pull_through_cache" {
  prefix               = aws_ecr_pull_through_cache_rule.docker_hub.ecr_repository_prefix
  description          = "Repositories created by the Docker Hub pull-through cache"
  applied_for          = ["PULL_THROUGH_CACHE"]
  image_tag_mutability = "MUTABLE"

  encryption_configuration {
    encryption_type = "AES256"
  }

  resource_tags = {
    ManagedBy = "ecr-pull-through-cache"
  }
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

data "aws_ecr_repository" "base" {
  name = "base-images"
}

data "aws_ecr_repository" "mirror" {
  name       = "docker-hub/library/nginx"
  depends_on = [aws_ecr_pull_through_cache_rule.docker_hub]
}

output "app_repository_url" {
  value = aws_ecr_repository.app.repository_url
}
