#!/usr/bin/env bash
# Benchmarks ecr-guard side by side, in one interleaved run, with a previous version (its jar built from git in a
# temporary worktree) and with conftest, on the same files.
#
# Run from the repository root:   bench/run.sh
# Environment (optional):
#   BASE=HEAD~1          the git revision to compare with
#   RUNS=3               runs of every tool on every case; medians are reported
#   SLOW_RUNS=1          runs of the cases of 6,400 and more repositories (the quadratic base takes minutes)
#   CASES="small big scale-100 scale-1600 scale-6400 changed-10000"   the cases to run (default: all)
#   BIG_MB=231           size of the big generated plan (bench/gen_plan.py, its default 260 resources per MB)
#   CONFTEST=conftest    the conftest executable (scripts/tools.sh installs the pinned one in .tools/bin)
#
# Cases: small = examples/cloudformation/registry.yaml (a 158-line template); big = a generated plan of BIG_MB MB
# under -Xmx256m; scale-N = a plan of N changed aws_ecr_repository (bench/gen_repos.py); changed-10000 likewise.
# Tools, run in turn for every run of every case:
#   ecr-guard        ./ecr-guard, the launcher of this tree (class-data archive, C1, serial GC)
#   ecr-guard BASE   the launcher of BASE's worktree
#   conftest raw     conftest test -p rego/policies on the same file (the rules read the normalized model, so on a
#                    raw plan or template they find nothing: parsing plus policy overhead); not on the big plan,
#                    which conftest did not finish in 5 minutes, holding 4.7 GB)
#   conftest model   conftest test -p rego/policies on `ecr-guard model FILE` (made once, not timed): the same rules
#                    judging the same model
# `check --format json` of both versions must be byte-identical on every file of examples/ (checked before timing;
# folders are left out: examples/terraform/infra is Terraform source, which versions before issue 12 do not read)
# and on every case (the first timed run of each), or the script stops.
set -euo pipefail

if [[ ! -f pom.xml || ! -d policy-checker || ! -d bench ]]; then
	echo "run.sh: run this from the repository root (bench/run.sh)" >&2
	exit 2
fi
BASE=${BASE:-HEAD~1}
RUNS=${RUNS:-3}
SLOW_RUNS=${SLOW_RUNS:-1}
CASES=${CASES:-"small big scale-100 scale-1600 scale-6400 changed-10000"}
BIG_MB=${BIG_MB:-231}
CONFTEST=${CONFTEST:-$(command -v conftest || echo .tools/bin/conftest)}
OUT=bench/out
root=$PWD

if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
	echo "run.sh: GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install -y time)" >&2
	exit 2
fi
[[ -x $CONFTEST ]] || command -v "$CONFTEST" >/dev/null ||
	{ echo "run.sh: conftest not found (set CONFTEST=...; scripts/tools.sh installs it)" >&2; exit 2; }
mkdir -p "$OUT"

# ---- the two versions ----
base_rev=$(git rev-parse --short "$BASE")
head_rev=$(git rev-parse --short HEAD)
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || head_rev="$head_rev+changes"
worktree=$(mktemp -d)
cleanup() { git worktree remove --force "$worktree" >/dev/null 2>&1 || rm -rf "$worktree"; }
trap cleanup EXIT
echo "== building ecr-guard $base_rev in a temporary worktree" >&2
git worktree add --detach "$worktree" "$BASE" >/dev/null 2>&1
[[ -f .mvn/maven.config ]] && mkdir -p "$worktree/.mvn" && cp .mvn/maven.config "$worktree/.mvn/"
(cd "$worktree" && mvn -B -q -DskipTests -pl policy-checker -am package) >&2
echo "== building ecr-guard $head_rev" >&2
mvn -B -q -DskipTests -pl policy-checker -am package >&2

new=("$root/ecr-guard")
old=("$worktree/ecr-guard")

# ---- inputs ----
for mb in $BIG_MB; do
	plan=$OUT/plan-${mb}mb.json
	if [[ " $CASES " == *" big "* && ! -s $plan ]]; then
		echo "== generating $plan" >&2
		python3 bench/gen_plan.py --target-mb "$mb" --out "$plan.tmp" 2>"$plan.stats"
		mv "$plan.tmp" "$plan"
	fi
done
case_file() {
	case $1 in
	small) echo examples/cloudformation/registry.yaml ;;
	big) echo "$OUT/plan-${BIG_MB}mb.json" ;;
	scale-* | changed-*) echo "$OUT/repos-${1#*-}.json" ;;
	*) echo "run.sh: unknown case $1" >&2; exit 2 ;;
	esac
}
repositories_of() { [[ $1 == scale-* || $1 == changed-* ]] && echo "${1#*-}" || echo ""; }
java_opts_of() { [[ $1 == big ]] && echo "-Xmx256m" || echo ""; }
runs_of() { local n; n=$(repositories_of "$1"); [[ -n $n && $n -ge 6400 ]] && echo "$((SLOW_RUNS < RUNS ? SLOW_RUNS : RUNS))" || echo "$RUNS"; }
for c in $CASES; do
	f=$(case_file "$c")
	if [[ ! -s $f && -n "$(repositories_of "$c")" ]]; then
		python3 bench/gen_repos.py --repositories "$(repositories_of "$c")" --out "$f"
	fi
	"${new[@]}" model "$f" >"$OUT/model-$c.json"
done

