output "b" {
  value = aws_ecr_repository.r.*.repository_url
}
