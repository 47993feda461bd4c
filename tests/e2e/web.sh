# web.sh - the web application and JSON API against a real server on a random
# loopback port: first-run setup, sign-in, sessions, CSRF, roles on every API
# route, tenants that never see each other, bad input named, and a clean
# shutdown on SIGTERM.
. "$SOURCE_DIR/tests/support/e2e.sh"

profiles="$SOURCE_DIR/tests/fixtures/profiles"
export PRUDENT_DB="$WORK/p.db" PRUDENT_USER="Test Technician" PRUDENT_NOW="2026-11-27T12:00:00Z"
run 0 init --name "Test MSP"
run 0 client add "Acme Dental" --slug acme
run 0 intake acme --answers "$profiles/bright-smile-dental.json"
run 0 client add "Not Yet" --slug notyet

"$PRUDENT" serve --port 0 >serve.out 2>serve.err &
server=$!
for _ in $(seq 50); do
	grep -q Listening serve.out 2>/dev/null && break
	sleep 0.1
done
url=$(sed -n 's/^Listening on //p' serve.out)
[ -n "$url" ] || { cat serve.err >&2; fail "the server did not start"; finish; }

# get PATH [CURL ARGS...]: body in body.txt, status in code.txt, headers in head.txt.
get() {
	path=$1
	shift
	curl -s -o body.txt -D head.raw -w '%{http_code}' "$@" "$url${path#/}" >code.txt
	tr -d '\r' <head.raw >head.txt
}
status() {
	[ "$(cat code.txt)" = "$1" ] || fail "$2: status $(cat code.txt), expected $1: $(head -c 300 body.txt)"
}

# First run: no accounts, so the application opens on setup.
get /
status 303 "the dashboard before setup"
grep -qi '^Location: /setup' head.txt || fail "no redirect to /setup: $(cat head.txt)"
get /setup -c jar -b jar
status 200 "the setup page"
grep -qi "^Content-Security-Policy: default-src 'none'" head.txt || fail "no CSP on pages"
grep -qi '^X-Frame-Options: DENY' head.txt || fail "no X-Frame-Options"
grep -qi '^X-Content-Type-Options: nosniff' head.txt || fail "no nosniff"
token=$(grep -o 'name="_login" value="[0-9a-f]*"' body.txt | sed 's/.*value="//;s/"$//')
get /setup -c jar -b jar -d "_login=$token&email=owner@example.com&password=short"
status 400 "a short password at setup"
get /setup -c jar -b jar -d "_login=$token&email=owner@example.com&password=correct+horse+battery"
status 303 "setup"
grep -qi '^Set-Cookie: prudent_session=.*HttpOnly; SameSite=Lax' head.txt ||
	fail "the session cookie lacks HttpOnly or SameSite: $(grep -i set-cookie head.txt)"
get /setup -b jar
status 303 "setup once done"

# Signed in (the setup signed the owner in): pages work.
get / -b jar
status 200 "the dashboard"
contains body.txt "Acme Dental"
contains body.txt '<span class="badge">HIPAA Security Rule</span>'
get /clients/acme -b jar
status 200 "a client's page"
contains body.txt "Responsibility matrix"
contains body.txt "/clients/acme/documents/agreement?format=pdf"
get /clients/notyet -b jar
status 200 "a client without intake"
contains body.txt "The intake questionnaire is not done yet"
get "/clients/acme/documents/agreement?format=pdf" -b jar
status 200 "the agreement as PDF"
grep -qi '^Content-Type: application/pdf' head.txt || fail "the PDF's content type"
cp body.txt agreement.pdf
pdftotext agreement.pdf - | grep -q "Standard of Care Agreement" || fail "the served PDF is unreadable"
get /library/hipaa-security -b jar
status 200 "a framework page"
contains body.txt "164.308(a)(1)(i)"
get "/library/crosswalk?from=hipaa-security&to=nist-csf-2.0" -b jar
status 200 "the crosswalk page"
contains body.txt "<td>GV.OC-01</td>"
get /library/safeguards -b jar
status 200 "the safeguards page"
contains body.txt "Yearly penetration test"

