// tests/graphql/reference.mjs: the graphql-js side of the differential test.
//
// For every corpus document it runs graphql-js (the reference
// implementation, pinned in tests/interop/package.json): parse, then
// validate against tests/graphql/schema.graphql with the specified rules,
// then execute on tests/graphql/data.json with the resolver convention of
// tests/graphql/README.md.  It prints one JSON line per document, in the
// format README.md specifies for the C program tests/graphql/gql_difftest,
// so that tests/graphql/compare.mjs can compare the two line by line.
//
// usage: node reference.mjs [--schema F] [--data F] [--out F] FILE...
//        (no FILE: every tests/graphql/corpus/*.graphql, sorted by name)

import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../interop/package.json'));
const graphql = require('graphql');
const {
  GraphQLError, Kind, Source, buildSchema, execute, getLocation,
  getOperationAST, parse, specifiedRules, validate, valueFromASTUntyped,
} = graphql;

const DATE_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

// isOdd: an integer in the signed 32-bit range that is odd.
function isOdd(v) {
	return typeof v === 'number' && Number.isInteger(v) &&
	    v >= INT_MIN && v <= INT_MAX && Math.abs(v % 2) === 1;
}

// installScalars: give the SDL's custom scalars the behaviour README.md
// specifies (buildSchema alone makes every custom scalar an untyped
// identity, which is what JSON keeps).
function installScalars(schema) {
	const date = schema.getType('Date');
	date.serialize = (v) => {
		if (typeof v === 'string' && DATE_RE.test(v))
			return v;
		throw new Error(`Date cannot represent value: ${JSON.stringify(v)}`);
	};
	date.parseValue = (v) => {
		if (typeof v === 'string' && DATE_RE.test(v))
			return v;
		throw new Error('Date must be a string of the form YYYY-MM-DD');
	};
	date.parseLiteral = (ast) => {
		if (ast.kind === Kind.STRING && DATE_RE.test(ast.value))
			return ast.value;
		throw new Error('Date must be a string of the form YYYY-MM-DD');
	};
	const odd = schema.getType('Odd');
	odd.serialize = (v) => {
		if (isOdd(v))
			return v;
		throw new Error(`Odd cannot represent value: ${JSON.stringify(v)}`);
	};
	odd.parseValue = (v) => {
		if (isOdd(v))
			return v;
		throw new Error('Odd must be an odd 32-bit integer');
	};
	odd.parseLiteral = (ast) => {
		if (ast.kind === Kind.INT && isOdd(parseInt(ast.value, 10)))
			return parseInt(ast.value, 10);
		throw new Error('Odd must be an odd 32-bit integer');
	};
	const json = schema.getType('JSON');
	json.serialize = (v) => v;
	json.parseValue = (v) => v;
	json.parseLiteral = (ast, vars) => valueFromASTUntyped(ast, vars);
}

// sortKeys: a copy of a JSON value with object keys sorted (code units).
function sortKeys(v) {
	if (Array.isArray(v))
		return v.map(sortKeys);
	if (v === null || typeof v !== 'object')
		return v;
	const out = {};
	for (const k of Object.keys(v).sort())
		if (v[k] !== undefined)
			out[k] = sortKeys(v[k]);
	return out;
}

// lookupKey: the text a coerced argument value selects in "$lookup".
function lookupKey(v) {
	if (v === undefined || v === null)
		return 'null';
	if (typeof v === 'string')
		return v;
	if (typeof v === 'boolean' || typeof v === 'number')
		return String(v);
	return JSON.stringify(sortKeys(v));
}

// argPath: the coerced argument at a dotted path, or undefined.
function argPath(args, path) {
	let v = args;
	for (const step of path.split('.')) {
		if (v === null || typeof v !== 'object' || !(step in v))
			return undefined;
		v = v[step];
	}
	return v;
}

// special: resolve one data value by the convention of README.md.
function special(v, args, ctx) {
	if (v === undefined)
		return null;
	if (v === null || typeof v !== 'object' || Array.isArray(v))
		return v;
	if ('$error' in v)
		throw new Error(v.$error);
	if ('$args' in v)
		return sortKeys(args);
	if ('$arg' in v) {
		const a = argPath(args, v.$arg);
		return a === undefined ? null : a;
	}
	if ('$lookup' in v) {
		const key = lookupKey(argPath(args, v.$lookup));
		if (v.cases !== undefined && Object.hasOwn(v.cases, key))
			return special(v.cases[key], args, ctx);
		return 'default' in v ? special(v.default, args, ctx) : null;
	}
	if ('$counter' in v) {
		const by = typeof args.by === 'number' ? args.by : 1;
		ctx.counters[v.$counter] = (ctx.counters[v.$counter] ?? 0) + by;
		return ctx.counters[v.$counter];
	}
	return v;
}

