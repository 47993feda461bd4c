#!/bin/sh
# crash.sh - reliability of the acceptance portal under SIGKILL: CYCLES
# (1,000) crash cycles against the release build.  Each cycle starts
# `prudent serve`, initials a document awaiting signature, sends the
# signature and kills the server 0-150 ms later, then checks the database with
# the server dead (the cycle is tests/support/crash_cycle.sh, shared with the
# suite's tests/e2e/crash.sh, which runs 15 cycles under the sanitizers).
#
#   bench/crash.sh [BINARY]       CYCLES=N FRESH_EVERY=N CRASH_MAX_MS=N bench/crash.sh
#
# Builds the release binary unless one is given.  The kill comes a uniform
# 0 to CRASH_MAX_MS (150) ms after the signature's curl is started.  One
# database serves every cycle unless FRESH_EVERY=N starts a new one every N
# cycles (`prudent verify`, run after every kill, reads the whole chain and
# every document, so the cycles slow down as the record grows).
#
# Prints, every 100 cycles, the time each took, and at the end: the cycles
# run; where the kills landed (before or after the signature committed);
# events lost or corrupted; acceptances half-done or shown wrongly;
# integrity_check failures.  The aim for each problem count is zero; the exit
# status is 1 if any is not.  KEEP=1 keeps the scratch directory (the last
# database, the server's stderr) and names it.
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-}
if [ -z "$bin" ]; then
	cmake --preset release >/dev/null || exit 1
	cmake --build --preset release >/dev/null || exit 1
	bin=build/release/prudent
fi
PRUDENT=$(realpath "$bin")
SOURCE_DIR=$(pwd)
export PRUDENT SOURCE_DIR
cycles=${CYCLES:-1000}
fresh=${FRESH_EVERY:-0}
work=$(mktemp -d)
trap '[ -z "$crash_server" ] || kill -KILL "$crash_server" 2>/dev/null
	if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi' EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 1
. "$SOURCE_DIR/tests/support/crash_cycle.sh"

# fresh_database: a new database in place of the last (which is checked one
# last time first).
fresh_database() {
	if [ "$crash_databases" -gt 0 ]; then
		crash_finish
		rm -f "$PRUDENT_DB" "$PRUDENT_DB"-* "$PRUDENT_DB".key
	fi
	export PRUDENT_DB="$work/p$((crash_databases + 1)).db"
	crash_setup || exit 1
}

# now_ms: milliseconds since the epoch.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

started=$(now_ms)
lap=$started
i=1
while [ "$i" -le "$cycles" ]; do
	if [ "$i" -eq 1 ] || { [ "$fresh" -gt 0 ] && [ $(((i - 1) % fresh)) -eq 0 ]; }; then
		fresh_database
	fi
	crash_cycle "$i"
	if [ $((i % 100)) -eq 0 ] || [ "$i" -eq "$cycles" ]; then
		now=$(now_ms)
		n=$((i % 100 ? i % 100 : 100))
		echo "cycles $((i - n + 1))-$i: $(((now - lap) / n)) ms a cycle"
		lap=$now
	fi
	i=$((i + 1))
done
crash_finish
finished=$(now_ms)
verify_started=$(now_ms)
"$PRUDENT" verify --db "$PRUDENT_DB" >/dev/null 2>&1
verify_ms=$(($(now_ms) - verify_started))

echo "== $cycles crash cycles, $PRUDENT"
crash_report
crash_line "events in the last database:" "$(crash_sql "SELECT count(*) FROM event")"
crash_line "time:" "$(((finished - started) / 1000)) s, $(((finished - started) / (cycles > 0 ? cycles : 1))) ms a cycle"
crash_line "prudent verify of the last database:" "$verify_ms ms"
[ $((crash_lost + crash_half + crash_integrity + crash_errors)) -eq 0 ]
