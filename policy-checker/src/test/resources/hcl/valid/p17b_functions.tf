locals {
  f = format("%s-%s", "repo", "x")
  m = merge({a = 1}, {b = 2})
  l = lookup({k = "IMMUTABLE"}, "k", "MUTABLE")
  l2 = lookup(var.m, "k", "d")
  t = try(var.obj.mutability, "IMMUTABLE")
  c = coalesce(var.maybe, "IMMUTABLE")
  c2 = coalesce("", "IMMUTABLE")
  lo = lower("ABC")
  ts = toset(["a", "b", "a"])
  tl = tolist(["a"])
  j = jsonencode({a = [1, {b = "c"}], d = true})
  fo = file("x.json")
}
