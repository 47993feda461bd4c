#!/bin/sh
# demo.sh - the main job: set up, build a release binary, and run the demo.
#
# The demo database and everything it writes go to ./demo/: the content
# library's summary and coverage, a client with its intake answers, and the
# obligations letter and JSON for it.  Each run starts from a fresh database
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

# A first client: added, its intake answered from a file, its obligations written out.
echo
"$prudent" client add "Bright Smile Dental" --legal-name "Bright Smile Dental, LLC"
"$prudent" intake bright-smile-dental --answers tests/fixtures/profiles/bright-smile-dental.json
"$prudent" obligations bright-smile-dental --json >demo/obligations-bright-smile-dental.json
"$prudent" obligations bright-smile-dental | tee demo/obligations-bright-smile-dental.txt
echo
echo "Demo database: demo/prudent.db (PRUDENT_DB=demo/prudent.db prudent client list)"
echo "Written: demo/library-stats.json, demo/library-coverage.txt,"
echo "         demo/obligations-bright-smile-dental.txt and .json"
