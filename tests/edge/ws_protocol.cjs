// ws_protocol.cjs: the graphql-transport-ws and legacy graphql-ws rules
// of the edge, message by message, with the `ws` npm client against
// edge_testd: close codes 4400/4401/4403/4406/4408/4409/4429/1009/1007,
// ping/pong, error without complete, client complete, the legacy
// protocol's answers. Usage: node ws_protocol.cjs NODE_MODULES URL.
// Prints TAP.
'use strict';
module.paths.unshift(process.argv[2]);
const WebSocket = require('ws');
const url = process.argv[3];

let n = 0, failed = 0;
function ok(cond, what, extra) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond) {
    failed++;
    if (extra !== undefined) console.log(`# ${JSON.stringify(extra)}`);
  }
}

// A client that queues messages and close events for await.
function open(proto, opts = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, proto, opts);
    const inbox = [], waiters = [];
    let closed = null, closeWaiters = [];
    ws.on('message', (data, binary) => {
      const m = binary ? data : JSON.parse(String(data));
      if (waiters.length) waiters.shift()(m); else inbox.push(m);
    });
    ws.on('close', (code, reason) => {
      closed = { code, reason: String(reason) };
      closeWaiters.forEach((w) => w(closed));
      waiters.forEach((w) => w(null));
    });
    ws.on('error', () => {});
    const c = {
      ws,
      send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
      next: (ms = 3000) => new Promise((res) => {
        if (inbox.length) return res(inbox.shift());
        if (closed) return res(null);
        const t = setTimeout(() => res('timeout'), ms);
        waiters.push((m) => { clearTimeout(t); res(m); });
      }),
      closed: (ms = 5000) => new Promise((res) => {
        if (closed) return res(closed);
        const t = setTimeout(() => res({ code: 'timeout' }), ms);
        closeWaiters.push((c) => { clearTimeout(t); res(c); });
      }),
      close: () => ws.close(1000),
    };
    ws.on('open', () => resolve(c));
    ws.on('unexpected-response', (req, res) => resolve({ refused: res.statusCode }));
    ws.on('error', (e) => resolve({ refused: e.message, ...c }));
  });
}

async function ready(proto = 'graphql-transport-ws', payload) {
  const c = await open(proto);
  c.send(payload ? { type: 'connection_init', payload } : { type: 'connection_init' });
  const ack = await c.next();
  return [c, ack];
}

