#!/bin/sh
# interop_clients.sh: the real onionmsgd against real npm clients
# (tests/interop/clients.mjs): the graphql-http audit suite, graphql-js
# introspection round trip, graphql-ws and subscriptions-transport-ws.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/integration/interop_lib.sh"
need_omtool
has_npm || skip_all "$(npm_reason)"
om_start d
om_create "$SEED_OWNER_A" "$SEED_DEV_A" >"$T_TMP/create"
MBOX_A=$(om_mbox "$SEED_OWNER_A")
ok 'grep -Fq "\"id\":\"$MBOX_A\"" "$T_TMP/create"' "a mailbox to subscribe to"
OM_TOKEN_A=$(om_token "$SEED_DEV_A" "$MBOX_A")
OM_ADDR_A=$("$OMTOOL" address "$MBOX_A" "$OM_ONION")
export OM_TOKEN_A OM_ADDR_A
export_fixtures
run_node clients 120 "$top_srcdir/tests/interop/clients.mjs"
ok om_alive "the daemon is still alive"
done_testing
