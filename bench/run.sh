#!/usr/bin/env bash
# Benchmark ecr-guard on large synthetic Terraform plans.
#
# Run from the repository root:   bench/run.sh
# Environment (optional):
#   SIZES="150 500"   target plan sizes in MB (10^6 bytes); one plan per size under bench/out/
#   RUNS=3            measurements per plan; the median is reported
#   JAVA=java         the java launcher
#   CHECKOV=          path to a checkov executable: also run Checkov's two ECR checks (CKV_AWS_51 immutable tags,
#                     CKV_AWS_163 scan on push) on each plan, once, side by side with ecr-guard
#                     (e.g. python3 -m venv /tmp/ckv && /tmp/ckv/bin/pip install checkov==3.2.334)
#
# For each plan it measures
#   - JVM start-up alone:  java -jar policy-checker/target/ecr-guard.jar --version
#   - a full check:        java -Xmx256m -jar policy-checker/target/ecr-guard.jar check --format json --fail-on never PLAN
# with GNU time (/usr/bin/time -v): wall-clock time and peak resident set size.
set -euo pipefail

if [[ ! -f pom.xml || ! -d policy-checker || ! -d bench ]]; then
    echo "run.sh: run this from the repository root (bench/run.sh)" >&2
    exit 2
fi

SIZES=${SIZES:-"150 500"}
RUNS=${RUNS:-3}
JAVA=${JAVA:-java}
JAR=policy-checker/target/ecr-guard.jar
OUT=bench/out
RESOURCES_PER_MB=350   # 150 MB -> 52,500 resources (the issue asks for >= 50,000 and >= 100 MB)

if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "run.sh: GNU time is needed at /usr/bin/time (for wall time and peak RSS via 'time -v')." >&2
    echo "        On Debian/Ubuntu install the package 'time':  apt-get install -y time" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "run.sh: python3 is needed to generate the plans" >&2; exit 2; }
command -v "$JAVA" >/dev/null || { echo "run.sh: '$JAVA' not found (set JAVA=/path/to/java)" >&2; exit 2; }

if [[ ! -f $JAR ]]; then
    echo "== building $JAR (mvn -B -q package -DskipTests)" >&2
    mvn -B -q package -DskipTests
fi
[[ -f $JAR ]] || { echo "run.sh: $JAR is still missing after the build" >&2; exit 1; }