# CSRF: a form without the session's token is refused; with it, it works.
csrf=$(grep -o 'name="_csrf" value="[0-9a-f]*"' body.txt | head -1 | sed 's/.*value="//;s/"$//')
get /clients -b jar -d "name=Forged"
status 403 "a POST without the CSRF token"
get /clients -b jar -d "_csrf=$csrf&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
status 303 "adding a client from the page"
get /clients -b jar
grep -q "<script>alert" body.txt && fail "a client's name reached the page unescaped"
contains body.txt "&lt;script&gt;alert(1)&lt;/script&gt;"
get /clients/script-alert-1-script/rename -b jar -d "_csrf=$csrf&name=Renamed+Client"
status 303 "renaming a client"
get /clients/script-alert-1-script/archive -b jar -d "_csrf=$csrf"
status 303 "archiving a client"
get /clients -b jar
grep -q "Renamed Client" body.txt && fail "an archived client is still listed"
get "/clients?page=0" -b jar
status 400 "page 0 of the clients"
get "/clients?page=2" -b jar
status 200 "a page past the last"
contains body.txt "<tbody>"

# The intake as a form: the questions that apply, problems named, nothing
# saved until every answer fits.
get /clients/notyet/intake -b jar
status 200 "the intake form"
contains body.txt "Why we ask:"
get /clients/notyet/intake -b jar -d "_csrf=$csrf&_asked=name&_asked=industry&_asked=employees&name=Not+Yet&industry=healthcare&employees=many"
status 400 "an intake with a bad number and missing answers"
contains body.txt "Sorry: type a whole number"
contains body.txt "nothing was saved yet"
# The matrix: a decline recorded from the page shows in the matrix.
get /clients/acme/matrix -b jar -d "_csrf=$csrf&safeguard=penetration-testing&action=decline&impact=4&likelihood=3&decided_by=Ana&reason=Cost"
status 400 "a decline without the decision maker's title"
contains body.txt "NAME, TITLE"
get /clients/acme/matrix -b jar -d "_csrf=$csrf&safeguard=penetration-testing&action=decline&impact=4&likelihood=3&decided_by=Ana+Lee%2C+Owner&reason=Cost"
status 303 "a decline from the page"
get /clients/acme/matrix -b jar -d "_csrf=$csrf&safeguard=vendor-contracts&action=third-party&party=Law+Partners+LLP"
status 303 "a third party from the page"
get /clients/acme -b jar
contains body.txt "Declined"
get / -b jar
contains body.txt "<h2>Decisions: declines, accepted risks, deferrals</h2>"
contains body.txt "Yearly penetration test"
contains body.txt "Ana Lee, Owner"
contains body.txt "<td>4 × 3</td>"
contains body.txt "<h2>Reviews due within a month</h2>"

# Settings and users, for admins and owners.
get /settings -b jar
status 200 "the settings page"
get /settings -b jar -d "_csrf=$csrf&governing_law=Ohio&cap_months=0"
status 400 "a liability cap of 0 months"
contains body.txt "cap_months is a number of months from 1 to 120"
get /settings -b jar -d "_csrf=$csrf&governing_law=Ohio&cap_months=6"
status 303 "saving the settings"
get /clients/acme/settings -b jar -d "_csrf=$csrf&signatory=Ana+Lee&effective_date=2027-02-30"
status 400 "an impossible effective date for a client"
contains body.txt "effective_date is a date written YYYY-MM-DD"
get /clients/acme/settings -b jar -d "_csrf=$csrf&signatory=Ana+Lee&effective_date=2027-01-01"
status 303 "a client's settings"
run 0 settings --client acme
contains out.txt "client   signatory          Ana Lee"
run 0 settings
contains out.txt "msp      governing_law      Ohio"
contains out.txt "msp      cap_months         6"
# The floor and the service catalogue, from the browser.
get /settings/floor -b jar -d "_csrf=$csrf&floor=nist-csf-2.0+cis-controls-v8.1:ig=7"
status 400 "a floor with an implementation group that does not exist"
contains body.txt "ig=7 is not a variant of cis-controls-v8.1"
get /settings/floor -b jar -d "_csrf=$csrf&floor=nist-csf-2.0+no-such-framework"
status 400 "a floor with an unknown framework"
contains body.txt "unknown framework &#39;no-such-framework&#39;"
get /settings/floor -b jar -d "_csrf=$csrf&floor=nist-csf-2.0+cis-controls-v8.1:ig=2"
status 303 "saving the floor"
run 0 policy show
contains out.txt "cis-controls-v8.1"
get /services -b jar
status 200 "the services page"
contains body.txt "/services/managed-edr"
get /services/managed-edr -b jar
contains body.txt '&quot;covers&quot;'
run 0 service show managed-edr --json
sed 's/"name": "[^"]*"/"name": "EDR Plus"/' out.txt >service.json
get /services/managed-edr -b jar --data-urlencode "_csrf=$csrf" --data-urlencode "id=edr-plus" \
	--data-urlencode "definition@service.json"
