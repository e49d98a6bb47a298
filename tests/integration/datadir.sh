#!/bin/sh
# tests/integration/datadir.sh: the data directory's safety. onionmsgd
# creates it 0700 (whatever the umask) with a 0600 database, refuses with
# exit 78 and one clear line a directory others may write to or another
# user owns (writing nothing into it), follows a symlink as systemd's
# DynamicUser makes, refuses a second daemon on the same directory, and
# with --user hands a new directory to that user and runs as them.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/daemon.subr"

data=$T_TMP/data

# A new data directory, under a umask that would make it world-writable.
mask=$(umask)
umask 0
d_start new --data-dir "$data" --no-tor
umask "$mask"
ok 'd_ready new' "the daemon starts on a new data directory"
is "$(d_mode "$data")" 700 "the data directory is created 0700 under umask 0"
is "$(d_mode "$data/onionmsg.db")" 600 "the database is created 0600"
ok 'd_has "$T_TMP/new.err" "data directory $data (created)"' \
    "it logs that it created the data directory"
# A second daemon on the same directory stops at once.
d_run second --data-dir "$data" --no-tor
is "$D_RC" 1 "a second daemon on the same directory: exit status 1"
is "$(d_err second)" "onionmsgd: data directory $data is in use by another onionmsgd" \
    "a second daemon says the directory is in use"
d_stop TERM
is "$D_RC" 0 "the first daemon stops with status 0"
d_start again --data-dir "$data" --no-tor
ok 'd_ready again && ! d_has "$T_TMP/again.err" "(created)"' \
    "it starts again on its existing directory"
d_stop TERM

# unsafe NAME WANT: onionmsgd on $dir exits 78 with the one line WANT and
# writes nothing into $dir.
unsafe() {
	d_run "$1" --data-dir "$dir" --no-tor
	is "$D_RC" 78 "$1: exit status 78"
	is "$(d_err "$1")" "$2" "$1: one clear line"
	ok '[ -z "$(ls -A "$dir" 2>/dev/null)" ]' "$1: nothing written into it"
}

dir=$T_TMP/open
mkdir "$dir" && chmod 0777 "$dir"
unsafe world-writable "onionmsgd: data directory $dir is writable by others (mode 0777); refusing to start (chmod 0700 $dir)"
chmod 01777 "$dir"
unsafe sticky "onionmsgd: data directory $dir is writable by others (mode 1777); refusing to start (chmod 0700 $dir)"
chmod 0770 "$dir"
unsafe group-writable "onionmsgd: data directory $dir is writable by its group (mode 0770); refusing to start (chmod 0700 $dir)"

if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	chmod 0700 "$dir" && chown nobody "$dir"
	unsafe other-owner "onionmsgd: data directory $dir is owned by nobody (uid $(id -u nobody)), not by root (uid 0) who runs onionmsgd; refusing to start (chown 0 $dir)"
else
	skip "other-owner: needs root to chown"
	skip "other-owner: one clear line"
	skip "other-owner: nothing written"
fi

dir=$T_TMP/file
: >"$dir"
d_run not-dir --data-dir "$dir" --no-tor
is "$D_RC" 78 "a file as data directory: exit status 78"
is "$(d_err not-dir)" "onionmsgd: data directory $dir: Not a directory; --data-dir names a directory" \
    "a file as data directory: one clear line"

d_run no-parent --data-dir "$T_TMP/missing/data" --no-tor
is "$D_RC" 78 "a missing parent: exit status 78"
is "$(d_err no-parent)" "onionmsgd: cannot create data directory $T_TMP/missing/data: No such file or directory (its parent directory is missing)" \
    "a missing parent: one clear line"

# A symlink to a safe directory is fine (DynamicUser's /var/lib/NAME is
# one), and a readable directory only draws a warning.
mkdir -m 0755 "$T_TMP/real"
ln -s real "$T_TMP/link"
d_start link --data-dir "$T_TMP/link" --no-tor
ok 'd_ready link' "a symlink to a safe directory is accepted"
ok '[ -f "$T_TMP/real/onionmsg.db" ]' "the database lands in the target"
ok 'd_has "$T_TMP/link.err" "[warning] daemon: data directory $T_TMP/link can be read by others (mode 0755)"' \
    "a directory others may read draws a warning"
d_stop TERM

# --user: a new data directory goes to the user, who then runs the daemon.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -m 0711 "$T_TMP/u"
	chmod 0711 "$T_TMP"
	d_start user --user nobody --data-dir "$T_TMP/u/data" --no-tor \
	    --pid-file "$T_TMP/u.pid"
	ok 'd_ready user' "--user nobody: the daemon starts"
	is "$(d_owner "$T_TMP/u/data")" nobody "--user: the new data directory belongs to the user"
	is "$(d_owner "$T_TMP/u/data/onionmsg.db")" nobody "--user: so does the database"
	is "$(awk '/^Uid:/ { print $2 $3 $4 $5 }' "/proc/$D_PID/status" 2>/dev/null)" \
	    "$(id -u nobody)$(id -u nobody)$(id -u nobody)$(id -u nobody)" \
	    "--user: real, effective, saved and fs uid are the user's"
	is "$(awk '/^Groups:/ { print $2 }' "/proc/$D_PID/status" 2>/dev/null)" \
	    "$(id -G nobody | awk '{ print $1 }')" "--user: root's groups are gone"
	d_stop TERM
	is "$D_RC" 0 "--user: it stops with status 0"
	# An existing directory owned by root is not the user's.
	mkdir -m 0700 "$T_TMP/u/rootdata"
	d_run user-root --user nobody --data-dir "$T_TMP/u/rootdata" --no-tor
	is "$D_RC" 78 "--user with a root-owned directory: exit status 78"
	ok 'grep -q "is owned by root (uid 0), not by nobody" "$T_TMP/user-root.err"' \
	    "--user with a root-owned directory: says who owns it"
	chmod 0700 "$T_TMP"
else
	for i in 1 2 3 4 5 6 7 8; do
		skip "--user: needs root and a nobody user"
	done
fi

done_testing
