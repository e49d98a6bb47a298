#!/bin/sh
# ws_protocol.sh: graphql-transport-ws and legacy graphql-ws, message by
# message, with the npm `ws` client (tests/edge/ws_protocol.cjs).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/edge/edge_lib.sh"
need_node
edge_start --ws-init-timeout 1000 --max-request-bytes 262144
timeout 120 node "$top_srcdir/tests/edge/ws_protocol.cjs" "$NODE_MODULES" \
    "ws://127.0.0.1:$EDGE_PORT/graphql"
