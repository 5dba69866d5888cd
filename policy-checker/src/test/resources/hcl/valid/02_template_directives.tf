locals {
  a = "Hello, %{ if var.name != "" }${var.name}%{ else }unnamed%{ endif }!"
  b = <<EOT
%{ for ip in var.ips ~}
server ${ip}
%{ endfor ~}
EOT
  after = "ok"
}
