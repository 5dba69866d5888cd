# hash comment
// slash comment
/* block
   comment */
resource "aws_ecr_repository" "r" { # trailing hash
  name = "r" // trailing slash
  /* inline */ image_tag_mutability = "MUTABLE" /* after */
  url = "http://example.com/#not-a-comment//either"
}
