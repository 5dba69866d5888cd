locals {
  k = { "x.y" = 1, z: 3 }
}
