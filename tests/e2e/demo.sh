# demo.sh - 'prudent demo': six clients, every kind of document among their
# packets, an owner who can sign in, and a served application.
. "$SOURCE_DIR/tests/support/e2e.sh"

run 0 demo --dir d --no-serve
cp out.txt demo.txt
contains out.txt "Sign in as owner@demo-msp.example with the password"
password=$(sed -n 's/.* with the password \([0-9a-f]*\)$/\1/p' out.txt)
[ ${#password} -eq 20 ] || fail "the owner's password is '$password'"
[ "$(ls d/packets | wc -l)" -eq 6 ] || fail "the demo has $(ls d/packets | wc -l) clients, not 6"
for kind in agreement hipaa-baa pci-dss cmmc glba gdpr-dpa cyber-insurance risk-acceptance summary; do
	ls d/packets/*/"$kind.pdf" >/dev/null 2>&1 || fail "no demo client has a $kind"
done
run 0 documents housatonic-aero --db d/prudent.db
contains out.txt "housatonic-aero.cmmc"
# Each way of agreeing, once: a portal invitation, an electronic signature
# with its certificate and bundle, a wet-ink copy, a walkthrough.
contains out.txt "awaiting acceptance"
grep -q '^http://127.0.0.1:8080/portal/invite/[0-9a-f]\{64\}$' demo.txt ||
	fail "the demo printed no portal invitation: $(cat demo.txt)"
run 0 documents volunteer-tax --db d/prudent.db
contains out.txt "signed               Standard of Care Agreement"
pdftotext d/packets/volunteer-tax/agreement.certificate.pdf cert.txt
contains cert.txt "Lee Park"
run 0 verify d/evidence/volunteer-tax.zip
contains out.txt "No problems"
run 0 due --db d/prudent.db
contains out.txt "signed-copy  fenwick-architects"
run 0 verify --db d/prudent.db
run 1 demo --dir d --no-serve
contains err.txt "d/prudent.db exists: the demo starts from a fresh database"

# Served: the owner signs in with the printed password.
"$PRUDENT" serve --db d/prudent.db --port 0 >serve.out 2>serve.err &
server=$!
for _ in $(seq 50); do
	grep -q Listening serve.out 2>/dev/null && break
	sleep 0.1
done
url=$(sed -n 's/^Listening on //p' serve.out)
curl -s -c jar -b jar "${url}login" >login.html
token=$(grep -o 'name="_login" value="[0-9a-f]*"' login.html | sed 's/.*value="//;s/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' -c jar -b jar \
	-d "_login=$token&email=owner@demo-msp.example&password=$password" "${url}login")
[ "$code" = 303 ] || fail "the owner cannot sign in with the printed password ($code)"
curl -s -b jar "$url" >dash.html
for name in "Bright Smile Dental" "Blue Heron Bistro" "Housatonic Aero Components" \
	"Volunteer Tax Service" "Harborview Analytics" "Fenwick Architects"; do
	contains dash.html "$name"
done
kill -TERM "$server"
wait "$server" || fail "the server did not stop cleanly"
finish
