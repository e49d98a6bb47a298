# tests/edge/edge_lib.sh: what the edge's scripts share, on top of
# tests/lib.sh: start edge_testd (the edge with its test handler) on an
# ephemeral loopback port, and find node with the pinned npm packages.
# Source it after tests/lib.sh; never run it.

EDGE_TESTD="$top_builddir/tests/edge/edge_testd"
NODE_MODULES="$top_srcdir/tests/interop/node_modules"

# edge_start [FLAGS...]: start edge_testd; sets EDGE_PORT, EDGE_PID, EDGE_URL.
edge_start() {
	rm -f "$T_TMP/port"
	"$EDGE_TESTD" --port-file "$T_TMP/port" "$@" 2>>"$T_TMP/edge.log" &
	EDGE_PID=$!
	T_PIDS="$T_PIDS $EDGE_PID"
	if ! wait_for 5 test -s "$T_TMP/port"; then
		echo "Bail out! edge_testd did not start"
		cat "$T_TMP/edge.log"
		exit 1
	fi
	EDGE_PORT=$(cat "$T_TMP/port")
	EDGE_URL="http://127.0.0.1:$EDGE_PORT/graphql"
}

# need_node: skip the whole script without node and the npm packages.
need_node() {
	command -v node >/dev/null 2>&1 || skip_all "node is not installed"
	[ -d "$NODE_MODULES/graphql-ws" ] && [ -d "$NODE_MODULES/ws" ] ||
	    skip_all "no tests/interop/node_modules (run npm ci in tests/interop)"
}
