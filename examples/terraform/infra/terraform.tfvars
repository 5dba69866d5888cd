api_role_arn          = "arn:aws:iam::123456789012:role/registry-api"
execution_role_arn    = "arn:aws:iam::123456789012:role/worker-execution"
task_role_arn         = "arn:aws:iam::123456789012:role/worker-task"
docker_hub_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-Xq3v9e"
