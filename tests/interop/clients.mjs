// clients.mjs: the real onionmsgd against third-party clients from npm:
// the graphql-http server audit suite (0 errors; every warning must be
// explained in tests/interop/AUDIT.md), graphql-js rebuilding the schema
// from introspection and comparing it with src/api/schema.graphql, the
// graphql-ws client (lazy: false, keepAlive) subscribing, receiving and
// completing, and the legacy subscriptions-transport-ws client.
// Run by tests/integration/interop_clients.sh, which exports the fixtures.
import fs from 'node:fs';
import WebSocket from 'ws';
import { auditServer } from 'graphql-http';
import { createClient } from 'graphql-ws';
import stws from 'subscriptions-transport-ws';
import { getIntrospectionQuery, buildClientSchema, validateSchema, buildSchema,
  printSchema, lexicographicSortSchema } from 'graphql';
import { env, url, wsUrl, ok, note, finish, gql, send, until, sleep } from './lib.mjs';

const { SubscriptionClient } = stws;
const token = env.OM_TOKEN_A, addr = env.OM_ADDR_A;

async function audit() {
  const results = await auditServer({ url, fetchFn: fetch });
  const explained = fs.readFileSync(`${env.top_srcdir}/tests/interop/AUDIT.md`, 'utf8');
  const errors = results.filter((r) => r.status === 'error');
  const warns = results.filter((r) => r.status === 'warn');
  for (const r of errors) note(`audit error ${r.id}: ${r.name}: ${r.reason}`);
  for (const r of warns) note(`audit warning ${r.id}: ${r.name}: ${r.reason}`);
  ok(results.length > 0 && errors.length === 0,
    `graphql-http audit: ${results.length} audits, ${errors.length} errors, ${warns.length} warnings`,
    errors.map((r) => r.id));
  const unexplained = warns.filter((r) => !explained.includes(r.id));
  ok(unexplained.length === 0, 'graphql-http audit: every warning is explained in AUDIT.md',
    unexplained.map((r) => `${r.id}: ${r.name}`));
}

async function introspection() {
  const q = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true,
    directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
  const res = await gql(q, {});
  if (!ok(res.status === 200 && res.data && !res.errors, 'the IntrospectionQuery answers without errors', res.errors))
    return;
  let schema;
  try {
    schema = buildClientSchema(res.data);
  } catch (e) {
    ok(false, 'buildClientSchema accepts the introspection result', String(e));
    return;
  }
  ok(true, 'buildClientSchema accepts the introspection result');
  const errs = validateSchema(schema);
  ok(errs.length === 0, 'validateSchema finds no error in the rebuilt schema', errs.map(String));
  const sdl = fs.readFileSync(`${env.top_srcdir}/src/api/schema.graphql`, 'utf8');
  const want = printSchema(lexicographicSortSchema(buildSchema(sdl)));
  const got = printSchema(lexicographicSortSchema(schema));
  // No difference is ignored: field order too is compared after sorting
  // both sides, since introspection need not keep the SDL's order.
  ok(got === want, 'printSchema of the rebuilt schema equals that of src/api/schema.graphql',
    firstDiff(got, want));
  const raw = printSchema(schema) === printSchema(buildSchema(sdl));
  ok(raw, 'introspection keeps the SDL\'s order of types and fields', firstDiff(printSchema(schema), printSchema(buildSchema(sdl))));
}

function firstDiff(a, b) {
  const x = a.split('\n'), y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if (x[i] !== y[i]) return { line: i + 1, got: x[i], want: y[i] };
  return null;
}

