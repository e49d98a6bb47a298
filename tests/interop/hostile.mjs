// hostile.mjs: the driver of the hostile input catalogue. Each file
// tests/integration/hostile/NN-name.json is one case an attacker could
// send: its transport ("http": one or more HTTP requests; "ws": a
// WebSocket handshake then frames; "raw": bytes on a TCP connection, with
// pauses) and the exact expected outcome (status, GraphQL error code,
// header, close code, counted messages, or when the server must hang up).
// One TAP line per case; after every case the daemon must still answer
// GET /healthz with 200, or the case fails. Only node built-ins are used.
// Placeholders {{NAME}} are replaced by $OMH_NAME; {{i}} by the index of a
// repeated request. Usage: node hostile.mjs DIR [CASE...]
import fs from 'node:fs';
import net from 'node:net';
import crypto from 'node:crypto';
import path from 'node:path';
import { env, base, ok, note, finish, sleep } from './lib.mjs';

const port = Number(new URL(base).port);
const dir = process.argv[2];

function subst(s, i) {
  return s.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (_, k) =>
    k === 'i' ? String(i) : (env[`OMH_${k}`] !== undefined ? env[`OMH_${k}`] : `{{${k}}}`));
}

// A value to send: a string, {"hex": ".."}, or {"repeat": s, "count": n}.
function bytesOf(v, i) {
  if (v === undefined || v === null) return Buffer.alloc(0);
  if (typeof v === 'string') return Buffer.from(subst(v, i));
  if (v.hex !== undefined) return Buffer.from(v.hex, 'hex');
  if (v.json !== undefined) return Buffer.from(subst(JSON.stringify(v.json), i));
  if (v.repeat !== undefined) return Buffer.from(subst(v.repeat, i).repeat(v.count));
  if (v.concat) return Buffer.concat(v.concat.map((x) => bytesOf(x, i)));
  throw new Error(`bad value ${JSON.stringify(v)}`);
}

// exchange(steps, ms): connect, send the steps ({"send": v} or
// {"wait": ms}), read until the server closes or ms pass.
function exchange(steps, ms, i) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const chunks = [];
    const t0 = Date.now();
    let done = false, closedAt = null;
    const end = (why) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ data: Buffer.concat(chunks), closedAt, why, t0 });
    };
    const timer = setTimeout(() => end('timeout'), ms);
    s.on('data', (d) => chunks.push(d));
    s.on('error', () => { closedAt = Date.now() - t0; end('error'); });
    s.on('close', () => { if (closedAt === null) closedAt = Date.now() - t0; end('closed'); });
    s.on('connect', async () => {
      for (const st of steps) {
        if (done) return;
        if (st.wait) await sleep(st.wait);
        else if (!s.destroyed) s.write(bytesOf(st.send, i));
      }
    });
  });
}

function parseHttp(buf) {
  const h = buf.indexOf('\r\n\r\n');
  if (h < 0) return { status: buf.length ? 'garbled' : 'none' };
  const lines = buf.subarray(0, h).toString('latin1').split('\r\n');
  const m = lines[0].match(/^HTTP\/1\.[01] (\d{3})/);
  const headers = {};
  for (const l of lines.slice(1)) {
    const k = l.indexOf(':');
    headers[l.slice(0, k).toLowerCase()] = l.slice(k + 1).trim();
  }
  let body = buf.subarray(h + 4);
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const out = [];
    let p = 0;
    for (;;) {
      const e = body.indexOf('\r\n', p);
      if (e < 0) break;
      const n = parseInt(body.subarray(p, e).toString(), 16);
      if (!n) break;
      out.push(body.subarray(e + 2, e + 2 + n));
      p = e + 2 + n + 2;
    }
    body = Buffer.concat(out);
  }
  let json = null;
  try { json = JSON.parse(body.toString()); } catch { /* not JSON */ }
  return { status: m ? Number(m[1]) : 'garbled', headers, body: body.toString(), json };
}

function codeOf(payload) {
  const errs = Array.isArray(payload) ? payload : payload && payload.errors;
  return errs && errs[0] && errs[0].extensions ? errs[0].extensions.code : undefined;
}

