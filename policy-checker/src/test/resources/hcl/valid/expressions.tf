a = "a  ${~ b ~}  c"
b = <<-EOT
    one
      ${two}
    EOT
c = {
  a = 1
  "b" = 2, (var.k) = 3
  d: 4
}
d = "a $${b} %%{c} \u00e9\t"
e = 1e3 + 0.5
f = var.repos.0
g = -1
