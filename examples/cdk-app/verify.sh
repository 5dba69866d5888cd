#!/usr/bin/env bash
# CI check of the AWS CDK example (issue 3), with the AWS CDK CLI pinned in package.json (`npm ci`):
#   1. `npx cdk synth` succeeds, offline and with no AWS credentials, and the ecr-guard plugin reports nothing;
#   2. `ecr-guard check cdk.out` agrees: exit 0, the BuildCache opt-out reported as waived with its reason;
#   3. `npx cdk synth -c mutableDemo=true` (adds a plain mutable Repository) fails non-zero with CDK's validation
#      report naming Registry/Scratch and ECR001; `ecr-guard check cdk.out` then exits 1 with the same ECR001.
# First it installs ecr-guard-cdk (and what it needs) into the local Maven repository, since this example is not a
# module of the parent build; ECR_GUARD_SKIP_INSTALL=1 skips that.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
# no AWS credentials, no instance metadata look-up, no telemetry, notices or version check: synth is offline
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE \
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_WEB_IDENTITY_TOKEN_FILE
export AWS_EC2_METADATA_DISABLED=true AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_CONFIG_FILE=/dev/null
export CDK_DISABLE_CLI_TELEMETRY=true CDK_DISABLE_VERSION_CHECK=true
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

passed=0
fail() { echo "verify.sh: FAIL: $*" >&2; echo "verify.sh: $passed passed, 1 failed" >&2; exit 1; }
pass() { passed=$((passed + 1)); echo "ok: $*"; }

if [[ "${ECR_GUARD_SKIP_INSTALL:-}" != 1 ]]; then
  echo "== install ecr-guard-cdk"
  (cd "$root" && mvn -B -q -pl constructs/cdk -am install -Dmaven.test.skip=true)
fi

cd "$here"
echo "== npm ci (aws-cdk CLI, pinned in package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error
[[ "$(npx --no-install cdk --version)" == 2.1148.1* ]] || fail "the CDK CLI is not the pinned 2.1148.1"

echo "== 1. npx cdk synth succeeds"
rm -rf cdk.out
npx --no-install cdk synth >"$log" 2>&1 || { cat "$log"; fail "cdk synth failed"; }
[[ -f cdk.out/manifest.json && -f cdk.out/Registry.template.json && -f cdk.out/assembly-Prod/manifest.json ]] \
  || fail "cdk.out lacks the Registry stack or the Prod stage"
ls cdk.out/*.nested.template.json >/dev/null || fail "cdk.out lacks the nested stack template"
if grep -q '(ecr-guard)' "$log"; then cat "$log"; fail "the ecr-guard plugin reported something on the clean app"; fi
pass "cdk synth"

echo "== 2. ecr-guard check cdk.out gives the same verdict"
"$root/ecr-guard" check cdk.out >"$log" 2>&1 || { cat "$log"; fail "ecr-guard check cdk.out exited non-zero"; }
cat "$log"
grep -q "waived ECR001 Registry/BuildCache.*BuildKit layer cache" "$log" \
  || fail "ecr-guard check does not report the BuildCache opt-out as waived with its reason"
if grep -qE ' error ' "$log"; then fail "ecr-guard check reports an error on the clean app"; fi
pass "ecr-guard check cdk.out (clean)"

echo "== 3. npx cdk synth -c mutableDemo=true fails with the validation report"
rm -rf cdk.out
if npx --no-install cdk synth -c mutableDemo=true >"$log" 2>&1; then
  cat "$log"
  fail "the mutable demo synthesized, but it should have failed"
fi
cat "$log"
grep -q "ERROR ImageTagMutability is not set, so ECR's default MUTABLE applies.*(ecr-guard)" "$log" \
  || fail "the report has no ecr-guard ECR001 error"
grep -q "Registry/Scratch (ScratchF72D2ED6)" "$log" || fail "the report does not name the construct Registry/Scratch"
grep -q "Acknowledge with 'ecr-guard::ECR001@Registry/Scratch'" "$log" \
  || fail "the report does not suggest the acknowledgement id ecr-guard::ECR001@Registry/Scratch"
[[ "$(grep -c "ImageTagMutability is not set, so ECR's default MUTABLE applies" "$log")" == 1 ]] \
  || fail "the report gives ECR001 on Scratch more than once"
grep -q "Suggested fix: Use dev.ecrguard.cdk.ImmutableRepository" "$log" || fail "the report gives no fix"
# the plugin names the version in its jar's manifest (the project version), not "development"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -1)"
grep -q "\"pluginVersion\": \"$version\"" cdk.out/validation-report.json \
  || fail "validation-report.json does not give the plugin version $version"
pass "cdk synth -c mutableDemo=true fails"

echo "== 4. ecr-guard check cdk.out agrees on the mutable demo"
set +e
"$root/ecr-guard" check cdk.out >"$log" 2>&1
rc=$?
set -e
cat "$log"
[[ $rc == 1 ]] || fail "ecr-guard check cdk.out exited $rc on the mutable demo, expected 1"
grep -q "error ECR001 Registry/ScratchF72D2ED6" "$log" || fail "ecr-guard check does not report ECR001 on Scratch"
[[ "$(grep -c ' error ' "$log")" == 1 ]] || fail "ecr-guard check reports other errors than Scratch's ECR001"
pass "ecr-guard check cdk.out (mutable demo)"
rm -rf cdk.out

echo "verify.sh: $passed passed, 0 failed"
