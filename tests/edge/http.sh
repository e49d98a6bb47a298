#!/bin/sh
# http.sh: GraphQL over HTTP with curl, a real client: status codes and
# content negotiation, keep-alive reuse, Expect: 100-continue, long poll,
# limits, /healthz, and a graceful stop answering a pending request.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/edge/edge_lib.sh"
command -v curl >/dev/null 2>&1 || skip_all "curl is not installed"
edge_start --max-request-bytes 4096 --long-poll-max 5000

J='content-type: application/json'
GR='accept: application/graphql-response+json'
# st ARGS...: the status code of a curl request to the edge.
st() { curl -s -o "$T_TMP/body" -D "$T_TMP/hdr" -w '%{http_code}' "$@"; }
hdr() { tr -d '\r' <"$T_TMP/hdr" | grep -i "^$1:" | head -1 | cut -d' ' -f2-; }

is "$(st -H "$J" -d '{"query":"{ __typename }"}' "$EDGE_URL")" 200 "POST a query"
is "$(cat "$T_TMP/body")" '{"data":{"__typename":"Query"}}' "... its body"
is "$(hdr content-type)" "application/json; charset=utf-8" "... as application/json without Accept"
is "$(st -H "$GR" -H "$J" -d '{"query":"{ __typename }"}' "$EDGE_URL")" 200 "POST accepting graphql-response+json"
is "$(hdr content-type)" "application/graphql-response+json; charset=utf-8" "... answered in that media type"
is "$(st -G --data-urlencode 'query={ echo }' --data-urlencode 'variables={"a":"b c&d"}' "$EDGE_URL")" 200 "GET with URL-encoded variables"
is "$(cat "$T_TMP/body")" '{"data":{"echo":{"a":"b c&d"},"operationName":null}}' "... decoded once, exactly"
is "$(st -H "$GR" -G --data-urlencode 'query=mutation { x }' "$EDGE_URL")" 405 "a mutation over GET is 405"
is "$(hdr allow)" "POST" "... with Allow: POST"
is "$(st -H "$GR" -H "$J" -d '{"query":"{"}' "$EDGE_URL")" 400 "a request error is 400 under graphql-response+json"
is "$(st -H "$J" -d '{"query":"{"}' "$EDGE_URL")" 200 "... and 200 under application/json"
is "$(st -H "$GR" -H "$J" -d '{"query":"fielderror"}' "$EDGE_URL")" 200 "data with field errors is 200"
is "$(st -H "$GR" -H "$J" -d '{"query":"{ textual }"}' "$EDGE_URL")" 200 "a pre-serialized result"
is "$(cat "$T_TMP/body")" '{"data":{"textual":true}}' "... goes out as written"
is "$(st -H "$GR" -H "$J" -d '{"query":"{ textual nodata }"}' "$EDGE_URL")" 400 "... and without data it is a request error"
is "$(st -H "$J" -d '{"query":"{ internalfailure }"}' "$EDGE_URL")" 500 "an operation without any result is 500"
is "$(st -H "$J" -d '{"query":' "$EDGE_URL")" 400 "broken JSON is 400"
is "$(st -H "$J" -d '{"qeury":"x"}' "$EDGE_URL")" 400 "a missing query is 400"
is "$(st -H 'content-type: text/plain' -d '{"query":"x"}' "$EDGE_URL")" 415 "text/plain is 415"
is "$(st -d '{"query":"x"}' -H 'content-type:' "$EDGE_URL")" 415 "no Content-Type is 415"
is "$(st -H 'accept: text/html' -G --data-urlencode 'query=x' "$EDGE_URL")" 406 "Accept: text/html is 406"
is "$(st -X PUT -H "$J" -d '{}' "$EDGE_URL")" 405 "PUT is 405"
is "$(hdr allow)" "GET, POST" "... with Allow: GET, POST"
is "$(st "http://127.0.0.1:$EDGE_PORT/")" 404 "an unknown path is 404"
head -c 5000 /dev/zero | tr '\0' a >"$T_TMP/big"
is "$(st -H "$J" --data-binary @"$T_TMP/big" "$EDGE_URL")" 413 "a body over --max-request-bytes is 413"
is "$(st -H "$J" -H 'transfer-encoding: chunked' -d '{"query":"x"}' "$EDGE_URL")" 411 "a chunked body is 411"
is "$(st -H "Cookie: $(head -c 9000 /dev/zero | tr '\0' c)" -G --data-urlencode 'query=x' "$EDGE_URL")" 431 "9000 bytes of headers is 431"
is "$(st -H 'authorization: Bearer good' -G --data-urlencode 'query=whoami' "$EDGE_URL")" 200 "a good bearer token"
is "$(cat "$T_TMP/body")" '{"data":{"whoami":"alice"}}' "... authenticates"
is "$(st -H 'authorization: Bearer bad' -G --data-urlencode 'query=whoami' "$EDGE_URL")" 401 "a bad token is 401"
ok '[ -n "$(hdr www-authenticate)" ]' "... with WWW-Authenticate"
is "$(st -I "http://127.0.0.1:$EDGE_PORT/healthz")" 200 "HEAD /healthz"
ok '[ "$(hdr content-length)" -gt 0 ]' "... with the length a GET would have"
is "$(st -I -G --data-urlencode 'query={ __typename }' "$EDGE_URL")" 200 "HEAD /graphql with a query"
is "$(st "http://127.0.0.1:$EDGE_PORT/healthz")" 200 "/healthz"
ok 'grep -q "\"status\":\"ok\"" "$T_TMP/body"' "... says ok"

n=$(curl -s -v -H "$J" -d '{"query":"x"}' "$EDGE_URL" --next -H "$J" -d '{"query":"y"}' "$EDGE_URL" 2>&1 | grep -c 'Re-using existing connection')
is "$n" 1 "keep-alive: curl reuses the connection"
python_body=$(head -c 3000 /dev/zero | tr '\0' q)
printf '{"query":"%s"}' "$python_body" >"$T_TMP/mid"
t0=$(date +%s%N)
is "$(st -H "$J" -H 'Expect: 100-continue' --data-binary @"$T_TMP/mid" "$EDGE_URL")" 200 "Expect: 100-continue"
ok '[ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 900 ]' "... without curl's one-second wait"

t0=$(date +%s%N)
is "$(st -H "$J" -d '{"query":"{ wait }","variables":{"ms":400}}' "$EDGE_URL")" 200 "a long poll"
ok '[ $(( ($(date +%s%N) - t0) / 1000000 )) -ge 390 ]' "... answers when its operation completes"

curl -s -H "$J" -d '{"query":"{ never }"}' "$EDGE_URL" -o "$T_TMP/pending" -w '%{http_code}' >"$T_TMP/pending_code" &
cpid=$!
pending() { curl -s "http://127.0.0.1:$EDGE_PORT/healthz" | grep -q '"operations":1'; }
ok 'wait_for 10 pending' "the long poll is pending"
kill "$EDGE_PID"
wait "$cpid"
is "$(cat "$T_TMP/pending_code")" 503 "stopping answers a pending request with 503"
ok 'wait "$EDGE_PID"' "edge_testd exits cleanly on SIGTERM"
done_testing
