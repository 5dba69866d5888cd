locals {
  m = merge({ a = "x" }, { b = "y" })
  t = try("IMMUTABLE", "MUTABLE")
  c = coalesce("", "IMMUTABLE")
  ts = toset(["a", "b"])
}
