#!/usr/bin/env bash
# Fuzzes every loader and the waiver and baseline readers with Jazzer (coverage-guided, libFuzzer inside), one target
# after another, each for SECONDS (default 15). The property each target checks (policy-checker/src/test/java/dev/
# ecrguard/fuzz): any input gives a result or an input error naming the file; another exception, an input that takes
# longer than 60 s (generous: the machine may be shared; the first input also pays for instrumenting the classes), or
# more than the 256 MB heap, is a finding, and the script fails.
#
#   scripts/fuzz.sh            # the short run of ./run-tests: 15 s per target, about two minutes in all
#   scripts/fuzz.sh 3600       # a long run: an hour per target
#   scripts/fuzz.sh 600 DocumentFuzzTest   # one target
#
# Seeds are the examples and test inputs of the repository; what the fuzzer learns is kept in
# policy-checker/target/fuzz-corpus/<target> (not committed). A finding leaves its input as
# policy-checker/target/fuzz-findings/crash-* (reproduce it with the same command and the file as last argument).
# `mvn test` replays, without fuzzing, the inputs under src/test/resources/dev/ecrguard/fuzz/<Target>Inputs/.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
seconds="${1:-15}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(DocumentFuzzTest AssemblyFuzzTest TerraformSourceFuzzTest WaiverFileFuzzTest BaselineFuzzTest)
fi

out="policy-checker/target"
if [[ ! -d "$out/test-classes/dev/ecrguard/fuzz" ]]; then
  mvn -B -q -pl policy-checker -am test-compile
fi
mvn -B -q -pl policy-checker dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz.classpath
classpath="$out/test-classes:$out/classes:$(cat "$out/fuzz.classpath")"

seeds="$out/fuzz-seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$out/fuzz-findings"
find examples policy-checker/src/test/resources -type f \
  \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.template' -o -name '*.tf' \) -size -256k \
  -exec cp --backup=numbered -t "$seeds" {} +

for target in "${targets[@]}"; do
  echo "== fuzz: $target for ${seconds}s"
  corpus="$out/fuzz-corpus/$target"
  mkdir -p "$corpus"
  # --hooks=true: the junit-platform.properties of the tests turns Jazzer's instrumentation off for mvn test, and the
  # driver reads it too; without instrumentation there is no coverage to guide the fuzzer
  java -Xmx256m -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
    --target_class="dev.ecrguard.fuzz.$target" --instrumentation_includes='dev.ecrguard.**:org.snakeyaml.**:com.fasterxml.jackson.core.**' --hooks=true \
    -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/fuzz-findings/" "$corpus" "$seeds" 2>&1 | grep -v '^INFO: ' | tail -n 8
done
