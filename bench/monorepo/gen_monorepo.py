#!/usr/bin/env python3
"""Writes a deterministic Terraform monorepo of about --files files for the source benchmark (bench/monorepo/).

The tree has the shape of a platform team's infrastructure repository:

  modules/<name>/                 shared modules (main.tf, variables.tf, outputs.tf, versions.tf), calling each
                                  other by relative path: service-stack -> ecr-registry -> ecr-repository (3 levels),
                                  ecs-service -> iam-role, security-group; team platform modules -> ecr-registry
  envs/<team>/<env>/              root modules: main.tf, variables.tf, outputs.tf, versions.tf, terraform.tfvars,
                                  sometimes *.auto.tfvars, providers.tf, locals.tf, data.tf, iam.tf

Every aws_ecr_repository that a plan of a root module would create is decided here, so the verdicts of the checkers
can be compared with what the tree contains by construction. The tag mutability comes from literals, variables with
defaults overridden by terraform.tfvars and *.auto.tfvars (in Terraform's order), locals, conditionals, lookup() of a
map, coalesce(), upper(), for_each keys, module arguments passed through two modules (null included: a nullable
module variable given null is null, so the provider default MUTABLE applies), IMMUTABLE_WITH_EXCLUSION with dynamic
exclusion-filter blocks, and variables that nothing sets (a value only known in CI, so unknown to a static reader).

The same arguments always give the same tree. The counts go to stdout; --manifest FILE writes every repository
(root, address, mutability, scan on push) as JSON.
"""
import argparse
import json
import os
import random
import re
import shutil
import sys

TEAMS = [
    "payments", "checkout", "identity", "search", "catalog", "orders", "billing", "ledger", "fraud", "risk",
    "growth", "ads", "analytics", "ingest", "streaming", "notifications", "messaging", "mobile-api", "web", "cms",
    "media", "video", "images", "pricing", "inventory", "fulfilment", "shipping", "returns", "support", "crm",
    "marketing", "loyalty", "partners", "platform", "observability", "security", "compliance", "data-lake", "ml",
    "recommendations", "feeds", "social", "chat", "voice", "maps", "geo", "travel", "booking", "hotels", "flights",
    "insurance", "lending", "cards", "treasury", "tax", "payroll", "hr", "recruiting", "learning", "docs", "wiki",
    "devtools", "ci", "artifacts", "release", "edge", "cdn", "dns", "auth", "sso", "iam", "secrets", "vault",
    "backup", "archive", "reporting", "bi", "experiments", "flags", "config", "scheduler", "batch", "etl", "events",
    "audit", "metering", "quota", "gateway", "mesh", "cache", "queue", "storage", "files", "printing", "kiosk", "pos",
    "warehouse", "robotics", "iot", "telemetry", "firmware", "labs", "research", "sandbox-team", "migration",
    "legacy", "mainframe-bridge", "partner-api", "public-api", "graphql", "federation", "onboarding", "kyc",
]
ENVS = ["dev", "qa", "staging", "prod", "sandbox", "perf", "dr", "prod-eu", "prod-us"]
PROD_ENVS = ("prod", "prod-eu", "prod-us", "dr")
SERVICES = ["api", "worker", "web", "scheduler", "ingest", "consumer", "gateway", "admin", "export", "importer",
            "notifier", "renderer", "indexer", "sync", "auth-proxy", "cron", "migrator", "reports", "webhooks", "bff"]
REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2"]
MODULES_UP = "../../../modules"

IMMUTABLE, MUTABLE, ABSENT, WITH_EXCLUSION, UNKNOWN = (
    "IMMUTABLE", "MUTABLE", "absent", "IMMUTABLE_WITH_EXCLUSION", "unknown")


def align(text):
    """Aligns the '=' of consecutive one-line attributes as `terraform fmt` does: a heredoc's body does not end the
    group, a line that opens a bracket, a block, a comment or a blank line does."""
    lines = text.split("\n")
    attribute = re.compile(r'^(\s*)([A-Za-z_][\w-]*|"[^"]*")\s*=\s*(.*)$')
    groups, group, heredoc_end = [], [], None
    for number, line in enumerate(lines):
        if heredoc_end is not None:
            if line.strip() == heredoc_end:
                heredoc_end = None
            continue
        match = attribute.match(line)
        opens = sum(line.count(c) for c in "([{") - sum(line.count(c) for c in ")]}")
        if not match or opens > 0:
            groups.append(group)
            group = []
            continue
        indent, key, value = match.groups()
        if group and attribute.match(lines[group[0]]).group(1) != indent:
            groups.append(group)
            group = []
        group.append(number)
        heredoc = re.search(r"<<-?([A-Z]+)$", value)
        if heredoc:
            heredoc_end = heredoc.group(1)
    groups.append(group)
    for group in groups:
        parts = [attribute.match(lines[number]).groups() for number in group]
        width = max((len(key) for _, key, _ in parts), default=0)
        for number, (indent, key, value) in zip(group, parts):
            lines[number] = f"{indent}{key.ljust(width)} = {value}"
    return "\n".join(lines)


def hcl_string(value):
    return json.dumps(value)


def hcl_value(value, indent=0):
    """A Python value as HCL (lists of scalars on one line, maps one key a line)."""
    pad = "  " * indent
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return hcl_string(value)
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(hcl_value(v) for v in value) + "]"
        return "[\n" + "".join(f"{pad}  {hcl_value(v, indent + 1)},\n" for v in value) + f"{pad}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        body = "".join(f"{pad}  {hcl_key(k)} = {hcl_value(v, indent + 1)}\n" for k, v in value.items())
        return "{\n" + body + f"{pad}}}"
    raise TypeError(value)


def hcl_key(key):
    return key if re.fullmatch(r"[A-Za-z_][\w-]*", key) else hcl_string(key)


# ---------------------------------------------------------------------------------------------------------------
# Shared modules. Written once; their variables' defaults are part of the ground truth below.

MODULES = {}

