#!/bin/sh
# interop_curl.sh: curl against the real onionmsgd for every HTTP path and
# status code it answers: /graphql (POST, GET, other methods, media types,
# Accept negotiation, request errors, auth), /healthz and unknown paths.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/integration/interop_lib.sh"
need_omtool
om_start d

J='content-type: application/json'
GR='accept: application/graphql-response+json'
AJ='accept: application/json'

# st CURLARGS...: the status; the body goes to $T_TMP/body, headers to hdrs.
st() {
	curl -s -m 10 -o "$T_TMP/body" -D "$T_TMP/hdrs" -w '%{http_code}' "$@"
}
hdr() {
	grep -i "^$1:" "$T_TMP/hdrs" | head -1 | cut -d: -f2- |
	    sed 's/^ *//' | tr -d '\r'
}
body_has() {
	grep -Fq -- "$1" "$T_TMP/body"
}

om_create "$SEED_OWNER_A" "$SEED_DEV_A" >"$T_TMP/create"
MBOX_A=$(om_mbox "$SEED_OWNER_A")
ok 'grep -Fq "\"id\":\"$MBOX_A\"" "$T_TMP/create"' "createMailbox over curl"
TOK=$(om_token "$SEED_DEV_A" "$MBOX_A")
ADDR=$("$OMTOOL" address "$MBOX_A" "$OM_ONION")

is "$(st "$OM_BASE/healthz")" 200 "GET /healthz is 200"
T_N=$((T_N + 1))
if [ "$(st -I "$OM_BASE/healthz")" = 200 ]; then
	echo "ok $T_N - HEAD /healthz is 200"
else
	echo "not ok $T_N - HEAD /healthz is 200 # TODO HEAD is answered 405 (RFC 9110 9.1: a server MUST support HEAD where it supports GET)"
fi
is "$(st -H "$J" -d '{"query":"{ node { version } }"}' "$OM_URL")" 200 \
    "POST /graphql, a public query"
ok 'body_has "\"version\":"' "... answers node.version"
is "$(hdr content-type)" "application/json; charset=utf-8" \
    "... as application/json without Accept"
is "$(st -H "$GR" -H "$J" -d '{"query":"{ node { version } }"}' "$OM_URL")" \
    200 "POST accepting graphql-response+json"
is "$(hdr content-type)" "application/graphql-response+json; charset=utf-8" \
    "... answered in that media type"
is "$(st -G --data-urlencode 'query={ node { torStatus } }' "$OM_URL")" 200 \
    "GET /graphql with a query"
ok 'body_has "\"torStatus\":\"DISABLED\""' "... torStatus is DISABLED with --no-tor"
is "$(st -H "$GR" -G --data-urlencode 'query=mutation { retryDeliveries }' \
    "$OM_URL")" 405 "a mutation over GET is 405"
is "$(hdr allow)" "POST" "... with Allow: POST"
is "$(st -X PUT -H "$J" -d '{}' "$OM_URL")" 405 "PUT /graphql is 405"
is "$(hdr allow)" "GET, POST" "... with Allow: GET, POST"
is "$(st -X DELETE "$OM_URL")" 405 "DELETE /graphql is 405"
is "$(st -H "$GR" -H "$J" -d '{"query":"{"}' "$OM_URL")" 400 \
    "a syntax error is 400 under graphql-response+json"
is "$(st -H "$AJ" -H "$J" -d '{"query":"{"}' "$OM_URL")" 200 \
    "... and 200 under application/json"
is "$(st -H "$GR" -H "$J" -d '{"query":"{ nope }"}' "$OM_URL")" 400 \
    "a validation error is 400 under graphql-response+json"
ok 'body_has "nope"' "... naming the unknown field"
is "$(st -H "$J" -d '{"query":' "$OM_URL")" 400 "broken JSON is 400"
is "$(st -H "$J" -d '{"qeury":"x"}' "$OM_URL")" 400 "a missing query is 400"
is "$(st -H 'content-type: text/plain' -d '{"query":"{ node { version } }"}' \
    "$OM_URL")" 415 "text/plain is 415"
is "$(st -H 'accept: text/html' -G --data-urlencode \
    'query={ node { version } }' "$OM_URL")" 406 "Accept: text/html is 406"
head -c 2000000 /dev/zero | tr '\0' ' ' >"$T_TMP/big"
is "$(st -H "$J" --data-binary @"$T_TMP/big" "$OM_URL")" 413 \
    "a 2 MB body is 413"
is "$(st -H "Cookie: $(head -c 9000 /dev/zero | tr '\0' c)" "$OM_BASE/healthz")" \
    431 "9000 bytes of headers is 431"
is "$(st "$OM_BASE/")" 404 "GET / is 404"
is "$(st "$OM_BASE/graphql/extra")" 404 "GET /graphql/extra is 404"

# Auth: a query that needs a token.
is "$(st -H "$GR" -H "$J" -H "authorization: Bearer $TOK" \
    -d '{"query":"{ mailbox { id storedMessages } }"}' "$OM_URL")" 200 \
    "a device token reads its mailbox"
ok 'body_has "\"id\":\"$MBOX_A\""' "... the right one"
is "$(st -H "$GR" -H "$J" -d '{"query":"{ mailbox { id } }"}' "$OM_URL")" 200 \
    "no token: 200 with an error (the request is well formed)"
ok 'body_has "UNAUTHENTICATED"' "... UNAUTHENTICATED"
is "$(st -H "$GR" -H "$J" -H 'authorization: Bearer AAAA' \
    -d '{"query":"{ mailbox { id } }"}' "$OM_URL")" 401 "a malformed token is 401"
ok '[ -n "$(hdr www-authenticate)" ]' "... with WWW-Authenticate"
ok 'body_has "UNAUTHENTICATED"' "... and UNAUTHENTICATED"

# Sending and reading, the long-poll included.
SEND="{\"query\":\"mutation { sendMessage(to: \\\"$ADDR\\\", id: \\\"c1\\\", envelope: \\\"aGVsbG8=\\\") { cursor duplicate state } }\"}"
is "$(st -H "$J" -d "$SEND" "$OM_URL")" 200 "sendMessage without a token (local mailbox)"
ok 'body_has "\"state\":\"DELIVERED\"" && body_has "\"duplicate\":false"' \
    "... stored"
is "$(st -H "$J" -d "$SEND" "$OM_URL")" 200 "the same id again"
ok 'body_has "\"duplicate\":true"' "... is a duplicate"
is "$(st -H "$J" -H "authorization: Bearer $TOK" \
    -d '{"query":"{ messages { messages { id envelope } hasMore } }"}' \
    "$OM_URL")" 200 "messages"
ok 'body_has "\"id\":\"c1\"" && body_has "aGVsbG8="' "... has the message"
t0=$(date +%s%N)
st -H "$J" -H "authorization: Bearer $TOK" -d \
    "{\"query\":\"{ messages(after: \\\"$(gql "$TOK" '{"query":"{ messages { next } }"}' |
    sed 's/.*"next":"\([^"]*\)".*/\1/')\\\", wait: 1) { messages { id } } }\"}" \
    "$OM_URL" >"$T_TMP/lp"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$(cat "$T_TMP/lp")" 200 "an empty long-poll (wait: 1) is 200"
ok '[ $ms -ge 900 ] && [ $ms -lt 5000 ]' "... after about a second ($ms ms)"
ok 'body_has "\"messages\":[]"' "... with no messages"
ok om_alive "the daemon is still alive"
done_testing