status 303 "saving a service under a new id"
run 0 service list
contains out.txt "edr-plus"
get /services/edr-plus -b jar --data-urlencode "_csrf=$csrf" --data-urlencode "id=edr-plus" \
	--data-urlencode 'definition={"name":"x","description":"y","covers":[{"safeguard":"nope","coverage":"msp"}]}'
status 400 "a service covering an unknown safeguard"
contains body.txt "nope"
get /users -b jar -d "_csrf=$csrf&email=new%40example.com&role=technician&password=a+long+new+password"
status 303 "adding a user from the page"
get /users -b jar
contains body.txt "new@example.com"
get /users/token -b jar -d "_csrf=$csrf&name=Reports"
status 200 "a token from the page"
pagetoken=$(grep -o 'id="token">[0-9a-f]*' body.txt | sed 's/.*>//')
get /api/v1/clients -H "Authorization: Bearer $pagetoken"
status 200 "the API with a token made on the page"

# Accounts and tokens from the CLI; passwords never on the command line.
printf 'technician password\n' | "$PRUDENT" user add tech@example.com --role technician >/dev/null ||
	fail "user add technician"
printf 'readonly password\n' | "$PRUDENT" user add ro@example.com --role readonly >/dev/null ||
	fail "user add readonly"
run 1 user add bad --role owner
contains err.txt "'bad' is not an email address"
run 1 user add x@example.com --role boss
contains err.txt "--role is owner, admin, technician or readonly, not 'boss'"
owner=$("$PRUDENT" user token owner@example.com "PSA" 2>/dev/null)
tech=$("$PRUDENT" user token tech@example.com "RMM" 2>/dev/null)
ro=$("$PRUDENT" user token ro@example.com "Reports" 2>/dev/null)

# Sign-in: wrong password refused, rate-limited per account after 10 failures.
get /login -c jar2 -b jar2
token=$(grep -o 'name="_login" value="[0-9a-f]*"' body.txt | sed 's/.*value="//;s/"$//')
get /login -c jar2 -b jar2 -d "_login=$token&email=ro@example.com&password=wrong"
status 401 "a wrong password"
get /login -c jar2 -b jar2 -d "_login=$token&email=ro@example.com&password=readonly+password&next=//evil.example"
status 303 "signing in"
grep -qi '^Location: /$' head.txt || fail "an off-site next= was followed: $(grep -i location head.txt)"
for _ in $(seq 10); do
	get /login -c jar3 -b jar2 -d "_login=$token&email=tech@example.com&password=wrong"
done
get /login -b jar2 -d "_login=$token&email=tech@example.com&password=technician+password"
status 429 "sign-in after ten failures"

# The API: no token, a bad token, each role.
get /api/v1/clients
status 401 "the API without a token"
contains body.txt '{"error":{"code":"unauthenticated"'
get /api/v1/clients -H "Authorization: Bearer 0000"
status 401 "the API with a bad token"
get "/api/v1/clients?limit=1" -H "Authorization: Bearer $ro"
status 200 "listing clients"
contains body.txt '"total":2'
contains body.txt '"limit":1'
get "/api/v1/clients?limit=0" -H "Authorization: Bearer $ro"
status 400 "limit=0"
contains body.txt '"code":"bad_query"'
get /api/v1/clients -H "Authorization: Bearer $ro" -d '{"name":"No"}'
status 403 "a read-only account adding a client"
get /settings -b jar2
status 403 "a read-only account on the settings page"
get /users -b jar2
status 403 "a read-only account on the users page"
get /api/v1/clients -H "Authorization: Bearer $tech" -d '{"name":"From the API"}'
status 201 "a technician adding a client"
contains body.txt '"slug":"from-the-api"'
get /api/v1/clients -H "Authorization: Bearer $tech" -d '{"nom":"x"}'
status 400 "a client without a name"
get /api/v1/clients -H "Authorization: Bearer $tech" -d 'not json'
status 400 "a body that is not JSON"
contains body.txt '"code":"bad_json"'
get /api/v1/clients/acme/profiles -H "Authorization: Bearer $ro"
status 200 "profile versions"
contains body.txt '"version":1'
contains body.txt '"industry":"healthcare"'
get /api/v1/clients/acme/obligations -H "Authorization: Bearer $ro"
status 200 "obligations"
contains body.txt '"framework":"hipaa-security"'
get /api/v1/clients/acme/matrix -H "Authorization: Bearer $ro"
status 200 "the matrix"
# A cached answer never outlives the data: a change from the CLI shows at once.
get /api/v1/clients/acme/matrix -H "Authorization: Bearer $ro"
before=$(grep -o '"declined"' body.txt | wc -l)
run 0 decide acme security-awareness-training --decline --impact 4 --likelihood 3 --by "Ana Lee, Owner" --reason "Later"
get /api/v1/clients/acme/matrix -H "Authorization: Bearer $ro"
after=$(grep -o '"declined"' body.txt | wc -l)
[ "$after" -gt "$before" ] ||
	fail "the matrix still shows $after declines after one more was recorded (from a stale cache?)"
