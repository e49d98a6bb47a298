#!/bin/sh
# tests/integration/signals.sh: stopping and log rotation. SIGTERM and
# SIGINT stop gracefully (database closed, pid file removed, "stopped"
# logged, exit 0); SIGHUP reopens a log file that was moved away; the pid
# file is locked against a second daemon but a stale one is taken over;
# systemd hears READY=1 and STOPPING=1 on $NOTIFY_SOCKET.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/daemon.subr"

data=$T_TMP/data
pid=$T_TMP/onionmsgd.pid

for sig in TERM INT; do
	d_start "$sig" --data-dir "$data" --no-tor --pid-file "$pid"
	ok 'd_ready "$sig"' "SIG$sig: the daemon is ready"
	is "$(cat "$pid" 2>/dev/null)" "$D_PID" "SIG$sig: the pid file holds its pid"
	d_stop "$sig"
	is "$D_RC" 0 "SIG$sig: exit status 0"
	ok '[ ! -e "$pid" ]' "SIG$sig: the pid file is removed"
	ok 'd_has "$T_TMP/$sig.err" "stopping on SIG$sig" &&
	    d_has "$T_TMP/$sig.err" "store: database closed" &&
	    tail -1 "$T_TMP/$sig.err" | grep -q "daemon: stopped$"' \
	    "SIG$sig: logs stopping, database closed, stopped"
done

# SIGHUP: rename the log, signal, and a new log appears.
log=$T_TMP/onionmsgd.log
d_start hup --data-dir "$data" --no-tor --log "file:$log" --pid-file "$pid"
ok 'd_ready hup "$log"' "SIGHUP: the daemon logs to its file"
is "$(d_mode "$log")" 640 "the log file is created 0640"
ok '[ ! -s "$T_TMP/hup.err" ]' "nothing goes to stderr with --log file:"
mv "$log" "$log.1"
kill -HUP "$D_PID"
ok 'wait_for 10 d_has "$log" "SIGHUP: log reopened"' \
    "SIGHUP: a new log file appears"
ok 'kill -0 "$D_PID"' "SIGHUP: the daemon keeps running"

# A second daemon with the same pid file (another data dir) is refused.
d_run pid2 --data-dir "$T_TMP/data2" --no-tor --pid-file "$pid"
is "$D_RC" 1 "a held pid file: exit status 1"
is "$(tail -1 "$T_TMP/pid2.err" | sed 's/^.* \[error\] //')" \
    "daemon: pid file $pid is held by another onionmsgd (pid $D_PID)" \
    "a held pid file: a clear error with the holder's pid"
ok '[ "$(cat "$pid")" = "$D_PID" ]' "the held pid file is left alone"
d_stop TERM
is "$D_RC" 0 "SIGTERM after SIGHUP: exit status 0"
ok 'd_has "$log" "daemon: stopped" && ! d_has "$log.1" "daemon: stopped"' \
    "the new log file gets the later messages"

# A stale pid file (its daemon died) is taken over.
echo 999999 >"$pid"
d_start stale --data-dir "$data" --no-tor --pid-file "$pid"
ok 'd_ready stale' "a stale pid file does not stop the daemon"
is "$(cat "$pid" 2>/dev/null)" "$D_PID" "the stale pid file is rewritten"
d_stop TERM

# The systemd notification protocol, with python3 playing systemd.
if command -v python3 >/dev/null 2>&1; then
	sock=$T_TMP/notify
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(15)
with open(sys.argv[2], "w") as out:
    for _ in range(2):
        try:
            out.write(s.recv(4096).decode() + "\n")
            out.flush()
        except socket.timeout:
            break
' "$sock" "$T_TMP/notified" &
	T_PIDS="$T_PIDS $!"
	wait_for 10 test -S "$sock"
	NOTIFY_SOCKET=$sock d_start notify --data-dir "$data" --no-tor
	ok 'wait_for 10 d_has "$T_TMP/notified" "READY=1"' \
	    "systemd hears READY=1"
	d_stop TERM
	ok 'wait_for 10 d_has "$T_TMP/notified" "STOPPING=1"' \
	    "systemd hears STOPPING=1"
else
	skip "READY=1: python3 is not installed"
	skip "STOPPING=1: python3 is not installed"
fi

done_testing