MODULES["ecr-repository"] = {
    "main.tf": '''
# One ECR repository with its lifecycle and repository policies (the shape of terraform-aws-modules/ecr).

locals {
  create_policy = var.create && length(var.pull_principal_arns) > 0
}

resource "aws_ecr_repository" "this" {
  count = var.create ? 1 : 0

  name                 = var.name
  image_tag_mutability = var.image_tag_mutability
  force_delete         = var.force_delete

  dynamic "image_tag_mutability_exclusion_filter" {
    for_each = var.image_tag_mutability_exclusion_filters
    content {
      filter      = image_tag_mutability_exclusion_filter.value.filter
      filter_type = image_tag_mutability_exclusion_filter.value.filter_type
    }
  }

  image_scanning_configuration {
    scan_on_push = var.scan_on_push
  }

  encryption_configuration {
    encryption_type = var.kms_key_arn == null ? "AES256" : "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ecr_lifecycle_policy" "this" {
  count = var.create ? 1 : 0

  repository = aws_ecr_repository.this[0].name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images after ${var.untagged_image_days} days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.untagged_image_days
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the last ${var.keep_last_images} release images"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["v", "release-"]
          countType     = "imageCountMoreThan"
          countNumber   = var.keep_last_images
        }
        action = { type = "expire" }
      },
    ]
  })
}

data "aws_iam_policy_document" "pull" {
  count = local.create_policy ? 1 : 0

  statement {
    sid    = "CrossAccountPull"
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = var.pull_principal_arns
    }
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
  }
}

resource "aws_ecr_repository_policy" "this" {
  count = local.create_policy ? 1 : 0

  repository = aws_ecr_repository.this[0].name
  policy     = data.aws_iam_policy_document.pull[0].json
}
''',
    "variables.tf": '''
variable "create" {
  description = "Whether to create the repository"
  type        = bool
  default     = true
}

variable "name" {
  description = "Name of the repository"
  type        = string
}

variable "image_tag_mutability" {
  description = "IMMUTABLE, MUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION"
  type        = string
  default     = "IMMUTABLE"
}

variable "image_tag_mutability_exclusion_filters" {
  description = "Tag filters excluded from the mutability setting"
  type = list(object({
    filter      = string
    filter_type = string
  }))
  default = []
}

variable "scan_on_push" {
  description = "Scan images when they are pushed"
  type        = bool
  default     = true
}

variable "force_delete" {
  description = "Delete the repository even if it contains images"
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "KMS key for encryption at rest; AES256 when null"
  type        = string
  default     = null
}

variable "untagged_image_days" {
  type    = number
  default = 14
}

variable "keep_last_images" {
  type    = number
  default = 30
}

variable "pull_principal_arns" {
  description = "Principals (other accounts) allowed to pull"
  type        = list(string)
  default     = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "repository_name" {
  value = try(aws_ecr_repository.this[0].name, null)
}

output "repository_arn" {
  value = try(aws_ecr_repository.this[0].arn, null)
}

output "repository_url" {
  description = "URL of the repository (registry/name)"
  value       = try(aws_ecr_repository.this[0].repository_url, null)
}
''',
}

MODULES["ecr-registry"] = {
    "main.tf": '''
/*
 * A team's repositories: one ecr-repository module per entry of var.repositories, with the team's defaults for
 * what an entry does not say.
 */

locals {
  enabled_repositories = { for name, config in var.repositories : name => config if lookup(config, "enabled", true) }
}

module "repository" {
  source   = "../ecr-repository"
  for_each = local.enabled_repositories

  name                 = "${var.name_prefix}/${each.key}"
  image_tag_mutability = lookup(each.value, "image_tag_mutability", var.default_image_tag_mutability)
  image_tag_mutability_exclusion_filters = [
    for tag in lookup(each.value, "mutable_tags", []) : { filter = tag, filter_type = "WILDCARD" }
  ]
  scan_on_push        = lookup(each.value, "scan_on_push", var.default_scan_on_push)
  force_delete        = lookup(each.value, "force_delete", false)
  keep_last_images    = lookup(each.value, "keep_last_images", 30)
  pull_principal_arns = var.pull_principal_arns
  tags                = merge(var.tags, { Repository = each.key })
}
''',
    "variables.tf": '''
variable "name_prefix" {
  description = "Prefix of every repository name (team/environment)"
  type        = string
}

variable "repositories" {
  description = "Repositories by name: image_tag_mutability, mutable_tags, scan_on_push, force_delete, enabled"
  type        = any
  default     = {}
}

variable "default_image_tag_mutability" {
  type    = string
  default = "IMMUTABLE"
}

variable "default_scan_on_push" {
  type    = bool
  default = true
}

variable "pull_principal_arns" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "repository_urls" {
  description = "Repository URL by name"
  value       = { for name, repository in module.repository : name => repository.repository_url }
}

output "repository_arns" {
  value = [for repository in module.repository : repository.repository_arn]
}
''',
}

MODULES["iam-role"] = {
    "main.tf": '''
resource "aws_iam_role" "this" {
  name                 = var.name
  path                 = var.path
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = var.service_principals }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "inline" {
  count = length(var.resource_arns) > 0 ? 1 : 0

  name   = "${var.name}-access"
  role   = aws_iam_role.this.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadWriteOwnResources",
          "Effect": "Allow",
          "Action": ${jsonencode(var.actions)},
          "Resource": [
    %{for index, arn in var.resource_arns~}
            "${arn}"%{if index < length(var.resource_arns) - 1},%{endif}
    %{endfor~}
          ]
        }
      ]
    }
  EOT
}

resource "aws_iam_role_policy_attachment" "managed" {
  for_each = toset(var.managed_policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = each.value
}
''',
    "variables.tf": '''
variable "name" {
  type = string
}

variable "path" {
  type    = string
  default = "/service/"
}

variable "service_principals" {
  type    = list(string)
  default = ["ecs-tasks.amazonaws.com"]
}

variable "actions" {
  type    = list(string)
  default = ["s3:GetObject", "s3:PutObject", "ssm:GetParameter", "ssm:GetParametersByPath"]
}

variable "resource_arns" {
  type    = list(string)
  default = []
}

variable "managed_policy_arns" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "arn" {
  value = aws_iam_role.this.arn
}

output "name" {
  value = aws_iam_role.this.name
}
''',
}

MODULES["security-group"] = {
    "main.tf": '''
resource "aws_security_group" "this" {
  name_prefix = "${var.name}-"
  description = "Managed by Terraform: ${var.name}"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      description = ingress.value.description
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidr_blocks
    }
  }

  egress {
    description = "All outbound"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  lifecycle {
    create_before_destroy = true
  }

  tags = merge(var.tags, { Name = var.name })
}
''',
    "variables.tf": '''
variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "ingress_rules" {
  type = list(object({
    description = string
    port        = number
    cidr_blocks = list(string)
  }))
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "id" {
  value = aws_security_group.this.id
}
''',
}

MODULES["s3-bucket"] = {
    "main.tf": '''
resource "aws_s3_bucket" "this" {
  bucket        = var.bucket
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = length(var.expiration_rules) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = var.expiration_rules
    content {
      id     = rule.key
      status = "Enabled"
      filter {
        prefix = rule.value.prefix
      }
      expiration {
        days = rule.value.days
      }
    }
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  bucket = aws_s3_bucket.this.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": [
            "${aws_s3_bucket.this.arn}",
            "${aws_s3_bucket.this.arn}/*"
          ],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  POLICY
}
''',
    "variables.tf": '''
variable "bucket" {
  type = string
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "versioning" {
  type    = bool
  default = true
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "expiration_rules" {
  description = "Expiration by rule id: prefix and days"
  type = map(object({
    prefix = string
    days   = number
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "arn" {
  value = aws_s3_bucket.this.arn
}

output "id" {
  value = aws_s3_bucket.this.id
}
''',
}

MODULES["ssm-parameters"] = {
    "main.tf": '''
resource "aws_ssm_parameter" "this" {
  for_each = var.parameters

  name        = "/${var.prefix}/${each.key}"
  description = "Managed by Terraform (${var.prefix})"
  type        = lookup(each.value, "secure", false) ? "SecureString" : "String"
  value       = each.value.value
  tier        = length(each.value.value) > 4096 ? "Advanced" : "Standard"
  tags        = var.tags
}
''',
    "variables.tf": '''
variable "prefix" {
  type = string
}

variable "parameters" {
  description = "Parameters by name: value and secure"
  type        = any
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "arns" {
  value = { for name, parameter in aws_ssm_parameter.this : name => parameter.arn }
}
''',
}

