#!/bin/sh
# api_messages.sh: the messaging API of a real onionmsgd --no-tor over
# HTTP with curl: node, createMailbox with a real proof, a second device,
# sendMessage, messages, ack deleting only after both devices acked,
# size and quota errors with their codes, a bad token, and a long-poll
# that returns early when a message arrives.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

OMTOOL=${OMTOOL:-$top_builddir/tests/integration/omtool}
command -v curl >/dev/null 2>&1 || skip_all "no curl"
[ -x "$OMTOOL" ] || skip_all "no omtool"

OWNER=$(printf '11%.0s' $(seq 32))
DEV1=$(printf '22%.0s' $(seq 32))
DEV2=$(printf '33%.0s' $(seq 32))

"$ONIONMSGD" --no-tor --data-dir "$T_TMP/d" --listen 127.0.0.1:0 \
    --port-file "$T_TMP/port" --mailbox-quota-messages 3 \
    --max-envelope-bytes 1k --mailbox-quota-bytes 4k \
    >"$T_TMP/log" 2>&1 &
PID=$!
T_PIDS="${T_PIDS:-} $PID"
wait_for 10 test -s "$T_TMP/port"
ok 'test -s "$T_TMP/port"' "the daemon writes its port"
PORT=$(cat "$T_TMP/port")
URL=http://127.0.0.1:$PORT/graphql
LABEL=$(sed -n 's/.*node address \([a-z2-7]*\)\.onion.*/\1/p' "$T_TMP/log")
ok '[ ${#LABEL} -eq 56 ]' "the log says the node address"

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

out=$(gql '{"query":"{ node { version torStatus onion } }"}')
is "$out" '{"data":{"node":{"version":"0.1.0","torStatus":"DISABLED","onion":null}}}' \
    "node answers without auth"

MB=$("$OMTOOL" mailbox-id $OWNER)
OK=$("$OMTOOL" pub $OWNER)
D1=$("$OMTOOL" pub $DEV1)
D2=$("$OMTOOL" pub $DEV2)
PROOF=$("$OMTOOL" proof create-mailbox $OWNER $LABEL $DEV1)
q='mutation($o: Base64!, $d: Base64!, $p: Base64!) { createMailbox(ownerKey: $o, deviceKey: $d, proof: $p) { id storedMessages } }'
out=$(gql "{\"query\":\"$q\",\"variables\":{\"o\":\"$OK\",\"d\":\"$D1\",\"p\":\"$PROOF\"}}")
is "$out" "{\"data\":{\"createMailbox\":{\"id\":\"$MB\",\"storedMessages\":0}}}" \
    "createMailbox with a real proof"
BAD=$("$OMTOOL" proof create-mailbox $DEV2 $LABEL $DEV1)
out=$(gql "{\"query\":\"$q\",\"variables\":{\"o\":\"$OK\",\"d\":\"$D1\",\"p\":\"$BAD\"}}")
ok 'echo "$out" | grep -q "\"code\":\"FORBIDDEN\""' "a proof by another key: FORBIDDEN"

TOWN=$("$OMTOOL" token $OWNER $MB $LABEL)
T1=$("$OMTOOL" token $DEV1 $MB $LABEL)
T2=$("$OMTOOL" token $DEV2 $MB $LABEL)
PROOF=$("$OMTOOL" proof add-device $OWNER $LABEL $DEV2)
q='mutation($d: Base64!, $p: Base64!) { addDevice(deviceKey: $d, proof: $p) { key ackedUpTo } }'
out=$(gql "{\"query\":\"$q\",\"variables\":{\"d\":\"$D2\",\"p\":\"$PROOF\"}}" "$TOWN")
is "$out" "{\"data\":{\"addDevice\":{\"key\":\"$D2\",\"ackedUpTo\":null}}}" \
    "the owner adds a second device"
out=$(gql "{\"query\":\"$q\",\"variables\":{\"d\":\"$D2\",\"p\":\"$PROOF\"}}" "$T1")
ok 'echo "$out" | grep -q "\"code\":\"FORBIDDEN\""' "a device cannot add devices"

