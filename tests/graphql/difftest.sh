#!/bin/sh
# tests/graphql/difftest.sh: the differential test of onionmsg's GraphQL
# engine against graphql-js, the reference implementation.  Runs the C side
# (tests/graphql/gql_difftest) and the JS side (reference.mjs) over every
# document of tests/graphql/corpus/ and lets compare.mjs print one TAP test
# point per document, in strict mode (every validation error whole: message
# and all locations).  Skips until gql_difftest is built, and when node or
# the pinned graphql package (npm ci in tests/interop) is missing.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

dir="$top_srcdir/tests/graphql"
prog="$top_builddir/tests/graphql/gql_difftest"

[ -x "$prog" ] || skip_all "tests/graphql/gql_difftest is not built yet"
command -v node >/dev/null 2>&1 || skip_all "node is not installed"
[ -f "$top_srcdir/tests/interop/node_modules/graphql/package.json" ] ||
	skip_all "graphql-js is missing: run npm ci in tests/interop"

set -- "$dir"/corpus/*.graphql
timeout 600 "$prog" "$dir/schema.graphql" "$dir/data.json" "$@" \
	>"$T_TMP/impl.jsonl" 2>"$T_TMP/impl.err"
status=$?
if [ -s "$T_TMP/impl.err" ]; then
	echo "# gql_difftest wrote to stderr (last lines):"
	tail -20 "$T_TMP/impl.err" | sed 's/^/#   /'
fi
timeout 600 node "$dir/reference.mjs" --schema "$dir/schema.graphql" \
	--data "$dir/data.json" --out "$T_TMP/ref.jsonl" "$@" ||
	{ echo "Bail out! reference.mjs failed"; exit 1; }
exec node "$dir/compare.mjs" --strict --corpus "$dir/corpus" --status "$status" \
	"$T_TMP/ref.jsonl" "$T_TMP/impl.jsonl"
