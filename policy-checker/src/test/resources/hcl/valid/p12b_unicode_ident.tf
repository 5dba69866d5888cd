locals {
  ünïcode_key = "v"
}
