# crash_cycle.sh - the crash cycle of the acceptance portal, shared by
# tests/e2e/crash.sh (a few cycles under the sanitizers, in the suite) and
# bench/crash.sh (a thousand against the release build); sourced, not run.
#
# A signature is written with the checkpoint that signs it in one
# transaction (src/evidence/accept.c), so a crash must leave either a whole
# acceptance or none.  One cycle puts that to the test:
#   1. start `prudent serve`; take a document awaiting signature (issuing a
#      new version of every document when none is left) and initial every
#      clause it asks initials for;
#   2. note every event and checkpoint (seq, hash, and a SHA-3 of the row),
#      then send the signature and SIGKILL the server after a random
#      0-150 ms, so that kills land before, during and after the transaction;
#   3. with the server dead: PRAGMA integrity_check says ok; every noted event
#      and checkpoint is still there, unchanged, and the only new event can be
#      the signature; `prudent verify` finds no problem; a signature has a
#      checkpoint at or after it, its consent and every initial before it
#      (checked again here in SQL, apart from verify);
#   4. at the next start, the portal shows the document signed exactly when its
#      acceptance.signed event exists.
#
# Needs PRUDENT (the binary), PRUDENT_DB (a path for the new database) and
# SOURCE_DIR; works in the current directory, which it fills with scratch
# files.  Each problem goes to stderr as "cycle N: ..." and is counted in one
# of crash_lost, crash_half, crash_integrity, crash_errors; the caller decides
# what the counts mean, and crash_report prints them.

crash_cycles=0 crash_unsent=0 crash_unsigned=0 crash_signed_silent=0 crash_signed_answered=0
crash_lost=0 crash_half=0 crash_integrity=0 crash_errors=0
crash_n=setup crash_server='' crash_url='' crash_prev_page='' crash_prev_signed=''
crash_issues=0 crash_databases=0 crash_signatures=0
: "${CRASH_MAX_MS:=150}"
export PRUDENT_USER="${PRUDENT_USER:-Crash Test}"

# crash_problem KIND MESSAGE: count a problem of KIND (lost, half, integrity,
# errors) and say what it was.
crash_problem() {
	eval "crash_$1=\$((crash_$1 + 1))"
	echo "cycle $crash_n: $2" >&2
}

# crash_random N: a random number from 0 to N-1 (dash has no $RANDOM).
crash_random() {
	echo $(($(od -An -N2 -tu2 /dev/urandom) % $1))
}

# crash_sql SQL: run SQL on the database, output on stdout.
crash_sql() {
	sqlite3 -batch "$PRUDENT_DB" "$1"
}

# crash_get PATH [CURL ARGS...]: request PATH with the portal's cookie jar; the
# body lands in page.html, the status on stdout ("000" when nothing answered).
crash_get() {
	crash_path=$1
	shift
	curl -s --max-time 30 -o page.html -w '%{http_code}' -b jar -c jar "$@" \
		"$crash_url${crash_path#/}"
}

# crash_start: start the server on a free port; sets crash_server, crash_url.
crash_start() {
	: >serve.out
	"$PRUDENT" serve --port 0 --quiet --db "$PRUDENT_DB" >serve.out 2>>serve.err &
	crash_server=$!
	for _ in $(seq 500); do
		grep -q Listening serve.out && break
		sleep 0.02
	done
	crash_url=$(sed -n 's/^Listening on //p' serve.out)
	[ -n "$crash_url" ] && return 0
	crash_problem errors "the server did not start: $(tail -n 5 serve.err)"
	kill -KILL "$crash_server" 2>/dev/null
	wait "$crash_server" 2>/dev/null
	return 1
}

# crash_stop: stop the server as an operator would (SIGTERM), which must exit 0.
crash_stop() {
	kill -TERM "$crash_server"
	wait "$crash_server" || crash_problem errors "the server exited $? on SIGTERM"
}

