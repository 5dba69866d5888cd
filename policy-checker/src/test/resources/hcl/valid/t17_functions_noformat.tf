locals {
  tags = merge(var.tags, { Name = "x" }, { "Extra" = lower("ABC") })
  m    = lookup(var.settings, "mutability", "MUTABLE")
  t    = try(var.obj.mutability, "IMMUTABLE")
  c    = coalesce(var.maybe, "IMMUTABLE")
  j    = jsonencode({
    rules = [{
      rulePriority = 1
      selection = {
        tagStatus   = "tagged"
        tagPrefixList = ["v"]
        countNumber = 30
      }
      action = { type = "expire" }
    }]
  })
  after = "ok"
}
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "${aws_ecr_repository.r.repository_url}:latest"
      portMappings = [{ containerPort = 80 }]
    }
  ])
}
