#!/bin/sh
# tests/graphql/reference.sh: the corpus of the differential test still
# gives, under the pinned graphql-js, exactly the results committed in
# tests/graphql/expected.jsonl (one TAP test point per document).  This
# keeps the snapshot the C engineers read in step with the corpus, and
# catches a document graphql-js crashes on.  Regenerate the snapshot after
# changing the corpus: node tests/graphql/reference.mjs --out
# tests/graphql/expected.jsonl
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

dir="$top_srcdir/tests/graphql"
command -v node >/dev/null 2>&1 || skip_all "node is not installed"
[ -f "$top_srcdir/tests/interop/node_modules/graphql/package.json" ] ||
	skip_all "graphql-js is missing: run npm ci in tests/interop"

timeout 600 node "$dir/reference.mjs" --out "$T_TMP/live.jsonl" ||
	{ echo "Bail out! reference.mjs failed"; exit 1; }
exec node "$dir/compare.mjs" --exact --corpus "$dir/corpus" \
	"$dir/expected.jsonl" "$T_TMP/live.jsonl"