# crash_setup: a new database at PRUDENT_DB with a tenant and one client
# (the dental office of the fixtures, with a decline, so that its agreement
# has seven clauses to initial), its documents issued, and its contact signed
# in to the portal (cookie jar "jar", form token crash_csrf) after agreeing to
# do business electronically.
crash_setup() {
	crash_n=setup crash_prev_page='' crash_log=setup.log
	crash_databases=$((crash_databases + 1))
	rm -f jar
	{
		"$PRUDENT" init --name "Crash MSP" &&
			"$PRUDENT" client add "Acme Dental" --slug acme &&
			"$PRUDENT" intake acme --answers \
				"$SOURCE_DIR/tests/fixtures/profiles/bright-smile-dental.json" &&
			"$PRUDENT" decide acme penetration-testing --decline --by "Ana Ruiz, Owner" \
				--reason "Not this year" --impact 3 --likelihood 2 &&
			"$PRUDENT" issue acme &&
			"$PRUDENT" contact add acme maria@example.com --name "Maria Lopez" \
				--title "Office Manager" &&
			"$PRUDENT" contact invite maria@example.com --url http://invite.invalid >invite.txt
	} >"$crash_log" 2>&1 || { crash_problem errors "setup failed: $(tail -n 20 "$crash_log")"; return 1; }
	crash_invite=$(tail -n 1 invite.txt | sed 's|^http://invite.invalid/||')
	crash_start || return 1
	[ "$(crash_get "$crash_invite" -d "password=correct+horse+battery&again=correct+horse+battery")" = 303 ] ||
		crash_problem errors "setting the portal password: $(head -c 300 page.html)"
	crash_get /portal/consent >/dev/null
	crash_csrf=$(sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' page.html | head -n 1)
	[ "$(crash_get /portal/consent -d "_csrf=$crash_csrf&agree=yes")" = 303 ] ||
		crash_problem errors "agreeing to do business electronically: $(head -c 300 page.html)"
	crash_stop
	[ "$crash_errors" -eq 0 ]
}

# crash_page_signed PAGE: whether the portal shows the document at PAGE
# (/portal/documents/V/DOC) as signed; 1 or 0 on stdout.
crash_page_signed() {
	crash_code=$(crash_get "$1")
	[ "$crash_code" = 200 ] || crash_problem errors "GET $1: status $crash_code"
	if grep -q 'Status: <strong>signed</strong>' page.html; then echo 1; else echo 0; fi
}

# crash_signed_seq VERSION DOC: the seq of the acceptance.signed events of
# version VERSION of DOC, one a line.
crash_signed_seq() {
	crash_sql "SELECT seq FROM event WHERE type = 'acceptance.signed'
		AND json_extract(payload, '\$.doc_id') = '$2'
		AND json_extract(payload, '\$.version') = $1 ORDER BY seq"
}

# crash_consistency [WHERE]: every acceptance.signed event (those matching the
# SQL condition WHERE, when given) has a checkpoint at or after it, the consent
# it names before it, and before it the same contact's initials for every mark
# of its document's clauses (read from the document's issued JSON file); and
# no document version is signed twice.  Prints one line per problem.
crash_consistency() {
	crash_sql "WITH signed AS (
		SELECT tenant_id, seq, client_id, json_extract(payload, '\$.doc_id') AS doc,
			json_extract(payload, '\$.version') AS version,
			json_extract(payload, '\$.contact') AS contact,
			json_extract(payload, '\$.consent_seq') AS consent
		FROM event WHERE type = 'acceptance.signed' ${1:+AND ($1)}),
	marks AS (
		SELECT s.seq, json_extract(m.value, '\$.id') AS mark
		FROM signed s JOIN document_file f ON f.client_id = s.client_id
			AND f.version = s.version AND f.doc_id = s.doc AND f.format = 'json',
			json_each(CAST(f.bytes AS TEXT), '\$.clauses') c,
			json_each(c.value, '\$.marks') m)
	SELECT 'acceptance.signed event ' || seq || ' (' || doc || ' version ' || version ||
		'): no checkpoint at or after it'
	FROM signed s WHERE NOT EXISTS (SELECT 1 FROM checkpoint k
		WHERE k.tenant_id = s.tenant_id AND k.seq >= s.seq)
	UNION ALL
	SELECT 'acceptance.signed event ' || seq || ' (' || doc || ' version ' || version ||
		'): the consent it names (' || ifnull(consent, 'none') || ') is not before it'
	FROM signed s WHERE NOT EXISTS (SELECT 1 FROM event x
		WHERE x.tenant_id = s.tenant_id AND x.seq = s.consent AND x.seq < s.seq
		AND x.client_id = s.client_id AND x.type = 'acceptance.consent')
	UNION ALL
	SELECT 'acceptance.signed event ' || seq || ' (' || doc || ' version ' || version ||
		'): its document has no issued clauses (JSON file)'
	FROM signed s WHERE NOT EXISTS (SELECT 1 FROM document_file f
		WHERE f.client_id = s.client_id AND f.version = s.version AND f.doc_id = s.doc
		AND f.format = 'json')
	UNION ALL
	SELECT 'acceptance.signed event ' || s.seq || ' (' || doc || ' version ' || version ||
		'): mark ' || k.mark || ' was not initialled before it'
	FROM marks k JOIN signed s ON s.seq = k.seq
	WHERE NOT EXISTS (SELECT 1 FROM event x
		WHERE x.tenant_id = s.tenant_id AND x.client_id = s.client_id
		AND x.type = 'acceptance.initialed' AND x.seq < s.seq
		AND json_extract(x.payload, '\$.doc_id') = s.doc
		AND json_extract(x.payload, '\$.version') = s.version
		AND json_extract(x.payload, '\$.contact') = s.contact
		AND json_extract(x.payload, '\$.mark') = k.mark)
	UNION ALL
	SELECT 'acceptance.signed event ' || seq || ' (' || doc || ' version ' || version ||
		'): the document was already signed'
	FROM signed s WHERE EXISTS (SELECT 1 FROM event x
		WHERE x.tenant_id = s.tenant_id AND x.client_id = s.client_id
		AND x.type = 'acceptance.signed' AND x.seq < s.seq
		AND json_extract(x.payload, '\$.doc_id') = s.doc
		AND json_extract(x.payload, '\$.version') = s.version);"
}