MODULES["ecs-service"] = {
    "main.tf": '''
module "task_role" {
  source = "../iam-role"

  name          = "${var.name}-task"
  resource_arns = var.task_resource_arns
  tags          = var.tags
}

module "execution_role" {
  source = "../iam-role"

  name                = "${var.name}-execution"
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
  tags                = var.tags
}

module "security_group" {
  source = "../security-group"

  name   = var.name
  vpc_id = var.vpc_id
  ingress_rules = [
    { description = "Service port", port = var.container_port, cidr_blocks = var.allowed_cidr_blocks },
  ]
  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  task_role_arn            = module.task_role.arn
  execution_role_arn       = module.execution_role.arn

  container_definitions = jsonencode([
    {
      name      = var.name
      image     = var.image
      essential = true
      portMappings = [
        { containerPort = var.container_port, protocol = "tcp" },
      ]
      environment = [for key, value in var.environment : { name = key, value = value }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.this.name
          awslogs-region        = var.region
          awslogs-stream-prefix = var.name
        }
      }
    },
  ])

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = var.cluster_arn
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = var.subnet_ids
    security_groups = [module.security_group.id]
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = var.tags
}
''',
    "variables.tf": '''
variable "name" {
  type = string
}

variable "image" {
  description = "Image reference (repository URL and tag)"
  type        = string
}

variable "region" {
  type = string
}

variable "cluster_arn" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "allowed_cidr_blocks" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "container_port" {
  type    = number
  default = 8080
}

variable "cpu" {
  type    = number
  default = 512
}

variable "memory" {
  type    = number
  default = 1024
}

variable "desired_count" {
  type    = number
  default = 2
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "environment" {
  type    = map(string)
  default = {}
}

variable "task_resource_arns" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}
''',
}

MODULES["lambda-image"] = {
    "main.tf": '''
module "role" {
  source = "../iam-role"

  name                = "${var.function_name}-lambda"
  service_principals  = ["lambda.amazonaws.com"]
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
  tags                = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  role          = module.role.arn
  package_type  = "Image"
  image_uri     = var.image_uri
  memory_size   = var.memory_size
  timeout       = var.timeout
  architectures = ["arm64"]

  environment {
    variables = var.environment
  }

  tracing_config {
    mode = "Active"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = 14
}
''',
    "variables.tf": '''
variable "function_name" {
  type = string
}

variable "image_uri" {
  type = string
}

variable "memory_size" {
  type    = number
  default = 512
}

variable "timeout" {
  type    = number
  default = 30
}

variable "environment" {
  type    = map(string)
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "function_arn" {
  value = aws_lambda_function.this.arn
}
''',
}

MODULES["service-stack"] = {
    "main.tf": '''
# A service with its own repositories, artifact bucket and configuration: registry -> repository (two more levels).

module "registry" {
  source = "../ecr-registry"

  name_prefix                  = "${var.team}/${var.name}"
  repositories                 = var.repositories
  default_image_tag_mutability = var.default_image_tag_mutability
  default_scan_on_push         = var.scan_on_push
  tags                         = local.tags
}

module "service" {
  source = "../ecs-service"

  name          = "${var.team}-${var.name}-${var.environment}"
  image         = "${module.registry.repository_urls[var.primary_repository]}:${var.image_tag}"
  region        = var.region
  cluster_arn   = var.cluster_arn
  vpc_id        = var.vpc_id
  subnet_ids    = var.subnet_ids
  desired_count = var.environment == "prod" ? 3 : 1
  environment = {
    ENVIRONMENT = var.environment
    SERVICE     = var.name
    BUCKET      = module.artifacts.id
  }
  task_resource_arns = [module.artifacts.arn, "${module.artifacts.arn}/*"]
  tags               = local.tags
}

module "artifacts" {
  source = "../s3-bucket"

  bucket = "${var.team}-${var.name}-${var.environment}-artifacts"
  expiration_rules = {
    tmp = { prefix = "tmp/", days = 7 }
  }
  tags = local.tags
}

module "config" {
  source = "../ssm-parameters"

  prefix = "${var.team}/${var.name}/${var.environment}"
  parameters = {
    image_tag = { value = var.image_tag }
    log_level = { value = var.environment == "prod" ? "info" : "debug" }
  }
  tags = local.tags
}

locals {
  tags = merge(var.tags, {
    Service     = var.name
    Environment = var.environment
  })
}
''',
    "variables.tf": '''
variable "team" {
  type = string
}

variable "name" {
  type = string
}

variable "environment" {
  type = string
}

variable "region" {
  type = string
}

variable "repositories" {
  type = any
}

variable "primary_repository" {
  type = string
}

variable "default_image_tag_mutability" {
  type    = string
  default = "IMMUTABLE"
}

variable "scan_on_push" {
  type    = bool
  default = true
}

variable "image_tag" {
  type = string
}

variable "cluster_arn" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}
''',
    "outputs.tf": '''
output "repository_urls" {
  value = module.registry.repository_urls
}

output "service_name" {
  value = module.service.service_name
}
''',
}

MODULE_VERSIONS_TF = '''
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.8"
    }
  }
}
'''


def platform_module(team, rng):
    """A team's platform module: its repositories (fixed here) through ../ecr-registry, plus a bucket. Returns the
    files and the repositories as (key, configuration) for the ground truth."""
    repositories = {}
    for service in rng.sample(SERVICES, rng.randint(2, 4)):
        config = {}
        roll = rng.random()
        if roll < 0.15:
            config["image_tag_mutability"] = "MUTABLE"
        elif roll < 0.3:
            config["image_tag_mutability"] = WITH_EXCLUSION
            config["mutable_tags"] = ["latest", "dev-*"]
        if rng.random() < 0.2:
            config["scan_on_push"] = False
        repositories[service] = config
    main = f'''
// Platform of the {team} team: repositories shared by all its environments.

module "registry" {{
  source = "../ecr-registry"

  name_prefix                  = "{team}/${{var.environment}}"
  default_image_tag_mutability = var.image_tag_mutability
  repositories = {hcl_value(repositories, 1)}
  tags = var.tags
}}

module "build_cache" {{
  source = "../s3-bucket"

  bucket        = "{team}-${{var.environment}}-build-cache"
  force_destroy = var.environment != "prod"
  expiration_rules = {{
    cache = {{ prefix = "cache/", days = 30 }}
  }}
  tags = var.tags
}}
'''
    variables = '''
variable "environment" {
  type = string
}

variable "image_tag_mutability" {
  description = "Mutability of the repositories that do not set their own"
  type        = string
  default     = "IMMUTABLE"
}

variable "tags" {
  type    = map(string)
  default = {}
}
'''
    outputs = '''
output "repository_urls" {
  value = module.registry.repository_urls
}
'''
    return {"main.tf": main, "variables.tf": variables, "outputs.tf": outputs}, repositories


