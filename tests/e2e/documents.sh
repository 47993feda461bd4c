# documents.sh - a client's documents in every format, read back by real
# readers: pdftotext and pdftoppm for PDF, LibreOffice for DOCX; golden HTML;
# the addenda each obligation calls for; packets with their manifest;
# byte-for-byte determinism; issuing numbered versions.
. "$SOURCE_DIR/tests/support/e2e.sh"

profiles="$SOURCE_DIR/tests/fixtures/profiles"
artifacts="${ARTIFACTS:-$WORK/artifacts}"
mkdir -p "$artifacts"
export PRUDENT_DB="$WORK/p.db" PRUDENT_USER="Test Technician" PRUDENT_NOW="2026-11-27T12:00:00Z"
run 0 init --name "Test MSP"
run 0 client add "*Acme* Dental" --slug acme
run 0 intake acme --answers "$profiles/bright-smile-dental.json"
run 0 subscribe acme managed-edr identity-mfa
run 0 decide acme penetration-testing --decline --impact 4 --likelihood 3 --by "Dr. Ana Ruiz, Owner" --reason "Not this year"
run 0 decide acme security-awareness-training --decline --impact 4 --likelihood 3 --by "Dr. Ana Ruiz, Owner" --reason "Staff are trained elsewhere"
run 0 settings set signatory "Dr. Ana Ruiz" --client acme
run 0 settings set governing_law Ohio

# The declined safeguards, as the matrix names them.
run 0 matrix acme --format csv
grep ',declined,' out.txt | cut -d, -f2 >declined.txt
[ "$(wc -l <declined.txt)" -eq 2 ] || fail "expected two declined safeguards: $(cat declined.txt)"

# HTML: golden, escaped, with a print stylesheet.
run 0 contract acme --format html -o acme.html
golden contract-acme.html acme.html
contains acme.html "@media print"
contains acme.html "*Acme* Dental (the Customer)"
grep -q "<strong>\*Acme\*" acme.html && fail "the client's name turned into markup"

# PDF: every part, each declined safeguard with an initials mark, the page
# count in the footer agreeing with the file's.
run 0 contract acme --format pdf -o acme.pdf
pdftotext -layout acme.pdf acme.txt || fail "pdftotext cannot read the agreement"
for part in "1. Customer obligations" "2. Provider obligations" "3. Disclaimer of warranties" \
	"4. Limitation of liability" "5. Assumption of risk" "Signatures"; do
	contains acme.txt "$part"
done
pages=$(pdfinfo acme.pdf | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 5 ] || fail "the agreement has ${pages:-no} pages"
contains acme.txt "Page $pages of $pages"
contains acme.txt "acme.agreement · version draft"
pdftotext acme.pdf flat.txt
tr '\n' ' ' <flat.txt | tr -s ' ' >flat1.txt
while read -r name; do
	grep -qF "$name" flat1.txt || fail "the PDF lacks the declined safeguard '$name'"
	sed 's/.*Assumption of risk//' flat1.txt | grep -qF "$name" || fail "'$name' is not in the assumption of risk"
done <declined.txt
n_marks=$(sed -n '/Assumption of risk/,$p' flat.txt | tr '\n' ' ' | grep -o 'Initials: ________' | wc -l)
[ "$n_marks" -ge 2 ] || fail "the assumption of risk has $n_marks initials marks for 2 declines"
pdftoppm -r 60 -png -f 1 -l 1 acme.pdf "$artifacts/contract-acme-page" ||
	fail "pdftoppm cannot render the agreement"

# DOCX: LibreOffice opens it and its text has every part and every decline.
run 0 contract acme --format docx -o acme.docx
soffice -env:UserInstallation=file://$WORK/lo-profile --headless --convert-to txt:Text \
	--outdir "$WORK/lo" acme.docx >/dev/null 2>&1 || fail "LibreOffice cannot convert the DOCX"
for part in "Customer obligations" "Provider obligations" "Disclaimer of warranties" \
	"Limitation of liability" "Assumption of risk" "Signatures"; do
	contains lo/acme.txt "$part"
done
while read -r name; do
	contains lo/acme.txt "$name"
done <declined.txt

