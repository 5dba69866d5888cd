locals {
  s = "a\nb\t\"q\" \u00e9"
  h = <<-EOT
    x
      y
    EOT
}