class Root:
    """One root module being written, with the values Terraform would give its variables."""

    def __init__(self, team, env, rng, auto_files):
        self.team, self.env, self.rng = team, env, rng
        self.path = f"envs/{team}/{env}"
        self.variables = {}  # name -> (type, default or MISSING, description)
        self.tfvars = {}
        self.auto = [dict() for _ in range(auto_files)]
        self.auto_names = sorted(rng.sample(["ci", "overrides", "10-team", "20-env", "zz-local", "region"],
                                            auto_files))
        self.locals = {}
        self.main, self.data, self.iam, self.outputs = [], [], [], []
        self.repositories = []  # (address, mutability class, scan on push class)
        self.workloads = []  # (address, image tags)
        self.module_calls = 0
        self.filters = {}  # exclusion filters of the root's own repositories, by key

    MISSING = object()

    def variable(self, name, type_, default=MISSING, description=None):
        self.variables[name] = (type_, default, description)
        return f"var.{name}"

    def value(self, name):
        """The value Terraform gives var.NAME: the last *.auto.tfvars, else terraform.tfvars, else the default."""
        for layer in reversed(self.auto):
            if name in layer:
                return layer[name]
        if name in self.tfvars:
            return self.tfvars[name]
        default = self.variables[name][1]
        return UNKNOWN if default is Root.MISSING else default

    def set_somewhere(self, name, value):
        """Sets a variable in terraform.tfvars or an *.auto.tfvars file (which wins)."""
        if self.auto and self.rng.random() < 0.5:
            self.rng.choice(self.auto)[name] = value
        else:
            self.tfvars[name] = value

    def add_repository(self, address, mutability, scan, filters=None):
        """FILTERS: the tags left mutable by IMMUTABLE_WITH_EXCLUSION."""
        self.repositories.append((address, mutability, scan, filters))


def mutability_class(value):
    if value is None:
        return ABSENT
    return value if value in (IMMUTABLE, MUTABLE, WITH_EXCLUSION, UNKNOWN) else UNKNOWN


def direct_mutability(root, key):
    """Lines that set the mutability of aws_ecr_repository.KEY in a root, and the value Terraform would give it."""
    rng, v = root.rng, key.replace("-", "_")
    recipe = rng.choices(
        ["literal-immutable", "literal-mutable", "absent", "var", "local-conditional", "lookup", "upper", "coalesce",
         "bool", "exclusion", "unset-var", "ssm"],
        weights=[14, 6, 5, 14, 10, 8, 5, 6, 6, 12, 3, 2])[0]
    if recipe == "literal-immutable":
        return ['image_tag_mutability = "IMMUTABLE"'], IMMUTABLE
    if recipe == "literal-mutable":
        return ['image_tag_mutability = "MUTABLE"'], MUTABLE
    if recipe == "absent":
        return [], None
    if recipe == "var":
        name = f"{v}_image_tag_mutability"
        root.variable(name, "string", rng.choice([IMMUTABLE, IMMUTABLE, MUTABLE]), f"Tag mutability of {key}")
        if rng.random() < 0.6:
            root.set_somewhere(name, rng.choice([IMMUTABLE, MUTABLE]))
        return [f"image_tag_mutability = var.{name}"], root.value(name)
    if recipe == "local-conditional":
        root.variable("environment", "string")
        root.tfvars["environment"] = root.env
        root.locals["is_production"] = 'contains(["prod", "prod-eu", "prod-us", "dr"], var.environment)'
        if rng.random() < 0.5:
            root.locals[f"{v}_tag_mutability"] = 'local.is_production ? "IMMUTABLE" : "MUTABLE"'
            value = IMMUTABLE if root.env in PROD_ENVS else MUTABLE
        else:
            root.locals[f"{v}_tag_mutability"] = (
                'local.is_production || var.environment == "staging" ? "IMMUTABLE" : "MUTABLE"')
            value = IMMUTABLE if root.env in PROD_ENVS + ("staging",) else MUTABLE
        return [f"image_tag_mutability = local.{v}_tag_mutability"], value
    if recipe == "lookup":
        root.variable("environment", "string")
        root.tfvars["environment"] = root.env
        mapping = {"dev": "MUTABLE", "sandbox": "MUTABLE", "qa": "MUTABLE"}
        root.variable("tag_mutability_by_environment", "map(string)", mapping)
        return ['image_tag_mutability = lookup(var.tag_mutability_by_environment, var.environment, "IMMUTABLE")'], (
            mapping.get(root.env, IMMUTABLE))
    if recipe == "upper":
        name = f"{v}_tag_mode"
        root.variable(name, "string", "immutable")
        if rng.random() < 0.5:
            root.set_somewhere(name, rng.choice(["immutable", "mutable"]))
        return [f"image_tag_mutability = upper(var.{name})"], root.value(name).upper()
    if recipe == "coalesce":
        name = f"{v}_tag_mutability_override"
        root.variable(name, "string", None, "Set to override the team default")
        root.locals["default_tag_mutability"] = '"IMMUTABLE"'
        if rng.random() < 0.4:
            root.set_somewhere(name, MUTABLE)
        override = root.value(name)
        return [f"image_tag_mutability = coalesce(var.{name}, local.default_tag_mutability)"], (
            override if override is not None else IMMUTABLE)
    if recipe == "bool":
        name = f"{v}_immutable_tags"
        root.variable(name, "bool", True)
        if rng.random() < 0.5:
            root.set_somewhere(name, rng.random() < 0.6)
        return [f'image_tag_mutability = var.{name} ? "IMMUTABLE" : "MUTABLE"'], (
            IMMUTABLE if root.value(name) else MUTABLE)
    if recipe == "exclusion":
        name = f"{v}_mutable_tags"
        root.variable(name, "list(string)", ["latest"], "Tags that may be pushed again")
        if rng.random() < 0.5:
            root.set_somewhere(name, rng.choice([["latest", "dev-*"], ["latest", "pr-*", "nightly"], ["snapshot-*"]]))
        root.filters[key] = root.value(name)
        return ['image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"', "",
                'dynamic "image_tag_mutability_exclusion_filter" {',
                f"  for_each = var.{name}",
                "  content {",
                "    filter      = image_tag_mutability_exclusion_filter.value",
                '    filter_type = "WILDCARD"',
                "  }",
                "}"], WITH_EXCLUSION
    if recipe == "unset-var":
        name = f"{v}_image_tag_mutability"
        root.variable(name, "string", description="Set by the deploy pipeline (TF_VAR_...)")
        return [f"image_tag_mutability = var.{name}"], UNKNOWN
    root.data.append(f'''data "aws_ssm_parameter" "{v}_tag_mutability" {{
  name = "/platform/ecr/{root.team}/tag-mutability"
}}''')
    return [f"image_tag_mutability = data.aws_ssm_parameter.{v}_tag_mutability.value"], UNKNOWN


def scan_lines(root, key):
    roll = root.rng.random()
    if roll < 0.6:
        return ["image_scanning_configuration {", "  scan_on_push = true", "}"], True
    if roll < 0.75:
        return ["image_scanning_configuration {", "  scan_on_push = false", "}"], False
    if roll < 0.9:
        name = f"{key.replace('-', '_')}_scan_on_push"
        root.variable(name, "bool", True)
        if root.rng.random() < 0.3:
            root.set_somewhere(name, False)
        return ["image_scanning_configuration {", f"  scan_on_push = var.{name}", "}"], root.value(name)
    return [], None


def block(header, lines, indent=""):
    body = "".join((f"{indent}  {line}" if line else "") + "\n" for line in lines)
    return f"{indent}{header} {{\n{body}{indent}}}"


def image_tag(root):
    """The tag a root deploys: `latest` in some development environments, a release or a commit elsewhere."""
    if root.env in ("dev", "sandbox") and root.rng.random() < 0.4:
        return "latest"
    return root.rng.choice([f"v{root.rng.randint(1, 4)}.{root.rng.randint(0, 30)}.{root.rng.randint(0, 9)}",
                            "%07x" % root.rng.getrandbits(28)])


