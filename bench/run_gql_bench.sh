#!/bin/sh
# bench/run_gql_bench.sh: graphql-js (bench/gql_bench_js.mjs) and onionmsg's
# engine (bench/gql_bench) on the same documents, schema and data, each the
# median of N runs; prints both tables and the ratios C / JS per case and
# mode, per wall-clock second and per CPU second (the steadier figure on a
# busy machine), with the targets of the issue: >= 20x uncached and
# >= 100x cached for send-message and messages.
#
# usage: bench/run_gql_bench.sh [--build DIR] [--seconds S] [--runs N]
#        (DIR: the build directory holding bench/gql_bench; default: the
#        current directory)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=.
seconds=1
runs=5
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--seconds S] [--runs N]" >&2; exit 2 ;;
	esac
done
prog=$build/bench/gql_bench
[ -x "$prog" ] || { echo "$0: $prog is not built (make bench/gql_bench)" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "$0: node is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
node "$top/bench/gql_bench_js.mjs" --json --seconds "$seconds" --runs "$runs" \
	>"$tmp/js.json"
"$prog" --json --seconds "$seconds" --runs "$runs" >"$tmp/c.json"

node - "$tmp/js.json" "$tmp/c.json" <<'EOF'
const { readFileSync } = require('node:fs');
const js = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const c = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const target = { 'send-message': [20, 100], messages: [20, 100] };
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
	['uncached', 'cached'].forEach((m, i) => {
		const rw = o[m] / r[m], rc = o[m + 'Cpu'] / r[m + 'Cpu'];
		const t = target[r.case] ? target[r.case][i] : null;
		const verdict = t === null ? '-' :
		    (rc >= t ? `>=${t}x ok` : `>=${t}x MISSED`);
		console.log(`${r.case.padEnd(14)}${m.padEnd(9)}` +
		    `${pad(r[m], 8)} (${pad(r[m + 'Cpu'], 7)})` +
		    `${pad(o[m], 10)} (${pad(o[m + 'Cpu'], 8)})` +
		    `${pad(rw.toFixed(1) + 'x', 11)}${pad(rc.toFixed(1) + 'x', 11)}` +
		    `  ${verdict}`);
	});
}
EOF
