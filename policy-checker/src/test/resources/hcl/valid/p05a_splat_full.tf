output "a" {
  value = aws_ecr_repository.r[*].arn
}
