// e2e.mjs: end-to-end scenarios against the real onionmsgd, with the
// graphql-ws client and fetch:
//  1. two devices of one mailbox each receive every message, and a message
//     is deleted only when both have acknowledged it;
//  2. a subscriber switches to long-polling mid-stream and back, and gets
//     every message exactly once, in order;
//  3. a subscriber that stops reading does not raise the daemon's VmRSS
//     past a bound while far more than that is sent to it, and gets every
//     message once it reads again.
// Run by tests/integration/e2e_scenarios.sh, which exports the fixtures.
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { env, wsUrl, ok, skip, note, finish, gql, send, until, sleep, rssKb } from './lib.mjs';

const SUB = 'subscription($after: Cursor) { messages(after: $after) { cursor id size } }';

function client(token) {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, keepAlive: 5000,
    retryAttempts: 0, connectionParams: { authorization: token }, onNonLazyError: () => {} });
}

function follow(c, after, sink) {
  return c.subscribe({ query: SUB, variables: { after } },
    { next: (v) => sink.push(v.data ? v.data.messages : v), error: (e) => sink.push({ error: e }), complete: () => {} });
}

const ACK = 'mutation($c: Cursor!) { ack(upTo: $c) { upTo deleted remaining } }';
const STORED = '{ mailbox { storedMessages } }';

async function twoDevices() {
  const addr = env.OM_ADDR_A, t1 = env.OM_TOKEN_A, t2 = env.OM_TOKEN_A2;
  const c1 = client(t1), c2 = client(t2);
  const s1 = [], s2 = [];
  follow(c1, null, s1);
  follow(c2, null, s2);
  await sleep(300);
  const ids = [...Array(20).keys()].map((i) => `two-${i}`), cursors = [];
  for (const id of ids) {
    const r = await send(addr, id, 100);
    if (r.errors) { ok(false, 'two devices: sending', r.errors); return; }
    cursors.push(r.data.sendMessage.cursor);
  }
  await until(() => s1.length >= 20 && s2.length >= 20, 10000);
  const LIST = '{ messages(limit: 50) { messages { id cursor } } }';
  for (const [t, who] of [[t1, 'first'], [t2, 'second']]) {
    const r = await gql(LIST, {}, t);
    const m = r.data ? r.data.messages.messages : [];
    ok(m.map((x) => x.id).join() === ids.join() && m.every((x, i) => x.cursor === cursors[i]),
      `two devices: the ${who} device reads all 20 over HTTP, with the cursors sendMessage returned`, r.errors);
  }
  ok(s1.map((m) => m.id).join() === ids.join(), 'two devices: the first device receives all 20, in order', s1.slice(-3));
  ok(s2.map((m) => m.id).join() === ids.join(), 'two devices: the second device receives all 20, in order', s2.slice(-3));
  ok(s1.length === 20 && s1.every((m, i) => m.cursor === cursors[i]) && s2.every((m, i) => m.cursor === cursors[i]),
    'two devices: ... with the cursors sendMessage returned');
  let r = await gql(ACK, { c: cursors[19] }, t1);
  ok(r.data && r.data.ack.deleted === 0 && r.data.ack.remaining === 0,
    'two devices: the first device acks all 20: nothing deleted yet', r);
  r = await gql(STORED, {}, t1);
  ok(r.data && r.data.mailbox.storedMessages === 20, 'two devices: ... all 20 still stored', r);
  r = await gql(ACK, { c: cursors[9] }, t2);
  ok(r.data && r.data.ack.deleted === 10 && r.data.ack.remaining === 10,
    'two devices: the second device acks 10: those 10 are deleted, 10 remain for it', r);
  r = await gql(STORED, {}, t2);
  ok(r.data && r.data.mailbox.storedMessages === 10, 'two devices: ... 10 stored', r);
  r = await gql(ACK, { c: cursors[19] }, t2);
  ok(r.data && r.data.ack.deleted === 10 && r.data.ack.remaining === 0,
    'two devices: the second device acks the rest: 10 more deleted', r);
  r = await gql(STORED, {}, t1);
  ok(r.data && r.data.mailbox.storedMessages === 0, 'two devices: the mailbox is empty', r);
  r = await gql(ACK, { c: cursors[5] }, t1);
  ok(r.data && r.data.ack.upTo === cursors[19] && r.data.ack.deleted === 0,
    'two devices: acking an older cursor does not move the position back', r);
  await c1.dispose();
  await c2.dispose();
}

