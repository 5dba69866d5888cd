variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "api_version" {
  type    = string
  default = "1.4.2"
}

variable "shared_tag_mode" {
  description = "Tag mutability of the shared base repository"
  type        = string
  default     = "IMMUTABLE"
}

variable "api_role_arn" {
  type = string
}

variable "execution_role_arn" {
  type = string
}

variable "task_role_arn" {
  type = string
}

variable "docker_hub_secret_arn" {
  type = string
}