async function transportWs() {
  const P = 'graphql-transport-ws';
  let [c, ack] = await ready();
  let m2;
  ok(ack && ack.type === 'connection_ack', 'connection_init is acknowledged', ack);
  ok(c.ws.protocol === P, 'the server selected graphql-transport-ws');

  c.send({ type: 'ping', payload: { x: 1 } });
  let m = await c.next();
  ok(m && m.type === 'pong' && m.payload && m.payload.x === 1, 'ping is answered by pong with the payload', m);

  c.send({ type: 'subscribe', id: 'q1', payload: { query: '{ __typename }' } });
  m = await c.next();
  ok(m && m.type === 'next' && m.id === 'q1' && m.payload.data.__typename === 'Query', 'a query gives next', m);
  m = await c.next();
  ok(m && m.type === 'complete' && m.id === 'q1', '... then complete', m);

  c.send({ type: 'subscribe', id: 's1', payload: { query: 'subscription { tick }', variables: { n: 3 } } });
  const ticks = [];
  for (;;) {
    m = await c.next();
    if (!m || m.type !== 'next') break;
    ticks.push(m.payload.data.tick);
  }
  ok(JSON.stringify(ticks) === '[0,1,2]' && m.type === 'complete', 'a subscription streams 3 events then completes', { ticks, m });

  c.send({ type: 'subscribe', id: 't1', payload: { query: '{ textual }' } });
  m = await c.next();
  ok(m && m.type === 'next' && m.payload.data.textual === true && (await c.next()).type === 'complete', 'a pre-serialized result is next + complete', m);
  c.send({ type: 'subscribe', id: 't2', payload: { query: '{ textual nodata }' } });
  m = await c.next();
  ok(m && m.type === 'error' && m.payload[0].message === 'textual', 'a pre-serialized request error is an error message', m);
  c.send({ type: 'subscribe', id: 't3', payload: { query: 'subscription text { t }', variables: { n: 2 } } });
  m = await c.next();
  m2 = await c.next();
  ok(m.type === 'next' && m2.type === 'next' && m2.payload.data.tick === 1 && (await c.next()).type === 'complete', 'pre-serialized events stream', [m, m2]);

  c.send({ type: 'subscribe', id: 'e1', payload: { query: 'syntaxerror' } });
  m = await c.next();
  ok(m && m.type === 'error' && m.id === 'e1' && Array.isArray(m.payload), 'a request error is an error message with a list', m);
  c.send({ type: 'subscribe', id: 'f1', payload: { query: 'subscription fail', variables: { n: 1 } } });
  m = await c.next();
  m2 = await c.next(400);
  ok(m.type === 'next' && m2 && m2.type === 'error', 'a stream can end with error', [m, m2]);
  m = await c.next(300);
  ok(m === 'timeout', 'no complete follows an error', m);

  c.send({ type: 'subscribe', id: 'w1', payload: { query: 'subscription slow', variables: { n: 100, ms: 50 } } });
  m = await c.next();
  ok(m && m.type === 'next', 'a slow subscription starts', m);
  c.send({ type: 'complete', id: 'w1' });
  c.send({ type: 'complete', id: 'unknown-id' });
  const after = [];
  for (;;) { m = await c.next(300); if (m === 'timeout' || !m) break; after.push(m); }
  ok(after.length <= 1 && after.every((x) => x.type === 'next'), 'client complete stops it (at most one in flight), unknown ids are ignored', after);

  c.send({ type: 'subscribe', id: 'n1', payload: { query: '{ never }' } });
  c.send({ type: 'subscribe', id: 'n1', payload: { query: '{ never }' } });
  let cl = await c.closed();
  ok(cl.code === 4409 && /n1/.test(cl.reason), 'a duplicate active id closes 4409', cl);

  [c] = await ready();
  c.send({ type: 'connection_init' });
  cl = await c.closed();
  ok(cl.code === 4429, 'a second connection_init closes 4429', cl);

  [c] = await ready();
  c.send({ type: 'subscribe', id: 'x', payload: { query: '{ internalfailure }' } });
  cl = await c.closed();
  ok(cl.code === 4500, 'an operation without any result closes 4500', cl);

  c = await open(P);
  c.send({ type: 'subscribe', id: 'x', payload: { query: '{ __typename }' } });
  cl = await c.closed();
  ok(cl.code === 4401, 'subscribe before connection_ack closes 4401', cl);

  for (const [bad, what] of [
    ['not json', 'text that is not JSON'],
    ['[1,2]', 'a JSON array'],
    [{ type: 'nope' }, 'an unknown type'],
    [{ type: 'next', id: 'a', payload: {} }, 'a server-only type'],
    [{ type: 'subscribe', id: '', payload: { query: 'x' } }, 'an empty id'],
    [{ type: 'subscribe', id: 'a', payload: { query: 1 } }, 'a non-string query'],
    [{ type: 'subscribe', id: 'a', payload: { query: 'x', variables: [1] } }, 'variables that are not an object'],
    [{ type: 'subscribe', id: 'a'.repeat(200), payload: { query: 'x' } }, 'a 200-byte id'],
    [{ type: 'ping', payload: 5 }, 'a ping with a number payload'],
  ]) {
    [c] = await ready();
    c.send(bad);
    cl = await c.closed();
    ok(cl.code === 4400, `${what} closes 4400`, cl);
  }

  c = await open(P);
  c.ws.send(Buffer.from('{"type":"connection_init"}'), { binary: true });
  cl = await c.closed();
  ok(cl.code === 4400, 'a binary frame closes 4400', cl);

  c = await open(P);
  c.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
  cl = await c.closed();
  ok(cl.code === 1007, 'invalid UTF-8 in a text frame closes 1007', cl);

  c = await open(P);
  c.send('x'.repeat(300 * 1024));
  cl = await c.closed();
  ok(cl.code === 1009, 'a message over --max-request-bytes closes 1009', cl);

  c = await open(P);
  const t0 = Date.now();
  cl = await c.closed();
  ok(cl.code === 4408 && Date.now() - t0 < 2500, 'no connection_init within --ws-init-timeout closes 4408', cl);

  [c, ack] = await ready(P, { authorization: 'nope' });
  cl = await c.closed();
  ok(ack === null && cl.code === 4403, 'a bad token in connection_init closes 4403', { ack, cl });

  [c, ack] = await ready(P, { authorization: 'Bearer good' });
  c.send({ type: 'subscribe', id: 'a', payload: { query: '{ whoami }' } });
  m = await c.next();
  ok(m && m.payload && m.payload.data.whoami === 'alice', 'a good token authenticates the socket', m);
  c.close();

  [c, ack] = await ready(P, { authorization: 'short' });
  cl = await c.closed(3000);
  ok(ack.type === 'connection_ack' && cl.code === 4403 && /expired/.test(cl.reason), 'the socket closes 4403 when its token expires', cl);

  c = await open(undefined);
  cl = c.refused ? { code: c.refused } : await c.closed();
  ok(cl.code === 4406, 'no subprotocol: accepted, then closed 4406', cl);

  c = await open(P, { headers: {} });
  c.send({ type: 'connection_init' });
  await c.next();
  c.ws.pong();	// unsolicited pong frame: harmless
  c.send({ type: 'pong' });	// unsolicited pong message: harmless
  c.send({ type: 'ping' });
  m = await c.next();
  ok(m && m.type === 'pong' && !('payload' in m), 'unsolicited pongs are ignored; a bare ping gets a bare pong', m);
  c.close();
}

