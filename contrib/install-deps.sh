#!/bin/sh
# contrib/install-deps.sh: install what building, running and testing
# onionmsg needs on Debian bookworm (run as root). Idempotent.
set -e
export DEBIAN_FRONTEND=noninteractive
PKGS="build-essential autoconf automake libtool pkg-config \
libwebsockets-dev libevent-dev libsodium-dev libsqlite3-dev libjansson-dev \
libcurl4-openssl-dev check tor mandoc curl clang libclang-rt-14-dev \
sqlite3 e2fsprogs util-linux"
missing=""
for p in $PKGS; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
fi
# The interop tests' npm clients, pinned in tests/interop/package.json.
if [ -f "$(dirname "$0")/../tests/interop/package.json" ]; then
	cd "$(dirname "$0")/../tests/interop" && npm ci --no-audit --no-fund --silent
fi
