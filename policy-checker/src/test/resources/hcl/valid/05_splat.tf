output "a" {
  value = aws_ecr_repository.r[*].arn
}
output "b" {
  value = aws_ecr_repository.r.*.repository_url
}
output "c" {
  value = var.objs[*].image_tag_mutability
}
output "d" {
  value = "ok"
}
