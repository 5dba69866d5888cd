# A policy that calls a host built-in (sprintf is not native to OPA's wasm runtime), for CompiledPolicyTest.
# Rebuild needs-sprintf.wasm with the pinned opa (scripts/tools.sh):
#   opa build -t wasm -e needs/builtin/greeting -o /tmp/b.tar.gz needs-sprintf.rego
#   tar -xzf /tmp/b.tar.gz -O /policy.wasm > needs-sprintf.wasm
package needs.builtin

import rego.v1

greeting := sprintf("hello %s", [input.name])