mkdir -p "$OUT"

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# wall seconds and peak RSS (kB) from a `time -v -o FILE` report
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss_of()  { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

# ---- generate the plans if missing ----
for mb in $SIZES; do
    plan=$OUT/plan-${mb}mb.json
    if [[ ! -s $plan || ! -s $plan.stats ]]; then
        resources=$(( mb * RESOURCES_PER_MB ))
        echo "== generating $plan ($resources resources, about $mb MB)" >&2
        python3 bench/gen_plan.py --resources "$resources" --target-mb "$mb" --out "$plan.tmp" 2> "$plan.stats.tmp" \
            || { cat "$plan.stats.tmp" >&2; exit 1; }
        mv "$plan.tmp" "$plan"
        mv "$plan.stats.tmp" "$plan.stats"
        cat "$plan.stats" >&2
    fi
done

# ---- measure ----
rows=()
for mb in $SIZES; do
    plan=$OUT/plan-${mb}mb.json
    bytes=$(stat -c %s "$plan")
    size_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    resources=$(awk '/^resources:/ { print $2 }' "$plan.stats")
    resources=${resources:-?}

    startups=()
    walls=()
    rsss=()
    for ((r = 1; r <= RUNS; r++)); do
        t=$OUT/time-startup.txt
        /usr/bin/time -v -o "$t" "$JAVA" -jar "$JAR" --version >/dev/null 2>"$OUT/startup.err" \
            || { echo "run.sh: '$JAVA -jar $JAR --version' failed:" >&2; tail -n 20 "$OUT/startup.err" >&2; exit 1; }
        startups+=("$(wall_of "$t")")

        t=$OUT/time-check.txt
        echo "== $plan: run $r/$RUNS" >&2
        set +e
        /usr/bin/time -v -o "$t" "$JAVA" -Xmx256m -jar "$JAR" check --format json --fail-on never "$plan" \
            > "$OUT/findings-${mb}mb.json" 2> "$OUT/check-${mb}mb.err"
        rc=$?
        set -e
        if [[ $rc -ne 0 ]]; then
            echo "run.sh: the check of $plan exited with $rc (expected 0 with --fail-on never):" >&2
            tail -n 20 "$OUT/check-${mb}mb.err" >&2
            exit 1
        fi
        walls+=("$(wall_of "$t")")
        rsss+=("$(rss_of "$t")")
    done
    startup=$(printf '%s\n' "${startups[@]}" | median)
    wall=$(printf '%s\n' "${walls[@]}" | median)
    rss_kb=$(printf '%s\n' "${rsss[@]}" | median)
    rows+=("$(awk -v size="$size_mb" -v res="$resources" -v wall="$wall" -v st="$startup" -v rss="$rss_kb" 'BEGIN {
        net = wall - st
        mbs = (net > 0) ? sprintf("%.1f", size / net) : "n/a"
        printf "| %9s | %9s | %6.2f | %6s | %12.0f | %9.2f |", size, res, wall, mbs, rss / 1024, st }')")
done

# ---- side by side with Checkov, in the same run (optional) ----
side=()
if [[ -n "${CHECKOV:-}" ]]; then
    for mb in $SIZES; do
        plan=$OUT/plan-${mb}mb.json
        count() { python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); want=sys.argv[2].split(",")
f=d.get("findings") if isinstance(d,dict) and "findings" in d else None
if f is not None:
    print(" / ".join(str(sum(1 for x in f if x["ruleId"]==w)) for w in want))
else:
    runs=d if isinstance(d,list) else [d]
    failed=[c for r in runs for c in r.get("results",{}).get("failed_checks",[])]
    print(" / ".join(str(sum(1 for c in failed if c["check_id"]==w)) for w in want))' "$@"; }
        t=$OUT/time-side.txt
        /usr/bin/time -v -o "$t" "$JAVA" -Xmx256m -jar "$JAR" check --format json --fail-on never "$plan" \
            > "$OUT/side-ecrguard.json" 2>/dev/null
        side+=("| ecr-guard check | ${mb} | $(wall_of "$t") | $(( $(rss_of "$t") / 1024 )) | $(count "$OUT/side-ecrguard.json" ECR001,ECR003) |")
        echo "== $plan: checkov (CKV_AWS_51, CKV_AWS_163)" >&2
        set +e
        BC_SKIP_MAPPING=TRUE /usr/bin/time -v -o "$t" "$CHECKOV" -f "$plan" --framework terraform_plan \
            --check CKV_AWS_51,CKV_AWS_163 --quiet --compact -o json > "$OUT/side-checkov.json" 2>"$OUT/side-checkov.err"
        set -e
        side+=("| checkov $("$CHECKOV" --version 2>/dev/null | tail -n 1) | ${mb} | $(wall_of "$t") | $(( $(rss_of "$t") / 1024 )) | $(count "$OUT/side-checkov.json" CKV_AWS_51,CKV_AWS_163) |")
    done
fi

{
    echo "ecr-guard benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), median of $RUNS runs"
    echo "java: $("$JAVA" -version 2>&1 | head -n 1); cpus: $(nproc); check: $JAVA -Xmx256m -jar $JAR check --format json --fail-on never PLAN"
    echo
    echo "| size (MB) | resources | wall s | MB/s   | peak RSS (MB) | startup s |"
    echo "|-----------|-----------|--------|--------|---------------|-----------|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "MB = 10^6 bytes; MB/s = size / (wall - startup); RSS is the whole JVM process (heap capped at 256 MB)."
    if [[ ${#side[@]} -gt 0 ]]; then
        echo
        echo "Side by side, one run each, same plans (ecr-guard: ECR001 / ECR003; checkov: CKV_AWS_51 / CKV_AWS_163):"
        echo
        echo "| tool | plan (MB) | wall s | peak RSS (MB) | mutable tags / no scan on push |"
        echo "|------|-----------|--------|---------------|--------------------------------|"
        printf '%s\n' "${side[@]}"
    fi
} | tee "$OUT/results.md"
