#!/bin/sh
# demo.sh - the main job: set up, build a release binary, and run the demo.
#
# 'prudent demo' creates ./demo/ from scratch: a database for "Demo MSP" with
# its legal settings, an owner account (the password is printed once), six
# sample clients (HIPAA, PCI DSS, CMMC, GLBA, GDPR, an insured office) with
# their intake answers, services and declines, and each client's packet of
# documents in demo/packets/ (agreement, addenda, risk-acceptance letter,
# summary; Markdown, HTML, PDF, DOCX; the matrix; manifest.json), issued as
# version 1.  Then it serves the application on http://127.0.0.1:8080/
# (PORT=N to change) until Ctrl-C.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release

rm -rf demo
export PRUDENT_USER="Demo technician"
exec build/release/prudent demo --dir demo --port "${PORT:-8080}"
