#!/usr/bin/env bash
# Installs the two checkers the monorepo benchmark compares with, pinned, under .tools/ (git-ignored):
#   Checkov  in a Python virtual environment, .tools/checkov-venv/bin/checkov (pip, PyPI)
#   Trivy    built from source with `go install`, .tools/bin/trivy (Go module proxy; there is no other way to get a
#            release binary from a package registry). Trivy imports encoding/json/v2, which Go ships behind
#            GOEXPERIMENT=jsonv2. The first build took 28 minutes on 2 busy cores (it runs under `nice`); with Go's
#            build cache warm, under 2 minutes.
# An installed tool of the pinned version is kept. Run from the repository root: bench/monorepo/install-peers.sh
set -euo pipefail

CHECKOV_VERSION=${CHECKOV_VERSION:-3.2.533}
TRIVY_VERSION=${TRIVY_VERSION:-v0.74.0}

if [[ ! -f pom.xml || ! -d bench/monorepo ]]; then
	echo "install-peers.sh: run this from the repository root (bench/monorepo/install-peers.sh)" >&2
	exit 2
fi
command -v go >/dev/null || { echo "install-peers.sh: Go is needed to build trivy (and to read its version)" >&2; exit 2; }
tools=$PWD/.tools
mkdir -p "$tools/bin"

checkov=$tools/checkov-venv/bin/checkov
if [[ -x $checkov ]] && [[ $("$checkov" --version 2>/dev/null) == "$CHECKOV_VERSION" ]]; then
	echo "checkov $CHECKOV_VERSION: already in $checkov" >&2
else
	echo "== installing checkov $CHECKOV_VERSION into $tools/checkov-venv" >&2
	python3 -m venv "$tools/checkov-venv"
	nice -n 19 "$tools/checkov-venv/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
	[[ $("$checkov" --version) == "$CHECKOV_VERSION" ]]
fi

trivy=$tools/bin/trivy
# a binary built by `go install` says "Version: dev"; the module version is in its build information
trivy_version() { go version -m "$trivy" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/aquasecurity/trivy" { print $3 }'; }
if [[ -x $trivy ]] && [[ $(trivy_version) == "$TRIVY_VERSION" ]]; then
	echo "trivy $TRIVY_VERSION: already in $trivy" >&2
else
		echo "== building trivy $TRIVY_VERSION into $tools/bin (about half an hour the first time)" >&2
	GOEXPERIMENT=jsonv2 GOBIN=$tools/bin nice -n 19 go install "github.com/aquasecurity/trivy/cmd/trivy@$TRIVY_VERSION"
	[[ $(trivy_version) == "$TRIVY_VERSION" ]]
fi
echo "checkov: $checkov ($("$checkov" --version))" >&2
echo "trivy:   $trivy ($(trivy_version))" >&2
