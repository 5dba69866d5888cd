locals {
  # the worker runs a tag of a mutable repository: what runs can change without a deploy (ECR008)
  worker_image     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:latest"
  log_router_image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/amazon/aws-for-fluent-bit@sha256:a93d8df74ca6a1e1daaa9b241cfa51748f94bd7e0c29f9b097e5b9fea5e2f9ec"
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "worker"
  cpu                      = "512"
  memory                   = "1024"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn

  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }

  container_definitions = jsonencode([
    {
      name      = "worker"
      image     = local.worker_image
      cpu       = 448
      memory    = 896
      essential = true
      environment = [
        { name = "QUEUE_URL", value = "https://sqs.${var.region}.amazonaws.com/123456789012/jobs" },
      ]
      logConfiguration = {
        logDriver = "awsfirelens"
        options = {
          Name              = "cloudwatch_logs"
          region            = var.region
          log_group_name    = "/ecs/worker"
          log_stream_prefix = "worker/"
          auto_create_group = "false"
        }
      }
    },
    {
      name                  = "log-router"
      image                 = local.log_router_image
      essential             = true
      memoryReservation     = 50
      user                  = "0"
      firelensConfiguration = { type = "fluentbit" }
    },
  ])

  tags = {
    Service = "worker"
  }
}

# Pinned to a version tag of the immutable app repository: nothing to report.
resource "aws_lambda_function" "api" {
  function_name = "registry-api"
  description   = "Registry API"
  package_type  = "Image"
  image_uri     = "${aws_ecr_repository.app.repository_url}:${var.api_version}"
  role          = var.api_role_arn
  memory_size   = 512
  timeout       = 30

  environment {
    variables = {
      LOG_LEVEL = "info"
    }
  }

  tags = {
    Service = "registry-api"
  }
}
