locals {
  c = 10 - 2 - 3
}
