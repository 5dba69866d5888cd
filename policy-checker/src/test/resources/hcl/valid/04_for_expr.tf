locals {
  l1 = [for s in var.list : upper(s)]
  l2 = [for i, s in var.list : "${i}=${s}" if s != ""]
  m1 = { for k, v in var.map : k => v.mutability }
  m2 = { for k, v in var.map : v.name => k... if v.enabled }
  after = "ok"
}
