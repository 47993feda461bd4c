#!/bin/sh
# library-stats.sh - whole-process time of 'prudent library stats --json':
# start-up plus loading and validating the library.  Budget: 100 ms.
#
#   bench/library-stats.sh [BINARY]
#
# Builds the release binary unless one is given, then times 50 runs (after 3
# warm-up runs) with hyperfine of:
#   1. the built-in library, as shipped (the complete library: every framework,
#      safeguard and mapping);
#   2. a synthetic library twice that size (every framework and mapping file
#      copied under a new id), loaded from a directory with --library: the
#      headroom left as the content grows.
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

# The synthetic library: the built-in one plus a copy of each framework.
big=$work/library
"$bin" library export "$big" >/dev/null
for f in "$big"/frameworks/*.yaml; do
	id=$(basename "$f" .yaml)
	sed "s/^id: $id\$/id: $id-copy/" "$f" >"$big/frameworks/$id-copy.yaml"
done
for f in "$big"/mappings/*.yaml; do
	name=$(basename "$f" .yaml)
	sed -e 's/^framework: \(.*\)$/framework: \1-copy/' -e 's/^from: \(.*\)$/from: \1-copy/' \
		-e 's/^to: \(.*\)$/to: \1-copy/' "$f" >"$big/mappings/$name-copy.yaml"
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
time_ms "library stats --json, synthetic library twice the size" library stats --json --library "$big"