# crash_consistency_problems: count what crash_consistency wrote to
# consistency.txt (an error of sqlite3 itself as an error).
crash_consistency_problems() {
	while IFS= read -r crash_line; do
		case $crash_line in
		Error:*) crash_problem errors "sqlite3: $crash_line" ;;
		*) crash_problem half "$crash_line" ;;
		esac
	done <consistency.txt
}

# crash_verify: `prudent verify --json` must say ok; a problem about a
# signature counts as a half-done acceptance, any other as lost or corrupted.
crash_verify() {
	"$PRUDENT" verify --db "$PRUDENT_DB" --json >verify.json 2>>verify.err
	crash_rc=$?
	[ "$crash_rc" -eq 0 ] && grep -q '"ok": true' verify.json && return 0
	sqlite3 :memory: "SELECT json_extract(value, '\$.what')
		FROM json_each(readfile('verify.json'), '\$.problems')" >verify.problems
	[ -s verify.problems ] || crash_problem errors "prudent verify exited $crash_rc: $(tail -c 300 verify.err)"
	while IFS= read -r crash_line; do
		case $crash_line in
		*acceptance.signed* | *signed\ without*) crash_problem half "verify: $crash_line" ;;
		*) crash_problem lost "verify: $crash_line" ;;
		esac
	done <verify.problems
}

# crash_check_previous: after a restart, the portal shows the previous
# cycle's document signed exactly when its acceptance.signed event exists.
crash_check_previous() {
	[ -n "$crash_prev_page" ] || return 0
	crash_shown=$(crash_page_signed "$crash_prev_page")
	if [ "$crash_shown" = 1 ] && [ "$crash_prev_signed" = 0 ]; then
		crash_problem half "$crash_prev_page is shown signed without an acceptance.signed event"
	elif [ "$crash_shown" = 0 ] && [ "$crash_prev_signed" = 1 ]; then
		crash_problem lost "$crash_prev_page has an acceptance.signed event but is not shown signed"
	fi
}

# crash_waiting: the first document the portal's home page (page.html) lists
# as waiting, as /portal/documents/VERSION/DOC; nothing if none is.
crash_waiting() {
	sed -n '/<h2>Waiting for you/,/<\/ul>/s|.*href="\(/portal/documents/[0-9]*/[a-z0-9.-]*\)".*|\1|p' \
		page.html | head -n 1
}

