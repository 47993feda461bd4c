#!/bin/sh
# test.sh - set up, build under AddressSanitizer + UndefinedBehaviorSanitizer
# with clang (fuzzers included), and run the whole test suite.
#
# Browser tests run Playwright against Debian's Chromium.  The release build
# (gcc, the one the demo uses) is compiled first, so its
# warnings (-Werror) fail the run too.  Ends with CTest's summary line; exits
# non-zero if any test fails.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release
cmake --preset asan >/dev/null
cmake --build --preset asan
# The browser tests' npm packages (playwright-core, @axe-core/playwright), as
# locked in package-lock.json; Chromium itself is Debian's.
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
ctest --preset asan
