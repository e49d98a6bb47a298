// api_lifecycle.mjs: what a deleted mailbox and a removed device do to
// the live operations of a real onionmsgd, with raw WebSocket clients of
// both subprotocols (the npm ws package in tests/interop/node_modules).
// Run by api_lifecycle.sh (through interop_lib.sh's run_node), which
// starts the daemon, creates the mailbox with two devices and passes the
// tokens and the deleteMailbox proof. Prints TAP lines, unnumbered.
// usage: node api_lifecycle.mjs NODE_MODULES URL ADDR TOK1 TOK2 TOKOWNER
//             DEV2KEY DELETEPROOF
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import path from 'node:path';

const [modules, url, addr, tok1, tok2, town, dev2, proof] =
  process.argv.slice(2);
const require = createRequire(path.join(modules, '..', 'package.json'));
const WebSocket = require('ws');
const wsUrl = url.replace(/^http/, 'ws');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function check(cond, what, detail) {
  console.log(cond ? `ok - ${what}` : `not ok - ${what}\n# ` +
    JSON.stringify(detail));
}

function gql(body, token) {
  const args = ['-s', '-m', '30', '-H', 'content-type: application/json',
    '--data-binary', JSON.stringify(body), url];
  if (token) args.unshift('-H', `authorization: Bearer ${token}`);
  return new Promise((res, rej) => execFile('curl', args, (e, out) =>
    e ? rej(e) : res(JSON.parse(out))));
}

function send(id) {
  return gql({ query: 'mutation($t: Address!, $i: ID!) { sendMessage(' +
    'to: $t, id: $i, envelope: "AA==") { id } }', variables: { t: addr,
    i: id } });
}

// A connection of proto with token; ops: id -> query. Collects every
// message by operation id; resolves once acknowledged and subscribed.
async function connect(proto, token, ops) {
  const ws = new WebSocket(wsUrl, proto);
  const c = { ws, byId: {}, closed: null, pongs: 0 };
  const legacy = proto === 'graphql-ws';
  ws.on('message', (d) => {
    const m = JSON.parse(d);
    if (m.type === 'pong') c.pongs++;
    if (m.id !== undefined) (c.byId[m.id] ||= []).push(m);
  });
  ws.on('close', (code) => { c.closed = code; });
  await new Promise((r, j) => { ws.on('open', r); ws.on('error', j); });
  const acked = new Promise((r) => ws.on('message', (d) => {
    if (JSON.parse(d).type === 'connection_ack') r();
  }));
  ws.send(JSON.stringify({ type: 'connection_init',
    payload: { authorization: token } }));
  await acked;
  for (const [id, query] of Object.entries(ops))
    ws.send(JSON.stringify({ id, type: legacy ? 'start' : 'subscribe',
      payload: { query } }));
  return c;
}

// Wait (bounded) until op id of c has a message of type.
async function waitFor(c, id, type, ms = 5000) {
  for (let t = 0; t < ms; t += 25) {
    const m = (c.byId[id] || []).find((x) => x.type === type);
    if (m) return m;
    await sleep(25);
  }
  return null;
}

function codeOf(m) {
  const p = m && m.payload;
  const e = Array.isArray(p) ? p[0] : (p && p.errors ? p.errors[0] : p);
  return e && e.extensions ? e.extensions.code : undefined;
}

const Q_MSG = 'subscription { messages { id cursor } }';
const Q_DEL = 'subscription { deliveries { id state } }';

