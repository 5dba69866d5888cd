#!/usr/bin/env bash
# Checks, tests and compiles the ecr-guard Rego policies into the committed bundle:
#   bundle/policy.wasm  the wasm module that the Java checker runs (entrypoint ecrguard/main/checker_report, the
#                       report unsorted), with ecrguard/main/report (sorted) for other wasm users
#   bundle/rules.json   the rule catalogue, taken from each rule package's METADATA (title, short name, description,
#                       severity, recommended actions and one fix text per platform: terraform, cloudformation, cdk,
#                       cdktf)
#   testdata/model-example.report.json   the report OPA gives on testdata/model-example.json (a golden file the
#                       Java side can compare its wasm evaluation with)
# and type-checks the rules against the model's JSON Schema (schemas/model.json).
#
# Usage: rego/build.sh            build and write bundle/
#        rego/build.sh --check    build into a temp dir and fail if bundle/ differs (for CI)
# The opa binary is ${OPA:-opa}; it must be version 0.70.0 (its wasm output uses ABI 1.3, which the Java SDK
# accepts, and it is byte-stable, so the committed bundle can be compared).
set -euo pipefail

readonly PINNED_OPA_VERSION="0.70.0"
readonly ENTRYPOINTS=("ecrguard/main/checker_report" "ecrguard/main/report")

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
OPA="${OPA:-opa}"

usage() {
	echo "usage: $0 [--check]" >&2
}

check=false
case "$#:${1:-}" in
0:) ;;
1:--check) check=true ;;
1:-h | 1:--help)
	usage
	exit 0
	;;
*)
	usage
	exit 2
	;;
esac

fail() {
	echo "build.sh: $*" >&2
	exit 1
}

command -v "$OPA" >/dev/null 2>&1 || fail "opa not found (set OPA=/path/to/opa; version $PINNED_OPA_VERSION is required)"
opa_version="$("$OPA" version | awk '$1 == "Version:" { print $2 }')"
[[ "$opa_version" == "$PINNED_OPA_VERSION" ]] ||
	fail "opa $PINNED_OPA_VERSION is required (wasm ABI 1.3 for the Java SDK, byte-stable output), but $OPA is version '${opa_version:-unknown}'"
command -v python3 >/dev/null 2>&1 || fail "python3 not found"

echo "== opa fmt"
unformatted="$("$OPA" fmt --list policies)"
[[ -z "$unformatted" ]] || fail "these files need formatting (run: $OPA fmt -w rego/policies):"$'\n'"$unformatted"

echo "== opa check --strict --schema schemas (the model's JSON Schema, see policies/schemas.rego)"
"$OPA" check --strict --schema schemas policies

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The schema check must catch a misspelled field: a rule that reads repositories[].tagMutability passes it, the
# same rule with tagMutabilty must not (the schema, or the annotation that applies it, would be broken).
echo "== the schema check refuses a misspelled field"
mkdir -p "$tmp/probe"
cp policies/schemas.rego "$tmp/probe/"
probe_rule() {
	printf 'package ecrguard.schema_probe\n\nimport rego.v1\n\nflagged contains repo.id if {\n\tsome repo in input.repositories\n\trepo.%s.state == "known"\n}\n' "$1" >"$tmp/probe/probe.rego"
}
probe_rule tagMutability
"$OPA" check --strict --schema schemas "$tmp/probe" >/dev/null ||
	fail "the schema probe with the right field name fails opa check: see rego/schemas/model.json"
probe_rule tagMutabilty
if "$OPA" check --strict --schema schemas "$tmp/probe" >"$tmp/probe.out" 2>&1; then
	fail "opa check --schema passed a misspelled field (tagMutabilty): the schema annotation no longer applies"
fi
grep -q 'undefined ref: repo.tagMutabilty' "$tmp/probe.out" ||
	fail "opa check refused the misspelled probe for another reason: $(cat "$tmp/probe.out")"

echo "== opa test"
"$OPA" test policies

entrypoint_flags=()
for entrypoint in "${ENTRYPOINTS[@]}"; do
	entrypoint_flags+=(-e "$entrypoint")
done
echo "== opa build -t wasm ${entrypoint_flags[*]}"
"$OPA" build -t wasm "${entrypoint_flags[@]}" --ignore '*_test.rego' -o "$tmp/bundle.tar.gz" policies
mkdir -p "$tmp/out"
python3 - "$tmp/bundle.tar.gz" "$tmp/out/policy.wasm" <<'PY'
import sys, tarfile
src, dst = sys.argv[1], sys.argv[2]
with tarfile.open(src, "r:gz") as tar:
    members = [m for m in tar.getmembers() if m.name.lstrip("/") == "policy.wasm"]
    if len(members) != 1:
        sys.exit("build.sh: the opa bundle has no /policy.wasm")
    with open(dst, "wb") as out:
        out.write(tar.extractfile(members[0]).read())