get /api/v1/clients/acme/issue -X POST -H "Authorization: Bearer $ro"
status 403 "a read-only account issuing"
get /api/v1/clients/acme/issue -X POST -H "Authorization: Bearer $tech"
status 201 "issuing"
contains body.txt '"version":1'
get /api/v1/clients/acme/changes -H "Authorization: Bearer $tech" -d '{"kind":"subscribe","service":"managed-edr"}'
status 201 "subscribing through the API"
get /api/v1/clients/acme/changes -H "Authorization: Bearer $tech" -d '{"kind":"subscribe","service":"managed-edr"}'
status 200 "subscribing again"
contains body.txt '"changed":false'
get /api/v1/clients/acme/changes -H "Authorization: Bearer $tech" -d '{"kind":"subscribe","service":"nope"}'
status 404 "an unknown service"
get /api/v1/clients/acme/changes -H "Authorization: Bearer $tech" -d '{"kind":"assign","safeguard":"vendor-contracts","owner":"shared"}'
status 400 "a shared split without its parts"
contains body.txt "the MSP's part and the customer's part"
get /api/v1/clients/acme/changes -H "Authorization: Bearer $ro" -d '{"kind":"subscribe","service":"backup-dr"}'
status 403 "a read-only account changing the matrix"
get /api/v1/clients/acme/changes -H "Authorization: Bearer $ro"
status 200 "the changes"
contains body.txt '"kind":"subscribe","subject":"managed-edr"'
get /api/v1/clients/acme/documents -H "Authorization: Bearer $ro"
contains body.txt '"document":"acme.agreement"'
get /api/v1/clients/acme/documents/agreement/1?format=pdf -H "Authorization: Bearer $ro"
status 200 "an issued PDF"
sum=$(sha256sum body.txt | cut -d' ' -f1)
get /api/v1/clients/acme/documents -H "Authorization: Bearer $ro"
contains body.txt "\"$sum\""
get /api/v1/clients/acme/documents/agreement/9?format=pdf -H "Authorization: Bearer $ro"
status 404 "an issued version that does not exist"
get /clients/acme/matrix.xlsx -b jar
status 200 "the matrix as XLSX"
[ "$(head -c 2 body.txt)" = PK ] || fail "the XLSX is not a ZIP file"
get / -b jar
contains body.txt "<h2>Documents awaiting the client</h2>"
sed -n '/awaiting the client/,/<h2>Reviews/p' body.txt | grep -q "Acme Dental" ||
	fail "acme's issued documents are not awaiting acceptance"
get /api/v1/clients/acme/documents/gdpr-dpa -H "Authorization: Bearer $ro"
status 404 "an addendum the client does not need"
get /api/v1/services -H "Authorization: Bearer $ro"
status 200 "the service catalogue"
contains body.txt '"id":"managed-edr"'
get /api/v1/services/edr-max -H "Authorization: Bearer $tech" -d '{"name":"x","description":"y","covers":[]}'
status 403 "a technician saving a service"
get /api/v1/services/edr-max -H "Authorization: Bearer $owner" -d '{"name":"x","description":"y","covers":[{"safeguard":"nope","coverage":"msp"}]}'
status 400 "a service covering an unknown safeguard"
get /api/v1/policy -H "Authorization: Bearer $owner" -d '{"floor":["nist-csf-2.0","cis-controls-v8.1:ig=9"]}'
status 400 "a floor variant the library does not know"
get /api/v1/policy -H "Authorization: Bearer $owner" -d '{"floor":["nist-csf-2.0","cis-controls-v8.1:ig=3"]}'
status 201 "setting the floor"
get /api/v1/policy -H "Authorization: Bearer $ro"
contains body.txt '"ig":"3"'
get "/api/v1/library/crosswalk?from=hipaa-security&to=nist-csf-2.0" -H "Authorization: Bearer $ro"
status 200 "a crosswalk"
get "/api/v1/library/crosswalk?from=nope&to=nist-csf-2.0" -H "Authorization: Bearer $ro"
status 400 "a crosswalk from an unknown framework"
get /api/v1/nothing -H "Authorization: Bearer $ro"
status 404 "an unknown API route"
get /api/v1/clients/acme -X DELETE -H "Authorization: Bearer $owner"
status 405 "DELETE"
get "/api/v1/clients/%2Facme" -H "Authorization: Bearer $ro"
status 404 "an encoded slash (decoded, it matches no route)"
get "/api/v1/clients/a%01b" -H "Authorization: Bearer $ro"
status 400 "a control character in a path segment"

