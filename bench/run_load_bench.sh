#!/usr/bin/env bash
# bench/run_load_bench.sh: the load benchmark of issue 4, side by side.
# Starts the Node.js peer (bench/peer/) and, when it can, the real
# onionmsgd (--no-tor, a fresh data directory, loopback), runs the same
# bench/loadgen loads against each, RUNS times with a fresh server every
# time, and prints the medians, the ratio onionmsgd/peer and the CPU the
# load tool itself used. Every server binds 127.0.0.1; every run ends by
# itself (loadgen phases have deadlines, this script's waits are bounded).
#
# Usage: bench/run_load_bench.sh [-b BUILDDIR] [-r RUNS] [-s SCENARIOS]
#   -b  the build directory holding bench/loadgen and onionmsgd
#       (default: $BUILDDIR, or . if ./bench/loadgen exists)
#   -r  runs per scenario and server (default 3)
#   -s  comma-separated scenarios (default: all):
#         ws        WebSocket publishers (mutation as a graphql-transport-ws
#                   subscribe), pipelined, as fast as the server answers
#         batch     HTTP publishers, BATCH aliased sendMessage per request
#         http1     HTTP publishers, one sendMessage per request
#         rate      WebSocket publishers paced at RATE msg/s (the p99 target)
#         idle10k   10000 idle subscriptions: server RSS per subscription
#         idle50k   50000 idle subscriptions (needs ulimit -n > 50064)
# Environment: ONIONMSGD (path; "none" skips it), LOADGEN, NODE, DURATION
#   (10), WARMUP (2), SUBS (100), WS_PUBS (2), WINDOW (64), HTTP_PUBS (8),
#   BATCH (32), RATE (5000), IDLE_WAIT (5), SRC_ADDRS (4), OUT (results
#   directory, default bench/results/<time>), ONIONMSGD_ARGS (extra flags),
#   LOADGEN_ARGS (extra loadgen flags for every run), ONIONMSGD_LOADGEN_ARGS
#   (extra loadgen flags against onionmsgd only, e.g. "--onion LABEL" if
#   the daemon reports node { onion } as null under --no-tor), BENCHDIR (the
#   source tree's bench/, default the script's directory).
set -u

here=$(cd "${BENCHDIR:-$(dirname "$0")}" && pwd)
top=$(cd "$here/.." && pwd)
builddir=${BUILDDIR:-}
runs=3
scenarios=ws,batch,http1,rate,idle10k,idle50k
while getopts b:r:s:h opt; do
	case $opt in
	b) builddir=$OPTARG ;;
	r) runs=$OPTARG ;;
	s) scenarios=$OPTARG ;;
	*) sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//;$d'; exit 64 ;;
	esac
done
if [ -z "$builddir" ]; then
	if [ -x ./bench/loadgen ]; then builddir=.; else builddir=$top; fi
fi
builddir=$(cd "$builddir" && pwd)
LOADGEN=${LOADGEN:-$builddir/bench/loadgen}
ONIONMSGD=${ONIONMSGD:-$builddir/onionmsgd}
NODE=${NODE:-node}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
SUBS=${SUBS:-100}
WS_PUBS=${WS_PUBS:-2}
WINDOW=${WINDOW:-64}
HTTP_PUBS=${HTTP_PUBS:-8}
BATCH=${BATCH:-32}
RATE=${RATE:-5000}
IDLE_WAIT=${IDLE_WAIT:-5}
SRC_ADDRS=${SRC_ADDRS:-4}
ONIONMSGD_ARGS=${ONIONMSGD_ARGS:-}
LOADGEN_ARGS=${LOADGEN_ARGS:-}
ONIONMSGD_LOADGEN_ARGS=${ONIONMSGD_LOADGEN_ARGS:-}
OUT=${OUT:-$top/bench/results/load-$(date +%Y%m%d-%H%M%S)}

die() { echo "run_load_bench: $*" >&2; exit 1; }
note() { echo "== $*"; }

[ -x "$LOADGEN" ] || die "no load tool at $LOADGEN (make bench/loadgen; -b BUILDDIR)"
command -v "$NODE" >/dev/null || die "node is needed for the peer"
mkdir -p "$OUT" || die "cannot create $OUT"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/onionmsg-loadbench.XXXXXX") || die "mktemp"
server_pid=
stop_server() {
	[ -n "$server_pid" ] || return 0
	kill "$server_pid" 2>/dev/null
	local i
	for i in $(seq 1 50); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
}

