#!/bin/sh
# tests/integration/config.sh: the configuration file (--config). A bad
# line exits 64 with one stderr line naming FILE:LINE; flags override the
# file; --check-config prints what is in effect, as a file that reads back
# the same; a good file really drives the daemon.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/daemon.subr"

data=$T_TMP/data
conf=$T_TMP/onionmsgd.conf

# badconf NAME WANT CONTENT: a file with CONTENT exits 64 with the one
# stderr line WANT (where @ stands for the file's name).
badconf() {
	local name=$1 want=$2
	printf '%s' "$3" >"$conf"
	d_run "$name" --config "$conf" --data-dir "$data" --no-tor
	is "$D_RC" 64 "$name: exit status 64"
	is "$(d_err "$name")" "$(printf '%s' "$want" | sed "s|@|$conf|")" \
	    "$name: the one stderr line names file:line"
	is "$(d_lines "$name")" 1 "$name: exactly one line"
}

badconf bad-value 'onionmsgd: @:3: sync: "fast" is not one of: normal, full' \
    '# onionmsgd.conf
no-tor
sync fast
'
badconf unknown-key 'onionmsgd: @:12: unknown key "lsiten"; did you mean "listen"?' \
    '#1
#2
#3
#4
#5
#6
#7
#8
#9
#10
#11
lsiten 127.0.0.1:1
'
badconf unknown-key-far 'onionmsgd: @:1: unknown key "verbosity"' \
    'verbosity 3
'
badconf twice 'onionmsgd: @:4: sync: already set on line 2' \
    '
sync full

sync normal
'
badconf flag-only 'onionmsgd: @:1: config: only a flag (--config), not a key' \
    'config /etc/other.conf
'
badconf with-dashes 'onionmsgd: @:1: "--sync": write keys without the leading "--"' \
    '--sync full
'
badconf with-equals 'onionmsgd: @:1: "sync=full": write "key value", without "="' \
    'sync=full
'
badconf no-value 'onionmsgd: @:1: message-ttl: needs a value: 1m to 365d' \
    'message-ttl   # forgot
'
badconf public 'onionmsgd: @:2: listen: "[::]:8765" is not a loopback address; add --allow-public-listen to accept connections from other machines' \
    '# reachable from the LAN?
listen [::]:8765
'
badconf long-line "onionmsgd: @:2: line longer than 1024 bytes" \
    "sync full
data-dir /$(printf '%01100d' 0)
"
ok '[ ! -e "$data" ]' "bad configuration files wrote no data directory"

d_run missing --config "$T_TMP/nonexistent.conf" --no-tor
is "$D_RC" 64 "a missing --config file: exit status 64"
is "$(d_err missing)" "onionmsgd: $T_TMP/nonexistent.conf: No such file or directory" \
    "a missing --config file: one clear line"

# Flags override the file; the file's other keys stay.
cat >"$conf" <<EOF
sync full          # survive power loss
log-level debug
message-ttl 2d
EOF
d_run override --config "$conf" --sync normal --check-config
is "$D_RC" 0 "--check-config with file and flags exits 0"
ok 'grep -qx "sync normal" "$T_TMP/override.out"' "a flag overrides the file"
ok 'grep -qx "log-level debug" "$T_TMP/override.out" &&
    grep -qx "message-ttl 2d" "$T_TMP/override.out"' \
    "the file's other keys take effect"
cp "$T_TMP/override.out" "$T_TMP/printed.conf"
d_run reprint --config "$T_TMP/printed.conf" --check-config
ok 'cmp -s "$T_TMP/override.out" "$T_TMP/reprint.out"' \
    "--check-config output reads back as the same configuration"
ok '[ ! -e "$data" ]' "--check-config does not create the data directory"

# A good file drives the real daemon.
cat >"$conf" <<EOF
data-dir $data
no-tor
listen 127.0.0.1:0
log file:$T_TMP/daemon.log
log-level debug
pid-file $T_TMP/pid
EOF
d_start run --config "$conf"
ok 'd_ready run "$T_TMP/daemon.log"' "the daemon starts from the file alone"
ok 'd_has "$T_TMP/daemon.log" "configuration file $conf" &&
    d_has "$T_TMP/daemon.log" "data directory $data (created)"' \
    "it logs the file and the data directory"
ok '[ "$(cat "$T_TMP/pid" 2>/dev/null)" = "$D_PID" ]' \
    "it writes the pid file the file names"
d_stop TERM
is "$D_RC" 0 "it stops with status 0"

done_testing
