#!/usr/bin/env bash
# Checks a generated 5,000-file Terraform monorepo with ecr-guard, Checkov and Trivy, interleaved, and reports the
# median wall time, CPU time and peak memory of each, with how many mutable repositories each one reports beside the
# generator's count by construction.
#
# Run from the repository root:   bench/monorepo/run.sh
# Environment (optional):
#   RUNS=3                rounds; in each, every tool checks the tree once, in turn (medians are reported)
#   FILES=5000 SEED=42    the tree (bench/monorepo/gen_monorepo.py); generated into bench/out/ when missing
#   REV=HEAD              the git revision of ecr-guard to build in a temporary worktree (mvn package there)
#   ECR_GUARD=...         an ecr-guard launcher to use instead of building REV
#   MVN_ARGS="-B -q"      Maven's options for that build (add -o to build offline)
#   CHECKOV=... TRIVY=... the peers (default: what bench/monorepo/install-peers.sh installs in .tools/)
#   TOOLS="ecr-guard trivy checkov"   the tools to run, in this order in every round
#   CHECKOV_RUNS=$RUNS    rounds in which Checkov runs too (one of its runs takes minutes on 5,000 files)
#
# Commands timed (/usr/bin/time):
#   ecr-guard  ecr-guard check --format json --fail-on never TREE
#   checkov    checkov -d TREE --framework terraform --check CKV_AWS_51,CKV_AWS_163 -o json --quiet
#              --skip-download --soft-fail   (the two ECR checks; no download from Prisma Cloud, exit 0 on findings)
#   trivy      trivy config --format json --misconfig-scanners terraform --skip-check-update TREE
#              (Trivy cannot select its built-in checks by id, so it runs all of its Terraform checks; its checks
#              bundle is the one built into the binary, with no download)
set -euo pipefail

if [[ ! -f pom.xml || ! -d bench/monorepo ]]; then
	echo "run.sh: run this from the repository root (bench/monorepo/run.sh)" >&2
	exit 2
fi
RUNS=${RUNS:-3}
FILES=${FILES:-5000}
SEED=${SEED:-42}
REV=${REV:-HEAD}
MVN_ARGS=${MVN_ARGS:-"-B -q"}
CHECKOV=${CHECKOV:-.tools/checkov-venv/bin/checkov}
TRIVY=${TRIVY:-.tools/bin/trivy}
TOOLS=${TOOLS:-"ecr-guard trivy checkov"}
CHECKOV_RUNS=${CHECKOV_RUNS:-$RUNS}
OUT=bench/out/monorepo
TREE=$OUT/tree-$FILES-$SEED
MANIFEST=$OUT/tree-$FILES-$SEED.json
root=$PWD

if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
	echo "run.sh: GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install -y time)" >&2
	exit 2
fi
for tool in $TOOLS; do
	case $tool in
	checkov) [[ -x $CHECKOV ]] || { echo "run.sh: no checkov at $CHECKOV (bench/monorepo/install-peers.sh)" >&2; exit 2; } ;;
	trivy) [[ -x $TRIVY ]] || { echo "run.sh: no trivy at $TRIVY (bench/monorepo/install-peers.sh)" >&2; exit 2; } ;;
	ecr-guard) ;;
	*) echo "run.sh: unknown tool $tool" >&2; exit 2 ;;
	esac
done
mkdir -p "$OUT"

# ---- the tree ----
if [[ ! -s $MANIFEST || ! -d $TREE ]]; then
	echo "== generating $TREE" >&2
	python3 bench/monorepo/gen_monorepo.py --files "$FILES" --seed "$SEED" --out "$TREE" --manifest "$MANIFEST" >&2
fi

# ---- ecr-guard ----
worktree=""
cleanup() { [[ -z $worktree ]] || git worktree remove --force "$worktree" >/dev/null 2>&1 || rm -rf "$worktree"; }
trap cleanup EXIT
if [[ -n ${ECR_GUARD:-} ]]; then
	guard=$ECR_GUARD
	guard_version="$ECR_GUARD"
