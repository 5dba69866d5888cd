locals {
  a = "Hello, %{ if var.name != "" }${var.name}%{ endif }!"
}
