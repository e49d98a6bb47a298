#!/bin/sh
# hostile.sh: the hostile input catalogue against the real onionmsgd. Each
# tests/integration/hostile/NN-name.json is one case (transport, what is
# sent, the exact expected status, close code or GraphQL error code);
# tests/interop/hostile.mjs runs them in order, one TAP line each, and
# checks after each that the daemon still answers /healthz. Needs node, but
# no npm package. HOSTILE_ONLY="NN ..." runs only the cases named;
# HOSTILE_REPEAT=N runs them N times (to show that a case is not flaky).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/integration/interop_lib.sh"
need_omtool
command -v node >/dev/null 2>&1 || skip_all "node is not installed"
om_start d --max-envelope-bytes 4k --mailbox-quota-messages 20
MBOX_A=$(om_mbox "$SEED_OWNER_A")
MBOX_Q=$(om_mbox "$SEED_OWNER_Q")
ok 'om_create "$SEED_OWNER_A" "$SEED_DEV_A" | grep -Fq "$MBOX_A"' "mailbox A"
ok 'om_create "$SEED_OWNER_Q" "$SEED_DEV_Q" | grep -Fq "$MBOX_Q"' "mailbox Q"
ok 'om_create "$SEED_OWNER_B" "$SEED_DEV_B" | grep -Fq "$(om_mbox "$SEED_OWNER_B")"' "mailbox B"
now=$(date +%s)
FOREIGN=$("$OMTOOL" onion "$SEED_NODE_X")
OMH_TOKEN_A=$(om_token "$SEED_DEV_A" "$MBOX_A")
OMH_TOKEN_EXPIRED=$(om_token "$SEED_DEV_A" "$MBOX_A" 600 $((now - 4000)))
OMH_TOKEN_FOREIGN=$(om_token "$SEED_DEV_A" "$MBOX_A" 600 "$now" "$FOREIGN")
OMH_TOKEN_OTHER=$(om_token "$SEED_DEV_B" "$MBOX_A")
# libonionmsg refuses to sign a lifetime over an hour: re-sign a good
# token with its expiry two hours after its issue (man/onionmsg.7, Tokens).
OMH_TOKEN_LONG=$(node -e '
const crypto = require("crypto");
const [seed, tok] = process.argv.slice(1);
const b = Buffer.from(tok, "base64url");
b.writeBigUInt64BE(b.readBigUInt64BE(85) + 7200n, 93);
const key = crypto.createPrivateKey({ format: "der", type: "pkcs8",
  key: Buffer.from("302e020100300506032b657004220420" + seed, "hex") });
crypto.sign(null, Buffer.concat([Buffer.from("onionmsg token v1\0"),
  b.subarray(0, 101)]), key).copy(b, 101);
console.log(b.toString("base64url"));' "$SEED_DEV_A" "$OMH_TOKEN_A")
OMH_TOKEN_FUTURE=$(om_token "$SEED_DEV_A" "$MBOX_A" 600 $((now + 3600)))
# One character of the signature changed (not the last: its spare bits).
OMH_TOKEN_BADSIG=$(echo "$OMH_TOKEN_A" | sed 's/^\(.\{200\}\)\(.\)/\1\2/' |
    awk '{ c = substr($0, 201, 1); r = (c == "A") ? "B" : "A";
    print substr($0, 1, 200) r substr($0, 202) }')
OMH_NOPE=AAAA
OMH_ADDR_A=$("$OMTOOL" address "$MBOX_A" "$OM_ONION")
OMH_ADDR_Q=$("$OMTOOL" address "$MBOX_Q" "$OM_ONION")
OMH_ADDR_UNKNOWN=$("$OMTOOL" address "$(om_mbox "$SEED_DEV_B")" "$OM_ONION")
OMH_ADDR_REMOTE=$("$OMTOOL" address "$MBOX_A" "$FOREIGN")
OMH_PUB_OWNER_B=$(om_pub "$SEED_OWNER_B")
OMH_PUB_DEV_B=$(om_pub "$SEED_DEV_B")
OMH_PROOF_FOREIGN=$("$OMTOOL" proof create-mailbox "$SEED_OWNER_B" "$FOREIGN" \
    "$SEED_DEV_B")
OMH_PROOF_A=$("$OMTOOL" proof create-mailbox "$SEED_OWNER_A" "$OM_ONION" \
    "$SEED_DEV_A")
export OMH_TOKEN_A OMH_TOKEN_EXPIRED OMH_TOKEN_FOREIGN OMH_TOKEN_OTHER \
    OMH_TOKEN_LONG OMH_TOKEN_FUTURE OMH_TOKEN_BADSIG OMH_NOPE OMH_ADDR_A \
    OMH_ADDR_Q OMH_ADDR_UNKNOWN OMH_ADDR_REMOTE OMH_PUB_OWNER_B \
    OMH_PUB_DEV_B OMH_PROOF_FOREIGN OMH_PROOF_A
export_fixtures
is "$(gql "$OMH_TOKEN_A" '{"query":"{ mailbox { id } }"}' | grep -c "$MBOX_A")" 1 \
    "the good token works (so the bad ones fail for their own reason)"
rounds=0
while [ "$rounds" -lt "${HOSTILE_REPEAT:-1}" ]; do
	# shellcheck disable=SC2086
	run_node hostile 600 "$top_srcdir/tests/interop/hostile.mjs" \
	    "$top_srcdir/tests/integration/hostile" ${HOSTILE_ONLY:-}
	rounds=$((rounds + 1))
done
ok om_alive "the daemon survived the catalogue"
done_testing