cleanup() {
	stop_server
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Servers inherit the open-file limit: as many as the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
nofile=$(ulimit -n)

# --- the peer ----------------------------------------------------------------

if [ ! -d "$here/peer/node_modules/better-sqlite3" ]; then
	note "installing the peer's pinned packages (npm ci)"
	(cd "$here/peer" && npm ci --no-audit --no-fund >"$OUT/npm-ci.log" 2>&1) ||
		die "npm ci failed in bench/peer (see $OUT/npm-ci.log)"
fi

# wait_port FILE PID: wait up to 20 s for a port file from a live server.
wait_port() {
	local i
	for i in $(seq 1 200); do
		[ -s "$1" ] && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

start_peer() {
	rm -f "$tmp/port"
	"$NODE" "$here/peer/server.mjs" --port-file "$tmp/port" \
	    --db "$tmp/peer.sqlite" >"$tmp/server.log" 2>&1 &
	server_pid=$!
	wait_port "$tmp/port" "$server_pid" || { stop_server; return 1; }
	port=$(cat "$tmp/port")
}

# --- onionmsgd ---------------------------------------------------------------

# Flags this onionmsgd knows, from its --help (the daemon is still growing).
has_flag() { "$ONIONMSGD" --help 2>&1 | grep -q -- "$1"; }

free_port() {
	"$NODE" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

onionmsgd_skip=
onionmsgd_why=
start_onionmsgd() {
	local args
	rm -rf "$tmp/port" "$tmp/data"
	args=(--no-tor --data-dir "$tmp/data" --log-level warning)
	if has_flag --port-file; then
		args+=(--listen 127.0.0.1:0 --port-file "$tmp/port")
	else
		port=$(free_port)
		args+=(--listen "127.0.0.1:$port")
	fi
	# The benchmark fills mailboxes faster than anyone acknowledges.
	has_flag --mailbox-quota-messages &&
		args+=(--mailbox-quota-messages 10000000)
	has_flag --mailbox-quota-bytes && args+=(--mailbox-quota-bytes 64G)
	# A benchmark is not an abuser: no rate limits.
	local rf
	for rf in --create-mailbox-rate --send-rate --send-rate-mailbox; do
		has_flag "$rf" && args+=("$rf" 0)
	done
	# The idle scenarios hold up to 50000 WebSockets (the edge's own
	# default is 1024 connections).
	has_flag --max-connections && args+=(--max-connections 60000)
	# shellcheck disable=SC2206
	args+=($ONIONMSGD_ARGS)
	"$ONIONMSGD" "${args[@]}" >"$tmp/server.log" 2>&1 &
	server_pid=$!
	if has_flag --port-file; then
		if ! wait_port "$tmp/port" "$server_pid"; then
			onionmsgd_why="no --port-file within 20 s"
			stop_server
			return 1
		fi
		port=$(cat "$tmp/port")
	fi
	# Up when it answers a GraphQL query over HTTP (at most 10 s).
	local i
	for i in $(seq 1 100); do
		if ! kill -0 "$server_pid" 2>/dev/null; then
			onionmsgd_why="it exited: $(tail -n 2 "$tmp/server.log" | tr '\n' ' ')"
			wait "$server_pid" 2>/dev/null
			server_pid=
			return 1
		fi
		curl -s -m 1 -H 'Content-Type: application/json' \
		    -d '{"query":"{node{version}}"}' \
		    "http://127.0.0.1:$port/graphql" 2>/dev/null |
		    grep -q '"version"' && return 0
		sleep 0.1
	done
	onionmsgd_why="no answer to { node { version } } at http://127.0.0.1:$port/graphql within 10 s"
	stop_server
	return 1
}

# --- the loads ---------------------------------------------------------------

common="--duration $DURATION --warmup $WARMUP --subs $SUBS"
scenario_args() {
	case $1 in
	ws)	echo "$common --ws-pubs $WS_PUBS --window $WINDOW" ;;
	batch)	echo "$common --ws-pubs 0 --http-pubs $HTTP_PUBS --batch $BATCH" ;;
	http1)	echo "$common --ws-pubs 0 --http-pubs $HTTP_PUBS --batch 1" ;;
	rate)	echo "$common --ws-pubs $WS_PUBS --window $WINDOW --rate $RATE" ;;
	idle10k) echo "--mode idle --conns 10000 --idle-wait $IDLE_WAIT --src-addrs $SRC_ADDRS" ;;
	idle50k) echo "--mode idle --conns 50000 --idle-wait $IDLE_WAIT --src-addrs $SRC_ADDRS" ;;
	*)	return 1 ;;
	esac
}

conns_of() {
	case $1 in
	idle10k) echo 10000 ;; idle50k) echo 50000 ;; *) echo "$SUBS" ;;
	esac
}

