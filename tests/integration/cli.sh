#!/bin/sh
# tests/integration/cli.sh: onionmsgd's command line as a user meets it.
# --help and --version; every kind of bad flag or value exits 64 with
# exactly one line on stderr that names the flag, what was given and what
# is accepted; and a bad command line writes nothing anywhere.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/daemon.subr"

data=$T_TMP/data
# Each bad run also names a data dir, a pid file and a log file: none of
# them may exist afterwards.
safe="--data-dir $data --pid-file $T_TMP/pid --log file:$T_TMP/log --no-tor"

d_run help --help
is "$D_RC" 0 "--help exits 0"
ok 'head -1 "$T_TMP/help.out" | grep -q "^usage: onionmsgd "' \
    "--help prints the usage on stdout"
ok 'grep -q "^  --message-ttl DURATION .*(default: 7d)" "$T_TMP/help.out"' \
    "--help shows defaults"
ok '[ ! -s "$T_TMP/help.err" ]' "--help writes nothing on stderr"

d_run version --version
is "$D_RC" 0 "--version exits 0"
ok 'grep -Eqx "onionmsgd [0-9]+\.[0-9]+\.[0-9]+" "$T_TMP/version.out"' \
    "--version prints \"onionmsgd X.Y.Z\""

# bad NAME WANT ARGS...: onionmsgd ARGS exits 64 with exactly the one
# stderr line WANT and nothing on stdout.
bad() {
	local name=$1 want=$2
	shift 2
	d_run "$name" "$@"
	is "$D_RC" 64 "$name: exit status 64"
	is "$(d_err "$name")" "$want" "$name: the one stderr line"
	is "$(d_lines "$name")" 1 "$name: exactly one line"
	ok '[ ! -s "$T_TMP/$name.out" ]' "$name: nothing on stdout"
}

# shellcheck disable=SC2086 # $safe is split on purpose
bad unknown-flag 'onionmsgd: --lsiten: unknown option; did you mean --listen?' \
    $safe --lsiten 127.0.0.1:1
bad unknown-flag-value 'onionmsgd: --frobnicate: unknown option (see onionmsgd --help)' \
    $safe --frobnicate=yes
bad short-flag 'onionmsgd: -d: unknown option; onionmsgd has long options only (see onionmsgd --help)' \
    -d $safe
bad abbreviated 'onionmsgd: --data: unknown option; did you mean --data-dir?' \
    --data "$data" $safe
bad bad-enum 'onionmsgd: --sync: "fast" is not one of: normal, full' \
    $safe --sync fast
bad bad-level 'onionmsgd: --log-level: "loud" is not one of: error, warning, notice, info, debug' \
    $safe --log-level loud
bad bad-log 'onionmsgd: --log: "journal" is not one of: stderr, syslog, file:PATH' \
    --log journal --data-dir "$data"
bad bad-size 'onionmsgd: --max-envelope-bytes: "64kb2" is not a size (a number with an optional suffix k, M, G or T; 1k = 1024 bytes); accepted: 1k to 16M' \
    $safe --max-envelope-bytes 64kb2
bad size-range 'onionmsgd: --max-envelope-bytes: "1G" is out of range; accepted: 1k to 16M' \
    $safe --max-envelope-bytes 1G
bad bad-number 'onionmsgd: --mailbox-quota-messages: "-5" is not a number; accepted: 1 to 10000000' \
    $safe --mailbox-quota-messages -5
bad bad-duration 'onionmsgd: --message-ttl: "1w" is not a duration (a number with s, m, h or d, as in 90s, 15m, 7d or 1h30m); accepted: 1m to 365d' \
    $safe --message-ttl 1w
bad duration-range 'onionmsgd: --message-ttl: "30s" is out of range; accepted: 1m to 365d' \
    $safe --message-ttl 30s
bad bad-listen 'onionmsgd: --listen: "localhost" is not HOST:PORT or unix:PATH (no port, as in 127.0.0.1:8765)' \
    $safe --listen localhost
bad public-listen 'onionmsgd: --listen: "0.0.0.0:8765" is not a loopback address; add --allow-public-listen to accept connections from other machines' \
    $safe --listen 0.0.0.0:8765
bad missing-value 'onionmsgd: --pid-file: needs a value: a file name' \
    --data-dir "$data" --pid-file
bad flag-with-value 'onionmsgd: --no-tor: takes no value, "1" given' \
    --data-dir "$data" --no-tor=1
bad empty-value 'onionmsgd: --data-dir: "" is not a file name' \
    --data-dir= --pid-file "$T_TMP/pid"
bad stray-argument 'onionmsgd: "start": unexpected argument; options are written --name VALUE (see onionmsgd --help)' \
    $safe start
bad quota-smaller 'onionmsgd: --mailbox-quota-bytes: "32k" is smaller than --max-envelope-bytes (64k), so no mailbox could hold a largest envelope; accepted: at least 64k' \
    $safe --mailbox-quota-bytes 32k
bad no-such-user 'onionmsgd: --user: "no-such-user-x" is not a user of this system' \
    $safe --user no-such-user-x
bad control-char 'onionmsgd: --user: "a\x0ab" has a control character; expected a user name' \
    $safe --user "a
b"

ok '[ ! -e "$data" ] && [ ! -e "$T_TMP/pid" ] && [ ! -e "$T_TMP/log" ]' \
    "bad command lines wrote no data dir, pid file or log"

# An existing data directory stays untouched too.
mkdir -m 0700 "$data"
d_run untouched $safe --sync fast
ok '[ "$D_RC" -eq 64 ] && [ -z "$(ls -A "$data")" ]' \
    "a bad flag leaves an existing data directory empty"

# --allow-public-listen makes the same address acceptable.
d_run public-ok --listen 0.0.0.0:8765 --allow-public-listen --check-config
is "$D_RC" 0 "--allow-public-listen accepts a public --listen"

# Switching users needs root: try it as nobody.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$ONIONMSGD" --version >/dev/null 2>&1; then
	timeout 10 setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$ONIONMSGD" --user root --data-dir "$data" --no-tor \
	    >"$T_TMP/notroot.out" 2>"$T_TMP/notroot.err"
	is "$?" 64 "--user without root: exit status 64"
	is "$(d_err notroot)" "onionmsgd: --user: switching to \"root\" needs root; onionmsgd runs as uid $(id -u nobody)" \
	    "--user without root: one clear line"
else
	skip "--user without root: needs root, setpriv, a binary nobody can run"
	skip "--user without root: one clear line"
fi

# --show-address: the address of the saved key, before and while it runs.
sa=$T_TMP/sa
d_run show1 --data-dir "$sa" --show-address
is "$D_RC" 0 "--show-address exits 0"
ok 'grep -Eqx "[a-z2-7]{55}d\.onion" "$T_TMP/show1.out" && [ ! -s "$T_TMP/show1.err" ]' \
    "--show-address prints one v3 onion address and nothing on stderr"
d_run show2 --data-dir "$sa" --show-address
ok 'cmp -s "$T_TMP/show1.out" "$T_TMP/show2.out"' \
    "--show-address saves the key: the same address again"
d_start showrun --data-dir "$sa" --no-tor
d_ready showrun
d_run show3 --data-dir "$sa" --show-address
is "$D_RC" 0 "--show-address works while the node runs"
ok 'd_has "$T_TMP/showrun.err" "node address $(cat "$T_TMP/show1.out")"' \
    "the running node logs the same address"
d_stop TERM
bad show-ephemeral 'onionmsgd: --show-address: an --ephemeral node has a new address at every start' \
    --data-dir "$sa" --ephemeral --show-address

done_testing