def workload_direct(root, repo_keys):
    """An ECS task definition in the root pulling the root's own repositories."""
    containers = []
    tags = []
    for key in repo_keys[:2]:
        v = key.replace("-", "_")
        name = f"{v}_image_tag"
        root.variable(name, "string", "latest" if root.rng.random() < 0.2 else "v1.0.0")
        if root.rng.random() < 0.8:
            root.set_somewhere(name, image_tag(root))
        tag = root.value(name)
        tags.append(tag)
        containers.append(f'''    {{
      name      = "{key}"
      image     = "${{aws_ecr_repository.{v}.repository_url}}:${{var.{name}}}"
      essential = {"true" if not containers else "false"}
      cpu       = 256
      memory    = 512
      portMappings = [
        {{ containerPort = {8080 + len(containers)}, hostPort = {8080 + len(containers)}, protocol = "tcp" }},
      ]
      environment = [
        {{ name = "ENVIRONMENT", value = "{root.env}" }},
        {{ name = "LOG_LEVEL", value = "{"debug" if root.env not in PROD_ENVS else "info"}" }},
      ]
      healthCheck = {{
        command  = ["CMD-SHELL", "curl -fsS http://localhost:{8080 + len(containers)}/health || exit 1"]
        interval = 30
        retries  = 3
      }}
      logConfiguration = {{
        logDriver = "awslogs"
        options = {{
          awslogs-group         = aws_cloudwatch_log_group.app.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "{key}"
        }}
      }}
    }},''')
    root.main.append(f'''resource "aws_cloudwatch_log_group" "app" {{
  name              = "/ecs/{root.team}-{root.env}"
  retention_in_days = {root.rng.choice([7, 14, 30, 90, 365])}
}}''')
    root.main.append(f'''resource "aws_ecs_task_definition" "app" {{
  family                   = "{root.team}-{root.env}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
{chr(10).join(containers)}
  ])
}}''')
    root.iam.append(f'''resource "aws_iam_role" "execution" {{
  name = "{root.team}-{root.env}-execution"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = {{ Service = "ecs-tasks.amazonaws.com" }}
    }}]
  }})
}}

resource "aws_iam_role_policy_attachment" "execution" {{
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}}''')
    root.workloads.append(("aws_ecs_task_definition.app", tags))


def kind_direct(root):
    """Repositories declared in the root itself, one recipe each, and a for_each set of application repositories."""
    keys = root.rng.sample(SERVICES, root.rng.randint(1, 3))
    for key in keys:
        v = key.replace("-", "_")
        mutability_lines, value = direct_mutability(root, key)
        scan, scan_value = scan_lines(root, key)
        lines = [f'name = "{root.team}/{root.env}/{key}"'] + mutability_lines
        if root.rng.random() < 0.2:
            lines.append("force_delete = true")
        if scan:
            lines += [""] + scan
        lines += ["", "encryption_configuration {", '  encryption_type = "KMS"', "}", "",
                  f'tags = merge(local.common_tags, {{ Service = "{key}" }})']
        root.main.append(block(f'resource "aws_ecr_repository" "{v}"', lines))
        root.add_repository(f"aws_ecr_repository.{v}", mutability_class(value), scan_value, root.filters.get(key))
    if root.rng.random() < 0.35:
        apps = root.rng.sample([s for s in SERVICES if s not in keys], root.rng.randint(2, 4))
        root.variable("applications", "list(string)", apps)
        legacy = root.rng.choice(apps)
        root.main.append(f'''resource "aws_ecr_repository" "applications" {{
  for_each = toset(var.applications)

  name = "{root.team}/${{each.key}}"
  # {legacy} still redeploys by overwriting its tag; everything else is immutable.
  image_tag_mutability = each.key == "{legacy}" ? "MUTABLE" : "IMMUTABLE"

  image_scanning_configuration {{
    scan_on_push = true
  }}
}}''')
        for app in apps:
            root.add_repository(f'aws_ecr_repository.applications["{app}"]', MUTABLE if app == legacy else IMMUTABLE,
                                True)
    workload_direct(root, keys)


def registry_config(root, count):
    """Entries of a repositories map as a team writes it in terraform.tfvars, and what each becomes."""
    config, truth = {}, {}
    default = root.value("default_image_tag_mutability")
    for service in root.rng.sample(SERVICES, count):
        entry, roll = {}, root.rng.random()
        if roll < 0.12:
            entry["image_tag_mutability"] = "MUTABLE"
        elif roll < 0.24:
            entry["image_tag_mutability"] = WITH_EXCLUSION
            entry["mutable_tags"] = root.rng.choice([["latest"], ["latest", "dev-*"], ["pr-*"]])
        elif roll < 0.30:
            entry["image_tag_mutability"] = "IMMUTABLE"
        elif roll < 0.33:
            entry["image_tag_mutability"] = None  # a nullable module variable given null: the provider default
        if root.rng.random() < 0.15:
            entry["scan_on_push"] = False
        if root.rng.random() < 0.06:
            entry["enabled"] = False
        config[service] = entry
        if entry.get("enabled", True):
            truth[service] = (mutability_class(entry.get("image_tag_mutability", default)),
                              entry.get("scan_on_push", root.value("scan_on_push")), entry.get("mutable_tags"))
    return config, truth


def registry_variables(root):
    root.variable("default_image_tag_mutability", "string", "IMMUTABLE")
    if root.env in ("dev", "sandbox") and root.rng.random() < 0.5:
        root.set_somewhere("default_image_tag_mutability", "MUTABLE")
    root.variable("scan_on_push", "bool", True)
    if root.rng.random() < 0.1:
        root.set_somewhere("scan_on_push", False)
    root.variable("repositories", "any", {})


def kind_registry(root):
    """The team's repositories through modules/ecr-registry (two levels), and a service using one of them."""
    registry_variables(root)
    config, truth = registry_config(root, root.rng.randint(2, 6))
    root.tfvars["repositories"] = config
    root.module_calls += 1
    root.main.append(f'''module "registry" {{
  source = "{MODULES_UP}/ecr-registry"

  name_prefix                  = "{root.team}/{root.env}"
  repositories                 = var.repositories
  default_image_tag_mutability = var.default_image_tag_mutability
  default_scan_on_push         = var.scan_on_push
  pull_principal_arns          = var.pull_account_arns
  tags                         = local.common_tags
}}''')
    root.variable("pull_account_arns", "list(string)", [])
    for service, (mutability, scan, filters) in truth.items():
        root.add_repository(f'module.registry.module.repository["{service}"].aws_ecr_repository.this[0]',
                            mutability, scan, filters)
    if truth:
        service = sorted(truth)[0]
        root.variable("image_tag", "string")
        tag = image_tag(root)
        root.tfvars["image_tag"] = tag
        root.module_calls += 1
        root.main.append(f'''module "{service.replace("-", "_")}_service" {{
  source = "{MODULES_UP}/ecs-service"

  name        = "{root.team}-{service}-{root.env}"
  image       = "${{module.registry.repository_urls["{service}"]}}:${{var.image_tag}}"
  region      = var.region
  cluster_arn = data.aws_ecs_cluster.main.arn
  vpc_id      = data.aws_vpc.main.id
  subnet_ids  = data.aws_subnets.private.ids
  environment = {{
    TEAM = "{root.team}"
  }}
  tags = local.common_tags
}}''')
        root.workloads.append((f"module.{service.replace('-', '_')}_service.aws_ecs_task_definition.this", [tag]))
        network_data(root)


