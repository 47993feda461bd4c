#!/bin/sh
# fuzz.sh - a long fuzzing campaign (the test suite runs 20 seconds of each).
#
#   bench/fuzz.sh [SECONDS_PER_TARGET]     (default 600)
#
# Builds the asan preset (clang, sanitizers, libFuzzer), then runs every
# fuzz target for the given time with two workers, keeping the grown corpus in
# build/fuzz-corpus/NAME.  A crash leaves its input in build/fuzz-artifacts/
# and stops the script with a non-zero status; add such inputs to
# tests/fuzz/corpus/NAME once fixed, so the suite replays them.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
cmake --preset asan >/dev/null
cmake --build --preset asan >/dev/null
mkdir -p build/fuzz-artifacts
for target in build/asan/tests/fuzz/fuzz_*; do
	name=${target##*/fuzz_}
	mkdir -p "build/fuzz-corpus/$name"
	echo "fuzz_$name: $seconds s"
	"$target" -max_total_time="$seconds" -jobs=2 -workers=2 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=build/fuzz-artifacts/ -print_final_stats=1 \
		"build/fuzz-corpus/$name" "tests/fuzz/corpus/$name" 2>&1 | tail -n 3
done
if ls build/fuzz-artifacts/* >/dev/null 2>&1; then
	echo "crashes or timeouts found: see build/fuzz-artifacts/" >&2
	exit 1
fi
echo "no crashes"
