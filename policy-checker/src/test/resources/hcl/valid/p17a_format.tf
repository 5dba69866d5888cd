locals {
  f = format("%s-%03d", "repo", 7)
}
