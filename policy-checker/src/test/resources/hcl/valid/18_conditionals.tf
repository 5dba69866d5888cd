locals {
  a = var.immutable ? "IMMUTABLE" : "MUTABLE"
  b = var.x == "a" && var.y != "b" ? 1 : 2
  c = (var.n > 3) || !var.flag ? "yes" : "no"
  d = true ? "IMMUTABLE" : "MUTABLE"
  e = false ? "IMMUTABLE" : "MUTABLE"
  f = 2 * 3 + 1
  after = "ok"
}