ADDR=$("$OMTOOL" address $MB $LABEL)
# send ID ENVELOPE_B64: sendMessage to the mailbox, without a token.
send() {
	gql "{\"query\":\"mutation { sendMessage(to: \\\"$ADDR\\\", id: \\\"$1\\\", envelope: \\\"$2\\\") { id cursor duplicate state } }\"}"
}
out=$(send m1 aGVsbG8=)
ok 'echo "$out" | grep -q "\"state\":\"DELIVERED\""' "anyone sends to a local mailbox"
C1=$(echo "$out" | sed -n 's/.*"cursor":"\([0-9]*\)".*/\1/p')
out=$(send m1 aGVsbG8=)
ok 'echo "$out" | grep -q "\"duplicate\":true"' "re-sending an id is a duplicate"
BIG=$(head -c 2000 /dev/zero | base64 -w0)
out=$(send big "$BIG")
ok 'echo "$out" | grep -q "\"code\":\"PAYLOAD_TOO_LARGE\""' \
    "a large envelope: PAYLOAD_TOO_LARGE"

out=$(gql '{"query":"{ messages { messages { id envelope } hasMore } }"}' "$T1")
is "$out" '{"data":{"messages":{"messages":[{"id":"m1","envelope":"aGVsbG8="}],"hasMore":false}}}' \
    "device 1 reads the message"
out=$(gql '{"query":"{ messages { messages { id } } }"}' "garbage")
ok 'echo "$out" | grep -q "UNAUTHENTICATED\|invalid_token\|errors"' \
    "a bad token is refused"
out=$(gql '{"query":"{ messages { messages { id } } }"}')
ok 'echo "$out" | grep -q "\"code\":\"UNAUTHENTICATED\""' \
    "no token: UNAUTHENTICATED"

out=$(gql "{\"query\":\"mutation { ack(upTo: \\\"$C1\\\") { upTo deleted remaining } }\"}" "$T1")
is "$out" "{\"data\":{\"ack\":{\"upTo\":\"$C1\",\"deleted\":0,\"remaining\":0}}}" \
    "device 1 acks: nothing deleted yet"
out=$(gql '{"query":"{ messages { messages { id } } }"}' "$T2")
ok 'echo "$out" | grep -q "\"m1\""' "device 2 still has the message"
out=$(gql "{\"query\":\"mutation { ack(upTo: \\\"$C1\\\") { deleted } }\"}" "$T2")
is "$out" '{"data":{"ack":{"deleted":1}}}' "device 2 acks: the message is deleted"

send q1 AA== >/dev/null
send q2 AA== >/dev/null
send q3 AA== >/dev/null
out=$(send q4 AA==)
ok 'echo "$out" | grep -q "\"code\":\"QUOTA_EXCEEDED\""' \
    "past the quota: QUOTA_EXCEEDED"
out=$(gql "{\"query\":\"mutation { ack(upTo: \\\"999999\\\") { deleted } }\"}" "$T1")
out=$(gql "{\"query\":\"mutation { ack(upTo: \\\"999999\\\") { deleted } }\"}" "$T2")
is "$out" '{"data":{"ack":{"deleted":3}}}' "both acked: all deleted"

# Long-poll: held while empty, answered as soon as a message arrives.
start=$(date +%s)
gql '{"query":"{ messages(wait: 20) { messages { id } } }"}' "$T1" \
    >"$T_TMP/poll" &
POLL=$!
sleep 1
ok '! test -s "$T_TMP/poll"' "the long-poll is held while empty"
send lp1 AA== >/dev/null
wait $POLL
end=$(date +%s)
ok 'grep -q "\"lp1\"" "$T_TMP/poll"' "the long-poll returns the new message"
ok '[ $((end - start)) -lt 10 ]' "the long-poll returned early ($((end - start)) s)"
start=$(date +%s)
out=$(gql "{\"query\":\"{ messages(after: \\\"999999\\\", wait: 1) { messages { id } } }\"}" "$T1")
end=$(date +%s)
is "$out" '{"data":{"messages":{"messages":[]}}}' "a long-poll times out empty"

out=$(gql '{"query":"{ node { nope } }"}')
ok 'echo "$out" | grep -q "GRAPHQL_VALIDATION_FAILED"' "validation errors have a code"
out=$(gql '{"query":"{ node "}')
ok 'echo "$out" | grep -q "GRAPHQL_PARSE_FAILED"' "parse errors have a code"

kill -TERM $PID
wait $PID
is "$?" 0 "SIGTERM stops the daemon with 0"
done_testing
