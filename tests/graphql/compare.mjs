// tests/graphql/compare.mjs: compare two result files of the differential
// test and print TAP, one test point per corpus document.
//
// Both files hold one JSON line per document in the format of README.md
// ("file", "phase", then "locations"/"errors"/"result").  The first file is
// the reference (graphql-js, from reference.mjs); the second is the
// implementation under test (tests/graphql/gql_difftest).  A document
// passes when the two agree on what the issue asks: syntax error or not and
// its line:column; valid or not; for executed documents, data exactly and
// field errors by path and message (request errors, which have no path, by
// count).  Differences beyond that (syntax error messages; the messages
// and every location of validation errors, in order; the messages and
// locations of execution errors; the order of introspection lists) are
// "strict" differences: printed as TAP comments, and failures only with
// --strict.
// A sidecar NAME.json with "compare": "error-only" reduces the check to
// "both report an error, or neither".  With --exact the two files must
// agree byte for byte per document (the corpus snapshot check).
//
// With --status N (the implementation's exit status) one more test point
// checks that it exited with 0, so a crash after the last line still fails.
//
// usage: node compare.mjs [--strict | --exact] [--corpus DIR] [--status N]
//        REF IMPL

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const UNORDERED = new Set(['types', 'possibleTypes', 'directives']);

// readLines: a Map file name -> [parsed object, raw line].
function readLines(path) {
	const m = new Map();
	const text = readFileSync(path, 'utf8');
	for (const raw of text.split('\n')) {
		if (raw.trim() === '')
			continue;
		let o;
		try {
			o = JSON.parse(raw);
		} catch (e) {
			o = { file: null, phase: 'unparsable', message: raw };
		}
		if (o && typeof o.file === 'string')
			m.set(o.file, [o, raw]);
	}
	return m;
}

function sidecar(dir, file) {
	const p = join(dir, file.replace(/\.graphql$/, '.json'));
	return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
}

function isError(r) {
	if (r.phase === 'syntax' || r.phase === 'validation')
		return true;
	if (r.phase === 'execution')
		return Array.isArray(r.result?.errors) &&
		    r.result.errors.length > 0;
	return null;
}

function locKey(l) {
	return `${l.line}:${l.column}`;
}

// sameJson: deep equality, numbers by value.  Object key order always
// matters (the response follows the selection order); with lists false,
// arrays of {name} objects under "types", "possibleTypes" and "directives"
// (introspection, whose order graphql-js takes from its type map) are
// compared as sets by name.
function sameJson(a, b, lists, key) {
	if (a === b)
		return true;
	if (a === null || b === null || typeof a !== 'object' ||
	    typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b))
		return false;
	if (Array.isArray(a)) {
		if (a.length !== b.length)
			return false;
		if (!lists && UNORDERED.has(key) && byName(a) && byName(b)) {
			a = [...a].sort(cmpName);
			b = [...b].sort(cmpName);
		}
		return a.every((v, i) => sameJson(v, b[i], lists, null));
	}
	const ka = Object.keys(a), kb = Object.keys(b);
	if (ka.length !== kb.length || !ka.every((k, i) => kb[i] === k))
		return false;
	return ka.every((k) => sameJson(a[k], b[k], lists, k));
}

function byName(a) {
	return a.every((v) => v && typeof v === 'object' &&
	    typeof v.name === 'string');
}

function cmpName(x, y) {
	return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
}

// errorKeys: sorted keys of field errors (path + message) and the number
// of request errors (no path).
function errorKeys(errors, full) {
	const keys = [];
	let requestErrors = 0;
	for (const e of errors ?? []) {
		if (!Array.isArray(e.path) && !full) {
			requestErrors++;
			continue;
		}
		const k = { path: e.path ?? null, message: e.message };
		if (full)
			k.locations = (e.locations ?? []).map(locKey).sort();
		keys.push(JSON.stringify(k));
	}
	return { keys: keys.sort(), requestErrors };
}

function sameList(a, b) {
	return a.length === b.length && a.every((v, i) => v === b[i]);
}

// compareMain: [] if the documents agree as the issue asks, else reasons.
function compareMain(ref, got, mode) {
	if (mode === 'error-only') {
		const a = isError(ref), b = isError(got);
		if (a === null || b === null)
			return [`phase ${ref.phase} vs ${got.phase}`];
		return a === b ? [] : [`error: reference ${a}, implementation ${b}`];
	}
	if (ref.phase !== got.phase)
		return [`phase: reference ${ref.phase}, implementation ${got.phase}`];
	if (ref.phase === 'syntax') {
		const a = (ref.locations ?? []).map(locKey).join(' ');
		const b = (got.locations ?? []).map(locKey).join(' ');
		return a === b ? [] : [`syntax error at ${b}, expected ${a}`];
	}
	if (ref.phase === 'validation')
		return [];
	if (ref.phase !== 'execution')
		return [`phase ${ref.phase}`];
	const why = [];
	const ra = ref.result ?? {}, ga = got.result ?? {};
	if (('data' in ra) !== ('data' in ga))
		why.push(`data ${'data' in ra ? 'missing' : 'unexpected'}`);
	else if (!sameJson(ra.data, ga.data, false, null))
		why.push('data differs');
	const ek = errorKeys(ra.errors), gk = errorKeys(ga.errors);
	if (!sameList(ek.keys, gk.keys))
		why.push('field errors (path, message) differ');
	if (ek.requestErrors !== gk.requestErrors)
		why.push(`request errors: ${gk.requestErrors}, expected ` +
		    `${ek.requestErrors}`);
	return why;
}

