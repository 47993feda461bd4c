#!/bin/sh
# setup.sh - install what Prudent needs on Debian 12, only what is missing.
#
# Sourced by demo.sh and test.sh.  A re-run with everything installed asks
# dpkg once and returns at once.  Needs root (or sudo) only when something is
# missing.
set -eu

PRUDENT_PACKAGES="build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libsqlite3-dev libpq-dev libmicrohttpd-dev libjansson-dev libfyaml-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libcairo2-dev libpango1.0-dev
  libpoppler-glib-dev
  fonts-noto-core libzip-dev libxlsxwriter-dev libsodium-dev libcmocka-dev
  hyperfine libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils
  curl sqlite3 zip unzip chromium"

missing=""
for p in $PRUDENT_PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

# Node.js and npm for the browser tests: Debian's packages unless a node with
# npm is installed already (NodeSource's nodejs bundles npm and conflicts with
# Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
	echo "setup: installing nodejs npm"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends nodejs npm
fi
