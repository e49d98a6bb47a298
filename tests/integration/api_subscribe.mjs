// api_subscribe.mjs: subscriptions of a real onionmsgd with the npm
// graphql-ws client (tests/interop/node_modules). Run by api_subscribe.sh,
// which starts the daemon and stores three messages first. Sends go
// through curl, as a user's would. Prints one line per check:
// "ok|what" or "fail|what|detail"; the shell turns them into TAP.
// usage: node api_subscribe.mjs INTEROP_DIR URL ADDR TOKEN1 TOKEN2 REMOTE
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import path from 'node:path';

const [interop, url, addr, tok1, tok2, remote] = process.argv.slice(2);
const require = createRequire(path.join(interop, 'package.json'));
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const wsUrl = url.replace(/^http/, 'ws');

function check(cond, what, detail) {
  console.log(cond ? `ok|${what}` : `fail|${what}|${JSON.stringify(detail)}`);
}

function curlGql(body, token) {
  const args = ['-s', '-m', '20', '-H', 'content-type: application/json',
    '--data-binary', JSON.stringify(body), url];
  if (token) args.unshift('-H', `authorization: Bearer ${token}`);
  return new Promise((res, rej) => execFile('curl', args, (e, out) =>
    e ? rej(e) : res(JSON.parse(out))));
}

function send(id, to = addr, token, env = 'AA==') {
  return curlGql({ query: 'mutation($t: Address!, $i: ID!, $e: Base64!) { ' +
    'sendMessage(to: $t, id: $i, envelope: $e) { id state } }',
  variables: { t: to, i: id, e: env } }, token);
}

// A reader that stops reading its socket: the node's send queue fills,
// the subscription pauses, and after reading again all arrive, once.
async function slowReader(token, after) {
  const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
  const got = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d);
    if (m.type === 'connection_ack')
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: {
        query: 'subscription($a: Cursor) { messages(after: $a) { id ' +
          'envelope } }', variables: { a: after } } }));
    else if (m.type === 'next') got.push(m.payload.data.messages.id);
  });
  await new Promise((r) => ws.on('open', r));
  ws.send(JSON.stringify({ type: 'connection_init',
    payload: { authorization: token } }));
  await sleep(300);
  ws._socket.pause();
  const big = Buffer.alloc(45000, 7).toString('base64');
  const want = [];
  for (let i = 0; i < 80; i++) {
    want.push(`big${i}`);
    await send(`big${i}`, addr, undefined, big);
  }
  await sleep(500);
  const before = got.length;
  ws._socket.resume();
  await until(() => got.length >= 80, 20000);
  await sleep(300);
  check(before < 80 && got.join() === want.join(), 'a paused reader ' +
    'gets every message once, in order, after it reads again',
    [before, got.length]);
  ws.close();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function client(token) {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false,
    retryAttempts: 0, connectionParams: { authorization: token } });
}

// Subscribe; collect events in .got; .done resolves on complete/error.
function follow(c, query, variables) {
  const s = { got: [], errors: null };
  s.done = new Promise((resolve) => {
    s.stop = c.subscribe({ query, variables }, {
      next: (v) => s.got.push(v),
      error: (e) => { s.errors = e; resolve(); },
      complete: () => resolve(),
    });
  });
  return s;
}

async function until(fn, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end && !fn()) await sleep(20);
  return fn();
}

const MSGS = 'subscription($a: Cursor) { messages(after: $a) { cursor id } }';
const ids = (s) => s.got.map((v) => v.data && v.data.messages.id);
const curs = (s) => s.got.map((v) => Number(v.data.messages.cursor));
const sorted = (a) => a.every((x, i) => i === 0 || a[i - 1] < x);
const uniq = (a) => new Set(a).size === a.length;