def network_data(root):
    if any("aws_ecs_cluster" in d for d in root.data):
        return
    root.data.append(f'''data "aws_ecs_cluster" "main" {{
  cluster_name = "{root.env}-shared"
}}

data "aws_vpc" "main" {{
  tags = {{
    Environment = "{root.env}"
  }}
}}

data "aws_subnets" "private" {{
  filter {{
    name   = "vpc-id"
    values = [data.aws_vpc.main.id]
  }}
  tags = {{
    Tier = "private"
  }}
}}''')


def kind_stack(root):
    """Services through modules/service-stack: root -> service-stack -> ecr-registry -> ecr-repository."""
    registry_variables(root)
    config, truth = registry_config(root, root.rng.randint(1, 3))
    root.tfvars["repositories"] = config
    primary = sorted(truth)[0] if truth else None
    if primary is None:  # every entry disabled: the stack needs one repository to deploy from
        primary = next(iter(config))
        config[primary].pop("enabled")
        truth[primary] = (mutability_class(config[primary].get("image_tag_mutability",
                                                               root.value("default_image_tag_mutability"))),
                          config[primary].get("scan_on_push", root.value("scan_on_push")),
                          config[primary].get("mutable_tags"))
    root.variable("image_tag", "string")
    tag = image_tag(root)
    root.tfvars["image_tag"] = tag
    if root.rng.random() < 0.5:
        root.variable("stacks", "list(string)", ["blue"])
        instances = root.rng.choice([["blue"], ["blue", "green"], ["a", "b", "c"]])
        root.set_somewhere("stacks", instances)
        instances = root.value("stacks")
        meta, addresses = "for_each = toset(var.stacks)", [f'module.stack["{i}"]' for i in instances]
        name = "each.key"
    else:
        root.variable("enabled", "bool", True)
        enabled = root.rng.random() < 0.9
        if not enabled:
            root.tfvars["enabled"] = False
        meta, addresses = "count = var.enabled ? 1 : 0", (["module.stack[0]"] if enabled else [])
        name = f'"{root.rng.choice(SERVICES)}"'
    root.module_calls += 1
    root.main.append(f'''module "stack" {{
  source = "{MODULES_UP}/service-stack"
  {meta}

  team                         = "{root.team}"
  name                         = {name}
  environment                  = var.environment
  region                       = var.region
  repositories                 = var.repositories
  primary_repository           = "{primary}"
  default_image_tag_mutability = var.default_image_tag_mutability
  scan_on_push                 = var.scan_on_push
  image_tag                    = var.image_tag
  cluster_arn                  = data.aws_ecs_cluster.main.arn
  vpc_id                       = data.aws_vpc.main.id
  subnet_ids                   = data.aws_subnets.private.ids
  tags                         = local.common_tags
}}''')
    root.variable("environment", "string")
    root.tfvars["environment"] = root.env
    network_data(root)
    for address in addresses:
        for service, (mutability, scan, filters) in truth.items():
            root.add_repository(
                f'{address}.module.registry.module.repository["{service}"].aws_ecr_repository.this[0]',
                mutability, scan, filters)
        root.workloads.append((f"{address}.module.service.aws_ecs_task_definition.this", [tag]))


def kind_platform(root, platform_repositories):
    root.variable("platform_image_tag_mutability", "string", "IMMUTABLE")
    if root.env in ("dev", "sandbox", "qa") and root.rng.random() < 0.5:
        root.set_somewhere("platform_image_tag_mutability", "MUTABLE")
    default = root.value("platform_image_tag_mutability")
    root.module_calls += 1
    root.main.append(f'''module "platform" {{
  source = "{MODULES_UP}/platform-{root.team}"

  environment          = "{root.env}"
  image_tag_mutability = var.platform_image_tag_mutability
  tags                 = local.common_tags
}}''')
    for service, config in platform_repositories.items():
        root.add_repository(f'module.platform.module.registry.module.repository["{service}"].aws_ecr_repository.this[0]',
                            mutability_class(config.get("image_tag_mutability", default)),
                            config.get("scan_on_push", True), config.get("mutable_tags"))


def kind_mirrors(root):
    """Pull-through style mirrors: modules/ecr-repository with count over a list."""
    mirrors = root.rng.sample(["nginx", "redis", "postgres", "busybox", "alpine", "python", "node", "golang",
                               "envoy", "otel-collector", "fluent-bit", "datadog-agent"], root.rng.randint(2, 5))
    root.variable("mirrors", "list(string)", mirrors, "Upstream images mirrored for this environment")
    root.variable("mirror_tag_mutability", "string", "MUTABLE", "Mirrors follow upstream tags")
    if root.rng.random() < 0.4:
        root.set_somewhere("mirror_tag_mutability", "IMMUTABLE")
    mutability = root.value("mirror_tag_mutability")
    root.module_calls += 1
    root.main.append(f'''module "mirror" {{
  source = "{MODULES_UP}/ecr-repository"
  count  = length(var.mirrors)

  name                 = "mirror/${{var.mirrors[count.index]}}"
  image_tag_mutability = var.mirror_tag_mutability
  scan_on_push         = false
  untagged_image_days  = 3
  tags                 = local.common_tags
}}''')
    for index in range(len(mirrors)):
        root.add_repository(f"module.mirror[{index}].aws_ecr_repository.this[0]", mutability_class(mutability),
                            False)


def kind_lambda(root):
    """A function deployed from its own repository."""
    mutability_lines, value = direct_mutability(root, "function")
    scan, scan_value = scan_lines(root, "function")
    lines = [f'name = "{root.team}/{root.env}/function"'] + mutability_lines
    if scan:
        lines += [""] + scan
    root.main.append(block('resource "aws_ecr_repository" "function"', lines))
    root.add_repository("aws_ecr_repository.function", mutability_class(value), scan_value,
                        root.filters.get("function"))
    root.variable("function_image_tag", "string", "latest")
    tag = image_tag(root)
    if tag != "latest" or root.rng.random() < 0.5:
        root.tfvars["function_image_tag"] = tag
    tag = root.value("function_image_tag")
    root.module_calls += 1
    root.main.append(f'''module "function" {{
  source = "{MODULES_UP}/lambda-image"

  function_name = "{root.team}-{root.env}-handler"
  image_uri     = "${{aws_ecr_repository.function.repository_url}}:${{var.function_image_tag}}"
  memory_size   = {root.rng.choice([256, 512, 1024, 2048])}
  environment = {{
    ENVIRONMENT = "{root.env}"
    TABLE_NAME  = "{root.team}-{root.env}"
  }}
  tags = local.common_tags
}}''')
    root.workloads.append(("module.function.aws_lambda_function.this", [tag]))


