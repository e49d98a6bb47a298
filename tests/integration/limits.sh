#!/bin/sh
# tests/integration/limits.sh: the limits an operator sets with onionmsgd's
# flags reach the GraphQL engine and the edge. A real onionmsgd --no-tor
# with small limits answers, through curl, a too long, too many tokens,
# too deep, too wide document and too nested introspection with the
# documented status, extensions.code and message; --max-errors cuts the
# error list; --max-request-bytes gives 413; a bad value exits 64 with one
# stderr line.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/integration/daemon.subr"

command -v curl >/dev/null 2>&1 || skip_all "no curl"

# A bad value: refused before anything starts.
d_run bad --no-tor --data-dir "$T_TMP/bad" --max-query-depth 0
is "$D_RC" 64 "--max-query-depth 0: exit status 64"
is "$(d_err bad)" 'onionmsgd: --max-query-depth: "0" is out of range; accepted: 1 to 128' \
    "--max-query-depth 0: the one stderr line"
is "$(d_lines bad)" 1 "--max-query-depth 0: exactly one line"
d_run badsize --no-tor --data-dir "$T_TMP/bad" --max-request-bytes 1G
is "$D_RC" 64 "--max-request-bytes 1G: exit status 64"
is "$(d_lines badsize)" 1 "--max-request-bytes 1G: exactly one line"
ok '[ ! -e "$T_TMP/bad" ]' "a bad value creates no data directory"

"$ONIONMSGD" --no-tor --data-dir "$T_TMP/d" --listen 127.0.0.1:0 \
    --port-file "$T_TMP/port" --max-query-bytes 1k --max-query-tokens 100 \
    --max-query-depth 4 --max-query-fields 6 --max-errors 2 \
    --max-introspection-depth 2 --max-request-bytes 4k \
    >"$T_TMP/log" 2>&1 &
PID=$!
T_PIDS="${T_PIDS:-} $PID"
wait_for 10 test -s "$T_TMP/port"
ok 'test -s "$T_TMP/port"' "the daemon writes its port"
[ -s "$T_TMP/port" ] || { cat "$T_TMP/log" | sed 's/^/# /'; done_testing; }
URL=http://127.0.0.1:$(cat "$T_TMP/port")/graphql

# post BODY: POST BODY as a graphql-response+json client; print the status,
# a space and the response body.
post() {
	curl -s -m 20 -o "$T_TMP/body" -w '%{http_code} ' \
	    -H 'accept: application/graphql-response+json' \
	    -H 'content-type: application/json' --data-binary "$1" "$URL"
	cat "$T_TMP/body"
}

# limited NAME BODY CODE MESSAGE: BODY is refused with 400, and its first
# error has extensions.code CODE and a message starting with MESSAGE.
limited() {
	local out code=$3 msg=$4
	out=$(post "$2")
	is "${out%% *}" 400 "$1: status 400"
	ok 'printf %s "$out" | grep -Fq "{\"errors\":[{\"message\":\"$msg"' \
	    "$1: errors[0].message \"$msg...\""
	ok 'printf %s "$out" | grep -Fq "\"extensions\":{\"code\":\"$code\"}}"' \
	    "$1: errors[0].extensions.code $code"
}

is "$(post '{"query":"{ node { version } }"}')" \
    '200 {"data":{"node":{"version":"0.1.0"}}}' "a query within the limits runs"

pad=$(printf '%01100d' 0 | tr 0 ' ')
limited "a document over --max-query-bytes" \
    "{\"query\":\"{ node { version } }$pad\"}" LIMIT_EXCEEDED \
    'Syntax Error: Document contains more than 1024 bytes.'

list=$(seq -s, 1 120)
limited "a document over --max-query-tokens" \
    "{\"query\":\"query(\$a: [Int] = [$list]) { node { version } }\"}" \
    LIMIT_EXCEEDED 'Syntax Error: Document contains more than 100 tokens.'

deep='{ __type(name: \"Query\") { ofType { ofType { ofType { name } } } } }'
limited "fields nested over --max-query-depth" "{\"query\":\"$deep\"}" \
    LIMIT_EXCEEDED 'Query is too deep: its fields nest 5 levels'

wide='{ a: node { version } b: node { version } c: node { version } d: node { version } }'
limited "aliases over --max-query-fields" "{\"query\":\"$wide\"}" \
    LIMIT_EXCEEDED 'Query is too large: it makes more than 6 selections'

frag='query { ...F ...F ...F } fragment F on Query { node { version onion } }'
out=$(post "{\"query\":\"$frag\"}")
is "${out%% *}" 200 "a fragment spread 3 times within --max-query-fields"
frag='query { a: node { ...N } b: node { ...N } c: node { ...N } } fragment N on Node { version onion }'
limited "fragments expanded over --max-query-fields" "{\"query\":\"$frag\"}" \
    LIMIT_EXCEEDED 'Query is too large'

intro='{ __type(name: \"Query\") { interfaces { fields { name } } } }'
limited "introspection over --max-introspection-depth" \
    "{\"query\":\"$intro\"}" GRAPHQL_VALIDATION_FAILED \
    'Maximum introspection depth exceeded'
out=$(post '{"query":"{ __type(name: \"Query\") { fields { name } } }"}')
is "${out%% *}" 200 "introspection within --max-introspection-depth"

out=$(post '{"query":"{ x y z w }"}')
is "${out%% *}" 400 "unknown fields: status 400"
is "$(printf %s "$out" | grep -o '"message"' | wc -l | tr -d ' ')" 3 \
    "--max-errors 2: two errors and the one that says it stopped"
ok 'printf %s "$out" | grep -Fq "Too many validation errors"' \
    "--max-errors 2: \"Too many validation errors\""

printf '{"query":"{ node { version } }","x":"%05000d"}' 0 >"$T_TMP/big"
out=$(post @"$T_TMP/big")
is "${out%% *}" 413 "a body over --max-request-bytes: status 413"
ok 'printf %s "$out" | grep -Fq "\"code\":\"PAYLOAD_TOO_LARGE\""' \
    "a body over --max-request-bytes: PAYLOAD_TOO_LARGE"

ok 'kill -0 $PID' "the daemon still runs"
kill -TERM $PID
wait $PID
is "$?" 0 "SIGTERM: exit status 0"
done_testing
