#!/bin/sh
# e2e_scenarios.sh: end-to-end scenarios against the real onionmsgd
# (tests/interop/e2e.mjs): two devices of one mailbox, switching between
# WebSocket and long-polling mid-stream, and a slow subscriber's effect on
# the daemon's memory (VmRSS before and after, with a bound).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/integration/interop_lib.sh"
need_omtool
has_npm || skip_all "$(npm_reason)"
# The slow subscriber stops reading, so it cannot answer pings either:
# under ASan on a busy machine its 34 MB take longer than two default ping
# intervals, and the heartbeat would rightly drop it mid-measurement.
om_start d --mailbox-quota-messages 100000 --mailbox-quota-bytes 1G \
    --ws-ping-interval 300
MBOX_A=$(om_mbox "$SEED_OWNER_A")
MBOX_B=$(om_mbox "$SEED_OWNER_B")
MBOX_S=$(om_mbox "$SEED_OWNER_Q")
ok 'om_create "$SEED_OWNER_A" "$SEED_DEV_A" | grep -Fq "$MBOX_A"' "mailbox A"
ok 'om_add_device "$SEED_OWNER_A" "$SEED_DEV_A2" | grep -Fq "$(om_pub "$SEED_DEV_A2")"' \
    "... and its second device"
ok 'om_create "$SEED_OWNER_B" "$SEED_DEV_B" | grep -Fq "$MBOX_B"' "mailbox B"
ok 'om_create "$SEED_OWNER_Q" "$SEED_DEV_Q" | grep -Fq "$MBOX_S"' "mailbox S"
OM_TOKEN_A=$(om_token "$SEED_DEV_A" "$MBOX_A")
OM_TOKEN_A2=$(om_token "$SEED_DEV_A2" "$MBOX_A")
OM_TOKEN_B=$(om_token "$SEED_DEV_B" "$MBOX_B")
OM_TOKEN_S=$(om_token "$SEED_DEV_Q" "$MBOX_S")
OM_ADDR_A=$("$OMTOOL" address "$MBOX_A" "$OM_ONION")
OM_ADDR_B=$("$OMTOOL" address "$MBOX_B" "$OM_ONION")
OM_ADDR_S=$("$OMTOOL" address "$MBOX_S" "$OM_ONION")
export OM_TOKEN_A OM_TOKEN_A2 OM_TOKEN_B OM_TOKEN_S OM_ADDR_A OM_ADDR_B OM_ADDR_S
export_fixtures
run_node e2e 180 "$top_srcdir/tests/interop/e2e.mjs"
ok om_alive "the daemon is still alive"
done_testing
