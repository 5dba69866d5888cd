variable "filters" {
  type = list(object({
    filter      = string
    filter_type = optional(string, "WILDCARD")
  }))
  default = []
  validation {
    condition     = alltrue([for f in var.filters : contains(["WILDCARD"], f.filter_type)])
    error_message = "bad"
  }
}
variable "m" {
  type    = map(string)
  default = { a = "b" }
  nullable = false
  sensitive = true
}
