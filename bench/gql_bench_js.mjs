// bench/gql_bench_js.mjs: how fast graphql-js (the reference
// implementation, pinned in tests/interop/package.json) handles onionmsg's
// API documents, as the yardstick for the C engine's bench/gql_bench.c.
//
// Cases (documents and variables in bench/gql_docs/, shared with the C
// bench): "send-message" (a sendMessage mutation with variables),
// "messages" (a messages query written with fragments), "introspection"
// (the full IntrospectionQuery). Each is measured three ways:
//   uncached: parse + validate (graphql-js's specifiedRules) + execute +
//             JSON.stringify of the result, per operation;
//   cached:   a server's document cache: the query text looked up per
//             operation in a Map from text to the parsed and validated
//             document (what envelop's parser and validation caches and
//             GraphQL Yoga do, keyed by the source text, in an LRU that is
//             a Map underneath); execute + JSON.stringify per operation.
//             The text is a fresh string each time (Buffer#toString of its
//             bytes), as it is when it comes out of a request body: V8
//             keeps a string's hash in the string, so looking up the same
//             string object again would skip hashing and comparing the
//             text, which no server gets;
//   prepared: the document parsed and validated once and held; execute +
//             JSON.stringify per operation (no look-up at all).
// Resolvers return fixed data (bench/gql_docs/data.json, read the way
// tests/graphql/README.md's convention reads plain values: the root value
// is the member named after the operation's root type, every field reads
// the parent's property of its name). Custom scalars pass values through.
// The schema is the real one, src/api/schema.graphql; only while it does
// not exist, bench/gql_docs/design-schema.graphql (DESIGN.md's) is used.
//
// Each measurement is the median of --runs runs (default 5) of about
// --seconds seconds (default 1) each, after a warm-up run of at least a
// second (so the JIT has settled).  Reported per wall-clock second and per
// CPU second of the node process (the latter is steadier when the machine
// is busy; the load average is printed with the results).
//
// usage: node bench/gql_bench_js.mjs [--seconds S] [--runs N] [--json]
//        [--schema FILE]

import { readFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..');
const require = createRequire(join(top, 'tests/interop/package.json'));
const { buildSchema, execute, parse, specifiedRules, validate, version } =
    require('graphql');

const CASES = ['send-message', 'messages', 'introspection'];
const MODES = ['uncached', 'cached', 'prepared'];

function readJson(path, dflt) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : dflt;
}

// loadCase: the document text (and its bytes), variables and operation
// name of a case.
function loadCase(name) {
	const base = join(here, 'gql_docs', name);
	const side = readJson(base + '.json', {});
	const bytes = readFileSync(base + '.graphql');
	return {
		name,
		bytes,
		text: bytes.toString('utf8'),
		variables: side.variables ?? {},
		operationName: side.operationName ?? null,
	};
}

// rootFor: the fixed root value for the document's operation.
function rootFor(data, doc, operationName) {
	const op = doc.definitions.find((d) => d.kind === 'OperationDefinition' &&
	    (operationName === null || d.name?.value === operationName));
	const type = { query: 'Query', mutation: 'Mutation',
	    subscription: 'Subscription' }[op.operation];
	return data[type];
}

// parseValid: the document of a text, parsed and validated; throws on
// any error, so the bench never measures a failing path.
function parseValid(schema, c, text) {
	const doc = parse(text);
	const errors = validate(schema, doc, specifiedRules);
	if (errors.length > 0)
		throw new Error(`${c.name}: ${errors[0].message}`);
	return doc;
}

// DocCache: parsed and validated documents by query text, at most `max`
// (the oldest goes first), as a server's document cache.
class DocCache {
	constructor(schema, max) {
		this.schema = schema;
		this.max = max;
		this.map = new Map();
	}

	fetch(c, text) {
		let doc = this.map.get(text);
		if (doc === undefined) {
			doc = parseValid(this.schema, c, text);
			if (this.map.size >= this.max)
				this.map.delete(this.map.keys().next().value);
			this.map.set(text, doc);
		}
		return doc;
	}
}

