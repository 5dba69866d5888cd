locals {
  i   = 42
  f   = 3.14
  e   = 1e3
  neg = -7
  t   = true
  fa  = false
  n   = null
  s   = "str"
  after = "ok"
}