def filler(root, files):
    """The rest of a root module: buckets, queues, parameters, a security group, IAM policies, alarms, DNS."""
    rng, team, env = root.rng, root.team, root.env
    if rng.random() < 0.5:
        root.module_calls += 1
        root.main.append(f'''module "data_bucket" {{
  source = "{MODULES_UP}/s3-bucket"

  bucket     = "{team}-{env}-data-${{var.region}}"
  versioning = {"true" if env in PROD_ENVS else "false"}
  expiration_rules = {{
    exports = {{ prefix = "exports/", days = {rng.choice([30, 90, 180])} }}
    tmp     = {{ prefix = "tmp/", days = 1 }}
  }}
  tags = local.common_tags
}}''')
        bucket_arn = "module.data_bucket.arn"
    else:
        root.main.append(f'''resource "aws_s3_bucket" "data" {{
  bucket = "{team}-{env}-data-${{var.region}}"
  tags   = local.common_tags
}}

resource "aws_s3_bucket_public_access_block" "data" {{
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {{
  bucket = aws_s3_bucket.data.id

  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}''')
        bucket_arn = "aws_s3_bucket.data.arn"
    root.main.append(f'''resource "aws_sqs_queue" "events_dlq" {{
  name                      = "{team}-{env}-events-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}}

resource "aws_sqs_queue" "events" {{
  name                       = "{team}-{env}-events"
  visibility_timeout_seconds = {rng.choice([30, 60, 300])}
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({{
    deadLetterTargetArn = aws_sqs_queue.events_dlq.arn
    maxReceiveCount     = {rng.choice([3, 5, 10])}
  }})
  tags = local.common_tags
}}''')
    parameters = {k: f"{team}-{env}-{k}" for k in rng.sample(
        ["queue_url", "bucket_name", "feature_flags", "log_level", "upstream_url", "tenant", "owner", "dashboard"],
        rng.randint(2, 5))}
    root.locals["parameters"] = hcl_value(parameters, 1)
    root.main.append('''resource "aws_ssm_parameter" "config" {
  for_each = local.parameters

  name  = "/${var.team}/${var.environment_name}/${each.key}"
  type  = "String"
  value = each.value
  tags  = local.common_tags
}''')
    ports = rng.sample([80, 443, 5432, 6379, 8080, 8443, 9090, 9200], rng.randint(1, 3))
    ingress = "\n\n".join(f'''  ingress {{
    description = "port {port}"
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidr_blocks
  }}''' for port in ports)
    root.variable("allowed_cidr_blocks", "list(string)", ["10.0.0.0/8"])
    root.main.append(f'''resource "aws_security_group" "internal" {{
  name        = "{team}-{env}-internal"
  description = "Internal traffic for {team} ({env})"
  vpc_id      = var.vpc_id

{ingress}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}''')
    root.variable("vpc_id", "string", f"vpc-{rng.getrandbits(32):08x}")
    root.iam.append(f'''resource "aws_iam_policy" "data_access" {{
  name        = "{team}-{env}-data-access"
  description = "Read and write the {team} data bucket and queue"
  policy      = <<-EOT
    {{
      "Version": "2012-10-17",
      "Statement": [
        {{
          "Effect": "Allow",
          "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
          "Resource": ["${{{bucket_arn}}}", "${{{bucket_arn}}}/*"]
        }},
        {{
          "Effect": "Allow",
          "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
          "Resource": "${{aws_sqs_queue.events.arn}}"
        }},
        {{
          "Effect": "Allow",
          "Action": "ssm:GetParameter",
          "Resource": [
    %{{for name in keys(local.parameters)~}}
            "arn:aws:ssm:${{var.region}}:${{data.aws_caller_identity.current.account_id}}:parameter/${{var.team}}/${{name}}",
    %{{endfor~}}
            "arn:aws:ssm:${{var.region}}:${{data.aws_caller_identity.current.account_id}}:parameter/${{var.team}}/shared"
          ]
        }}
      ]
    }}
  EOT
}}

data "aws_iam_policy_document" "read_only" {{
  statement {{
    sid       = "ReadOnly"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [{bucket_arn}, "${{{bucket_arn}}}/*"]

    condition {{
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["{team}"]
    }}
  }}
}}

resource "aws_iam_policy" "read_only" {{
  name   = "{team}-{env}-read-only"
  policy = data.aws_iam_policy_document.read_only.json
}}''')
    root.data.append('data "aws_caller_identity" "current" {}')
    if "alarms.tf" in files:
        files["alarms.tf"] = "\n\n".join(f'''resource "aws_cloudwatch_metric_alarm" "{name}" {{
  alarm_name          = "{team}-{env}-{name}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = {rng.choice([1, 2, 3, 5])}
  metric_name         = "{metric}"
  namespace           = "AWS/SQS"
  period              = 300
  statistic           = "Maximum"
  threshold           = {threshold}
  alarm_description   = <<-EOT
    ${{upper("{team}")}}: {description}.
    Runbook: https://runbooks.example.com/{team}/{name}
  EOT
  dimensions = {{
    QueueName = aws_sqs_queue.{queue}.name
  }}
}}''' for name, metric, threshold, queue, description in [
            ("dlq-not-empty", "ApproximateNumberOfMessagesVisible", 0, "events_dlq",
             "messages failed processing and wait in the dead-letter queue"),
            ("events-backlog", "ApproximateAgeOfOldestMessage", rng.choice([300, 600, 900]), "events",
             "the oldest event waits longer than expected"),
        ])
    if "dns.tf" in files:
        files["dns.tf"] = f'''data "aws_route53_zone" "internal" {{
  name         = "{env}.internal.example.com"
  private_zone = true
}}

resource "aws_route53_record" "service" {{
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "{team}.{env}.internal.example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["{team}-{env}.elb.{rng.choice(REGIONS)}.amazonaws.com"]
}}'''


def render_variables(root):
    parts = []
    for name, (type_, default, description) in root.variables.items():
        lines = []
        if description:
            lines.append(f"description = {hcl_string(description)}")
        lines.append(f"type        = {type_}" if description else f"type = {type_}")
        if default is not Root.MISSING:
            lines.append(f"default = {hcl_value(default, 1)}")
        parts.append(block(f'variable "{name}"', lines))
    return "\n\n".join(parts)


def render_tfvars(values):
    return "\n".join(f"{hcl_key(k)} = {hcl_value(v)}" for k, v in values.items())


