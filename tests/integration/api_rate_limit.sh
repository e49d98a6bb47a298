#!/bin/sh
# api_rate_limit.sh: the rate limits of a real onionmsgd --no-tor, over
# HTTP with curl: --create-mailbox-rate for the node, --send-rate for
# sends without a token (node-wide), --send-rate-mailbox per mailbox of
# the token; a refused call is a GraphQL error RATE_LIMITED that says when
# to try again, the limits are in node { limits }, and with the defaults
# a short burst passes.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

OMTOOL=${OMTOOL:-$top_builddir/tests/integration/omtool}
command -v curl >/dev/null 2>&1 || skip_all "no curl"
[ -x "$OMTOOL" ] || skip_all "no omtool"

# start NAME ARGS...: a daemon on its own data dir; sets URL and LABEL.
start() {
	local name=$1
	shift
	"$ONIONMSGD" --no-tor --data-dir "$T_TMP/$name" --listen 127.0.0.1:0 \
	    --port-file "$T_TMP/$name.port" "$@" >"$T_TMP/$name.log" 2>&1 &
	PID=$!
	T_PIDS="${T_PIDS:-} $PID"
	wait_for 10 test -s "$T_TMP/$name.port"
	URL=http://127.0.0.1:$(cat "$T_TMP/$name.port")/graphql
	LABEL=$(sed -n 's/.*node address \([a-z2-7]*\)\.onion.*/\1/p' \
	    "$T_TMP/$name.log")
}

# gql QUERY [TOKEN]: POST a query; print the response body.
gql() {
	curl -s -m 20 -H 'content-type: application/json' \
	    ${2:+-H "authorization: Bearer $2"} --data-binary "$1" "$URL"
}

# create OWNERSEED DEVSEED: createMailbox; print the answer.
create() {
	local q='mutation($o: Base64!, $d: Base64!, $p: Base64!) { createMailbox(ownerKey: $o, deviceKey: $d, proof: $p) { id } }'
	gql "{\"query\":\"$q\",\"variables\":{\"o\":\"$("$OMTOOL" pub "$1")\",\"d\":\"$("$OMTOOL" pub "$2")\",\"p\":\"$("$OMTOOL" proof create-mailbox "$1" "$LABEL" "$2")\"}}"
}

# send TO ID [TOKEN]: sendMessage; print the answer.
send() {
	gql "{\"query\":\"mutation { sendMessage(to: \\\"$1\\\", id: \\\"$2\\\", envelope: \\\"aGk=\\\") { id } }\"}" "${3:-}"
}

seed() { printf "$1%.0s" $(seq 32); }

start d --create-mailbox-rate 2 --send-rate 3 --send-rate-mailbox 2
ok 'test -n "$LABEL"' "the daemon starts with rate limits"
out=$(gql '{"query":"{ node { limits { createMailboxPerMinute sendPerMinute sendPerMinutePerMailbox } } }"}')
is "$out" '{"data":{"node":{"limits":{"createMailboxPerMinute":2,"sendPerMinute":3,"sendPerMinutePerMailbox":2}}}}' \
    "node { limits } shows the rate limits"

A=$(seed 11) AD=$(seed 12) B=$(seed 21) BD=$(seed 22) C=$(seed 31) CD=$(seed 32)
MA=$("$OMTOOL" mailbox-id "$A")
MB=$("$OMTOOL" mailbox-id "$B")
ok 'create "$A" "$AD" | grep -Fq "\"id\":\"$MA\""' "createMailbox 1 of 2"
ok 'create "$B" "$BD" | grep -Fq "\"id\":\"$MB\""' "createMailbox 2 of 2"
out=$(create "$C" "$CD")
ok 'echo "$out" | grep -Fq "\"code\":\"RATE_LIMITED\""' \
    "a third createMailbox within the minute: RATE_LIMITED" "$out"
ok 'echo "$out" | grep -Eq "at most 2 createMailbox calls on this node a minute; try again in [0-9]+ s"' \
    "the message says the limit and when to try again"
ok 'echo "$out" | grep -Fq "\"data\":null"' "and nothing is created"

AADDR=$("$OMTOOL" address "$MA" "$LABEL")
BADDR=$("$OMTOOL" address "$MB" "$LABEL")
TA=$("$OMTOOL" token "$AD" "$MA" "$LABEL")
TAO=$("$OMTOOL" token "$A" "$MA" "$LABEL")
TB=$("$OMTOOL" token "$BD" "$MB" "$LABEL")

# With a token: the mailbox's own bucket, its device and owner together.
ok 'send "$BADDR" t1 "$TA" | grep -Fq "\"id\":\"t1\""' "a send with A's device token"
ok 'send "$BADDR" t2 "$TAO" | grep -Fq "\"id\":\"t2\""' "a send with A's owner token"
out=$(send "$BADDR" t3 "$TA")
ok 'echo "$out" | grep -Fq "\"code\":\"RATE_LIMITED\""' \
    "a third send with A's tokens: RATE_LIMITED" "$out"
ok 'echo "$out" | grep -Fq "with this mailbox'"'"'s tokens"' \
    "the message names the mailbox's limit"
ok 'send "$AADDR" u1 "$TB" | grep -Fq "\"id\":\"u1\""' \
    "mailbox B's tokens have their own bucket"

# Without a token: one bucket for the node, not touched by the above.
for i in 1 2 3; do
	ok 'send "$AADDR" n$i | grep -Fq "\"id\":\"n$i\""' "anonymous send $i of 3"
done
out=$(send "$BADDR" n4)
ok 'echo "$out" | grep -Fq "\"code\":\"RATE_LIMITED\""' \
    "a fourth anonymous send within the minute: RATE_LIMITED" "$out"
out=$(gql '{"query":"{ messages { messages { id } } }"}' "$TA")
is "$(echo "$out" | grep -o '"id":"[a-z0-9]*"' | tr -d '\n')" '"id":"u1""id":"n1""id":"n2""id":"n3"' \
    "only what was taken is stored (A)"
out=$(gql '{"query":"{ messages { messages { id } } }"}' "$TB")
is "$(echo "$out" | grep -o '"id":"[a-z0-9]*"' | tr -d '\n')" '"id":"t1""id":"t2"' \
    "only what was taken is stored (B)"

ok 'kill -0 $PID' "the daemon is still running"
kill $PID
wait $PID
is "$?" 0 "it exits cleanly"
T_PIDS=""

# The defaults let a burst of 50 sends and a few creates through.
start e
ok 'create "$A" "$AD" | grep -Fq "\"id\":\"$MA\""' "defaults: createMailbox"
AADDR=$("$OMTOOL" address "$MA" "$LABEL")
n=0
for i in $(seq 50); do
	send "$AADDR" b$i | grep -Fq "\"id\":\"b$i\"" && n=$((n + 1))
done
is "$n" 50 "defaults: a burst of 50 anonymous sends passes"
out=$(gql '{"query":"{ node { limits { createMailboxPerMinute sendPerMinute sendPerMinutePerMailbox } } }"}')
is "$out" '{"data":{"node":{"limits":{"createMailboxPerMinute":10,"sendPerMinute":6000,"sendPerMinutePerMailbox":600}}}}' \
    "defaults: 10 mailboxes, 6000 anonymous sends, 600 per mailbox a minute"
kill $PID
wait $PID
T_PIDS=""
done_testing
