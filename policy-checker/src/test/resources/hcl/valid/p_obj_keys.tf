locals {
  o = {
    a = 1
    a = 2
  }
  k = { "x.y" = 1, (var.k) = 2, z: 3 }
}
