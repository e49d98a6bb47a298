#!/bin/sh
# clients.sh: the edge against real client libraries: the graphql-http
# audit suite and client, the graphql-ws client, the legacy
# subscriptions-transport-ws client (tests/edge/clients.cjs).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/edge/edge_lib.sh"
need_node
[ -d "$NODE_MODULES/graphql-http" ] || skip_all "no graphql-http package"
edge_start
timeout 120 node "$top_srcdir/tests/edge/clients.cjs" "$NODE_MODULES" \
    "$EDGE_URL" "ws://127.0.0.1:$EDGE_PORT/graphql"
