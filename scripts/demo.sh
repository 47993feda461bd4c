#!/bin/sh
# demo.sh - the main job: set up, build a release binary, and run the demo.
#
# The demo database and everything it writes go to ./demo/: the content
# library's summary and coverage, a client with its intake answers, the
# obligations letter and JSON for it, its responsibility matrix in every
# format, its legal settings, and its packet of documents (the agreement, the
# addenda its obligations call for, the risk-acceptance letter and the summary
# in Markdown, HTML, PDF and DOCX), issued as version 1.  Each run starts from
# a fresh database
# so the output is the same every time.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release

prudent=build/release/prudent
export PRUDENT_DB=demo/prudent.db PRUDENT_USER="Demo technician"
rm -rf demo
mkdir -p demo
echo
"$prudent" init --name "Demo MSP"
echo
"$prudent" library list
"$prudent" library stats --json >demo/library-stats.json
"$prudent" library coverage >demo/library-coverage.txt
"$prudent" library clauses >demo/library-clauses.txt

# A first client: added, its intake answered from a file, its obligations written out.
echo
"$prudent" client add "Bright Smile Dental" --legal-name "Bright Smile Dental, LLC"
"$prudent" intake bright-smile-dental --answers tests/fixtures/profiles/bright-smile-dental.json
"$prudent" obligations bright-smile-dental --json >demo/obligations-bright-smile-dental.json
"$prudent" obligations bright-smile-dental | tee demo/obligations-bright-smile-dental.txt

# Its services, one decision and one tailoring; then the responsibility matrix
# in every format, and the HIPAA view an assessor asks for.
echo
"$prudent" subscribe bright-smile-dental managed-edr backup-dr email-security identity-mfa \
	patch-management security-awareness
"$prudent" decide bright-smile-dental penetration-testing --decline --by "Dr. Ana Lee, Owner" \
	--reason "Not this year; revisit with next year's budget" --until 2027-06-30
"$prudent" tailor bright-smile-dental secure-wireless --not-applicable --condition no-wireless \
	--reason "The office has no Wi-Fi; the card terminal uses a phone line."
for f in md csv json html xlsx; do
	"$prudent" matrix bright-smile-dental --format "$f" -o "demo/matrix-bright-smile-dental.$f"
done
"$prudent" matrix bright-smile-dental --framework hipaa-security --format csv \
	-o demo/matrix-bright-smile-dental-hipaa.csv

# The legal settings the documents are written with, then the packet and the
# first issued version.
echo
"$prudent" settings set legal_name "Demo MSP, LLC"
"$prudent" settings set address "100 Main Street, Columbus, OH 43215"
"$prudent" settings set governing_law Ohio
"$prudent" settings set signatory "Sam Carter"
"$prudent" settings set signatory_title "Owner"
"$prudent" settings set data_incident_cap '$250,000'
"$prudent" settings set address "12 Elm Street, Dayton, OH 45402" --client bright-smile-dental
"$prudent" settings set signatory "Dr. Ana Lee" --client bright-smile-dental
"$prudent" settings set signatory_title "Owner" --client bright-smile-dental
"$prudent" settings set effective_date 2027-01-01 --client bright-smile-dental
"$prudent" packet bright-smile-dental -o demo/packet-bright-smile-dental
"$prudent" issue bright-smile-dental
echo
echo "Demo database: demo/prudent.db (PRUDENT_DB=demo/prudent.db prudent client list)"
echo "Written to demo/: library-stats.json, library-coverage.txt, library-clauses.txt,"
echo "  obligations-bright-smile-dental.txt and .json,"
echo "  matrix-bright-smile-dental.md, .csv, .json, .html, .xlsx and -hipaa.csv,"
echo "  packet-bright-smile-dental/ (the agreement, addenda, risk-acceptance letter and"
echo "  summary as .md, .html, .pdf and .docx; the matrix; manifest.json with every hash)"
