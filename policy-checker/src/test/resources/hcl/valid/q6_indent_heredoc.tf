locals {
  h = <<-EOT
    x
      y
    EOT
}