# crash_pick: the first document waiting for the contact, issuing a new
# version of every document when none is; sets crash_page, crash_version,
# crash_doc.
crash_pick() {
	crash_get /portal >/dev/null
	crash_page=$(crash_waiting)
	if [ -z "$crash_page" ]; then
		"$PRUDENT" issue acme >>issue.log 2>&1 ||
			{ crash_problem errors "prudent issue: $(tail -n 5 issue.log)"; return 1; }
		crash_issues=$((crash_issues + 1))
		crash_get /portal >/dev/null
		crash_page=$(crash_waiting)
	fi
	[ -n "$crash_page" ] || { crash_problem errors "nothing awaits signature, even after issuing"; return 1; }
	crash_doc=${crash_page#/portal/documents/}
	crash_version=${crash_doc%%/*}
	crash_doc=${crash_doc#*/}
}

# crash_initial_all: initial every mark the document's page still asks for
# (one curl for all of them: starting curl costs more than a request).
crash_initial_all() {
	crash_code=$(crash_get "$crash_page")
	[ "$crash_code" = 200 ] || { crash_problem errors "GET $crash_page: status $crash_code"; return 1; }
	set --
	for crash_mark in $(grep -o 'name="mark" value="[^"]*"' page.html | sed 's/.*value="//;s/"$//'); do
		[ $# -eq 0 ] || set -- "$@" --next
		set -- "$@" -s -o /dev/null -w '%{http_code} ' -b jar --data-urlencode "_csrf=$crash_csrf" \
			--data-urlencode "mark=$crash_mark" -d initials=ML "$crash_url${crash_page#/}/initial"
	done
	[ $# -gt 0 ] || return 0
	crash_codes=$(curl --max-time 30 "$@")
	for crash_code in $crash_codes; do
		[ "$crash_code" = 303 ] && continue
		crash_problem errors "initialling $crash_page: statuses $crash_codes"
		return 1
	done
}

# crash_snapshot: every event and checkpoint, one a line as "event|TENANT|SEQ|TYPE|HASH|SHA3" or "checkpoint|TENANT|SEQ||
# SIGNATURE|SHA3": the SHA-3 covers the whole row, so that a change to any
# column shows, not only to the hash.
crash_snapshot() {
	crash_sql "SELECT 'event', tenant_id, seq, type, hash, hex(sha3(at || '|' || actor || '|' ||
			type || '|' || client_id || '|' || payload || '|' || payload_sha256 || '|' ||
			prev_hash)) FROM event
		UNION ALL SELECT 'checkpoint', tenant_id, seq, '', signature, hex(sha3(head_hash ||
			'|' || signed_at || '|' || public_key)) FROM checkpoint
		ORDER BY 1, 2, 3"
}

# crash_cycle N [MS]: one cycle (see the top of this file); the kill lands MS
# milliseconds after the signature leaves ("answered": once it is answered)
# instead of at random.
crash_cycle() {
	crash_n=$1
	crash_start || return 1
	crash_check_previous
	if ! crash_pick || ! crash_initial_all; then
		kill -KILL "$crash_server"
		wait "$crash_server" 2>/dev/null
		return 1
	fi
	crash_snapshot >before.txt 2>&1
	crash_before_seq=$(awk -F'|' '$1 == "event" && $3 > m { m = $3 } END { print m + 0 }' before.txt)
	crash_before_checkpoints=$(grep -c '^checkpoint|' before.txt)

	# The kill: a uniform 0-150 ms (CRASH_MAX_MS) after curl is started.
	# Starting curl and connecting takes some 30-70 ms on a busy machine and
	# the request 5-15 ms more (ASan or release alike), so the kills fall
	# before the request arrives, while it is handled and after it is answered.
	crash_ms=${2:-$(crash_random $((CRASH_MAX_MS + 1)))}
	{
		curl -s --max-time 30 -o sign.html -w '%{http_code}' -b jar \
			--data-urlencode "_csrf=$crash_csrf" \
			-d "attest=yes&name=Maria+Lopez&title=Office+Manager" \
			"$crash_url${crash_page#/}/sign" 2>/dev/null
		echo " $?"
	} >sign.code &
	crash_curl=$!
	if [ "$crash_ms" = answered ]; then
		wait "$crash_curl"
	elif [ "$crash_ms" -gt 0 ]; then
		sleep "$(printf '%d.%03d' $((crash_ms / 1000)) $((crash_ms % 1000)))"
	fi
	kill -KILL "$crash_server"
	wait "$crash_server" 2>/dev/null
	wait "$crash_curl"
	read -r crash_answer crash_curl_rc <sign.code
	crash_cycles=$((crash_cycles + 1))

	# The database, with the server dead.
	crash_integrity_out=$(crash_sql "PRAGMA integrity_check" 2>&1)
	[ "$crash_integrity_out" = ok ] ||
		crash_problem integrity "PRAGMA integrity_check: $(echo "$crash_integrity_out" | head -n 5)"
	crash_snapshot >after.all 2>&1
	# What was there before (and any error line) must be there unchanged.
	awk -F'|' -v s="$crash_before_seq" '!($3 > s)' after.all >after.txt
	cmp -s before.txt after.txt ||
		crash_problem lost "events or checkpoints lost or changed by the kill: $(diff before.txt after.txt | head -n 10)"
	crash_new=$(awk -F'|' -v s="$crash_before_seq" '$1 == "event" && $3 > s { print $4 }' after.all)
	case $crash_new in
	'' | acceptance.signed) ;;
	*) crash_problem lost "events appeared that the signature does not write: $(echo "$crash_new" | tr '\n' ' ')" ;;
	esac
	crash_seqs=$(crash_signed_seq "$crash_version" "$crash_doc")
	crash_checkpoints=$(grep -c '^checkpoint|' after.all)
	if [ -n "$crash_seqs" ]; then
		crash_prev_signed=1
		[ "$crash_checkpoints" -gt "$crash_before_checkpoints" ] ||
			crash_problem half "$crash_doc version $crash_version: signed (event $crash_seqs) without a new checkpoint"
		if [ "$crash_answer" = 303 ]; then
			crash_signed_answered=$((crash_signed_answered + 1))
		elif [ "$crash_answer" = 000 ]; then
			crash_signed_silent=$((crash_signed_silent + 1))
		else
			crash_problem errors "signing $crash_page answered $crash_answer: $(head -c 300 sign.html)"
		fi
	else
		crash_prev_signed=0
		# curl exits 7 when it could not connect: the server was gone before
		# the request reached it.
		if [ "$crash_curl_rc" = 7 ]; then
			crash_unsent=$((crash_unsent + 1))
		else
			crash_unsigned=$((crash_unsigned + 1))
		fi
		[ "$crash_checkpoints" -eq "$crash_before_checkpoints" ] ||
			crash_problem half "$crash_doc version $crash_version: a checkpoint was added without its signature"
		if [ "$crash_answer" = 303 ]; then
			crash_problem lost "signing $crash_page was answered 303 but no acceptance.signed event was kept"
		elif [ "$crash_answer" != 000 ]; then
			crash_problem errors "signing $crash_page answered $crash_answer: $(head -c 300 sign.html)"
		fi
	fi
	crash_consistency "seq > $crash_before_seq OR (
		client_id = (SELECT client_id FROM client WHERE slug = 'acme')
		AND json_extract(payload, '\$.doc_id') = '$crash_doc'
		AND json_extract(payload, '\$.version') = $crash_version)" >consistency.txt 2>&1
	crash_consistency_problems
	crash_verify
	crash_prev_page=$crash_page
	[ -z "${CRASH_VERBOSE:-}" ] ||
		echo "cycle $crash_n: kill at $crash_ms ms, answer $crash_answer (curl exit $crash_curl_rc), $crash_page ${crash_seqs:+signed by event $crash_seqs}"
	return 0
}

