#!/bin/sh
# api_lifecycle.sh: the end of what a mailbox's live operations follow,
# against a real onionmsgd --no-tor: removeDevice ends the subscriptions
# opened with that device's token (FORBIDDEN), deleteMailbox ends every
# messages and deliveries subscription of the mailbox on both WebSocket
# subprotocols (NOT_FOUND) and answers its parked long-polls at once;
# /healthz says tor is disabled. The WebSocket part (api_lifecycle.mjs)
# is skipped when node or tests/interop/node_modules is missing.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

OMTOOL=${OMTOOL:-$top_builddir/tests/integration/omtool}
INTEROP=$top_srcdir/tests/interop
command -v curl >/dev/null 2>&1 || skip_all "no curl"
[ -x "$OMTOOL" ] || skip_all "no omtool"

OWNER=$(printf '81%.0s' $(seq 32))
DEV1=$(printf '82%.0s' $(seq 32))
DEV2=$(printf '83%.0s' $(seq 32))

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

out=$(curl -s -m 10 "http://127.0.0.1:$PORT/healthz")
ok 'echo "$out" | grep -q "\"tor\":\"disabled\""' \
    "/healthz: tor disabled (--no-tor)"

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
DPROOF=$("$OMTOOL" proof delete-mailbox $OWNER $LABEL)

if ! command -v node >/dev/null 2>&1 || \
    [ ! -d "$INTEROP/node_modules/ws" ]; then
	skip "WebSocket checks (no node or tests/interop/node_modules)"
else
	timeout 60 node "$top_srcdir/tests/integration/api_lifecycle.mjs" \
	    "$INTEROP" "$URL" "$ADDR" "$T1" "$T2" "$TOWN" \
	    "$("$OMTOOL" pub $DEV2)" "$DPROOF" >"$T_TMP/node.out" 2>&1
	ok '[ -s "$T_TMP/node.out" ]' "api_lifecycle.mjs ran"
	while IFS='|' read -r verdict what detail; do
		case $verdict in
		ok)	ok true "$what" ;;
		fail)	echo "# $detail"; ok false "$what" ;;
		*)	echo "# $verdict $what $detail" ;;
		esac
	done <"$T_TMP/node.out"
fi

# without WebSockets too: the mailbox is gone for a long-poll
out=$(gql '{"query":"{ messages(wait: 5) { messages { id } } }"}' "$T1")
ok 'echo "$out" | grep -q "UNAUTHENTICATED\|NOT_FOUND"' \
    "the deleted mailbox's token is refused"

ok 'kill -0 $PID' "the daemon is still running"
kill $PID
wait $PID
rc=$?
[ $rc -eq 0 ] || sed -n 's/^/# /p' "$T_TMP/log" | tail -60
is "$rc" 0 "the daemon exits cleanly (no leaks under ASan)"
T_PIDS=""
done_testing