PY

echo "== rules.json from opa inspect"
"$OPA" inspect -a -f json policies >"$tmp/inspect.json"
python3 - "$tmp/inspect.json" "$tmp/out/rules.json" <<'PY'
import json, re, sys
src, dst = sys.argv[1], sys.argv[2]
# The platforms a rule says how to fix on (dev.ecrguard.engine.Platform).
FIX_PLATFORMS = ("terraform", "cloudformation", "cdk", "cdktf")
with open(src, encoding="utf-8") as f:
    inspected = json.load(f)
rules = []
for entry in inspected.get("annotations") or []:
    ann = entry.get("annotations") or {}
    custom = ann.get("custom") or {}
    if ann.get("scope") != "package" or "id" not in custom:
        continue
    path = [p["value"] for p in entry["path"]]
    if path[0] != "data":
        sys.exit("build.sh: unexpected annotation path %r" % (path,))
    missing = [k for k in ("title", "description") if not ann.get(k)] + \
              [k for k in ("short_name", "severity", "recommended_actions") if not custom.get(k)]
    if missing:
        sys.exit("build.sh: rule %s lacks %s" % (custom["id"], ", ".join(missing)))
    if custom["severity"] not in ("error", "warning", "note"):
        sys.exit("build.sh: rule %s has severity %r (error|warning|note)" % (custom["id"], custom["severity"]))
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", str(custom["short_name"])):
        sys.exit("build.sh: rule %s has short_name %r (one word in UpperCamelCase, for SARIF)" % (custom["id"], custom["short_name"]))
    fix = custom.get("fix") or {}
    if not isinstance(fix, dict) or sorted(fix) != sorted(FIX_PLATFORMS) or \
            not all(isinstance(fix[p], str) and fix[p].strip() for p in FIX_PLATFORMS):
        sys.exit("build.sh: rule %s needs custom.fix with a text for each of %s, and nothing else (it has %r)"
                 % (custom["id"], ", ".join(FIX_PLATFORMS), sorted(fix) if isinstance(fix, dict) else fix))
    rules.append({
        "id": custom["id"],
        "shortName": custom["short_name"],
        "title": ann["title"],
        "description": ann["description"],
        "severity": custom["severity"],
        "recommendedActions": custom["recommended_actions"],
        "fix": {p: fix[p] for p in FIX_PLATFORMS},
        "package": ".".join(path[1:]),
        "file": entry["location"]["file"],
    })
ids = [r["id"] for r in rules]
dupes = sorted({i for i in ids if ids.count(i) > 1})
if dupes:
    sys.exit("build.sh: duplicate rule ids: %s" % ", ".join(dupes))
if not rules:
    sys.exit("build.sh: no rule package has custom.id")
rules.sort(key=lambda r: r["id"])
with open(dst, "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps(rules, indent=2, ensure_ascii=False) + "\n")
PY

echo "== report on testdata/model-example.json"
"$OPA" eval --strict-builtin-errors --fail -d policies -i testdata/model-example.json -f raw \
	'data.ecrguard.main.report' >"$tmp/example.raw.json"
python3 - "$tmp/example.raw.json" "$tmp/model-example.report.json" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    report = json.load(f)
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
PY

if $check; then
	if ! cmp -s "$tmp/model-example.report.json" testdata/model-example.report.json; then
		echo "rego/testdata/model-example.report.json is stale: run rego/build.sh" >&2
		exit 1
	fi
	stale=()
	for f in policy.wasm rules.json; do
		if ! cmp -s "$tmp/out/$f" "bundle/$f"; then
			stale+=("rego/bundle/$f")
		fi
	done
	if ((${#stale[@]} > 0)); then
		echo "rego/bundle is stale: run rego/build.sh (differs: ${stale[*]})" >&2
		exit 1
	fi
	echo "rego/bundle is up to date"
else
	mkdir -p bundle
	cp "$tmp/out/policy.wasm" "$tmp/out/rules.json" bundle/
	cp "$tmp/model-example.report.json" testdata/model-example.report.json
	echo "wrote rego/bundle/policy.wasm, rego/bundle/rules.json and rego/testdata/model-example.report.json"
fi
