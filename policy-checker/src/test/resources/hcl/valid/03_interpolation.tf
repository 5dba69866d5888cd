resource "aws_ecr_repository" "r" {
  name                 = "${var.prefix}-repo-${local.env}"
  image_tag_mutability = "${upper("immutable")}"
  escaped              = "$${not_interp} %%{not_directive}"
  nested_quotes        = "${lookup(var.m, "k", "d")}"
}
