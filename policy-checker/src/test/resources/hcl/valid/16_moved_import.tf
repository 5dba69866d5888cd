moved {
  from = aws_ecr_repository.old
  to   = aws_ecr_repository.new
}
moved {
  from = module.a
  to   = module.b
}
import {
  to = aws_ecr_repository.new
  id = "my-repo"
}
import {
  for_each = var.repos
  to = aws_ecr_repository.many[each.key]
  id = each.value
}
resource "aws_ecr_repository" "new" {
  name = "my-repo"
}
