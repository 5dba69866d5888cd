resource "aws_ecr_repository" "blk" {
  name = "blk"
  image_scanning_configuration {
    scan_on_push = true
  }
}
resource "aws_ecr_repository" "attr" {
  name = "attr"
  image_scanning_configuration = {
    scan_on_push = true
  }
}
