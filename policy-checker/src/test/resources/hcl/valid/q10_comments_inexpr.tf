locals {
  a = 1 # c
  b = 2 // c
  /* x */
  c = 3 /* y */
  d = [
    1, # one
    2, // two
  ]
}
