#!/bin/sh
# web.sh - the web server under load, on loopback, with wrk.
#
#   bench/web.sh [BINARY]
#
# Builds the release binary unless one is given, runs 'prudent demo' (six
# clients), adds clients up to 1,000 (the demo's six intake answers in turn,
# through the CLI; not timed), serves with the default four threads, and
# measures:
#   1. GET /api/v1/clients/bright-smile-dental/matrix (about 140 safeguards)
#      with an API token: wrk, 2 threads, 32 connections, 15 s; requests per
#      second and latency percentiles (aim: 5,000/s, p99 under 20 ms);
#   2. the dashboard (GET /) of 1,000 clients with a session: wrk, 1 thread,
#      4 connections, 15 s (aim: under 50 ms);
#   3. the server's resident memory afterwards (aim: under 64 MB).
set -eu
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
	cmake --preset release >/dev/null
	cmake --build --preset release >/dev/null
	bin=build/release/prudent
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
server=
export PRUDENT_USER=bench
"$bin" demo --dir "$work/demo" --no-serve >"$work/demo.out" 2>/dev/null
password=$(sed -n 's/.* with the password \([0-9a-f]*\)$/\1/p' "$work/demo.out")
db="$work/demo/prudent.db"
export PRUDENT_DB="$db"
i=6
while [ "$i" -lt 1000 ]; do
	for f in "$work"/demo/profiles/*; do
		[ "$i" -lt 1000 ] || break
		"$bin" client add "Client $i" --slug "client-$i" >/dev/null
		"$bin" intake "client-$i" --answers "$f" >/dev/null
		i=$((i + 1))
	done
done
token=$("$bin" user token owner@demo-msp.example bench 2>/dev/null)

"$bin" serve --port 0 --quiet --max-connections 1000 >"$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 100); do
	grep -q Listening "$work/serve.out" && break
	sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$work/serve.out")
curl -s -c "$work/jar" -b "$work/jar" "${url}login" >"$work/login.html"
form=$(grep -o 'name="_login" value="[0-9a-f]*"' "$work/login.html" | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$work/jar" -b "$work/jar" \
	-d "_login=$form&email=owner@demo-msp.example&password=$password" "${url}login"
session=$(awk '$6 == "prudent_session" { print $7 }' "$work/jar")

echo "== matrix JSON, 2 threads, 32 connections, 15 s"
wrk -t2 -c32 -d15s --latency -H "Authorization: Bearer $token" \
	"${url}api/v1/clients/bright-smile-dental/matrix"
echo "== dashboard of 1,000 clients, 1 thread, 4 connections, 15 s"
wrk -t1 -c4 -d15s --latency -H "Cookie: prudent_session=$session" "$url"
echo "== resident memory of the server"
grep -E 'VmRSS|VmHWM' "/proc/$server/status"