# Every API route, from the route table: without a token 401; every route
# that changes something, 403 for a read-only account.
get /api/v1/openapi.json
grep -o '"/api/v1/[^"]*":' body.txt | sed 's/^"//; s/":$//' | sort -u >paths.txt
[ "$(wc -l <paths.txt)" -ge 15 ] || fail "the OpenAPI document lists $(wc -l <paths.txt) paths"
while read -r path; do
	p=$(echo "$path" | sed 's/{slug}/acme/; s/{kind}/agreement/; s/{framework}/hipaa-security/;
		s/{id}/managed-edr/; s/{version}/1/')
	[ "$p" = /api/v1/openapi.json ] && continue
	get "$p"
	unauth=$(cat code.txt)
	get "$p" -X POST -d '{}'
	unauth="$unauth $(cat code.txt)"
	case "$unauth" in
	"401 401"|"401 405"|"405 401") ;;
	*) fail "$p without a token answered $unauth (GET, POST)" ;;
	esac
	get "$p" -X POST -H "Authorization: Bearer $ro" -d '{}'
	case "$(cat code.txt)" in
	403|405) ;;
	*) fail "POST $p by a read-only account: $(cat code.txt)" ;;
	esac
done <paths.txt

# The OpenAPI document lists every API route of the server.
get /api/v1/openapi.json
status 200 "the OpenAPI document"
for route in /api/v1/clients /api/v1/clients/{slug} /api/v1/clients/{slug}/obligations \
	/api/v1/clients/{slug}/matrix /api/v1/clients/{slug}/documents /api/v1/clients/{slug}/changes \
	/api/v1/clients/{slug}/profiles /api/v1/services /api/v1/services/{id} /api/v1/policy \
	/api/v1/clients/{slug}/documents/{kind} /api/v1/clients/{slug}/issue \
	/api/v1/library/frameworks /api/v1/library/frameworks/{framework} \
	/api/v1/library/safeguards /api/v1/library/crosswalk; do
	contains body.txt "\"$route\""
done

# A client reviewed monthly, issued today, shows among the reviews due.
run 0 settings set review_months 1 --client acme
get / -b jar
contains body.txt "<th scope=\"col\">Review due</th>"
sed -n '/Reviews due/,/<h2>Clients/p' body.txt | grep -q "Acme Dental" ||
	fail "acme (reviewed monthly) is not among the reviews due"

# Another tenant sees nothing of this one: its clients are not found (404,
# not 403, so existence does not leak).
hash=$(sqlite3 "$PRUDENT_DB" "SELECT password_hash FROM account WHERE email = 'ro@example.com'")
sqlite3 "$PRUDENT_DB" "INSERT INTO tenant (tenant_id, name, created_at) VALUES
	('00000000-0000-4000-8000-000000000002', 'Other MSP', '2026-11-27T00:00:00Z');
	INSERT INTO account (tenant_id, account_id, email, role, password_hash, created_at, created_by)
	VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003',
	'other@example.com', 'owner', '$hash', '2026-11-27T00:00:00Z', 'test');" ||
	fail "cannot add a second tenant"
other=$("$PRUDENT" user token other@example.com "Other" 2>/dev/null)
get /api/v1/clients -H "Authorization: Bearer $other"
contains body.txt '"total":0'
for path in /api/v1/clients/acme /api/v1/clients/acme/obligations /api/v1/clients/acme/matrix \
	/api/v1/clients/acme/profiles /api/v1/clients/acme/changes \
	/api/v1/clients/acme/documents /api/v1/clients/acme/documents/agreement; do
	get "$path" -H "Authorization: Bearer $other"
	status 404 "another tenant's $path"
