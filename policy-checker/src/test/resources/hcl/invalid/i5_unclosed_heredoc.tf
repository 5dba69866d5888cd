locals {
  p = <<EOF
  never closed
}
