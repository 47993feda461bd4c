# evidence.sh - the evidence: verification of a real record, the commands
# that record and prove acceptances, evidence bundles checked offline, and
# tampering: one byte changed in each stored evidence column, an event
# deleted, two swapped, a checkpoint re-signed; each must be named.
. "$SOURCE_DIR/tests/support/e2e.sh"

# The demo records each way of agreeing: an electronic signature
# (volunteer-tax), a wet-ink copy (blue-heron-bistro), a walkthrough
# (fenwick-architects).
run 0 demo --dir d --no-serve
export PRUDENT_DB="$WORK/d/prudent.db"
DB="$PRUDENT_DB"
run 0 verify
contains out.txt "No problems: every hash, link and signature checks out."
contains out.txt "2 acceptances, 1 signed copies."
run 0 verify --json
contains out.txt '"ok": true'

# The incorporation line names the issued PDF by its hash.
run 0 reference volunteer-tax.agreement
contains out.txt "incorporates by reference the Standard of Care Agreement (document volunteer-tax.agreement, version 1, document hash "
contains out.txt "and accepted on "
sha=$(sed -n 's/.*issued PDF SHA-256 \([0-9a-f]\{64\}\)).*/\1/p' out.txt)
run 0 documents volunteer-tax -o issued
[ "$(sha256sum issued/agreement.pdf | cut -c1-64)" = "$sha" ] ||
	fail "the reference's hash is not the issued PDF's"
run 1 reference volunteer-tax
contains err.txt "a document is named CLIENT.KIND"
run 1 reference volunteer-tax.cmmc
contains err.txt "volunteer-tax has no issued document volunteer-tax.cmmc"

# What is due: the walkthrough's signed copy, with its reminder.
run 0 due --json
contains out.txt '"kind": "signed-copy"'
contains out.txt '"client": "fenwick-architects"'
run 0 due --within 365
contains out.txt "decision     bright-smile-dental"
run 1 due --within 999
contains err.txt "--within is 0 to 365 days"

# Recording on paper: the checks, then the copy.
printf 'not a scan' >note.txt
run 1 sign fenwick-architects.agreement --scan note.txt --signer "Ruth Fenwick" --title Principal --date 2026-11-26
contains err.txt "the signed copy must be a PDF, PNG or JPEG scan"
run 1 sign fenwick-architects.agreement --scan issued/agreement.pdf --signer "Ruth Fenwick" --title Principal --date 2026-13-01
contains err.txt "the date it was signed is a date, YYYY-MM-DD"
run 1 sign blue-heron-bistro.agreement --scan issued/agreement.pdf --signer "Sam Ortiz" --title Owner --date 2026-11-26
contains err.txt "blue-heron-bistro.agreement version 1 is signed; it cannot be accepted now"
run 1 walkthrough fenwick-architects.agreement --explained-by "Sam" --attended "Ruth" --date 2026-11-26
contains err.txt "is awaiting signed copy; it cannot be accepted now"
run 0 sign fenwick-architects.agreement --scan issued/agreement.pdf --signer "Ruth Fenwick" --title Principal --date 2026-11-26
contains out.txt "Recorded fenwick-architects.agreement version 1 as signed on paper by Ruth Fenwick"
run 0 due --json
grep -q '"signed-copy"' out.txt && fail "the walkthrough is still due after its signed copy"

# Certificates: of signed documents only.
run 0 certificate volunteer-tax.agreement -o cert.pdf
pdftotext cert.pdf cert.txt
contains cert.txt "Certificate of completion"
contains cert.txt "Lee Park"
contains cert.txt "How to verify"
run 0 certificate fenwick-architects.agreement --signed-copy -o signed.pdf
pdftotext signed.pdf signed.txt
contains signed.txt "Accepted by Ruth Fenwick"
run 1 certificate housatonic-aero.agreement -o x.pdf
contains err.txt "has not been signed or refused, so it has no certificate yet"