elif [[ " $TOOLS " == *" ecr-guard "* ]]; then
	guard_version=$(git rev-parse --short "$REV")
	worktree=$(mktemp -d)
	echo "== building ecr-guard $guard_version in a temporary worktree" >&2
	git worktree add --detach "$worktree" "$REV" >/dev/null 2>&1
	[[ -f .mvn/maven.config ]] && mkdir -p "$worktree/.mvn" && cp .mvn/maven.config "$worktree/.mvn/"
	# shellcheck disable=SC2086 # the options are words on purpose
	(cd "$worktree" && mvn $MVN_ARGS -DskipTests -pl policy-checker -am package) >&2
	guard=$worktree/ecr-guard
fi
[[ -n ${guard:-} ]] || guard=unused
trivy_cache=$root/.tools/trivy-cache

tool_command() { # TOOL: sets the array `cmd`
	case $1 in
	ecr-guard) cmd=("$guard" check --format json --fail-on never "$TREE") ;;
	checkov) cmd=("$CHECKOV" -d "$TREE" --framework terraform --check CKV_AWS_51,CKV_AWS_163 -o json --quiet
		--skip-download --soft-fail) ;;
	trivy) cmd=("$TRIVY" config --format json --misconfig-scanners terraform --skip-check-update
		--cache-dir "$trivy_cache" --quiet "$TREE") ;;
	esac
}

# ---- measure, interleaved ----
samples=$OUT/samples.tsv
: >"$samples"
for ((r = 1; r <= RUNS; r++)); do
	for t in $TOOLS; do
		[[ $t != checkov || $r -le $CHECKOV_RUNS ]] || continue
		echo "== round $r/$RUNS: $t" >&2
		tool_command "$t"
		status=0
		/usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "${cmd[@]}" >"$OUT/run.out" 2>"$OUT/run.err" || status=$?
		# ecr-guard's exit 3 says some file could not be read; its report still has the others' findings, and the
		# errors are counted in the verdicts below rather than hidden by stopping here
		if [[ $status != 0 && ! ($t == ecr-guard && $status == 3 && -s $OUT/run.out) ]]; then
			echo "run.sh: ${cmd[*]} failed (exit $status):" >&2
			tail -n 20 "$OUT/run.err" >&2
			exit 1
		fi
		[[ $status == 0 ]] || echo "run.sh: $t exited $status (input errors are counted in the verdicts)" >&2
		[[ $r != 1 ]] || cp "$OUT/run.out" "$OUT/out-$t.json"
		# the last line: GNU time writes "Command exited with non-zero status N" before it
		read -r wall user sys rss < <(tail -n 1 "$OUT/time.txt")
		printf '%s\t%s\t%s\t%s\n' "$t" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$rss" \
			>>"$samples"
	done
done

# ---- report ----
versions() {
	for t in $TOOLS; do
		case $t in
		ecr-guard) printf 'ecr-guard %s; ' "$guard_version" ;;
		checkov) printf 'checkov %s; ' "$("$CHECKOV" --version)" ;;
		trivy) printf 'trivy %s; ' "$(go version -m "$TRIVY" | awk '$1 == "mod" { print $3 }')" ;;
		esac
	done
}
verdict_args=(--manifest "$MANIFEST")
for t in $TOOLS; do verdict_args+=("--$t" "$OUT/out-$t.json"); done
{
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ); median of $RUNS interleaved rounds (Checkov in $CHECKOV_RUNS);" \
		"$(nproc) CPUs" \
		"($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); load average at the end:" \
		"$(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1); $(versions)"
	echo
	python3 - "$samples" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    tool, wall, cpu, rss = line.rstrip("\n").split("\t")
    runs[tool].append((float(wall), float(cpu), int(rss)))
ours = statistics.median(r[0] for r in runs["ecr-guard"]) if "ecr-guard" in runs else None
print("| tool | runs | wall s | CPU s | peak RSS MB | wall vs ecr-guard |")
print("|------|------|--------|-------|-------------|-------------------|")
for tool, samples in runs.items():
    wall, cpu, rss = (statistics.median(s[i] for s in samples) for i in range(3))
    ratio = "1" if tool == "ecr-guard" else ("%.1fx" % (wall / ours) if ours else "")
    print("| %s | %d | %.2f | %.2f | %.0f | %s |" % (tool, len(samples), wall, cpu, rss / 1024, ratio))
PY
	echo
	python3 bench/monorepo/verdicts.py --tree "$TREE" "${verdict_args[@]}"
} | tee "$OUT/results.md"
