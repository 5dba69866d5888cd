locals {
  a = 1 + 2 * 3
  b = (1 + 2) * 3
  c = 10 - 2 - 3
  d = !true || true
  e = 5 > 3 == true
}
