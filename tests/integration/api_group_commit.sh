#!/bin/sh
# api_group_commit.sh: mutations that arrive together share one commit
# (src/api/api_group.c) and each still gets its own answer: 50 concurrent
# sendMessage requests are all answered, all stored once with distinct
# cursors, and sending the same 50 again concurrently gives 50 duplicates
# with the first cursors (idempotency intact inside a group). Once idle,
# the checkpointer thread empties the WAL file.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

OMTOOL=${OMTOOL:-$top_builddir/tests/integration/omtool}
command -v curl >/dev/null 2>&1 || skip_all "no curl"
command -v xargs >/dev/null 2>&1 || skip_all "no xargs"
[ -x "$OMTOOL" ] || skip_all "no omtool"

OWNER=$(printf '44%.0s' $(seq 32))
DEV1=$(printf '55%.0s' $(seq 32))
N=50

"$ONIONMSGD" --no-tor --data-dir "$T_TMP/d" --listen 127.0.0.1:0 \
    --port-file "$T_TMP/port" >"$T_TMP/log" 2>&1 &
PID=$!
T_PIDS="${T_PIDS:-} $PID"
wait_for 10 test -s "$T_TMP/port"
ok 'test -s "$T_TMP/port"' "the daemon writes its port"
URL=http://127.0.0.1:$(cat "$T_TMP/port")/graphql
LABEL=$(sed -n 's/.*node address \([a-z2-7]*\)\.onion.*/\1/p' "$T_TMP/log")

gql() {
	curl -s -m 20 -H 'content-type: application/json' \
	    ${2:+-H "authorization: Bearer $2"} --data-binary "$1" "$URL"
}

MB=$("$OMTOOL" mailbox-id $OWNER)
PROOF=$("$OMTOOL" proof create-mailbox $OWNER $LABEL $DEV1)
q='mutation($o: Base64!, $d: Base64!, $p: Base64!) { createMailbox(ownerKey: $o, deviceKey: $d, proof: $p) { id } }'
out=$(gql "{\"query\":\"$q\",\"variables\":{\"o\":\"$("$OMTOOL" pub $OWNER)\",\"d\":\"$("$OMTOOL" pub $DEV1)\",\"p\":\"$PROOF\"}}")
is "$out" "{\"data\":{\"createMailbox\":{\"id\":\"$MB\"}}}" "createMailbox"
T1=$("$OMTOOL" token $DEV1 $MB $LABEL)
ADDR=$("$OMTOOL" address $MB $LABEL)

# Each request body in a file; xargs -P runs them all at once.
for i in $(seq $N); do
	printf '{"query":"mutation { sendMessage(to: \\"%s\\", id: \\"g%s\\", envelope: \\"aGVsbG8=\\") { id cursor duplicate } }"}' \
	    "$ADDR" "$i" >"$T_TMP/body$i"
done
# blast OUT: send the N bodies concurrently; the answers, one a line, in OUT.
blast() {
	rm -f "$T_TMP"/out*
	seq $N | xargs -P $N -I{} curl -s -m 30 -H 'content-type: application/json' \
	    --data-binary "@$T_TMP/body{}" -o "$T_TMP/out{}" "$URL"
	for i in $(seq $N); do cat "$T_TMP/out$i"; echo; done >"$1"
}
blast "$T_TMP/first"
is "$(grep -c '"duplicate":false' "$T_TMP/first")" "$N" "$N concurrent sends: all answered, none a duplicate"
is "$(sed -n 's/.*"cursor":"\([0-9]*\)".*/\1/p' "$T_TMP/first" | sort -u | wc -l | tr -d ' ')" "$N" \
    "each got its own cursor"
out=$(gql '{"query":"{ messages(limit: 100) { messages { id } hasMore } }"}' "$T1")
is "$(echo "$out" | grep -o '"id":"g[0-9]*"' | sort -u | wc -l | tr -d ' ')" "$N" \
    "all $N are stored, once each"
blast "$T_TMP/again"
is "$(grep -c '"duplicate":true' "$T_TMP/again")" "$N" "sending them again concurrently: $N duplicates"
sed -n 's/.*"id":"\(g[0-9]*\)","cursor":"\([0-9]*\)".*/\1 \2/p' "$T_TMP/first" | sort >"$T_TMP/c1"
sed -n 's/.*"id":"\(g[0-9]*\)","cursor":"\([0-9]*\)".*/\1 \2/p' "$T_TMP/again" | sort >"$T_TMP/c2"
ok 'cmp -s "$T_TMP/c1" "$T_TMP/c2"' "duplicates answer with the first cursors"
out=$(gql '{"query":"{ messages(limit: 100) { messages { id } } }"}' "$T1")
is "$(echo "$out" | grep -o '"id":"g[0-9]*"' | wc -l | tr -d ' ')" "$N" "still $N stored"
ok 'kill -0 $PID' "the daemon is still running"
# The checkpointer thread (src/daemon/daemon_ckpt.c) copies the WAL into
# the database and, once nothing was written for 2 s, empties its file.
wal_empty() { [ ! -s "$T_TMP/d/onionmsg.db-wal" ]; }
wait_for 10 wal_empty
ok wal_empty "idle for a while: the checkpointer emptied the WAL file"
done_testing
