#!/bin/sh
# Golden obligation cases through the real command line: every case in
# tests/obligations/cases is checked with `prudent obligations --answers FILE
# --json` by check_cases (tests/obligations/check_cases.c), which parses the
# YAML cases and the JSON output and compares every expectation field by field.
#
#   PRUDENT=build/x/prudent SOURCE_DIR=. sh tests/obligations/run.sh
#
# CHECK_CASES names the checker; by default it is looked for next to the
# prudent binary (build/x/tests/check_cases). Prints "FAIL case: ..." lines and
# exits 1 on any difference, else "N cases passed".
set -eu
: "${PRUDENT:?set PRUDENT to the prudent binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the repository}"
CHECK_CASES=${CHECK_CASES:-$(dirname "$PRUDENT")/tests/check_cases}
if [ ! -x "$CHECK_CASES" ]; then
	echo "FAIL run.sh: no checker at $CHECK_CASES (build the check_cases target or set CHECK_CASES)" >&2
	exit 1
fi
exec "$CHECK_CASES" --prudent "$PRUDENT" "$SOURCE_DIR/tests/obligations/cases"
