locals {
  c = 10 - 2
}
