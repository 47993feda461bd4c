# clients.sh - clients, intake (from a file and in a terminal) and obligations.
. "$SOURCE_DIR/tests/support/e2e.sh"

dental="$SOURCE_DIR/tests/fixtures/profiles/bright-smile-dental.json"
export PRUDENT_DB="$WORK/p.db" PRUDENT_USER="Test Technician"

# No database yet: a clear message.
run 1 client list
contains err.txt "no database at"
run 0 init --name "Test MSP"

run 0 client list
contains out.txt "No clients yet"
run 0 client add "Bright Smile Dental" --legal-name "Bright Smile Dental, LLC"
contains out.txt "Added Bright Smile Dental as bright-smile-dental. Next: prudent intake bright-smile-dental"
run 0 client add "Bright Smile Dental" --json
contains out.txt '"slug": "bright-smile-dental-2"'
run 1 client add "Other" --slug "Bad Slug"
contains err.txt "a slug is lower-case letters"
run 1 client add "Other" --slug bright-smile-dental
contains err.txt "already has the slug 'bright-smile-dental'"
run 1 client add ""
contains err.txt "a client name must have 1 to 200 characters"
run 1 client show nobody
contains err.txt "no client 'nobody'"
run 1 client frob x
contains err.txt "unknown subcommand 'client frob'"

# Intake from a file: stored as version 1, then nothing changes on a re-run.
run 0 client show bright-smile-dental
contains out.txt "Intake: not answered yet"
run 1 obligations bright-smile-dental
contains err.txt "bright-smile-dental has no intake answers yet"
run 0 intake bright-smile-dental --answers "$dental"
contains out.txt "Saved version 1 of Bright Smile Dental's intake (sha256:"
run 0 intake bright-smile-dental --answers "$dental"
contains out.txt "No answer changed"
sed 's/"employees": 14/"employees": 16/' "$dental" >changed.json
run 0 intake bright-smile-dental --answers changed.json --by "Dana Office"
contains out.txt "Saved version 2"
run 0 client show bright-smile-dental
contains out.txt "Intake version 1:"
contains out.txt "by Test Technician; changed name, industry"
contains out.txt "Intake version 2:"
contains out.txt "by Dana Office; changed employees"
run 0 client show bright-smile-dental --json
contains out.txt '"employees": 16'
contains out.txt '"legal_name": "Bright Smile Dental, LLC"'

# Bad answers: every problem on its own line naming the key; nothing stored.
cat >bad.yaml <<'YAML'
name: Bright Smile Dental
industy: dental
employees: fourteen
states: [OH, XX]
countries: [US]
data: [phi, dna]
hipaa_role: covered_entity
card_payments: {accepts: false}
dod_contracts: {fci: false, cui: false, dfars_7012: false}
publicly_traded: false
eu_data_subjects: false
cyber_insurance: {has_policy: false}
YAML
run 1 intake bright-smile-dental --answers bad.yaml
contains err.txt "prudent: unknown key 'industy' (did you mean 'industry'?)"
contains err.txt "prudent: 'employees' must be a whole number, not text"
contains err.txt "prudent: 'states' has 'XX', which is not a US state code"
contains err.txt "prudent: 'data' has 'dna', which is not one of:"
contains err.txt "4 problems in the answers; nothing was saved"
printf '{"name": "X",\n "name": "Y"}' >dup.json
run 1 intake bright-smile-dental --answers dup.json
contains err.txt "answers, line 2: duplicate object key"
run 0 client show bright-smile-dental
lines out.txt 6

# Obligations from the stored profile, and from a file without a database.
run 0 obligations bright-smile-dental --json
contains out.txt '"framework": "hipaa-security"'
contains out.txt '"saq": "B"'
contains out.txt '"profile_hash": "sha256:'
contains out.txt '"state": "OH"'
run 0 obligations bright-smile-dental
contains out.txt "What applies to Bright Smile Dental, and why"
contains out.txt "HIPAA Security Rule (role: covered entity)"
PRUDENT_DB=/nonexistent/none.db run 0 obligations --answers "$dental" --json
contains out.txt '"framework": "pci-dss-4.0.1"'
run 0 obligations --answers - --json <"$dental"
contains out.txt '"framework": "cyber-insurance"'
run 1 obligations
contains err.txt "name a CLIENT or give --answers FILE"
run 1 obligations --answers bad.yaml
contains err.txt "unknown key 'industy'"

# The intake in a terminal: answers typed line by line (a wrong one, 'back').
run 0 client add "Corner Shop"
printf '%s\n' "" 4 "" OH US none maybe yes back yes 2 no "" no no no "" "" no "" no no "" yes \
	>typed.txt
"$PRUDENT" intake corner-shop <typed.txt >out.txt 2>err.txt || fail "typed intake failed: $(cat err.txt)"
contains out.txt "Sorry: answer yes or no."
contains out.txt "Save these answers? (yes/no)"
contains out.txt "Saved version 1 of Corner Shop's intake"
run 0 obligations corner-shop --json
contains out.txt '"saq": "B-IP"'
run 0 client show corner-shop --json
contains out.txt '"industry": "hospitality"'
contains out.txt '"channels": ['
# Input that ends early saves nothing.
printf 'Corner Shop\n' >short.txt
run 0 client add "Half Done"
"$PRUDENT" intake half-done <short.txt >out.txt 2>err.txt && fail "a cut-off intake succeeded"
contains err.txt "the intake ended before every question was answered; nothing was saved"

# Rename, archive.
run 0 client rename bright-smile-dental-2 "Bright Smile Kids" --slug bright-smile-kids
contains out.txt "Renamed to Bright Smile Kids (bright-smile-kids)."
run 0 client archive bright-smile-kids
run 1 client archive bright-smile-kids
contains err.txt "archived already"
run 0 client list
grep -q bright-smile-kids out.txt && fail "an archived client is listed"
run 0 client list --all --json
contains out.txt '"slug": "bright-smile-kids"'

finish
