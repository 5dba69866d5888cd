#!/usr/bin/env bash
# Release checks run by ./run-tests after the build (offline but for the licence plugin, against the local Maven
# repository the build filled):
#  1. NOTICE is what license-maven-plugin generates from today's dependency tree;
#  2. the build is reproducible: the sources copied elsewhere and built again give byte-identical jars
#     (project.build.outputTimestamp); compares every jar of the build it follows, sources and javadoc included.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "-- NOTICE matches the dependency tree"
# The plugin named in full (its version is pinned in the parent): a fresh machine resolves no "license:" prefix
# offline, and may not have the plugin yet, so this one step may download it.
mvn -B -q -pl policy-checker -am org.codehaus.mojo:license-maven-plugin:add-third-party -Dnotice.directory="$work"
if ! diff -u NOTICE "$work/NOTICE"; then
  echo "NOTICE is stale: regenerate it with mvn -B -pl policy-checker -am license:add-third-party" >&2
  exit 1
fi

echo "-- reproducible build: the sources built again elsewhere give byte-identical jars"
copy="$work/copy"
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  [[ -f "$file" ]] && printf '%s\0' "$file"
done | tar --null -T - -cf - | tar -xf - -C "$copy"
# the clone's own Maven settings (a local repository of its own), when it has them
if [[ -d .mvn ]]; then cp -R .mvn "$copy/"; fi
(cd "$copy" && mvn -B -q -o -DskipTests -Prelease -Dgpg.skip package)
compared=0
differ=0
while IFS= read -r jar; do
  if [[ -f "$copy/$jar" ]]; then
    compared=$((compared + 1))
    if ! cmp -s "$jar" "$copy/$jar"; then
      echo "not reproducible: $jar differs between two builds" >&2
      differ=1
    fi
  fi
done < <(find . -path ./.m2repo -prune -o -path '*/target/*.jar' -print | sort)
if (( compared == 0 )); then
  echo "no jars to compare: run after mvn -Prelease -Dgpg.skip install" >&2
  exit 1
fi
echo "$compared jars identical"
exit "$differ"
