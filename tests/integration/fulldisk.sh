#!/bin/sh
# tests/integration/fulldisk.sh: a full disk. The data directory is a tiny
# tmpfs (we are root here; where mounting is not allowed the script is
# skipped). A full or nearly full data directory, or a full disk under the
# pid file, makes onionmsgd exit 1 with a clear message, never crash; once
# there is room again, it starts on what the failed attempt left behind.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/daemon.subr"

mnt=$T_TMP/full
mkdir "$mnt"
mount -t tmpfs -o size=64k,mode=0700 onionmsg-test "$mnt" 2>/dev/null ||
    skip_all "cannot mount a tmpfs here (needs root and mount permission)"
# Unmount before lib.sh removes $T_TMP.
trap 'umount "$mnt" 2>/dev/null; t_cleanup' EXIT

# error NAME: the message of the last log line of run NAME.
error() {
	tail -1 "$T_TMP/$1.err" | sed 's/^.* \[error\] //'
}

# Fill it up completely.
dd if=/dev/zero of="$mnt/fill" bs=4096 >/dev/null 2>&1
ok '[ "$(df -P "$mnt" | awk "NR == 2 { print \$4 }")" -eq 0 ]' \
    "the tmpfs is full"

d_run full --data-dir "$mnt" --no-tor
is "$D_RC" 1 "a full data directory: exit status 1, no crash"
is "$(error full)" \
    "daemon: cannot open the database: $mnt/onionmsg.db: database or disk is full" \
    "a full data directory: says the disk is full"
ok 'grep -q "\[warning\] daemon: data directory $mnt has only 0 bytes free" "$T_TMP/full.err"' \
    "a full data directory: warns about the free space first"

# The pid file on the full disk.
d_run pidfull --data-dir "$T_TMP/data" --no-tor --pid-file "$mnt/pid"
is "$D_RC" 1 "a full disk under the pid file: exit status 1"
is "$(error pidfull)" \
    "daemon: cannot write pid file $mnt/pid: No space left on device" \
    "a full disk under the pid file: says so"
ok '[ ! -e "$mnt/pid" ]' "the unwritten pid file is removed"

# Room for the database file but not for its first transactions.
rm -f "$mnt/fill" "$mnt"/onionmsg.db*
d_run tight --data-dir "$mnt" --no-tor
is "$D_RC" 1 "64k free is not enough: exit status 1, no crash"
ok 'error tight | grep -q "^daemon: cannot open the database: .*full"' \
    "64k free is not enough: says the disk is full"

# With room again, it starts on what was left behind, and stops cleanly.
if mount -o remount,size=4m "$mnt" 2>/dev/null; then
	d_start roomy --data-dir "$mnt" --no-tor
	ok 'd_ready roomy' "with room again the daemon starts"
	is "$(d_mode "$mnt/onionmsg.db")" 600 "the database is 0600"
	d_stop TERM
	is "$D_RC" 0 "and stops with status 0"
else
	skip "with room again: cannot remount the tmpfs"
	skip "the database is 0600: cannot remount the tmpfs"
	skip "stops with status 0: cannot remount the tmpfs"
fi

done_testing