async function legacy() {
  const L = 'graphql-ws';
  let c = await open(L);
  ok(c.ws.protocol === L, 'the server selected the legacy graphql-ws');
  c.send({ type: 'start', id: '1', payload: { query: '{ __typename }' } });
  let m = await c.next();
  ok(m && m.type === 'error' && m.id === '1', 'legacy: start before init is an error for that id', m);
  c.send({ type: 'connection_init', payload: {} });
  m = await c.next();
  const ka = await c.next();
  ok(m.type === 'connection_ack' && ka.type === 'ka', 'legacy: connection_ack then ka', [m, ka]);
  c.send({ type: 'start', id: 2, payload: { query: '{ __typename }' } });
  m = await c.next();
  const m2 = await c.next();
  ok(m.type === 'data' && m.id === '2' && m.payload.data.__typename === 'Query' && m2.type === 'complete', 'legacy: a query gives data and complete (numeric id as text)', [m, m2]);
  c.send({ type: 'start', id: '3', payload: { query: 'syntaxerror' } });
  m = await c.next();
  ok(m.type === 'data' && m.payload.errors && !('data' in m.payload), 'legacy: a request error is data with errors', m);
  await c.next();
  c.send('garbage');
  m = await c.next();
  ok(m.type === 'connection_error', 'legacy: unparseable text is answered with connection_error', m);
  c.send({ type: 'bogus', id: '9' });
  m = await c.next();
  ok(m.type === 'error' && m.id === '9', 'legacy: an unknown type is answered with error', m);
  c.send({ type: 'start', id: '4', payload: { query: 'subscription { t }', variables: { n: 100, ms: 50 } } });
  m = await c.next();
  c.send({ type: 'stop', id: '4' });
  let seen = [];
  for (;;) { m = await c.next(300); if (m === 'timeout' || !m) break; seen.push(m.type); }
  ok(seen.includes('complete') && seen.filter((x) => x === 'data').length <= 1, 'legacy: stop ends it with complete', seen);
  c.send({ type: 'connection_terminate' });
  let cl = await c.closed();
  ok(cl.code === 1000, 'legacy: connection_terminate closes the socket', cl);

  c = await open(L);
  c.send({ type: 'connection_init', payload: { authorization: 'bad' } });
  m = await c.next();
  cl = await c.closed();
  ok(m && m.type === 'connection_error' && cl.code === 4403, 'legacy: a bad token is connection_error, then close', [m, cl]);
}

(async () => {
  try {
    await transportWs();
    await legacy();
  } catch (e) {
    ok(false, `exception: ${e.stack}`);
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})();
