#!/usr/bin/env bash
# Runs every Go fuzz target of the module for a while each, one after the
# other (go test -fuzz takes one target of one package at a time).
#
#   scripts/fuzz.sh [DURATION] [PACKAGES...]
#
# DURATION is a go test -fuzztime value (default 60s; e.g. 10s for CI,
# 10m nightly); PACKAGES default to ./... . A crash fails the run, and go
# test writes the failing input under the package's testdata/fuzz/FuzzX/:
# commit it with the fix, as a regression seed. Exit status: 0 when no
# target crashed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime="${1:-60s}"
shift || true
pkgs=("$@")
[ ${#pkgs[@]} -eq 0 ] && pkgs=(./...)

failed=()
ran=0
for pkg in $(go list "${pkgs[@]}"); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for target in $targets; do
		ran=$((ran + 1))
		echo "== $pkg $target ($fuzztime)"
		if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg"; then
			failed+=("$pkg $target")
		fi
	done
done

echo "== $ran fuzz targets, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
	printf '  %s\n' "${failed[@]}"
	exit 1
fi
