#!/bin/sh
# bench/run_gql_bench.sh: graphql-js (bench/gql_bench_js.mjs) and onionmsg's
# engine (bench/gql_bench) on the same documents, schema and data, each the
# median of N runs; prints the ratios C / JS per case and mode, per
# wall-clock second and per CPU second (the steadier figure on a busy
# machine), with the targets of the issue: >= 20x uncached and >= 100x
# cached for send-message and messages. The modes (bench/README.md):
#   uncached  parse + validate + execute + JSON per operation;
#   cached    a server's document cache: looked up by the query text per
#             operation (C: gql_cache with the plans kept in the entry;
#             JS: a Map from text to the parsed and validated document);
#   prepared  the document (C: and its plans) in hand, no look-up.
# The 100x target is shown for both cached and prepared.
#
# --callgrind runs only the C side under valgrind's callgrind and prints
# instructions per operation for every case and mode (exact and
# repeatable, unlike times on a shared machine); --ops sets how many
# operations each of those runs counts (default 2000; 200 for
# introspection).
#
# usage: bench/run_gql_bench.sh [--build DIR] [--seconds S] [--runs N]
#        [--callgrind [--ops N]]
#        (DIR: the build directory holding bench/gql_bench; default: the
#        current directory)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=.
seconds=1
runs=5
callgrind=0
ops=2000
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--callgrind) callgrind=1; shift ;;
	--ops) ops=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--seconds S] [--runs N]" \
		"[--callgrind [--ops N]]" >&2; exit 2 ;;
	esac
done
prog=$build/bench/gql_bench
[ -x "$prog" ] || { echo "$0: $prog is not built (make bench/gql_bench)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ "$callgrind" = 1 ]; then
	command -v valgrind >/dev/null 2>&1 ||
		{ echo "$0: valgrind is missing" >&2; exit 1; }
	echo "onionmsg GraphQL engine: instructions per operation (callgrind)"
	printf '%-14s%12s%12s%12s\n' case uncached cached prepared
	for c in send-message messages introspection; do
		n=$ops
		[ "$c" = introspection ] && n=$((ops / 10 > 0 ? ops / 10 : 1))
		line=$(printf '%-14s' "$c")
		for m in uncached cached prepared; do
			valgrind -q --tool=callgrind --toggle-collect=bench_loop \
				--callgrind-out-file="$tmp/cg.out" \
				"$prog" --case "$c" --mode "$m" --ops "$n" \
				>/dev/null 2>"$tmp/cg.err" ||
				{ cat "$tmp/cg.err" >&2; exit 1; }
			total=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.out")
			line="$line$(printf '%12d' $((total / n)))"
		done
		echo "$line"
	done
	exit 0
fi

command -v node >/dev/null 2>&1 || { echo "$0: node is missing" >&2; exit 1; }
node "$top/bench/gql_bench_js.mjs" --json --seconds "$seconds" --runs "$runs" \
	>"$tmp/js.json"
"$prog" --json --seconds "$seconds" --runs "$runs" >"$tmp/c.json"

node - "$tmp/js.json" "$tmp/c.json" <<'JS'
const { readFileSync } = require('node:fs');
const js = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const c = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const modes = ['uncached', 'cached', 'prepared'];
const target = {
	'send-message': { uncached: 20, cached: 100, prepared: 100 },
	messages: { uncached: 20, cached: 100, prepared: 100 },
};
const pad = (v, w) => String(v).padStart(w);
console.log(`graphql-js ${js.graphql} (node ${js.node}) vs onionmsg, ` +
    `schema ${js.schema}; median of ${js.runs} x ${js.seconds} s; ` +
    `load average ${js.loadavg}`);
console.log('                 ops/s (ops per CPU second)');
console.log('case          mode       graphql-js            onionmsg' +
    '     ratio wall  ratio cpu  target');
for (const r of js.results) {
	const o = c.results.find((x) => x.case === r.case);
	if (o === undefined)
		continue;
	if (o.bytes !== r.bytes)
		console.log(`# ${r.case}: response ${o.bytes} B vs ${r.bytes} B`);
	for (const m of modes) {
		const rw = o[m] / r[m], rc = o[m + 'Cpu'] / r[m + 'Cpu'];
		const t = target[r.case] ? target[r.case][m] : null;
		const verdict = t == null ? '-' :
		    (rc >= t ? `>=${t}x ok` : `>=${t}x MISSED`);
		console.log(`${r.case.padEnd(14)}${m.padEnd(9)}` +
		    `${pad(r[m], 8)} (${pad(r[m + 'Cpu'], 7)})` +
		    `${pad(o[m], 10)} (${pad(o[m + 'Cpu'], 8)})` +
		    `${pad(rw.toFixed(1) + 'x', 11)}${pad(rc.toFixed(1) + 'x', 11)}` +
		    `  ${verdict}`);
	}
}
JS
