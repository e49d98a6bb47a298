#!/bin/sh
# api_subscribe.sh: subscriptions of a real onionmsgd --no-tor over
# WebSocket with the npm graphql-ws client (api_subscribe.mjs): replay of
# stored messages, live delivery in order, no duplicates at the seam
# (sends while subscribing), complete stops delivery, resume from a
# cursor after a reconnect, two devices, nodeStatus, deliveries, no token.
# The node part is skipped when tests/interop/node_modules is missing.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

OMTOOL=${OMTOOL:-$top_builddir/tests/integration/omtool}
INTEROP=$top_srcdir/tests/interop
command -v curl >/dev/null 2>&1 || skip_all "no curl"
[ -x "$OMTOOL" ] || skip_all "no omtool"

OWNER=$(printf '44%.0s' $(seq 32))
DEV1=$(printf '55%.0s' $(seq 32))
DEV2=$(printf '66%.0s' $(seq 32))
OTHER=$(printf '77%.0s' $(seq 32))

"$ONIONMSGD" --no-tor --data-dir "$T_TMP/d" --listen 127.0.0.1:0 \
    --port-file "$T_TMP/port" >"$T_TMP/log" 2>&1 &
PID=$!
T_PIDS="${T_PIDS:-} $PID"
wait_for 10 test -s "$T_TMP/port"
ok 'test -s "$T_TMP/port"' "the daemon writes its port"
PORT=$(cat "$T_TMP/port")
URL=http://127.0.0.1:$PORT/graphql
LABEL=$(sed -n 's/.*node address \([a-z2-7]*\)\.onion.*/\1/p' "$T_TMP/log")

# gql QUERY [TOKEN]: POST a query; print the response body.
gql() {
	if [ -n "${2:-}" ]; then
		curl -s -m 20 -H 'content-type: application/json' \
		    -H "authorization: Bearer $2" --data-binary "$1" "$URL"
	else
		curl -s -m 20 -H 'content-type: application/json' \
		    --data-binary "$1" "$URL"
	fi
}

MB=$("$OMTOOL" mailbox-id $OWNER)
PROOF=$("$OMTOOL" proof create-mailbox $OWNER $LABEL $DEV1)
q='mutation($o: Base64!, $d: Base64!, $p: Base64!) { createMailbox(ownerKey: $o, deviceKey: $d, proof: $p) { id } }'
out=$(gql "{\"query\":\"$q\",\"variables\":{\"o\":\"$("$OMTOOL" pub $OWNER)\",\"d\":\"$("$OMTOOL" pub $DEV1)\",\"p\":\"$PROOF\"}}")
is "$out" "{\"data\":{\"createMailbox\":{\"id\":\"$MB\"}}}" "createMailbox"
TOWN=$("$OMTOOL" token $OWNER $MB $LABEL)
T1=$("$OMTOOL" token $DEV1 $MB $LABEL)
T2=$("$OMTOOL" token $DEV2 $MB $LABEL)
PROOF=$("$OMTOOL" proof add-device $OWNER $LABEL $DEV2)
q='mutation($d: Base64!, $p: Base64!) { addDevice(deviceKey: $d, proof: $p) { key } }'
out=$(gql "{\"query\":\"$q\",\"variables\":{\"d\":\"$("$OMTOOL" pub $DEV2)\",\"p\":\"$PROOF\"}}" "$TOWN")
ok 'echo "$out" | grep -q "\"key\""' "a second device"
ADDR=$("$OMTOOL" address $MB $LABEL)
REMOTE=$("$OMTOOL" address $("$OMTOOL" mailbox-id $OTHER) \
    $("$OMTOOL" onion $OTHER))

for i in 1 2 3; do
	gql "{\"query\":\"mutation { sendMessage(to: \\\"$ADDR\\\", id: \\\"m$i\\\", envelope: \\\"AA==\\\") { id } }\"}" >/dev/null
done
out=$(gql "{\"query\":\"{ messages { messages { id } } }\"}" "$T1")
is "$out" '{"data":{"messages":{"messages":[{"id":"m1"},{"id":"m2"},{"id":"m3"}]}}}' \
    "three messages stored before subscribing"

out=$(gql '{"query":"subscription { nodeStatus { version } }"}')
ok 'echo "$out" | grep -q "need a WebSocket"' \
    "a subscription over HTTP: BAD_REQUEST"

if ! command -v node >/dev/null 2>&1 || \
    [ ! -d "$INTEROP/node_modules/graphql-ws" ]; then
	skip "graphql-ws client checks (no node or tests/interop/node_modules)"
else
	timeout 120 node "$top_srcdir/tests/integration/api_subscribe.mjs" \
	    "$INTEROP" "$URL" "$ADDR" "$T1" "$T2" "$REMOTE" \
	    >"$T_TMP/node.out" 2>&1
	ok '[ -s "$T_TMP/node.out" ]' "api_subscribe.mjs ran"
	while IFS='|' read -r verdict what detail; do
		case $verdict in
		ok)	ok true "$what" ;;
		fail)	echo "# $detail"; ok false "$what" ;;
		*)	echo "# $verdict $what $detail" ;;
		esac
	done <"$T_TMP/node.out"
fi

ok 'kill -0 $PID' "the daemon is still running"
kill $PID
wait $PID
rc=$?
[ $rc -eq 0 ] || sed -n 's/^/# /p' "$T_TMP/log" | tail -60
is "$rc" 0 "the daemon exits cleanly (no leaks under ASan)"
T_PIDS=""
done_testing