async function main() {
  const a = await connect('graphql-transport-ws', tok1,
    { m: Q_MSG, d: Q_DEL });
  const b = await connect('graphql-ws', tok1, { 1: Q_MSG });
  const c = await connect('graphql-transport-ws', tok2, { m2: Q_MSG });
  await send('first');
  const first = await waitFor(a, 'm', 'next');
  check(first && first.payload.data.messages.id === 'first',
    'graphql-transport-ws: the message arrives', first);
  check(await waitFor(b, '1', 'data'), 'graphql-ws: the message arrives',
    b.byId);
  check(await waitFor(c, 'm2', 'next'), 'device 2: the message arrives',
    c.byId);

  // removeDevice: the subscription opened with that device's token ends
  let r = await gql({ query: 'mutation($k: Base64!) { removeDevice(' +
    'deviceKey: $k) }', variables: { k: dev2 } }, town);
  check(r.data && r.data.removeDevice === true, 'removeDevice', r);
  let e = await waitFor(c, 'm2', 'error');
  check(e && codeOf(e) === 'FORBIDDEN',
    'the removed device\'s subscription ends: error FORBIDDEN', c.byId);
  await send('second');
  check(await waitFor(a, 'm', 'next') && (await sleep(300),
    a.byId.m.filter((x) => x.type === 'next').length === 2),
  'device 1 follows on', a.byId.m);
  check((c.byId.m2 || []).filter((x) => x.type === 'next').length === 1,
    'nothing after the error', c.byId.m2);
  // its socket stays open with a token that has not expired: a new
  // operation on it is refused all the same
  c.ws.send(JSON.stringify({ id: 'again', type: 'subscribe',
    payload: { query: Q_MSG } }));
  e = await waitFor(c, 'again', 'error');
  check(e && codeOf(e) === 'FORBIDDEN',
    'the removed device cannot subscribe again on its open socket',
    c.byId.again);

  // a long-poll parked on the mailbox
  const cursor = a.byId.m.filter((x) => x.type === 'next')[1]
    .payload.data.messages.cursor;
  const poll = gql({ query: 'query($c: Cursor) { messages(after: $c, ' +
    'wait: 20) { messages { id } } }', variables: { c: cursor } }, tok1);
  await sleep(700);

  const t0 = Date.now();
  r = await gql({ query: 'mutation($p: Base64!) { deleteMailbox(' +
    'proof: $p) }', variables: { p: proof } }, town);
  check(r.data && r.data.deleteMailbox === true, 'deleteMailbox', r);
  e = await waitFor(a, 'm', 'error');
  check(e && codeOf(e) === 'NOT_FOUND',
    'graphql-transport-ws messages: error NOT_FOUND', a.byId.m);
  e = await waitFor(a, 'd', 'error');
  check(e && codeOf(e) === 'NOT_FOUND',
    'graphql-transport-ws deliveries: error NOT_FOUND', a.byId.d);
  e = await waitFor(b, '1', 'error');
  check(e && codeOf(e) === 'NOT_FOUND', 'graphql-ws messages: error ' +
    'NOT_FOUND', b.byId['1']);
  const pr = await poll;
  const took = Date.now() - t0;
  check(pr.errors && pr.errors[0].extensions.code === 'NOT_FOUND' &&
    took < 3000, 'the long-poll (wait: 20) answers at once with NOT_FOUND ' +
    `(${took} ms after deleteMailbox was sent)`,
  pr);

  // the connections live on; the ended operations send nothing more
  a.ws.send(JSON.stringify({ type: 'ping' }));
  await sleep(500);
  check(a.pongs === 1 && a.closed === null && b.closed === null,
    'the connections stay open', { pongs: a.pongs, a: a.closed,
      b: b.closed });
  check(a.byId.m.at(-1).type === 'error' && a.byId.d.length === 1 &&
    b.byId['1'].at(-1).type === 'error', 'one error, then silence',
  [a.byId, b.byId]);
  // the id is free again; a new subscription of the mailbox ends alike
  const before = a.byId.m.length;
  a.ws.send(JSON.stringify({ id: 'm', type: 'subscribe',
    payload: { query: Q_MSG } }));
  await sleep(500);
  const again = a.byId.m.slice(before);
  check(a.closed === null && again.length === 1 &&
    again[0].type === 'error' && codeOf(again[0]) === 'NOT_FOUND',
  'a new subscription of the deleted mailbox ends with NOT_FOUND', again);
  for (const x of [a, b, c]) x.ws.close();
  await sleep(200);
}

main().catch((err) => { check(false, 'api_lifecycle.mjs', String(err)); })
  .finally(() => process.exit(0));