# ---- same output ----
echo "== comparing check --format json of $base_rev and $head_rev" >&2
compared=0
for f in examples/terraform/* examples/cloudformation/*; do
	[[ -f "$f" ]] || continue # a folder (the Terraform source of examples/terraform/infra) is newer than some bases
	ECR_GUARD_JAVA_OPTS="-Xmx256m" "${old[@]}" check --format json --fail-on never "$f" >"$OUT/old.json" 2>&1 || true
	ECR_GUARD_JAVA_OPTS="-Xmx256m" "${new[@]}" check --format json --fail-on never "$f" >"$OUT/new.json" 2>&1 || true
	if ! cmp -s "$OUT/old.json" "$OUT/new.json"; then
		echo "run.sh: check --format json of $f differs between $base_rev and $head_rev:" >&2
		diff "$OUT/old.json" "$OUT/new.json" | head -n 20 >&2
		exit 1
	fi
	compared=$((compared + 1))
done

# ---- measure, interleaved ----
tools=("ecr-guard" "ecr-guard $base_rev" "conftest raw" "conftest model")
tool_command() { # TOOL CASE FILE: sets the array `cmd`
	local java_opts
	java_opts="ECR_GUARD_JAVA_OPTS=$(java_opts_of "$2")"
	case $1 in
	"ecr-guard") cmd=(env "$java_opts" "${new[@]}" check --format json --fail-on never "$3") ;;
	"ecr-guard $base_rev") cmd=(env "$java_opts" "${old[@]}" check --format json --fail-on never "$3") ;;
	"conftest raw") cmd=("$CONFTEST" test --no-fail --all-namespaces -o json -p rego/policies "$3") ;;
	"conftest model") cmd=("$CONFTEST" test --no-fail --all-namespaces -o json -p rego/policies "$OUT/model-$2.json") ;;
	esac
}
samples=$OUT/samples.tsv
: >"$samples"
for ((r = 1; r <= RUNS; r++)); do
	for c in $CASES; do
		((r <= $(runs_of "$c"))) || continue
		f=$(case_file "$c")
		for t in "${tools[@]}"; do
			[[ $c == big && $t == "conftest raw" ]] && continue
			echo "== run $r/$(runs_of "$c"): $c: $t" >&2
			tool_command "$t" "$c" "$f"
			if ! /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "${cmd[@]}" >"$OUT/run.out" 2>"$OUT/run.err"; then
				echo "run.sh: ${cmd[*]} failed:" >&2
				tail -n 20 "$OUT/run.err" >&2
				exit 1
			fi
			if [[ $r == 1 && $t == ecr-guard* ]]; then
				cp "$OUT/run.out" "$OUT/out-$c-${t// /-}.json"
			fi
			read -r wall user sys rss <"$OUT/time.txt"
			printf '%s\t%s\t%s\t%s\t%s\n' "$c" "$t" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
				"$rss" >>"$samples"
		done
	done
done

for c in $CASES; do
	if ! cmp -s "$OUT/out-$c-ecr-guard.json" "$OUT/out-$c-ecr-guard-$base_rev.json"; then
		echo "run.sh: check --format json of $(case_file "$c") differs between $base_rev and $head_rev" >&2
		exit 1
	fi
	compared=$((compared + 1))
done

# ---- report ----
{
	echo "ecr-guard $head_rev side by side with ecr-guard $base_rev and conftest ($("$CONFTEST" --version | tr '\n' ' '))"
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ); median of $RUNS interleaved runs ($SLOW_RUNS from 6,400 repositories);" \
		"$(nproc) CPUs; load average at the end:" \
		"$(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
	echo "check --format json of $head_rev and $base_rev: byte-identical on $compared files (examples/ and the cases)"
	echo "cases: small = examples/cloudformation/registry.yaml; big = $(case_file big) ($(awk '/^resources:/ { print $2 }' \
		"$(case_file big).stats" 2>/dev/null) resources, -Xmx256m); scale-N / changed-N = N changed repositories (bench/gen_repos.py)"
	echo
	python3 - "$samples" "$base_rev" "$CASES" <<'PY'
import statistics, sys
from collections import defaultdict
path, base, cases = sys.argv[1], sys.argv[2], sys.argv[3].split()
runs = defaultdict(list)
for line in open(path):
    case, tool, wall, cpu, rss = line.rstrip("\n").split("\t")
    runs[(case, tool)].append((float(wall), float(cpu), int(rss)))
def median(case, tool, i):
    return statistics.median(r[i] for r in runs[(case, tool)])
print("| case | tool | runs | wall s | CPU s | peak RSS MB | ms per repository | wall vs ecr-guard |")
print("|------|------|------|--------|-------|-------------|-------------------|-------------------|")
tools = []
for (case, tool) in runs:
    if tool not in tools:
        tools.append(tool)
for case in cases:
    ours = median(case, "ecr-guard", 0)
    n = int(case.split("-")[1]) if "-" in case else None
    for tool in tools:
        if (case, tool) not in runs:
            continue
        wall, cpu, rss = median(case, tool, 0), median(case, tool, 1), median(case, tool, 2) / 1024
        per_repo = "%.2f" % (wall * 1000 / n) if n else ""
        ratio = "1" if tool == "ecr-guard" else "%.2fx" % (wall / ours)
        print("| %s | %s | %d | %.2f | %.2f | %.0f | %s | %s |" % (case, tool, len(runs[(case, tool)]), wall, cpu, rss,
                                                               per_repo, ratio))
PY
} | tee "$OUT/results.md"
