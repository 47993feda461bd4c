#!/bin/sh
# demo.sh - the main job: set up, build a release binary, and run the demo.
#
# The demo database and everything it writes go to ./demo/.  Each run starts
# from a fresh database so the output is the same every time.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release

prudent=build/release/prudent
rm -rf demo
mkdir -p demo
echo
"$prudent" init --db demo/prudent.db --name "Demo MSP"
echo
"$prudent" library list
echo
"$prudent" library stats --json | tee demo/library-stats.json
echo
echo "Demo database: demo/prudent.db; library summary: demo/library-stats.json"
