data "http" "x" {
  url = "http://127.0.0.1:18099/hcl4j-made-this-request"
}
locals {
  b = data.http.x.status_code
}