# run_one SERVER SCENARIO N: one run on a fresh server; RESULT line to the
# results file, or a reason to skip.
run_one() {
	local server=$1 sc=$2 n=$3 log="$OUT/$1-$2-$3.log" args rc
	args=$(scenario_args "$sc")
	[ "$server" = onionmsgd ] && args="$args $ONIONMSGD_LOADGEN_ARGS"
	if [ "$server" = peer ]; then
		start_peer || { echo "skip: the peer did not start"; return 1; }
	else
		start_onionmsgd || { echo "skip: onionmsgd did not start"; return 1; }
		# Under --no-tor node { onion } is null: the saved key says it.
		if has_flag --show-address; then
			args="$args --onion $("$ONIONMSGD" --data-dir "$tmp/data" \
			    --show-address)"
		fi
	fi
	# shellcheck disable=SC2086
	timeout 1800 "$LOADGEN" --port "$port" --server-pid "$server_pid" \
	    $args $LOADGEN_ARGS >"$log" 2>&1
	rc=$?
	cp "$tmp/server.log" "$OUT/$1-$2-$3.server.log" 2>/dev/null
	stop_server
	if [ $rc -ne 0 ] || ! grep -q '^RESULT ' "$log"; then
		echo "failed (exit $rc): $(grep -v '^RESULT' "$log" | tail -n 2 | tr '\n' ' ')"
		return 1
	fi
	grep '^RESULT ' "$log" | sed "s/^RESULT /server=$server scenario=$sc run=$n /" \
	    >>"$OUT/results.txt"
	grep -E '^(delivered|latency us|server RSS|cpu):' "$log" | sed 's/^/    /'
	return 0
}

servers="peer"
if [ "$ONIONMSGD" = none ]; then
	onionmsgd_skip="ONIONMSGD=none"
elif [ ! -x "$ONIONMSGD" ]; then
	onionmsgd_skip="no onionmsgd at $ONIONMSGD"
elif ! start_onionmsgd; then
	onionmsgd_skip="$ONIONMSGD does not serve the API yet: $onionmsgd_why"
else
	stop_server
	servers="peer onionmsgd"
fi
[ -n "$onionmsgd_skip" ] && note "skipping onionmsgd: $onionmsgd_skip"

note "results in $OUT; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; ulimit -n $nofile"
: >"$OUT/results.txt"
for sc in ${scenarios//,/ }; do
	scenario_args "$sc" >/dev/null || die "unknown scenario $sc"
	need=$(( $(conns_of "$sc") + 64 ))
	if [ "$need" -gt "$nofile" ]; then
		note "$sc: skipped: needs $need open files, the hard limit is $nofile (raise it as root: ulimit -Hn)"
		echo "server=all scenario=$sc skipped=nofile" >>"$OUT/results.txt"
		continue
	fi
	for server in $servers; do
		for n in $(seq 1 "$runs"); do
			note "$sc $server run $n/$runs"
			run_one "$server" "$sc" "$n" || echo "    $sc $server run $n: see $OUT/$server-$sc-$n.log"
		done
	done
done
note "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- medians and ratios ----------------------------------------------------

# median SERVER SCENARIO KEY: the median of KEY over the runs, or "-".
median() {
	grep "^server=$1 scenario=$2 " "$OUT/results.txt" |
	    tr ' ' '\n' | sed -n "s/^$3=//p" | sort -g |
	    awk '{ v[NR] = $1 } END { if (NR == 0) print "-";
	        else if (NR % 2) print v[(NR + 1) / 2];
	        else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0)
	    print "-"; else printf "%.2f\n", a / b }'
}

{
	printf '\nMedians of %s run(s); ratio = onionmsgd / peer.\n' "$runs"
	printf '%-8s %-16s %14s %14s %8s\n' scenario metric peer onionmsgd ratio
	for sc in ${scenarios//,/ }; do
		case $sc in
		idle*) keys="kib_per_sub subscribed conn_failures probes_seen connect_s lg_kib_per_conn srv_cpu_s" ;;
		rate) keys="msgs_per_s p50_us p99_us p999_us max_us lg_us_per_msg srv_us_per_msg lg_cpu_s errors lost" ;;
		*) keys="msgs_per_s p50_us p99_us max_us srv_us_per_msg lg_us_per_msg lg_cpu_s srv_cpu_s errors lost" ;;
		esac
		for k in $keys; do
			p=$(median peer "$sc" "$k")
			o=$(median onionmsgd "$sc" "$k")
			printf '%-8s %-16s %14s %14s %8s\n' "$sc" "$k" "$p" "$o" "$(ratio "$o" "$p")"
		done
	done
	[ -n "$onionmsgd_skip" ] && printf '\nonionmsgd skipped: %s\n' "$onionmsgd_skip"
	printf '\nlg_cpu_s is the CPU the load tool used in the measured window (every\n'
	printf 'thread); lg_us_per_msg and srv_us_per_msg are CPU microseconds per\n'
	printf 'delivered message of the load tool and of the server.\n'
} | tee "$OUT/summary.txt"