def build_root(team, env, rng, size, platform_repositories, calls_platform):
    """A root module of exactly SIZE files (5 to 11); CALLS_PLATFORM makes it call its team's platform module."""
    optional = ["providers.tf", "locals.tf", "data.tf", "iam.tf", "alarms.tf", "dns.tf"]
    autos = min(size - 5, rng.choice([0, 0, 0, 1, 1, 2]))
    extra = rng.sample(optional, size - 5 - autos)
    root = Root(team, env, rng, autos)
    files = {name: "" for name in extra}
    root.variable("region", "string", "eu-west-1")
    root.tfvars["region"] = rng.choice(REGIONS)
    root.variable("team", "string", team)
    root.variable("environment_name", "string")
    root.tfvars["environment_name"] = env
    kinds = ["direct", "registry", "stack", "mirrors", "lambda", "infra"]
    weights = [20, 20, 17, 8, 7, 20]
    if platform_repositories is not None:
        kinds.append("platform")
        weights.append(25)
    kind = "platform" if calls_platform else rng.choices(kinds, weights)[0]
    if kind == "direct":
        kind_direct(root)
    elif kind == "registry":
        kind_registry(root)
    elif kind == "stack":
        kind_stack(root)
    elif kind == "mirrors":
        kind_mirrors(root)
    elif kind == "lambda":
        kind_lambda(root)
    elif kind == "platform":
        kind_platform(root, platform_repositories)
    filler(root, files)
    root.locals["common_tags"] = hcl_value({"Team": team, "Environment": env, "ManagedBy": "terraform",
                                            "Repository": "platform-infrastructure"}, 1)

    locals_text = block("locals", [f"{k} = {v}" for k, v in root.locals.items()])
    header = f"// {team} / {env}: managed by the {team} team; changes need a review from #{team}-oncall.\n\n"
    main = header
    if "locals.tf" in files:
        files["locals.tf"] = locals_text
    else:
        main += locals_text + "\n\n"
    main += "\n\n".join(root.main)
    for name, parts in (("data.tf", root.data), ("iam.tf", root.iam)):
        if name in files:
            files[name] = "\n\n".join(parts)
        else:
            main += "\n\n" + "\n\n".join(parts)
    files["main.tf"] = main
    files["variables.tf"] = render_variables(root)
    files["outputs.tf"] = render_outputs(root)
    provider = f'''provider "aws" {{
  region = var.region

  default_tags {{
    tags = {{
      Team        = "{team}"
      Environment = "{env}"
    }}
  }}
}}'''
    versions = f'''terraform {{
  required_version = ">= 1.6.0"

  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = "~> 6.{rng.randint(8, 20)}"
    }}
  }}

  backend "s3" {{
    bucket       = "example-terraform-state"
    key          = "{team}/{env}/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }}
}}'''
    if "providers.tf" in files:
        files["providers.tf"] = provider
        files["versions.tf"] = versions
    else:
        files["versions.tf"] = versions + "\n\n" + provider
    files["terraform.tfvars"] = f"# {team} {env}\n" + render_tfvars(root.tfvars)
    for name, values in zip(root.auto_names, root.auto):
        files[f"{name}.auto.tfvars"] = render_tfvars(values) if values else "# nothing overridden here yet"
    assert len(files) == size, (size, sorted(files))
    return root, files


def render_outputs(root):
    outputs = []
    for address, *_ in root.repositories:
        if address.startswith("aws_ecr_repository.") and "[" not in address:
            name = address.split(".")[1]
            outputs.append((f"{name}_repository_url", f"aws_ecr_repository.{name}.repository_url"))
    if any(a.startswith("aws_ecr_repository.applications[") for a, *_ in root.repositories):
        outputs.append(("application_repository_urls",
                        "{ for name, repository in aws_ecr_repository.applications : name => repository.repository_url }"))
    text = "\n".join(root.main)
    if 'module "registry"' in text:
        outputs.append(("repository_urls", "module.registry.repository_urls"))
    if 'module "stack"' in text:
        outputs.append(("stack_repository_urls", "[for stack in module.stack : stack.repository_urls]"))
    if 'module "mirror"' in text:
        outputs.append(("mirror_repository_urls", "module.mirror[*].repository_url"))
    if 'module "function"' in text:
        outputs.append(("function_arn", "module.function.function_arn"))
    if 'module "platform"' in text:
        outputs.append(("platform_repository_urls", "module.platform.repository_urls"))
    outputs.append(("events_queue_url", "aws_sqs_queue.events.url"))
    outputs.append(("parameter_names", "[for parameter in aws_ssm_parameter.config : parameter.name]"))
    return "\n\n".join(block(f'output "{name}"', [f"value = {value}"]) for name, value in outputs)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(align(text.strip("\n")) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000, help="files to write (all .tf and .tfvars)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--manifest", help="also write every repository and workload, with its verdict, as JSON")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)

    written = 0
    module_dirs = 0
    for name, files in MODULES.items():
        for file, text in dict(files, **{"versions.tf": MODULE_VERSIONS_TF}).items():
            write(os.path.join(args.out, "modules", name, file), text)
            written += 1
        module_dirs += 1
    pairs = [(team, env) for team in TEAMS for env in ENVS]
    rng.shuffle(pairs)
    # beyond about 7,000 files, the same environments again in other regions (their own generator, so that the
    # trees up to that size stay what they were)
    more = [(team, f"{env}-{region}") for region in ("use1", "euw1", "apse2") for team in TEAMS for env in ENVS]
    random.Random(args.seed + 1).shuffle(more)
    pairs += more
    # the teams with a platform module are among the first roots written, and the first root of each calls it:
    # a module that no root calls would be a root module of its own to a checker that reads the whole tree
    platforms = {}
    for team in list(dict.fromkeys(team for team, _ in pairs))[:14]:
        files, repositories = platform_module(team, rng)
        for file, text in dict(files, **{"versions.tf": MODULE_VERSIONS_TF}).items():
            write(os.path.join(args.out, "modules", f"platform-{team}", file), text)
            written += 1
        module_dirs += 1
        platforms[team] = repositories
    if args.files < written + 5:
        sys.exit(f"gen_monorepo.py: --files must be at least {written + 5} (the shared modules take {written})")

    roots = []
    for team, env in pairs:
        remaining = args.files - written
        if remaining == 0:
            break
        size = rng.randint(5, 9)
        if remaining <= 11:
            size = remaining
        elif remaining - size < 5:
            size = remaining - 5
        calls_platform = team in platforms and not any(r.team == team for r in roots)
        root, files = build_root(team, env, rng, size, platforms.get(team), calls_platform)
        for file, text in files.items():
            write(os.path.join(args.out, root.path, file), text)
        written += len(files)
        roots.append(root)
    if written != args.files:
        sys.exit(f"gen_monorepo.py: {args.files} files need more than {len(pairs)} root modules")

    uncalled = [team for team in platforms if not any(r.team == team and r.module_calls and any(
        'module "platform"' in part for part in r.main) for r in roots)]
    if uncalled:
        sys.exit(f"gen_monorepo.py: --files {args.files} leaves platform modules no root calls: {uncalled}")
    repositories = [(root, r) for root in roots for r in root.repositories]
    by_class = {c: sum(1 for _, r in repositories if r[1] == c)
                for c in (IMMUTABLE, MUTABLE, ABSENT, WITH_EXCLUSION, UNKNOWN)}
    workloads = [(root, w) for root in roots for w in root.workloads]
    blocks = sum(text.count('resource "aws_ecr_repository"') for text in _all_text(args.out))
    counts = {
        "files": written,
        "bytes": sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(args.out) for f in fs),
        "root_modules": len(roots),
        "shared_modules": module_dirs,
        "module_calls_in_roots": sum(r.module_calls for r in roots),
        "aws_ecr_repository_blocks": blocks,
        "repositories": len(repositories),
        "immutable": by_class[IMMUTABLE],
        "mutable_explicit": by_class[MUTABLE],
        "mutability_absent": by_class[ABSENT],
        "mutable": by_class[MUTABLE] + by_class[ABSENT],
        "immutable_with_exclusion": by_class[WITH_EXCLUSION],
        "mutability_unknown": by_class[UNKNOWN],
        "scan_on_push_off_or_absent": sum(1 for _, r in repositories if r[2] is not True),
        "workloads": len(workloads),
        "workloads_pulling_latest": sum(1 for _, w in workloads if "latest" in w[1]),
    }
    for key, value in counts.items():
        print(f"{key}: {value}")
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as f:
            json.dump({"counts": counts,
                       "repositories": [{"root": root.path, "address": a, "mutability": m,
                                         "scanOnPush": s if isinstance(s, bool) else None, "exclusionFilters": f}
                                        for root, (a, m, s, f) in repositories],
                       "workloads": [{"root": root.path, "address": a, "tags": t} for root, (a, t) in workloads]},
                      f, indent=1)


def _all_text(folder):
    for directory, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                yield f.read()


if __name__ == "__main__":
    main()