# Addenda: only those the obligations call for.
run 0 addendum acme hipaa-baa
contains out.txt "# HIPAA Business Associate Addendum"
contains out.txt "164.504(e)"
run 0 addendum acme pci-dss --format md
contains out.txt "12.8.2"
contains out.txt "| Requirement | Responsible | How it is met |"
run 0 addendum acme risk-acceptance
while read -r name; do
	contains out.txt "$name"
done <declined.txt
run 1 addendum acme gdpr-dpa
contains err.txt "acme's obligations do not call for the GDPR Data Processing Addendum; its documents are: hipaa-baa, pci-dss, cyber-insurance, risk-acceptance, summary"
run 1 addendum acme lease
contains err.txt "no addendum 'lease'"

# A packet: every applicable document in four formats, the matrix, and a
# manifest whose hashes match the files.
run 0 packet acme -o packet
for kind in agreement hipaa-baa pci-dss cyber-insurance risk-acceptance summary; do
	for ext in md html pdf docx; do
		[ -s "packet/$kind.$ext" ] || fail "the packet lacks $kind.$ext"
	done
done
for f in matrix.md matrix.html matrix.csv matrix.xlsx manifest.json; do
	[ -s "packet/$f" ] || fail "the packet lacks $f"
done
[ -e packet/cmmc.md ] && fail "the packet has a CMMC matrix for a client without CUI"
n_listed=$(grep -c '"path":' packet/manifest.json)
n_files=$(ls packet | grep -vc manifest.json)
# Each document's files are listed twice: under the document and in "files".
[ "$n_listed" -eq $((n_files + 24)) ] || fail "the manifest lists $n_listed paths for $n_files files"
for f in packet/*; do
	[ "$f" = packet/manifest.json ] && continue
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	grep -q "\"$sum\"" packet/manifest.json || fail "the manifest lacks the hash of $f"
done
pdftotext packet/summary.pdf - | grep -q "Your Security at a Glance" || fail "the summary PDF is unreadable"
run 1 packet acme -o packet
contains err.txt "packet is not empty"
run 1 packet acme
contains err.txt "add -o DIR"

# Determinism: the same inputs give the same bytes, in every format.
run 0 packet acme -o again
for f in packet/*; do
	cmp -s "$f" "again/${f#packet/}" || fail "${f#packet/} differs between two runs"
done

# Other obligations, other addenda.
run 0 client add "Tax Preparer" --slug tax
sed 's/"eu_data_subjects": false/"eu_data_subjects": true/' "$profiles/tax-preparer.json" >tax.json
run 0 intake tax --answers tax.json
run 0 addendum tax glba
contains out.txt "314.4(f)"
run 0 addendum tax gdpr-dpa
contains out.txt "Article 28"
run 0 client add "Machine Shop" --slug shop
run 0 intake shop --answers "$profiles/cui-machine-shop.json"
run 0 addendum shop cmmc --format md
contains out.txt "| Practice | Responsible | How it is met |"
run 0 addendum shop cyber-insurance
contains out.txt "| Control | Implemented by | Attested by |"

# Issuing freezes numbered versions; drafts stay drafts; issued files come
# back byte for byte.
run 0 documents acme
contains out.txt "acme has no issued documents"
run 0 issue acme
contains out.txt "Issued version 1 of acme's documents:"
contains out.txt "acme.agreement version 1, SHA-256"
run 0 issue acme --json
contains out.txt '"version": "2"'
run 0 contract acme
contains out.txt "version draft"
run 0 documents acme
[ "$(grep -c '^1 ' out.txt)" -eq 6 ] || fail "version 1 lists $(grep -c '^1 ' out.txt) documents, not 6"
[ "$(grep -c '^2 ' out.txt)" -eq 6 ] || fail "version 2 lists $(grep -c '^2 ' out.txt) documents, not 6"
run 0 documents acme --version 1 --json
cp out.txt v1.json
run 0 documents acme --version 1 -o v1
contains out.txt "Wrote the files of version 1 to v1."
[ "$(ls v1 | wc -l)" -eq 24 ] || fail "version 1 has $(ls v1 | wc -l) files, not 24"
for f in v1/*; do
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	grep -q "\"$sum\"" v1.json || fail "$f does not match the hash recorded when it was issued"
done
pdftotext v1/agreement.pdf - | grep -q "acme.agreement · version 1" || fail "the issued PDF does not say version 1"
run 1 documents acme --version 9
contains err.txt "acme has no issued version 9"
finish
