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
top=$(pwd)
mkdir -p build/fuzz-artifacts build/fuzz-logs
for target in "$top"/build/asan/tests/fuzz/fuzz_*; do
	name=${target##*/fuzz_}
	mkdir -p "build/fuzz-corpus/$name"
	echo "fuzz_$name: $seconds s"
	# With -jobs, libFuzzer writes fuzz-N.log into the working directory.
	(cd build/fuzz-logs && "$target" -max_total_time="$seconds" -jobs=2 -workers=2 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$top/build/fuzz-artifacts/" -print_final_stats=1 \
		"$top/build/fuzz-corpus/$name" "$top/tests/fuzz/corpus/$name" 2>&1 | tail -n 3)
done
if ls build/fuzz-artifacts/* >/dev/null 2>&1; then
	echo "crashes or timeouts found: see build/fuzz-artifacts/" >&2
	exit 1
fi
echo "no crashes"
