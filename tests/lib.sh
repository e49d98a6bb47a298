# tests/lib.sh: what every test script shares. Speaks TAP (the harness
# counts each `ok`), starts the real daemon on a temp dir and an ephemeral
# loopback port, and cleans up on exit. Source it; never run it.

set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${ONIONMSGD:=$top_builddir/onionmsgd}"

T_N=0
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/onionmsg-test.XXXXXX")
T_PIDS=""

t_cleanup() {
	for p in $T_PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $T_PIDS; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT

# ok COND DESCRIPTION...: run COND (a shell command); one TAP line.
ok() {
	local cond=$1
	shift
	T_N=$((T_N + 1))
	if eval "$cond"; then
		echo "ok $T_N - $*"
	else
		echo "not ok $T_N - $*"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# is GOT WANT DESCRIPTION...: compare two strings.
is() {
	local got=$1 want=$2
	shift 2
	T_N=$((T_N + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $T_N - $*"
	else
		echo "not ok $T_N - $*"
		echo "# got:  '$got'"
		echo "# want: '$want'"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# skip_all REASON: the whole script cannot run here (TAP plan 1..0).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# skip DESCRIPTION: one skipped test.
skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP $*"
}

# done_testing: print the plan and exit with the verdict.
done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
	exit $?
}

# wait_for SECONDS COMMAND...: poll (every 50 ms) until COMMAND succeeds.
wait_for() {
	local limit=$(( $1 * 20 )) i=0
	shift
	while [ $i -lt $limit ]; do
		if "$@" 2>/dev/null; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