# Contacts and invitations.
run 0 contact add housatonic-aero Dana@Housatonic.example --name "Dana Whitfield" --title President --invite --url https://prudent.example.com
contains out.txt "Added dana@housatonic.example (Dana Whitfield, President) as a contact of housatonic-aero."
contains out.txt "https://prudent.example.com/portal/invite/"
run 1 contact add housatonic-aero dana@housatonic.example --name "Dana Whitfield" --title President
contains err.txt "a contact with the email dana@housatonic.example exists already"
run 1 contact add housatonic-aero not-an-email --name "Dana Whitfield" --title President
contains err.txt "'not-an-email' is not an email address"
run 1 contact add housatonic-aero x@y.example --name Dana --title President
contains err.txt "give the contact's full name"
# Optional delivery through a sendmail-compatible command.
cat >mailer.sh <<'EOF'
#!/bin/sh
cat >"$MAILBOX"
EOF
chmod +x mailer.sh
export MAILBOX="$WORK/mail.txt" PRUDENT_MAIL_COMMAND="$WORK/mailer.sh"
run 0 contact invite dana@housatonic.example --days 2
unset MAILBOX PRUDENT_MAIL_COMMAND
contains out.txt "(works once, for 2 days), emailed:"
contains mail.txt "To: dana@housatonic.example"
contains mail.txt "/portal/invite/"
run 0 contact list housatonic-aero --json
contains out.txt '"active": false'
run 0 contact disable dana@housatonic.example
contains out.txt "Disabled dana@housatonic.example; what they signed stays on record."
run 1 contact invite dana@housatonic.example
contains err.txt "dana@housatonic.example is disabled"
run 1 contact disable dana@housatonic.example
contains err.txt "is disabled already"

# The record is still whole after all of that.
run 0 verify
contains out.txt "No problems"

# An evidence bundle, checked without the database.
run 0 evidence volunteer-tax -o b.zip
contains out.txt "Wrote b.zip."
mv d/prudent.db.key saved.key
run 0 verify b.zip --db /nonexistent.db
contains out.txt "No problems"
contains out.txt "The bundle was signed by the key "
# Without the key file nothing new can be signed, and nothing old is lost.
run 1 evidence volunteer-tax -o c.zip
contains err.txt "prudent.db.key is missing: restore it from its backup"
run 0 verify
mv saved.key d/prudent.db.key

# A bundle changed after export names what changed.
unzip -q b.zip -d bundle
bundle_case() {
	(cd bundle && zip -q -r ../t.zip .)
	run 1 verify t.zip
	contains out.txt "$1"
	rm -rf t.zip bundle && unzip -q b.zip -d bundle
}
printf 'x' >>bundle/documents/1/volunteer-tax.agreement.md
bundle_case "documents/1/volunteer-tax.agreement.md was changed: its SHA-256 is not the manifest's"
sed -i '5s/"actor":"[^"]*"/"actor":"mallory"/' bundle/events.jsonl
bundle_case "event 5 ("
sed -i '7d' bundle/events.jsonl
bundle_case "event 7 is missing before event 8 (deleted)"
sed -i 's/"provider": "/"provider": "X/' bundle/manifest.json
bundle_case "the manifest's signature does not verify"
printf 'extra' >bundle/extra.txt
bundle_case "extra.txt is not listed in the manifest (added)"
printf 'not a zip' >junk.zip
run 1 verify junk.zip
contains err.txt "junk.zip is not a readable ZIP archive"

# Tampering with the database.  Each case copies it, lifts the triggers that
# refuse changes (as someone with the file could), changes one thing, and
# expects verification to name it.
q() { sqlite3 "$DB" "$1"; }
SIGNED=$(q "SELECT seq FROM event WHERE type = 'acceptance.signed'")
CP=$(q "SELECT max(seq) FROM checkpoint")
HEAD=$(q "SELECT max(seq) FROM event")
[ -n "$SIGNED" ] && [ "$CP" -eq "$HEAD" ] || fail "the demo's record lacks a signature or a final checkpoint"
lift="DROP TRIGGER event_frozen; DROP TRIGGER event_kept; DROP TRIGGER checkpoint_frozen;
DROP TRIGGER checkpoint_kept; DROP TRIGGER tenant_key_frozen; DROP TRIGGER document_frozen;
DROP TRIGGER document_kept; DROP TRIGGER document_file_frozen; DROP TRIGGER document_file_kept;
DROP TRIGGER scan_frozen; DROP TRIGGER scan_kept;"
tamper() { # WHAT SQL EXPECTED...
	what=$1 sql=$2
	shift 2
	cp "$DB" t.db
	sqlite3 t.db "$lift $sql" || fail "$what: the SQL failed"
	run 1 verify --db t.db
	for expected in "$@"; do
		grep -qF -- "$expected" out.txt || fail "$what: verify did not say '$expected': $(head -c 600 out.txt)"
	done
	rm -f t.db t.db-wal t.db-shm
}
# Flip the last character of a text column to another one.
flip() { # COLUMN
	echo "$1 = substr($1, 1, length($1) - 1) || CASE substr($1, -1) WHEN 'a' THEN 'b' ELSE 'a' END"
}
for col in at actor type client_id payload payload_sha256 hash tenant_id; do
	tamper "event.$col" "UPDATE event SET $(flip $col) WHERE seq = $SIGNED" "event $SIGNED"