async function main() {
  const c1 = client(tok1), c2 = client(tok2);
  // Subscribe while sends are in flight: the replay/live seam.
  const a = follow(c1, MSGS, { a: null });
  const seam = [];
  for (let i = 1; i <= 5; i++) seam.push(send(`s${i}`));
  const b = follow(c2, MSGS, { a: null });
  await Promise.all(seam);
  for (let i = 1; i <= 5; i++) await send(`l${i}`);
  const want = ['m1', 'm2', 'm3', 's1', 's2', 's3', 's4', 's5',
    'l1', 'l2', 'l3', 'l4', 'l5'];
  await until(() => a.got.length >= 13 && b.got.length >= 13);
  await sleep(300);	/* anything extra would show up now */
  check(ids(a).slice(0, 3).join() === 'm1,m2,m3', 'replay of stored',
    ids(a));
  check(ids(a).length === 13 && uniq(ids(a)) &&
    want.every((x) => ids(a).includes(x)), 'replay + live: all, once', ids(a));
  check(sorted(curs(a)), 'cursors strictly increase', curs(a));
  check(ids(a).slice(8).join() === 'l1,l2,l3,l4,l5', 'live in send order',
    ids(a));
  check(ids(b).join() === ids(a).join(), 'a second device gets the same',
    ids(b));

  // Complete stops delivery to that operation only.
  const last = a.got[a.got.length - 1].data.messages.cursor;
  a.stop();
  await a.done;
  await send('x1');
  await until(() => b.got.length >= 14);
  await sleep(300);
  check(a.got.length === 13, 'complete stops delivery', ids(a));
  check(ids(b)[13] === 'x1', 'the other subscription goes on', ids(b));

  // Reconnect: resume after the last cursor seen, nothing lost or doubled.
  await c1.dispose();
  await send('y1');
  await send('y2');
  const c3 = client(tok1);
  const r = follow(c3, MSGS, { a: last });
  await until(() => r.got.length >= 3);
  await sleep(300);
  check(ids(r).join() === 'x1,y1,y2', 'resume from a cursor after ' +
    'reconnect', ids(r));

  // nodeStatus: the node at once, then it stays open.
  const n = follow(c3, 'subscription { nodeStatus { version torStatus } }');
  await until(() => n.got.length >= 1);
  await sleep(200);
  check(n.got.length === 1 && n.got[0].data.nodeStatus.torStatus ===
    'DISABLED', 'nodeStatus sends the node once', n.got);

  // deliveries: a send to another node's mailbox shows up QUEUED.
  const d = follow(c3, 'subscription { deliveries { to state } }');
  await sleep(200);
  const sr = await send('r1', remote, tok1);
  await until(() => d.got.length >= 1);
  check(d.got.length === 1 && d.got[0].data.deliveries.state === 'QUEUED' &&
    d.got[0].data.deliveries.to === remote, 'deliveries: the queued entry',
    [sr, d.got]);

  // Every change of the mailbox's outbox is pushed, whichever device made
  // it, to every deliveries subscription of the mailbox, once; a re-send
  // (a duplicate) changes nothing and pushes nothing.
  const c5 = client(tok2);
  const d2 = follow(c5, 'subscription { deliveries { id state attempts } }');
  await sleep(200);
  const dup = await send('r1', remote, tok2);
  const r2 = await send('r2', remote, tok2);
  const r3 = await send('r3', remote, tok1);
  await until(() => d.got.length >= 3 && d2.got.length >= 2);
  await sleep(300);
  const dIds = d.got.map((v) => v.data.deliveries.to && v.data.deliveries.state);
  const d2Ids = d2.got.map((v) => v.data.deliveries.id);
  check(dup.data && dup.data.sendMessage.state === 'QUEUED' &&
    r2.data && r3.data && d.got.length === 3 &&
    dIds.every((st) => st === 'QUEUED'),
    'deliveries: each new entry pushed once, by either device; not a duplicate',
    [dup, d.got]);
  check(d2Ids.join() === 'r2,r3' && d2.got.every((v) =>
    v.data.deliveries.state === 'QUEUED' && v.data.deliveries.attempts === 0),
    'deliveries: a second subscriber of the mailbox gets the same changes',
    d2.got);
  d2.stop();
  await c5.dispose();
  const ob = await curlGql({ query: '{ outbox(limit: 2) { id state } }' },
    tok1);
  check(JSON.stringify(ob) === JSON.stringify({ data: { outbox: [
    { id: 'r3', state: 'QUEUED' }, { id: 'r2', state: 'QUEUED' }] } }),
  'outbox: newest first, limited', ob);

  // Without a token, messages is refused with UNAUTHENTICATED.
  const c4 = client(undefined);
  const u = follow(c4, MSGS, { a: null });
  await Promise.race([u.done, sleep(5000)]);
  check(Array.isArray(u.errors) && JSON.stringify(u.errors).includes(
    'UNAUTHENTICATED'), 'no token: UNAUTHENTICATED', u.errors);

  b.stop();
  await slowReader(tok2, r.got[r.got.length - 1].data.messages.cursor);
  n.stop(); d.stop(); r.stop();
  await Promise.all([c2.dispose(), c3.dispose(), c4.dispose()]);
}

main().then(() => process.exit(0), (e) => {
  console.log(`fail|the script ran|${e && e.stack}`);
  process.exit(1);
});
