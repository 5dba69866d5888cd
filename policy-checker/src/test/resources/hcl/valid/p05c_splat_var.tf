output "c" {
  value = var.objs[*].image_tag_mutability
}
