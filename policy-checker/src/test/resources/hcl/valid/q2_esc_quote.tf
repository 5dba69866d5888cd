locals {
  s = "say \"hi\""
}