async function graphqlWs() {
  let pongs = 0, acks = 0;
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, keepAlive: 500,
    retryAttempts: 0, connectionParams: { authorization: token },
    on: { pong: () => pongs++, connected: () => acks++ } });
  ok(await until(() => acks === 1, 5000), 'graphql-ws lazy: false connects and is acknowledged before any subscribe');
  await sleep(1600);
  ok(pongs >= 2, `graphql-ws keepAlive: the server answers pings with pongs (${pongs} in 1.6 s)`);

  const got = [];
  let completed = false, error = null;
  const dispose = client.subscribe({ query: 'subscription { messages { cursor id envelope size } }' },
    { next: (v) => got.push(v), error: (e) => { error = e; }, complete: () => { completed = true; } });
  await sleep(200);
  for (const id of ['w1', 'w2', 'w3']) await send(addr, id, 10);
  await until(() => got.length >= 3, 5000);
  ok(got.length === 3 && got.map((v) => v.data.messages.id).join() === 'w1,w2,w3',
    'graphql-ws: a messages subscription receives the three messages sent over HTTP, in order',
    { got, error });
  ok(got.every((v) => v.data.messages.size === 10 && v.data.messages.envelope === Buffer.alloc(10, v.data.messages.id).toString('base64')),
    'graphql-ws: ... each with its envelope, unchanged');
  dispose();
  await sleep(200);
  await send(addr, 'w4', 10);
  await sleep(300);
  ok(got.length === 3 && !error, 'graphql-ws: after unsubscribing nothing more arrives', { n: got.length, error });

  const q = [];
  await new Promise((resolve) => client.subscribe({ query: '{ node { version torStatus } }' },
    { next: (v) => q.push(v), error: (e) => { error = e; resolve(); }, complete: () => { completed = true; resolve(); } }));
  ok(completed && q.length === 1 && q[0].data.node.torStatus === 'DISABLED',
    'graphql-ws: a query over the socket gets one result and completes', q);

  const st = [];
  const d2 = client.subscribe({ query: 'subscription { nodeStatus { torStatus published } }' },
    { next: (v) => st.push(v), error: () => {}, complete: () => {} });
  await until(() => st.length >= 1, 3000);
  ok(st.length === 1 && st[0].data.nodeStatus.torStatus === 'DISABLED',
    'graphql-ws: nodeStatus sends the current state at once', st);
  d2();

  let errs = await new Promise((resolve) => client.subscribe({ query: 'subscription { messages(after: "!!") { id } }' },
    { next: () => {}, error: (e) => resolve(e), complete: () => resolve(null) }));
  ok(Array.isArray(errs) && errs[0].extensions && errs[0].extensions.code === 'GRAPHQL_VALIDATION_FAILED',
    'graphql-ws: a bad cursor literal is an error message with GRAPHQL_VALIDATION_FAILED', errs);
  errs = await new Promise((resolve) => client.subscribe({ query: 'subscription($a: Cursor) { messages(after: $a) { id } }',
    variables: { a: '!!' } }, { next: () => {}, error: (e) => resolve(e), complete: () => resolve(null) }));
  ok(Array.isArray(errs) && errs[0].extensions && errs[0].extensions.code === 'BAD_USER_INPUT',
    'graphql-ws: a bad cursor variable is an error message with BAD_USER_INPUT', errs);
  await client.dispose();

  const bad = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
    connectionParams: { authorization: 'AAAA' }, onNonLazyError: () => {} });
  const closed = await new Promise((resolve) => {
    bad.on('closed', (ev) => resolve(ev.code));
    setTimeout(() => resolve('timeout'), 5000);
  });
  ok(closed === 4403, 'graphql-ws: a malformed token closes the socket with 4403', closed);
  await bad.dispose();
}

function legacyCollect(client, query, want) {
  return new Promise((resolve) => {
    const out = { next: [], error: null, complete: false };
    const timer = setTimeout(() => resolve(out), 5000);
    const sub = client.request({ query }).subscribe({
      next: (v) => { out.next.push(v); if (want && out.next.length >= want) { clearTimeout(timer); sub.unsubscribe(); resolve(out); } },
      error: (e) => { out.error = e; clearTimeout(timer); resolve(out); },
      complete: () => { out.complete = true; clearTimeout(timer); resolve(out); },
    });
  });
}

async function legacy() {
  const client = new SubscriptionClient(wsUrl, { reconnect: false, connectionParams: { authorization: token } }, WebSocket);
  let res = await legacyCollect(client, '{ node { version } }');
  ok(res.complete && res.next.length === 1 && typeof res.next[0].data.node.version === 'string',
    'subscriptions-transport-ws: a query gets its data, then complete', res);
  res = await legacyCollect(client, 'subscription { messages { id } }', 4);
  ok(res.next.map((v) => v.data && v.data.messages && v.data.messages.id).join() === 'w1,w2,w3,w4',
    'subscriptions-transport-ws: messages replays the four stored messages in order', res);
  const live = legacyCollect(client, 'subscription { messages { id } }', 5);
  await sleep(200);
  await send(addr, 'l5', 10);
  res = await live;
  ok(res.next.length === 5 && res.next[4].data.messages.id === 'l5',
    'subscriptions-transport-ws: ... then a live one', res.next.map((v) => v.data && v.data.messages && v.data.messages.id));
  client.close();
  const bad = new SubscriptionClient(wsUrl, { reconnect: false, connectionParams: { authorization: 'AAAA' } }, WebSocket);
  res = await legacyCollect(bad, '{ node { version } }');
  ok(res.error !== null || res.next.length === 0, 'subscriptions-transport-ws: a malformed token gets no data', res);
  bad.close();
}

{
  for (const part of [audit, introspection, graphqlWs, legacy]) {
    try {
      await part();
    } catch (e) {
      ok(false, `${part.name}: exception: ${e && e.stack ? e.stack : JSON.stringify(e)}`);
    }
  }
}
finish();