function fieldResolver(source, args, ctx, info) {
	if (source === null || typeof source !== 'object' ||
	    Array.isArray(source))
		return null;
	const v = Object.hasOwn(source, info.fieldName) ?
	    source[info.fieldName] : undefined;
	return special(v, args, ctx);
}

// utf8Error: null if bytes are valid UTF-8, else the byte offset of the
// first byte of the first ill-formed sequence (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
function utf8Error(b) {
	let i = 0;
	while (i < b.length) {
		const c = b[i];
		let n, min;
		if (c < 0x80) { i++; continue; }
		else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
		else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
		else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
		else return i;
		let cp = c & (0x3f >> n);
		for (let k = 1; k <= n; k++) {
			if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80)
				return i;
			cp = (cp << 6) | (b[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return null;
}

function locs(list) {
	return (list ?? []).map((l) => ({ line: l.line, column: l.column }));
}

function errorJson(e, withPath) {
	const o = { message: e.message };
	if (e.locations !== undefined)
		o.locations = locs(e.locations);
	if (withPath && e.path !== undefined)
		o.path = e.path;
	return o;
}

// sidecar: NAME.json next to NAME.graphql, or {}.
function sidecar(file) {
	const side = file.replace(/\.graphql$/, '.json');
	return existsSync(side) ? JSON.parse(readFileSync(side, 'utf8')) : {};
}

// runOne: the result line (an object) for one corpus document.
function runOne(schema, data, file) {
	const name = basename(file);
	const bytes = readFileSync(file);
	const bad = utf8Error(bytes);
	if (bad !== null) {
		const prefix = new TextDecoder('utf-8', { ignoreBOM: true })
		    .decode(bytes.subarray(0, bad));
		const l = getLocation(new Source(prefix + 'x'), prefix.length);
		return { file: name, phase: 'syntax',
		    locations: [{ line: l.line, column: l.column }],
		    message: 'Syntax Error: Invalid UTF-8.' };
	}
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
	const side = sidecar(file);
	let doc;
	try {
		doc = parse(new Source(text, name));
	} catch (e) {
		if (!(e instanceof GraphQLError))
			throw e;
		return { file: name, phase: 'syntax',
		    locations: locs(e.locations), message: e.message };
	}
	const errors = validate(schema, doc, specifiedRules);
	if (errors.length > 0)
		return { file: name, phase: 'validation',
		    errors: errors.map((e) => errorJson(e, false)) };
	const op = getOperationAST(doc, side.operationName ?? null);
	const root = op === null ? 'Query' :
	    { query: 'Query', mutation: 'Mutation',
	      subscription: 'Subscription' }[op.operation];
	const r = execute({
		schema, document: doc, rootValue: data[root],
		contextValue: { counters: {} },
		variableValues: side.variables ?? {},
		operationName: side.operationName ?? null,
		fieldResolver,
	});
	if (typeof r.then === 'function')
		throw new Error('execution returned a promise');
	const result = {};
	if ('data' in r)
		result.data = r.data;
	if (r.errors !== undefined && r.errors.length > 0)
		result.errors = r.errors.map((e) => errorJson(e, true));
	return { file: name, phase: 'execution', result };
}

// loadSchema: the test schema with its custom scalars installed.
export function loadSchema(path) {
	const schema = buildSchema(readFileSync(path, 'utf8'));
	installScalars(schema);
	return schema;
}

// corpusFiles: every *.graphql of a directory, sorted by name.
export function corpusFiles(dir) {
	return readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()
	    .map((f) => join(dir, f));
}

// runCorpus: one result object per file; a crash of graphql-js itself
// (anything but a GraphQLError) becomes phase "crash".
export function runCorpus(schemaPath, dataPath, files) {
	const schema = loadSchema(schemaPath);
	const data = JSON.parse(readFileSync(dataPath, 'utf8'));
	return files.map((f) => {
		try {
			return runOne(schema, data, f);
		} catch (e) {
			return { file: basename(f), phase: 'crash',
			    message: String(e && e.message) };
		}
	});
}

function main(argv) {
	let schemaPath = join(here, 'schema.graphql');
	let dataPath = join(here, 'data.json');
	let out = null;
	const files = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--schema') schemaPath = argv[++i];
		else if (argv[i] === '--data') dataPath = argv[++i];
		else if (argv[i] === '--out') out = argv[++i];
		else files.push(argv[i]);
	}
	if (files.length === 0)
		files.push(...corpusFiles(join(here, 'corpus')));
	const lines = runCorpus(schemaPath, dataPath, files)
	    .map((r) => JSON.stringify(r)).join('\n') + '\n';
	if (out !== null)
		writeFileSync(out, lines);
	else
		process.stdout.write(lines);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
	main(process.argv.slice(2));