done
tamper "event.prev_hash" "UPDATE event SET $(flip prev_hash) WHERE seq = $SIGNED" \
	"event $SIGNED (acceptance.signed): it does not follow the event before it"
tamper "event.seq" "UPDATE event SET seq = seq + 1000 WHERE seq = $SIGNED" "event $SIGNED is missing"
tamper "a deleted event" "DELETE FROM event WHERE seq = $SIGNED" \
	"event $SIGNED is missing before event $((SIGNED + 1)) (deleted)"
tamper "two swapped events" "UPDATE event SET seq = 1000000 WHERE seq = $SIGNED;
	UPDATE event SET seq = $SIGNED WHERE seq = $((SIGNED + 1));
	UPDATE event SET seq = $((SIGNED + 1)) WHERE seq = 1000000" \
	"event $SIGNED (" "event $((SIGNED + 1)) ("
tamper "the last event deleted" "DELETE FROM event WHERE seq = $HEAD" \
	"checkpoint at event $HEAD: the chain has no such event"
for col in head_hash signed_at public_key signature; do
	tamper "checkpoint.$col" "UPDATE checkpoint SET $(flip $col) WHERE seq = $CP" "checkpoint at event $CP"
done
tamper "checkpoint.seq" "UPDATE checkpoint SET seq = seq - 1 WHERE seq = $CP" "checkpoint at event $((CP - 1))"
# A checkpoint re-signed with another key (another database's).
run 0 init --db other.db --name Mallory
other_key=$(sqlite3 other.db "SELECT public_key FROM checkpoint")
other_sig=$(sqlite3 other.db "SELECT signature FROM checkpoint")
tamper "a re-signed checkpoint" "UPDATE checkpoint SET public_key = '$other_key', signature = '$other_sig' WHERE seq = $CP" \
	"checkpoint at event $CP: signed with a key that is not the MSP's" \
	"checkpoint at event $CP: its signature does not verify (the checkpoint was changed or re-signed)"
tamper "tenant_key.public_key" "UPDATE tenant_key SET public_key = '$other_key'" \
	"(key.created): the public key it recorded is not the MSP's key (the key was replaced)"
AGREEMENT="doc_id = 'volunteer-tax.agreement' AND version = 1"
for col in kind title source_sha256 identity issued_at issued_by; do
	tamper "document.$col" "UPDATE document SET $(flip $col) WHERE $AGREEMENT" \
		"volunteer-tax.agreement version 1: its record differs from what event"
done
tamper "document_file.bytes" "UPDATE document_file SET bytes = CAST(substr(bytes, 1, 99) || X'00' || substr(bytes, 101) AS BLOB) WHERE $AGREEMENT AND format = 'pdf'" \
	"volunteer-tax.agreement version 1: the bytes of its pdf file are not those event"
tamper "document_file.sha256" "UPDATE document_file SET $(flip sha256) WHERE $AGREEMENT AND format = 'md'" \
	"volunteer-tax.agreement version 1: the hash stored beside its md file was changed"
tamper "document_file.format" "UPDATE document_file SET format = 'txt' WHERE $AGREEMENT AND format = 'md'" \
	"volunteer-tax.agreement version 1: its md file is missing (deleted)" \
	"volunteer-tax.agreement version 1: its txt file was not recorded at issue (added)"
tamper "a deleted document" "DELETE FROM document_file WHERE $AGREEMENT; DELETE FROM document WHERE $AGREEMENT" \
	"volunteer-tax.agreement version 1 is missing (deleted)"
tamper "scan.bytes" "UPDATE scan SET bytes = CAST(substr(bytes, 1, 99) || X'00' || substr(bytes, 101) AS BLOB)" \
	"its bytes were changed"
tamper "scan.sha256" "UPDATE scan SET $(flip sha256)" "the signed copy it recorded is missing (deleted)"
tamper "scan.media_type" "UPDATE scan SET media_type = 'image/png'" "was not recorded by any event (added or changed)"
# The original is untouched by all of that.
run 0 verify
finish
