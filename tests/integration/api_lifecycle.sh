#!/bin/sh
# api_lifecycle.sh: the end of what a mailbox's live operations follow,
# against a real onionmsgd --no-tor: removeDevice ends the subscriptions
# opened with that device's token (FORBIDDEN), deleteMailbox ends every
# messages and deliveries subscription of the mailbox on both WebSocket
# subprotocols (NOT_FOUND) and answers its parked long-polls at once;
# /healthz says tor is disabled. The WebSocket part (api_lifecycle.mjs)
# is skipped when node or tests/interop/node_modules is missing.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/interop_lib.sh"

need_omtool
om_start life

out=$(curl -s -m 10 "$OM_BASE/healthz")
ok 'echo "$out" | grep -q "\"tor\":\"disabled\""' \
    "/healthz: tor disabled (--no-tor)"

MB=$(om_mbox $SEED_OWNER_A)
is "$(om_create $SEED_OWNER_A $SEED_DEV_A)" \
    "{\"data\":{\"createMailbox\":{\"id\":\"$MB\"}}}" "createMailbox"
ok 'om_add_device $SEED_OWNER_A $SEED_DEV_A2 | grep -q "\"key\""' \
    "a second device"
TOWN=$(om_token $SEED_OWNER_A $MB)
T1=$(om_token $SEED_DEV_A $MB)
T2=$(om_token $SEED_DEV_A2 $MB)
ADDR=$("$OMTOOL" address $MB $OM_ONION)
DPROOF=$("$OMTOOL" proof delete-mailbox $SEED_OWNER_A $OM_ONION)

if has_npm; then
	run_node lifecycle 60 "$top_srcdir/tests/integration/api_lifecycle.mjs" \
	    "$NODE_MODULES" "$OM_URL" "$ADDR" "$T1" "$T2" "$TOWN" \
	    "$(om_pub $SEED_DEV_A2)" "$DPROOF"
else
	skip "WebSocket checks ($(npm_reason))"
fi

# without WebSockets too: the mailbox is gone for a long-poll
out=$(gql "$T1" '{"query":"{ messages(wait: 5) { messages { id } } }"}')
ok 'echo "$out" | grep -q "UNAUTHENTICATED\|NOT_FOUND"' \
    "the deleted mailbox's token is refused"

ok 'kill -0 $OM_PID' "the daemon is still running"
kill $OM_PID
wait $OM_PID
rc=$?
[ $rc -eq 0 ] || sed -n 's/^/# /p' "$T_TMP/life.err" | tail -60
is "$rc" 0 "the daemon exits cleanly (no leaks under ASan)"
T_PIDS=""
done_testing
