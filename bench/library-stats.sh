#!/bin/sh
# library-stats.sh - whole-process time of 'prudent library stats --json':
# start-up plus loading and validating the library.  Budget: 100 ms.
#
#   bench/library-stats.sh [BINARY]
#
# Builds the release binary unless one is given, then times 50 runs (after 3
# warm-up runs) with hyperfine of:
#   1. the built-in library, as shipped;
#   2. a synthetic library of full size (the built-in one with CSF 2.0 copied
#      into 10 frameworks and each safeguard into 12): about 1,340 controls,
#      144 safeguards and 500 mappings, more than the complete library the
#      next issues ship, loaded from a directory (--library).
set -eu
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
	cmake --preset release >/dev/null
	cmake --build --preset release >/dev/null
	bin=build/release/prudent
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The synthetic library.
big=$work/library
mkdir -p "$big/frameworks" "$big/safeguards"
cp library/library.yaml "$big/"
for i in 1 2 3 4 5 6 7 8 9 10; do
	sed "s/^id: nist-csf-2.0$/id: csf-copy-$i/" library/frameworks/nist-csf-2.0.yaml \
		>"$big/frameworks/csf-copy-$i.yaml"
done
for f in library/safeguards/*.yaml; do
	id=$(basename "$f" .yaml)
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		sed -e "s/^id: $id$/id: $id-$i/" -e "s/framework: nist-csf-2.0/framework: csf-copy-$(( (i - 1) % 10 + 1 ))/" \
			"$f" >"$big/safeguards/$id-$i.yaml"
	done
done
"$bin" library check "$big" >&2

# time LABEL ARGS...: mean milliseconds of 'prudent ARGS...'.
time_ms() {
	label=$1
	shift
	hyperfine --warmup 3 --runs 50 --shell=none --export-json "$work/h.json" \
		"$bin $*" >&2
	mean_ms=$(sed -n -E 's/.*"mean": *([0-9.eE+-]+).*/\1/p' "$work/h.json" | head -n 1 |
		awk '{ printf "%.1f", $1 * 1000 }')
	verdict=$(awk -v m="$mean_ms" 'BEGIN { print (m < 100) ? "within" : "OVER" }')
	echo "$label: mean $mean_ms ms ($verdict the 100 ms budget)"
}

time_ms "library stats --json, built-in library" library stats --json
time_ms "library stats --json, full-size synthetic library" library stats --json --library "$big"
