image_tag_mutability = "IMMUTABLE"
repos = {
  api = { scan = true }
  web = { scan = false }
}
names = ["a", "b"]
