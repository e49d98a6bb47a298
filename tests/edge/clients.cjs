// clients.cjs: the edge against real client libraries (the pinned npm
// packages of tests/interop): the graphql-http server audit suite and its
// client, the graphql-ws client, and the legacy subscriptions-transport-ws
// SubscriptionClient, all against edge_testd and its test handler.
// Usage: node clients.cjs NODE_MODULES HTTP_URL WS_URL. Prints TAP.
'use strict';
module.paths.unshift(process.argv[2]);
const httpUrl = process.argv[3], wsUrl = process.argv[4];
const WebSocket = require('ws');
const { auditServer, createClient: createHttpClient } = require('graphql-http');
const { createClient } = require('graphql-ws');
const { SubscriptionClient } = require('subscriptions-transport-ws');

let n = 0, failed = 0;
function ok(cond, what, extra) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond) {
    failed++;
    if (extra !== undefined) console.log(`# ${JSON.stringify(extra)}`);
  }
}

function collect(subscribe) {
  return new Promise((resolve) => {
    const out = { next: [], error: null, complete: false };
    subscribe({
      next: (v) => out.next.push(v),
      error: (e) => { out.error = e; resolve(out); },
      complete: () => { out.complete = true; resolve(out); },
    });
  });
}

async function stats() {
  const r = await fetch(`${httpUrl}?query=stats`);
  return (await r.json()).data;
}

async function audit() {
  const results = await auditServer({ url: httpUrl });
  for (const r of results)
    ok(r.status === 'ok', `graphql-http audit ${r.id}: ${r.name}`, r.reason);
  const client = createHttpClient({ url: httpUrl, fetchFn: fetch });
  const res = await collect((sink) => client.subscribe({ query: '{ echo }', variables: { a: 1 } }, sink));
  ok(res.complete && res.next[0].data.echo.a === 1, 'graphql-http client: a query round trip', res);
}

async function graphqlWs() {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
    connectionParams: { authorization: 'good' } });
  let res = await collect((sink) => client.subscribe({ query: '{ whoami }' }, sink));
  ok(res.complete && res.next.length === 1 && res.next[0].data.whoami === 'alice', 'graphql-ws client: query with connectionParams auth', res);
  res = await collect((sink) => client.subscribe({ query: 'subscription { tick }', variables: { n: 5 } }, sink));
  ok(res.complete && res.next.map((x) => x.data.tick).join() === '0,1,2,3,4', 'graphql-ws client: 5 events then complete', res);
  res = await collect((sink) => client.subscribe({ query: 'subscription fail', variables: { n: 2 } }, sink));
  ok(res.error && res.next.length === 2, 'graphql-ws client: a stream error reaches error()', res);
  res = await collect((sink) => client.subscribe({ query: '{' }, sink));
  ok(Array.isArray(res.error) && res.error[0].message.startsWith('Syntax'), 'graphql-ws client: a request error reaches error()', res);

  const before = await stats();
  const got = [];
  await new Promise((resolve) => {
    const dispose = client.subscribe({ query: 'subscription { tick }', variables: { n: 1000, ms: 20 } }, {
      next: (v) => { got.push(v); if (got.length === 3) { dispose(); resolve(); } },
      error: resolve, complete: resolve,
    });
  });
  let after = await stats();
  for (let i = 0; i < 100 && after.cancels < before.cancels + 1; i++) {
    await new Promise((r) => setTimeout(r, 20));
    after = await stats();
  }
  ok(got.length === 3 && after.cancels === before.cancels + 1, 'graphql-ws client: unsubscribing cancels the operation on the server', { before, after });

  const many = await Promise.all([...Array(20).keys()].map((i) =>
    collect((sink) => client.subscribe({ query: 'subscription { tick }', variables: { n: 10, size: 100 } }, sink))));
  ok(many.every((r) => r.complete && r.next.length === 10), 'graphql-ws client: 20 concurrent subscriptions on one socket', many.map((r) => r.next.length));
  await client.dispose();

  const bad = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: 'wrong' } });
  res = await collect((sink) => bad.subscribe({ query: '{ __typename }' }, sink));
  ok(res.error && res.error.code === 4403, 'graphql-ws client: a bad token is a 4403 close', res.error && res.error.code);
  await bad.dispose();
}

async function legacy() {
  const client = new SubscriptionClient(wsUrl, { reconnect: false, connectionParams: { authorization: 'good' } }, WebSocket);
  let res = await collect((sink) => client.request({ query: '{ whoami }' }).subscribe(sink));
  ok(res.complete && res.next[0].data.whoami === 'alice', 'subscriptions-transport-ws: query with connectionParams auth', res);
  res = await collect((sink) => client.request({ query: 'subscription { tick }', variables: { n: 4 } }).subscribe(sink));
  ok(res.complete && res.next.length === 4, 'subscriptions-transport-ws: 4 events then complete', res);
  res = await collect((sink) => client.request({ query: 'subscription fail', variables: { n: 1 } }).subscribe(sink));
  ok(res.error && res.next.length === 1, 'subscriptions-transport-ws: a stream error reaches error()', res);
  client.close();
}

(async () => {
  try {
    await audit();
    await graphqlWs();
    await legacy();
  } catch (e) {
    ok(false, `exception: ${e && e.stack ? e.stack : JSON.stringify(e)}`);
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})();
