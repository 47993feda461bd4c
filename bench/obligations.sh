#!/bin/sh
# obligations.sh - time deriving the obligations of 10,000 generated profiles
# (checking each profile and running every rule; aim: under one second), then
# computing the JSON responsibility matrix of 1,000 of them (aim: under two
# seconds), release build.
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target bench_obligations >/dev/null
build/release/bench_obligations "${1:-10000}" "${2:-1000}"
