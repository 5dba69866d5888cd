#!/usr/bin/env bash
# Fetches a released ecr-guard CLI into DIR, once: ecr-guard.jar and the stand-alone launcher ecr-guard, each
# checked against the SHA-256 checksum published beside it (ecr-guard.jar.sha256, ecr-guard.sha256). Later calls
# with the same DIR reuse them. Prints the jar's path. Used by the GitHub Action (action.yml) and the pre-commit
# hook (scripts/pre-commit-hook).
# Usage: scripts/fetch-release.sh VERSION DIR [DOWNLOAD_URL]   (DOWNLOAD_URL/vVERSION/ecr-guard.jar is fetched)
set -euo pipefail
version="${1#v}"
dir="$2"
base="${3:-https://github.com/ecr-guard/ecr-guard/releases/download}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]+)?$ ]]; then
  echo "ecr-guard: '$1' is not an ecr-guard release version such as 0.1.0" >&2
  exit 2
fi
if [[ ! -f "$dir/ecr-guard.jar" || ! -x "$dir/ecr-guard" ]]; then
  download="$(mktemp -d "${TMPDIR:-/tmp}/ecr-guard-download.XXXXXX")"
  trap 'rm -rf "$download"' EXIT
  for asset in ecr-guard.jar ecr-guard.jar.sha256 ecr-guard ecr-guard.sha256; do
    if ! curl -fsSL --retry 3 -o "$download/$asset" "${base%/}/v$version/$asset"; then
      echo "ecr-guard: could not download $asset of release $version from ${base%/}/v$version" >&2
      exit 1
    fi
  done
  if command -v sha256sum > /dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
  for asset in ecr-guard.jar ecr-guard; do
    if ! (cd "$download" && "${sum[@]}" --check --status "$asset.sha256"); then
      echo "ecr-guard: $asset of release $version does not match its published SHA-256 checksum; not using it" >&2
      exit 1
    fi
  done
  chmod 755 "$download/ecr-guard"
  mkdir -p "$dir"
  mv "$download/ecr-guard.jar" "$download/ecr-guard.jar.sha256" "$download/ecr-guard" "$download/ecr-guard.sha256" \
    "$dir/"
fi
echo "$dir/ecr-guard.jar"