done
get /api/v1/clients/acme/issue -X POST -H "Authorization: Bearer $other"
status 404 "issuing another tenant's documents"

# The client portal: a contact sees only their own client's documents, and
# neither staff pages nor the API.
run 0 client add "Portal Co" --slug portal-co
run 0 contact add portal-co pat@portal-co.example --name "Pat Doe" --title Owner --invite --url "${url%/}"
link=$(tail -n 1 out.txt)
case "$link" in "$url"portal/invite/*) ;; *) fail "the invitation link is '$link'" ;; esac
get "${link#"$url"}" -c pjar -b pjar
status 200 "an invitation"
get "${link#"$url"}" -c pjar -b pjar -d "password=short&again=short"
status 400 "a short portal password"
get "${link#"$url"}" -c pjar -b pjar -d "password=long+enough+secret&again=long+enough+secret"
status 303 "setting the portal password"
grep -qi '^Set-Cookie: prudent_portal=.*; Path=/portal; HttpOnly; SameSite=Lax' head.txt ||
	fail "the portal cookie lacks its attributes: $(grep -i set-cookie head.txt)"
get "${link#"$url"}"
status 404 "an invitation used once"
get /portal -b pjar
status 200 "the portal"
contains body.txt "Nothing is waiting for you."
for path in /portal/documents/1/acme.agreement /portal/documents/1/acme.agreement/document.pdf \
	/portal/documents/1/acme.agreement/certificate.pdf; do
	get "$path" -b pjar
	status 404 "another client's $path in the portal"
done
get /clients/acme -b pjar
status 303 "a staff page for a contact"
get /api/v1/clients/acme -b pjar
status 401 "the API for a contact"
get /portal -b jar
status 303 "the portal for staff"
get /portal/consent -b pjar -d "agree=yes"
status 403 "consent without the form's token"
get /portal/login -d "email=pat@portal-co.example&password=wrong"
status 401 "a wrong portal password"
run 0 verify
contains out.txt "No problems"

# Oversized and hostile input.
head -c 1100000 /dev/zero | tr '\0' a >big.txt
get /api/v1/clients -H "Authorization: Bearer $tech" --data-binary @big.txt
status 413 "a body over 1 MiB"
get "/api/v1/clients?q=%FF" -H "Authorization: Bearer $ro"
status 400 "a query that is not UTF-8"
get "/api/v1/x%0A2026-01-01T00:00:00Z%20forged" -H "Authorization: Bearer $ro"
status 400 "a path with an encoded line break"

# SIGTERM: finish and exit 0; the log has one line per request.
kill -TERM "$server"
wait "$server"
rc=$?
[ "$rc" -eq 0 ] || { sed 's/^/  server: /' serve.err >&2; fail "the server exited $rc on SIGTERM"; }
contains serve.out "Stopping"
grep -q '"GET /api/v1/clients" 401' serve.err || fail "the access log lacks the 401"
grep -q '^2026-01-01T00:00:00Z forged' serve.err && fail "a request forged a line of the access log"
grep -q 'ERROR: LeakSanitizer\|runtime error' serve.err && fail "the sanitizers reported a problem"

# TLS with a certificate and key: HTTPS, Secure cookies, HSTS; plain HTTP to
# it fails.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout key.pem \
	-out cert.pem >/dev/null 2>&1 || fail "openssl cannot make a test certificate"
run 1 serve --port 0 --tls-cert cert.pem
contains err.txt "TLS needs both --tls-cert and --tls-key"
"$PRUDENT" serve --port 0 --tls-cert cert.pem --tls-key key.pem >tls.out 2>tls.err &
server=$!
for _ in $(seq 50); do
	grep -q Listening tls.out 2>/dev/null && break
	sleep 0.1
done
url=$(sed -n 's/^Listening on //p' tls.out)
case "$url" in https://*) ;; *) fail "the TLS server announced '$url'" ;; esac
get /login -k
status 200 "the sign-in page over TLS"
grep -qi '^Set-Cookie: prudent_login=.*; Secure' head.txt || fail "cookies over TLS lack Secure"
grep -qi '^Strict-Transport-Security:' head.txt || fail "no HSTS over TLS"
curl -s -o /dev/null "http://${url#https://}login" && fail "plain HTTP was answered on the TLS port"
kill -TERM "$server"
wait "$server" || fail "the TLS server did not exit cleanly"
finish