# crash_finish: a last start to check the last cycle's document, every
# signature in the database checked in SQL, and a clean stop.
crash_finish() {
	crash_n=final
	crash_start || return 1
	crash_check_previous
	crash_consistency >consistency.txt 2>&1
	crash_consistency_problems
	crash_signatures=$((crash_signatures + $(crash_sql "SELECT count(*) FROM event
		WHERE type = 'acceptance.signed'")))
	crash_stop
	crash_verify
}

# crash_line LABEL VALUE: one line of a report.
crash_line() {
	printf '%-48s%s\n' "$1" "$2"
}

# crash_report: the outcomes and the problems, counted.
crash_report() {
	crash_line "cycles run:" "$crash_cycles"
	crash_line "kills before the signature committed:" "$((crash_unsent + crash_unsigned))"
	crash_line "  before the request reached the server:" "$crash_unsent"
	crash_line "  after it was sent (while it was handled):" "$crash_unsigned"
	crash_line "kills after the signature committed:" "$((crash_signed_silent + crash_signed_answered))"
	crash_line "  before the answer reached the client:" "$crash_signed_silent"
	crash_line "  after the answer (303):" "$crash_signed_answered"
	crash_line "acceptance.signed events at the end:" \
		"$crash_signatures ($crash_databases database(s), $crash_issues new versions issued)"
	crash_line "events lost or corrupted:" "$crash_lost"
	crash_line "acceptances half-done or shown wrongly:" "$crash_half"
	crash_line "integrity_check failures:" "$crash_integrity"
	crash_line "other errors (server, HTTP, tools):" "$crash_errors"
}
