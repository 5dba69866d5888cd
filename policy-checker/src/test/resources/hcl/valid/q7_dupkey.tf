locals {
  o = {
    a = 1
    a = 2
  }
}
