# crash.sh - the acceptance portal survives SIGKILL at any moment of a
# signature: CRASH_CYCLES (15) times, the server is killed 0-150 ms after the
# signature POST leaves, and then the database passes integrity_check, keeps
# every event it had, passes `prudent verify`, and holds either a whole
# acceptance (signature, checkpoint, consent and every initial before it) or
# none, as the portal shows after a restart.  The cycle is
# tests/support/crash_cycle.sh, shared with bench/crash.sh (1,000 cycles).
. "$SOURCE_DIR/tests/support/e2e.sh"
. "$SOURCE_DIR/tests/support/crash_cycle.sh"

export PRUDENT_DB="$WORK/p.db"
cycles=${CRASH_CYCLES:-15}
started=$(date +%s)
if crash_setup; then
	# The first kill at once and the second once the signature is answered, so
	# that both sides of the commit are covered whatever the draws; the rest
	# at random.
	i=1
	while [ "$i" -le "$cycles" ]; do
		case $i in
		1) crash_cycle "$i" 0 ;;
		2) crash_cycle "$i" answered ;;
		*) crash_cycle "$i" ;;
		esac
		i=$((i + 1))
	done
	crash_finish
fi
crash_report
echo "took $(($(date +%s) - started)) s"

[ "$crash_cycles" -eq "$cycles" ] || fail "ran $crash_cycles of $cycles cycles"
[ "$crash_lost" -eq 0 ] || fail "$crash_lost event(s) lost or corrupted"
[ "$crash_half" -eq 0 ] || fail "$crash_half acceptance(s) half-done or shown wrongly"
[ "$crash_integrity" -eq 0 ] || fail "$crash_integrity integrity_check failure(s)"
[ "$crash_errors" -eq 0 ] || fail "$crash_errors other error(s)"
# Not a property of the product, but of the test: the kills must have landed
# on both sides of the commit, or the cycles proved little.
[ "$cycles" -lt 2 ] || [ "$((crash_unsent + crash_unsigned))" -gt 0 ] || fail "no kill landed before a signature committed"
[ "$cycles" -lt 2 ] || [ "$((crash_signed_silent + crash_signed_answered))" -gt 0 ] ||
	fail "no kill landed after a signature committed"
touch issue.log verify.err
grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error' serve.err verify.err setup.log issue.log &&
	fail "the sanitizers reported a problem: $(grep -h -m 5 'ERROR\|runtime error' serve.err verify.err setup.log issue.log)"
finish
