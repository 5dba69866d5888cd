locals {
  s = "caf\u00e9"
}
