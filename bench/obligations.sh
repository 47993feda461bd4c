#!/bin/sh
# obligations.sh - time deriving the obligations of 10,000 generated profiles
# (checking each profile and running every rule), release build.  Aim: under
# one second on the development machine.
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target bench_obligations >/dev/null
build/release/bench_obligations "${1:-10000}"
