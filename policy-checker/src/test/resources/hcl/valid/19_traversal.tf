locals {
  m = {
    repos = [{ name = "a", mut = "IMMUTABLE" }, { name = "b", mut = "MUTABLE" }]
  }
  a = local.m.repos[0].mut
  b = local.m["repos"][1]["mut"]
  c = var.list[count.index]
  d = module.x.outputs.repo_url
  e = data.aws_caller_identity.current.account_id
  after = "ok"
}
