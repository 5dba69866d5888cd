resource "aws_ecr_repository" "r" {
  name = "r"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}
resource "aws_ecr_replication_configuration" "rc" {
  replication_configuration {
    rule {
      destination {
        region      = "us-west-2"
        registry_id = "123"
      }
      destination {
        region      = "eu-west-1"
        registry_id = "123"
      }
    }
  }
}