function httpRequest(r, i) {
  const body = bytesOf(r.body, i);
  const hs = Object.entries(r.headers || {}).map(([k, v]) => `${k}: ${subst(v, i)}\r\n`);
  if (r.headerFlood) for (let k = 0; k < r.headerFlood.count; k++) hs.push(`${r.headerFlood.name}-${k}: ${r.headerFlood.value || 'x'}\r\n`);
  if (r.body !== undefined && !r.noContentLength) hs.push(`content-length: ${body.length}\r\n`);
  const head = `${r.method || 'POST'} ${subst(r.path || '/graphql', i)} HTTP/1.1\r\nhost: 127.0.0.1\r\n${hs.join('')}connection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

async function runHttp(c) {
  const n = c.request.repeat || 1;
  let res;
  for (let i = 0; i < n; i++) {
    const x = await exchange([{ send: { hex: httpRequest(c.request, i).toString('hex') } }], c.timeoutMs || 15000, i);
    res = parseHttp(x.data);
  }
  const e = c.expect, why = [];
  if (e.status !== undefined && res.status !== e.status) why.push(`status ${res.status}, want ${e.status}`);
  if (e.code !== undefined && codeOf(res.json) !== e.code) why.push(`code ${codeOf(res.json)}, want ${e.code}`);
  for (const [k, v] of Object.entries(e.headers || {}))
    if ((res.headers || {})[k] !== v) why.push(`header ${k}: ${(res.headers || {})[k]}, want ${v}`);
  if (e.bodyContains && !(res.body || '').includes(e.bodyContains)) why.push(`body lacks ${e.bodyContains}`);
  if (e.dataNotNull && !(res.json && res.json.data && res.json.data[e.dataNotNull] != null)) why.push(`no data.${e.dataNotNull}`);
  return { why, got: { status: res.status, body: (res.body || '').slice(0, 300) } };
}

async function runRaw(c) {
  const x = await exchange(c.steps, c.timeoutMs || 15000, 0);
  const res = parseHttp(x.data);
  const e = c.expect, why = [];
  if (e.status !== undefined && res.status !== e.status) why.push(`status ${res.status}, want ${e.status}`);
  if (e.code !== undefined && codeOf(res.json) !== e.code) why.push(`code ${codeOf(res.json)}, want ${e.code}`);
  if (e.closedWithinMs !== undefined && (x.closedAt === null || x.closedAt > e.closedWithinMs))
    why.push(`closed after ${x.closedAt} ms (${x.why}), want within ${e.closedWithinMs}`);
  if (e.closedAfterMs !== undefined && x.closedAt !== null && x.closedAt < e.closedAfterMs)
    why.push(`closed after ${x.closedAt} ms, want not before ${e.closedAfterMs}`);
  return { why, got: { status: res.status, closedAt: x.closedAt, how: x.why, bytes: x.data.length, head: x.data.subarray(0, 200).toString('latin1') } };
}

// frame(f): a client frame, masked unless f.unmasked.
function frame(f, i) {
  let op = 1, payload;
  if (f.text !== undefined) payload = bytesOf(f.text, i);
  else if (f.json !== undefined) payload = bytesOf({ json: f.json }, i);
  else if (f.binaryHex !== undefined) { op = 2; payload = Buffer.from(f.binaryHex, 'hex'); }
  else if (f.close !== undefined) { op = 8; payload = Buffer.alloc(2); payload.writeUInt16BE(f.close); }
  else if (f.payload !== undefined) payload = bytesOf(f.payload, i);
  else payload = Buffer.alloc(0);
  if (f.opcode !== undefined) op = f.opcode;
  const b0 = (f.fin === false ? 0 : 0x80) | (f.rsv || 0) << 4 | op;
  const len = payload.length, mask = !f.unmasked;
  let hdr;
  if (len < 126) hdr = Buffer.from([b0, (mask ? 0x80 : 0) | len]);
  else if (len < 65536) { hdr = Buffer.from([b0, (mask ? 0x80 : 0) | 126, 0, 0]); hdr.writeUInt16BE(len, 2); }
  else { hdr = Buffer.alloc(10); hdr[0] = b0; hdr[1] = (mask ? 0x80 : 0) | 127; hdr.writeBigUInt64BE(BigInt(len), 2); }
  if (!mask) return Buffer.concat([hdr, payload]);
  const key = crypto.randomBytes(4), out = Buffer.from(payload);
  for (let k = 0; k < out.length; k++) out[k] ^= key[k & 3];
  return Buffer.concat([hdr, key, out]);
}

// A WebSocket session over a raw socket: handshake, frames, server frames.
function wsSession(c) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const st = { status: null, msgs: [], close: null, ended: false, t0: Date.now(), buf: Buffer.alloc(0), upgraded: false };
    const key = crypto.randomBytes(16).toString('base64');
    const proto = c.subprotocol === undefined ? 'graphql-transport-ws' : c.subprotocol;
    const hs = [`GET ${c.path || '/graphql'} HTTP/1.1`, 'host: 127.0.0.1', 'upgrade: websocket', 'connection: Upgrade',
      `sec-websocket-key: ${key}`, `sec-websocket-version: ${c.version || 13}`];
    if (proto) hs.push(`sec-websocket-protocol: ${proto}`);
    for (const [k, v] of Object.entries(c.headers || {})) hs.push(`${k}: ${subst(v, 0)}`);
    const waiters = [];
    const poke = () => waiters.splice(0).forEach((w) => w());
    s.on('data', (d) => {
      st.buf = Buffer.concat([st.buf, d]);
      if (!st.upgraded) {
        const h = st.buf.indexOf('\r\n\r\n');
        if (h < 0) return;
        const m = st.buf.subarray(0, 12).toString().match(/HTTP\/1\.1 (\d{3})/);
        st.status = m ? Number(m[1]) : 'garbled';
        st.upgraded = st.status === 101;
        st.buf = st.buf.subarray(h + 4);
        if (!st.upgraded) return;
      }
      for (;;) {
        const b = st.buf;
        if (b.length < 2) break;
        let len = b[1] & 0x7f, p = 2;
        if (len === 126) { if (b.length < 4) break; len = b.readUInt16BE(2); p = 4; }
        else if (len === 127) { if (b.length < 10) break; len = Number(b.readBigUInt64BE(2)); p = 10; }
        if (b.length < p + len) break;
        const op = b[0] & 0x0f, pl = b.subarray(p, p + len);
        st.buf = b.subarray(p + len);
        if (op === 8) st.close = st.close || { code: pl.length >= 2 ? pl.readUInt16BE(0) : 1005, reason: pl.subarray(2).toString(), at: Date.now() - st.t0 };
        else if (op === 1) {
          let m;
          try { m = JSON.parse(pl.toString()); } catch { m = { raw: pl.toString() }; }
          st.msgs.push(m);
        }
      }
      poke();
    });
    const fin = () => { st.ended = true; poke(); };
    s.on('close', fin);
    s.on('error', fin);
    s.on('connect', () => s.write(hs.join('\r\n') + '\r\n\r\n'));
    st.send = (f, i) => { if (!s.destroyed) s.write(frame(f, i)); };
    st.wait = (pred, ms) => new Promise((res) => {
      const t = setTimeout(() => res(pred()), ms);
      const check = () => { if (pred()) { clearTimeout(t); res(true); } else if (st.ended) { clearTimeout(t); res(pred()); } else waiters.push(check); };
      check();
    });
    st.destroy = () => s.destroy();
    st.wait(() => st.status !== null, 5000).then(() => resolve(st));
  });
}

function matches(m, want) {
  for (const [k, v] of Object.entries(want)) {
    if (k === 'code') { if (codeOf(m.payload) !== v) return false; } else if (m[k] !== v) return false;
  }
  return true;
}

async function runWs(c) {
  const st = await wsSession(c);
  const e = c.expect, why = [];
  if (e.handshake !== undefined) {
    if (st.status !== e.handshake) why.push(`handshake ${st.status}, want ${e.handshake}`);
    st.destroy();
    return { why, got: { status: st.status } };
  }
  if (st.status !== 101) { st.destroy(); return { why: [`handshake ${st.status}`], got: {} }; }
  for (const f of c.frames || []) {
    if (f.wait) { await sleep(f.wait); continue; }
    if (f.awaitType) { await st.wait(() => st.msgs.some((m) => m.type === f.awaitType), 5000); continue; }
    const n = f.times || 1;
    for (let i = 0; i < n; i++) st.send(f, i);
  }
  const within = e.withinMs || 8000;
  const counts = () => (e.count || []).every((cn) => st.msgs.filter((m) => matches(m, cn.match)).length >= cn.n);
  const seen = () => (e.received || []).every((w) => st.msgs.some((m) => matches(m, w)));
  if (e.close !== undefined) await st.wait(() => st.close !== null || st.ended, within);
  else await st.wait(() => counts() && seen(), within);
  if (e.close !== undefined) {
    const code = st.close ? st.close.code : (st.ended ? 'no close frame' : 'still open');
    if (code !== e.close) why.push(`close ${code}, want ${e.close}`);
  }
  for (const w of e.received || [])
    if (!st.msgs.some((m) => matches(m, w))) why.push(`no message ${JSON.stringify(w)}`);
  for (const cn of e.count || []) {
    const k = st.msgs.filter((m) => matches(m, cn.match)).length;
    if (k !== cn.n) why.push(`${k} messages ${JSON.stringify(cn.match)}, want ${cn.n}`);
  }
  for (const w of e.absent || [])
    if (st.msgs.some((m) => matches(m, w))) why.push(`unexpected message ${JSON.stringify(w)}`);
  if (e.open && (st.close || st.ended)) why.push(`closed (${st.close && st.close.code}), want open`);
  st.destroy();
  return { why, got: { close: st.close, n: st.msgs.length, first: st.msgs.slice(0, 3) } };
}

async function healthy() {
  for (let k = 0; k < 3; k++) {
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (r.status === 200) return true;
    } catch { /* retry */ }
    await sleep(200);
  }
  return false;
}

const only = process.argv.slice(3);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
note(`${files.length} hostile cases`);
for (const f of files) {
  const name = path.basename(f, '.json');
  let c, r;
  try {
    c = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const run = { http: runHttp, ws: runWs, raw: runRaw }[c.transport];
    r = await run(c);
  } catch (e) {
    r = { why: [`driver exception: ${e && e.stack}`], got: null };
  }
  const alive = await healthy();
  if (!alive) r.why.push('the daemon no longer answers /healthz');
  ok(r.why.length === 0 && alive, `${name}: ${c ? c.description : ''}`, { why: r.why, got: r.got },
    c && c.todo);
  if (!alive) break;
}
finish();