async function switchTransports() {
  const addr = env.OM_ADDR_B, t = env.OM_TOKEN_B;
  const N = 60, ids = [...Array(N).keys()].map((i) => `sw-${i}`);
  let sending = (async () => {
    for (const id of ids) { await send(addr, id, 50); await sleep(25); }
  })();
  const got = [];
  const c1 = client(t), s = [];
  const d1 = follow(c1, null, s);
  await until(() => s.length >= 15, 10000);
  d1();
  await c1.dispose();
  got.push(...s);
  note(`switch: ${got.length} over WebSocket, then long-polling`);
  let after = got.length ? got[got.length - 1].cursor : null;
  const LP = 'query($a: Cursor) { messages(after: $a, limit: 7, wait: 2) { messages { cursor id size } next hasMore } }';
  for (let i = 0; i < 100 && got.length < 35; i++) {
    const r = await gql(LP, { a: after }, t);
    if (!r.data) { got.push({ error: r.errors }); break; }
    got.push(...r.data.messages.messages);
    after = r.data.messages.next;
  }
  const polled = got.length;
  note(`switch: ${polled} after long-polling, then WebSocket again`);
  const c2 = client(t), s2 = [];
  follow(c2, after, s2);
  await sending;
  await until(() => got.length + s2.length >= N, 10000);
  await sleep(300);
  got.push(...s2);
  await c2.dispose();
  const seen = got.map((m) => m.id);
  ok(polled >= 35 && s2.length > 0, 'switch: every transport carried messages (WebSocket, long-poll, WebSocket)',
    { polled, ws2: s2.length });
  ok(seen.join() === ids.join(), `switch: all ${N} messages exactly once, in order`,
    { n: seen.length, dup: seen.filter((x, i) => seen.indexOf(x) !== i), missing: ids.filter((x) => !seen.includes(x)) });
}

async function slowSubscriber() {
  const addr = env.OM_ADDR_S, t = env.OM_TOKEN_S, pid = Number(env.OM_PID);
  const N = Number(env.SLOW_N || 600), SIZE = 60000, BOUND_KB = Number(env.SLOW_BOUND_KB || 24576);
  const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
  const got = [];
  let acked = false, closed = null;
  ws.on('message', (d) => {
    const m = JSON.parse(d);
    if (m.type === 'connection_ack') acked = true;
    if (m.type === 'next') got.push(m.payload.data.messages.id);
  });
  ws.on('close', (code) => { closed = code; });
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: t } }));
  await until(() => acked, 3000);
  ws.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: 'subscription { messages { id } }' } }));
  await send(addr, 'warm', SIZE);
  await until(() => got.length === 1, 3000);
  for (let i = 0; i < 20; i++) await send(addr, `warm-${i}`, SIZE);
  await until(() => got.length === 21, 5000);
  const before = await rssKb(pid);
  ws._socket.pause();
  const t0 = Date.now();
  let peak = before;
  for (let i = 0; i < N; i += 8) {
    await Promise.all([...Array(Math.min(8, N - i)).keys()].map((k) => send(addr, `slow-${i + k}`, SIZE)));
    if (i % 80 === 0) peak = Math.max(peak, await rssKb(pid));
  }
  await sleep(500);
  const after = await rssKb(pid);
  peak = Math.max(peak, after);
  const mb = (N * SIZE / 1048576).toFixed(1);
  note(`slow subscriber: ${mb} MiB sent in ${Date.now() - t0} ms while it read nothing; VmRSS ${before} kB -> ${after} kB (peak ${peak} kB), ${got.length - 21} delivered before pausing took hold`);
  const rssWhat = `slow subscriber: the daemon's VmRSS grew by ${peak - before} kB (< ${BOUND_KB} kB) while ${mb} MiB were sent to a subscriber that does not read`;
  if (process.env.OM_SANITIZERS)
    skip(rssWhat, "under ASan freed memory stays in the allocator's quarantine, so RSS says nothing of the queue bound");
  else
    ok(peak - before < BOUND_KB, rssWhat);
  ok(closed === null, 'slow subscriber: its socket stays open (heartbeat interval not exceeded)', closed);
  ws._socket.resume();
  await until(() => got.length >= N + 21 || closed !== null, 60000);
  const want = N + 21;
  // Sends go 8 at a time in parallel, so only the set is fixed, not the order.
  const sent = new Set(['warm', ...[...Array(20).keys()].map((i) => `warm-${i}`), ...[...Array(N).keys()].map((i) => `slow-${i}`)]);
  ok(got.length === want && new Set(got).size === want && got.every((id) => sent.has(id)),
    `slow subscriber: reading again, it receives all ${want} messages exactly once`, { got: got.length, closed });
  ws.close(1000);
}

for (const part of [twoDevices, switchTransports, slowSubscriber]) {
  try {
    await part();
  } catch (e) {
    ok(false, `${part.name}: exception: ${e && e.stack ? e.stack : JSON.stringify(e)}`);
  }
}
finish();
