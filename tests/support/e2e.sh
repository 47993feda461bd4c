# e2e.sh - helpers for the end-to-end shell tests in tests/e2e/ (sourced, not run).
#
# Each test runs the real binary ($PRUDENT) in a fresh temporary directory and
# checks exit codes, output and files.  Golden files live in tests/golden/;
# UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
set -u
: "${PRUDENT:?PRUDENT must name the binary}"
: "${SOURCE_DIR:?SOURCE_DIR must name the source tree}"
GOLDEN="$SOURCE_DIR/tests/golden"
WORK=$(mktemp -d /tmp/prudent-e2e-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
unset PRUDENT_DB PRUDENT_LIBRARY
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run EXPECTED_EXIT ARGS...: run prudent, keep stdout in out.txt and stderr in
# err.txt, and check the exit status.
run() {
	expected=$1
	shift
	"$PRUDENT" "$@" >out.txt 2>err.txt
	status=$?
	if [ "$status" -ne "$expected" ]; then
		fail "prudent $* exited $status, expected $expected"
		sed 's/^/  stdout: /' out.txt >&2
		sed 's/^/  stderr: /' err.txt >&2
	fi
}

# contains FILE TEXT: the file has the text.
contains() {
	grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 400 "$1")"
}

# lines FILE N: the file has exactly N lines.
lines() {
	n=$(wc -l <"$1")
	[ "$n" -eq "$2" ] || fail "$1 has $n lines, expected $2"
}

# golden NAME FILE: FILE equals tests/golden/NAME.
golden() {
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$2" "$GOLDEN/$1"
	elif ! diff -u "$GOLDEN/$1" "$2" >&2; then
		fail "output differs from tests/golden/$1"
	fi
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
}