// runOnce: one operation in a mode; throws if graphql-js reports any
// error, so the bench never measures a failing path.
function runOnce(schema, c, mode, root) {
	let doc;
	if (mode === 'uncached')
		doc = parseValid(schema, c, c.text);
	else if (mode === 'cached')
		doc = c.cache.fetch(c, c.bytes.toString('utf8'));
	else
		doc = c.doc;
	const r = execute({ schema, document: doc, rootValue: root,
	    variableValues: c.variables, operationName: c.operationName });
	if (r.errors !== undefined)
		throw new Error(`${c.name}: ${r.errors[0].message}`);
	return JSON.stringify(r).length;
}

// measure: [operations per wall-clock second, per CPU second of this
// process] over about `seconds` of wall-clock time.  The second figure is
// the steadier one on a loaded machine.
function measure(fn, seconds) {
	const limit = BigInt(Math.round(seconds * 1e9));
	const cpu0 = process.cpuUsage();
	const start = process.hrtime.bigint();
	let n = 0, now;
	do {
		for (let i = 0; i < 8; i++)
			fn();
		n += 8;
		now = process.hrtime.bigint();
	} while (now - start < limit);
	const cpu = process.cpuUsage(cpu0);
	return [n / (Number(now - start) / 1e9),
	    n / ((cpu.user + cpu.system) / 1e6)];
}

function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function main(argv) {
	let seconds = 1, runs = 5, json = false;
	let schemaPath = join(top, 'src/api/schema.graphql');
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--seconds') seconds = Number(argv[++i]);
		else if (argv[i] === '--runs') runs = Number(argv[++i]);
		else if (argv[i] === '--json') json = true;
		else if (argv[i] === '--schema') schemaPath = argv[++i];
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!existsSync(schemaPath))
		schemaPath = join(here, 'gql_docs/design-schema.graphql');
	const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
	const data = readJson(join(here, 'gql_docs/data.json'));
	const results = [];
	for (const name of CASES) {
		const c = loadCase(name);
		c.doc = parseValid(schema, c, c.text);
		c.cache = new DocCache(schema, 1000);
		const root = rootFor(data, c.doc, c.operationName);
		const bytes = runOnce(schema, c, 'uncached', root);
		const row = { case: name, bytes };
		for (const mode of MODES) {
			const fn = () => runOnce(schema, c, mode, root);
			measure(fn, Math.max(seconds, 1));
			const wall = [], cpu = [];
			for (let r = 0; r < runs; r++) {
				const [w, c] = measure(fn, seconds);
				wall.push(w);
				cpu.push(c);
			}
			row[mode] = Math.round(median(wall));
			row[mode + 'Cpu'] = Math.round(median(cpu));
		}
		results.push(row);
	}
	const rel = schemaPath.startsWith(top) ?
	    schemaPath.slice(top.length + 1) : schemaPath;
	const load = loadavg()[0].toFixed(1);
	if (json) {
		console.log(JSON.stringify({ graphql: version,
		    node: process.version, schema: rel, seconds, runs,
		    loadavg: Number(load), results }));
		return;
	}
	console.log(`graphql-js ${version}, node ${process.version}, ` +
	    `schema ${rel}; median of ${runs} x ${seconds} s; ` +
	    `load average ${load} on ${cpus().length} CPUs`);
	console.log('                         uncached               cached' +
	    '             prepared');
	console.log('case         response    ops/s  ops/cpu-s    ops/s  ops/cpu-s' +
	    '    ops/s  ops/cpu-s');
	const col = (v, w) => String(v).padStart(w);
	for (const r of results)
		console.log(`${r.case.padEnd(13)}${col(r.bytes, 7)} B` +
		    MODES.map((m) => `${col(r[m], 9)}${col(r[m + 'Cpu'], 11)}`)
		    .join(''));
}

main(process.argv.slice(2));
