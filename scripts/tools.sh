# Sourced by the test scripts: puts the pinned OPA and conftest first on PATH, installing them with
# `go install` into .tools/bin when the machine lacks those exact versions.
OPA_VERSION="0.70.0"      # its wasm output (ABI 1.3) is what opa-java-wasm 1.0.4 accepts; byte-stable builds
CONFTEST_VERSION="0.56.0" # reads the same Rego v1 policies

tools_bin="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/bin"
mkdir -p "$tools_bin"
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="$PATH:/usr/local/go/bin" # where the Go distribution installs itself
fi
command -v go >/dev/null 2>&1 || { echo "tools.sh: Go is needed to install the pinned OPA and conftest" >&2; exit 1; }

# built_from BINARY MODULE VERSION: whether a Go binary was built from that module version.
built_from() {
  [[ -x "$1" ]] && go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $2, $3 }' | grep -qx "$2 v$3"
}

ensure_tool() { # NAME MODULE VERSION
  local candidate
  for candidate in "$tools_bin/$1" "$(command -v "$1" 2>/dev/null)" "$(go env GOPATH)/bin/$1"; do
    if [[ -n "$candidate" ]] && built_from "$candidate" "$2" "$3"; then
      [[ "$candidate" == "$tools_bin/$1" ]] || ln -sf "$candidate" "$tools_bin/$1"
      return
    fi
  done
  echo "== installing $1 $3 (go install $2@v$3)"
  GOBIN="$tools_bin" go install "$2@v$3"
}

ensure_tool opa github.com/open-policy-agent/opa "$OPA_VERSION"
ensure_tool conftest github.com/open-policy-agent/conftest "$CONFTEST_VERSION"
# HashiCorp's own HCL parser, as the oracle ecr-guard's HCL parser is tested against (HclOracleTest); its module
# versions are pinned by scripts/hcl-oracle/go.sum.
oracle_src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/hcl-oracle"
if [[ ! -x "$tools_bin/hcl-oracle" || -n "$(find "$oracle_src" -newer "$tools_bin/hcl-oracle" -print -quit)" ]]; then
  echo "== building hcl-oracle (scripts/hcl-oracle, on hashicorp/hcl hclsyntax)"
  (cd "$oracle_src" && go build -o "$tools_bin/hcl-oracle" .)
fi
export HCL_ORACLE="$tools_bin/hcl-oracle"
export PATH="$tools_bin:$PATH"
export OPA="$tools_bin/opa"