// compareStrict: the differences beyond the main comparison.
function compareStrict(ref, got) {
	const why = [];
	if (ref.phase !== got.phase)
		return why;
	if (ref.phase === 'syntax' && ref.message !== got.message)
		why.push('syntax error message differs');
	if (ref.phase === 'validation') {
		// Every error, in order: its message and all its locations.
		const list = (r) => r.errors.map((e) => JSON.stringify({
		    message: e.message,
		    locations: (e.locations ?? []).map(locKey) }));
		const a = list(ref), b = list(got);
		const i = a.findIndex((v, k) => v !== b[k]);
		if (i !== -1 || a.length !== b.length) {
			const at = i !== -1 ? i : a.length;
			why.push(`validation errors differ from error ${at}: ` +
			    `${short(b[at])} vs ${short(a[at])}`);
		}
	}
	if (ref.phase === 'execution') {
		const ra = ref.result ?? {}, ga = got.result ?? {};
		if ('data' in ra && 'data' in ga &&
		    !sameJson(ra.data, ga.data, true, null))
			why.push('introspection lists differ in order');
		const ek = errorKeys(ra.errors, true).keys;
		const gk = errorKeys(ga.errors, true).keys;
		if (!sameList(ek, gk))
			why.push('errors differ in messages or locations');
	}
	return why;
}

// short: a diagnostic's quote of a long text.
function short(s) {
	if (s === undefined)
		return 'none';
	return s.length > 300 ? s.slice(0, 300) + '...' : s;
}

function diag(label, obj) {
	let s = JSON.stringify(obj);
	if (s.length > 2000)
		s = s.slice(0, 2000) + '...';
	return `# ${label}: ${s}`;
}

function main(argv) {
	let mode = 'main';
	let corpus = join(here, 'corpus');
	let status = null;
	const files = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--strict') mode = 'strict';
		else if (argv[i] === '--exact') mode = 'exact';
		else if (argv[i] === '--corpus') corpus = argv[++i];
		else if (argv[i] === '--status') status = argv[++i];
		else files.push(argv[i]);
	}
	if (files.length !== 2) {
		process.stderr.write('usage: compare.mjs [--strict | --exact] ' +
		    '[--corpus DIR] [--status N] REF IMPL\n');
		process.exit(2);
	}
	const ref = readLines(files[0]);
	const got = readLines(files[1]);
	let n = 0, failed = 0, strictDiffs = 0;
	for (const [file, [r, rawRef]] of ref) {
		n++;
		const g = got.get(file);
		let why, strict = [];
		if (g === undefined) {
			why = ['no result line from the implementation'];
		} else if (mode === 'exact') {
			why = rawRef === g[1] && r.phase !== 'crash' ? [] :
			    ['result differs from the snapshot'];
		} else if (r.phase === 'crash') {
			why = ['graphql-js itself crashed: ' + r.message];
		} else {
			const side = sidecar(corpus, file);
			why = compareMain(r, g[0], side.compare);
			if (why.length === 0 && side.compare !== 'error-only')
				strict = compareStrict(r, g[0]);
			if (mode === 'strict')
				why = why.concat(strict);
		}
		if (why.length === 0) {
			console.log(`ok ${n} - ${file}`);
		} else {
			failed++;
			console.log(`not ok ${n} - ${file}`);
			for (const w of why)
				console.log(`# ${w}`);
			console.log(diag('expected', r));
			if (g !== undefined)
				console.log(diag('got', g[0]));
		}
		if (mode === 'main' && strict.length > 0) {
			strictDiffs++;
			for (const w of strict)
				console.log(`# strict: ${file}: ${w}`);
		}
	}
	for (const file of got.keys()) {
		if (ref.has(file))
			continue;
		if (mode !== 'exact') {
			console.log(`# extra result for ${file} (not in reference)`);
			continue;
		}
		n++;
		failed++;
		console.log(`not ok ${n} - ${file}`);
		console.log('# not in the snapshot: regenerate it (see README.md)');
	}
	if (status !== null) {
		n++;
		if (status === '0') {
			console.log(`ok ${n} - implementation exited with status 0`);
		} else {
			failed++;
			console.log(`not ok ${n} - implementation exited with ` +
			    `status ${status}`);
		}
	}
	console.log(`1..${n}`);
	console.log(`# ${n - failed} of ${n} documents agree` +
	    (mode === 'main' ? `; ${strictDiffs} with strict differences` : ''));
	process.exit(failed === 0 ? 0 : 1);
}

main(process.argv.slice(2));
