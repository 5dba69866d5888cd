#!/usr/bin/env bash
# CI check of the CDKTF example (issue 4):
#   1. `mvn -B -q compile exec:java` synthesizes the app into cdktf.out, with the recommended setup;
#   2. `ecr-guard check cdktf.out` exits 0;
#   3. `mvn -B -q compile exec:java -DmutableDemo=true` fails (non-zero) with ecr-guard's ECR001 message, and writes
#      no stack.
# First it installs ecr-guard-cdktf (and what it needs) into the local Maven repository, since this example is not a
# module of the parent build; ECR_GUARD_SKIP_INSTALL=1 skips that.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

fail() { echo "verify.sh: FAIL: $*" >&2; exit 1; }

if [[ "${ECR_GUARD_SKIP_INSTALL:-}" != 1 ]]; then
  echo "== install ecr-guard-cdktf"
  (cd "$root" && mvn -B -q -pl constructs/cdktf -am install -Dmaven.test.skip=true)
fi

cd "$here"
echo "== 1. mvn -B -q compile exec:java synthesizes into cdktf.out"
rm -rf cdktf.out
mvn -B -q compile exec:java || fail "synth of the example failed"
[[ -f cdktf.out/manifest.json && -f cdktf.out/stacks/registry/cdk.tf.json ]] \
  || fail "cdktf.out/manifest.json or cdktf.out/stacks/registry/cdk.tf.json is missing"
# the recommended setup: every repository kept (prevent_destroy), untagged images expired only in the build cache,
# the pull policy for the workload account, and the provider constraint the stack set itself
python3 - cdktf.out/stacks/registry/cdk.tf.json <<'PY' || fail "the synthesized stack is not the recommended setup"
import json, sys
stack = json.load(open(sys.argv[1]))
res = stack["resource"]
repos = res["aws_ecr_repository"].values()
assert all(r["lifecycle"]["prevent_destroy"] is True for r in repos), "a repository without prevent_destroy"
policies = list(res["aws_ecr_lifecycle_policy"].values())
assert len(policies) == 1 and "BuildCache" in policies[0]["repository"], "lifecycle policies: %r" % policies
pull = json.loads(next(iter(res["aws_ecr_repository_policy"].values()))["policy"])
assert pull["Statement"][0]["Principal"]["AWS"] == ["arn:aws:iam::111122223333:root"], pull
assert stack["terraform"]["required_providers"]["aws"]["version"] == "~> 6.8"
PY

echo "== 2. ecr-guard check cdktf.out exits 0"
"$root/ecr-guard" check cdktf.out || fail "ecr-guard check cdktf.out exited $?"

echo "== 3. -DmutableDemo=true fails with a clear message"
rm -rf cdktf.out
if mvn -B -q compile exec:java -DmutableDemo=true >"$log" 2>&1; then
  cat "$log"
  fail "the mutable demo synthesized, but it should have failed"
fi
cat "$log"
grep -q 'ecr-guard refused to synthesize' "$log" || fail "no 'ecr-guard refused to synthesize' in the output"
grep -q '\[registry/scratch\] ecr-guard ECR001 (error) registry/aws_ecr_repository.scratch' "$log" \
  || fail "the output does not name ECR001 on registry/scratch"
[[ ! -f cdktf.out/stacks/registry/cdk.tf.json ]] || fail "the mutable demo wrote cdktf.out/stacks/registry/cdk.tf.json"
rm -rf cdktf.out

echo "verify.sh: 3 passed, 0 failed"
