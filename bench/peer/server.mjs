// bench/peer/server.mjs: the Node.js server onionmsg's load benchmark
// measures onionmsgd against: the benchmark's subset of the onionmsg API
// (src/api/schema.graphql, loaded as is) built the way a typical Node
// GraphQL server is: graphql-js executes every operation, GraphQL over HTTP
// is a plain node:http handler on POST /graphql (parse, validate, execute
// per request), subscriptions run on graphql-ws over ws at /graphql
// (subprotocol graphql-transport-ws), and the store is better-sqlite3 in WAL
// mode with synchronous=NORMAL and one transaction per mutation. Live
// delivery goes through an in-process EventEmitter keyed by mailbox id.
//
// Implemented: Query.node, Query.mailbox, Query.messages (with long-poll
// `wait`), Mutation.createMailbox, sendMessage (to a mailbox of this node;
// idempotent on (mailbox, id)), ack, Subscription.messages (replay after
// `after`, then live). What the peer skips compared with onionmsgd is
// listed in README.md ("Fairness"): proofs are not verified, tokens are
// read but their signatures not checked, no quotas, no rate limits, no
// expiry sweeping.
//
// Usage: node server.mjs [--port N] [--port-file F] [--db FILE]
//   [--host 127.0.0.1] [--schema FILE]
// It prints "listening on 127.0.0.1:PORT" and writes PORT to --port-file.

import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';
import { GraphQLError, buildSchema, execute, parse, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { mailboxId, onionLabel, tokenClaims } from './ids.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const VERSION = '0.0.0-peer';
const LIMITS = {
  maxEnvelopeBytes: 65536,
  defaultTtlSeconds: 7 * 86400,
  maxTtlSeconds: 30 * 86400,
  maxWaitSeconds: 60,
  maxPageSize: 500,
  mailboxQuotaBytes: 64 * 1024 * 1024,
};
const MAX_BODY = 8 * 1024 * 1024;

const { values: opts } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'port-file': { type: 'string' },
    db: { type: 'string' },
    schema: { type: 'string', default: join(HERE, '../../src/api/schema.graphql') },
  },
});
if (!opts.host.startsWith('127.')) {
  console.error('peer: --host must be a loopback address');
  process.exit(64);
}

// The node's identity: a random key each start, as an ephemeral onion.
const ONION = onionLabel(randomBytes(32));

// --- store -----------------------------------------------------------------

let tmpDir = null;
if (!opts.db) {
  tmpDir = mkdtempSync(join(tmpdir(), 'onionmsg-peer-'));
  opts.db = join(tmpDir, 'peer.sqlite');
}
const db = new Database(opts.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.exec(`
  CREATE TABLE IF NOT EXISTS mailbox (
    id TEXT PRIMARY KEY, owner_key BLOB NOT NULL, created INTEGER NOT NULL,
    quota INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS device (
    key BLOB PRIMARY KEY, mailbox TEXT NOT NULL REFERENCES mailbox(id)
      ON DELETE CASCADE,
    added INTEGER NOT NULL, acked INTEGER NOT NULL DEFAULT 0);
  CREATE INDEX IF NOT EXISTS device_mailbox ON device(mailbox);
  CREATE TABLE IF NOT EXISTS message (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    mailbox TEXT NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,
    msg_id TEXT NOT NULL, envelope BLOB NOT NULL, size INTEGER NOT NULL,
    received INTEGER NOT NULL, expires INTEGER NOT NULL,
    UNIQUE (mailbox, msg_id));
`);

const sql = {
  mailbox: db.prepare('SELECT * FROM mailbox WHERE id = ?'),
  insMailbox: db.prepare(
    'INSERT OR IGNORE INTO mailbox (id, owner_key, created, quota) VALUES (?, ?, ?, ?)'),
  insDevice: db.prepare(
    'INSERT OR IGNORE INTO device (key, mailbox, added) VALUES (?, ?, ?)'),
  device: db.prepare('SELECT * FROM device WHERE key = ?'),
  firstDevice: db.prepare('SELECT * FROM device WHERE mailbox = ? ORDER BY rowid LIMIT 1'),
  devices: db.prepare('SELECT * FROM device WHERE mailbox = ? ORDER BY rowid'),
  insMessage: db.prepare(`INSERT OR IGNORE INTO message
    (mailbox, msg_id, envelope, size, received, expires) VALUES (?, ?, ?, ?, ?, ?)`),
  msgById: db.prepare('SELECT seq FROM message WHERE mailbox = ? AND msg_id = ?'),
  page: db.prepare(`SELECT * FROM message WHERE mailbox = ? AND seq > ?
    ORDER BY seq LIMIT ?`),
  usage: db.prepare(
    'SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM message WHERE mailbox = ?'),
  setAck: db.prepare('UPDATE device SET acked = max(acked, ?) WHERE key = ?'),
  minAck: db.prepare('SELECT min(acked) AS m FROM device WHERE mailbox = ?'),
  delUpTo: db.prepare('DELETE FROM message WHERE mailbox = ? AND seq <= ?'),
  countAfter: db.prepare('SELECT count(*) AS n FROM message WHERE mailbox = ? AND seq > ?'),
};

const live = new EventEmitter();
live.setMaxListeners(0);

const createMailboxTx = db.transaction((id, owner, device, now) => {
  sql.insMailbox.run(id, owner, now, LIMITS.mailboxQuotaBytes);
  const d = sql.device.get(device);
  if (d && d.mailbox !== id) throw gqlError('device key belongs to another mailbox', 'BAD_USER_INPUT');
  sql.insDevice.run(device, id, now);
});

const sendTx = db.transaction((mb, id, env, now, expires) => {
  const r = sql.insMessage.run(mb, id, env, env.length, now, expires);
  if (r.changes === 0) return { seq: sql.msgById.get(mb, id).seq, duplicate: true };
  return { seq: Number(r.lastInsertRowid), duplicate: false };
});

const ackTx = db.transaction((dev, mb, upTo) => {
  sql.setAck.run(upTo, dev.key);
  const m = sql.minAck.get(mb).m;
  const deleted = sql.delUpTo.run(mb, m).changes;
  const acked = sql.device.get(dev.key).acked;
  return { acked, deleted, remaining: sql.countAfter.get(mb, acked).n };
});

// --- helpers ---------------------------------------------------------------

function gqlError(message, code) {
  return new GraphQLError(message, { extensions: { code } });
}

function iso(ms) {
  return new Date(ms).toISOString();
}

function decodeKey(b64, what) {
  const k = Buffer.from(b64, 'base64');
  if (k.length !== 32 || k.toString('base64') !== b64)
    throw gqlError(`${what} is not a 32-byte Base64 key`, 'BAD_USER_INPUT');
  return k;
}

function parseCursor(c) {
  if (c === null || c === undefined) return 0;
  if (!/^[0-9]{1,15}$/.test(c)) throw gqlError('bad cursor', 'BAD_USER_INPUT');
  return Number(c);
}

function messageOut(row) {
  return {
    cursor: String(row.seq),
    id: row.msg_id,
    envelope: row.envelope.toString('base64'),
    size: row.size,
    received: iso(row.received),
    expires: iso(row.expires),
  };
}

// Resolve a bearer token to { mailbox, device } or null. An onionmsg token
// is read (not verified); any other string is taken as a mailbox id, the
// "--auth none" mode of bench/loadgen, acting as the mailbox's first device.
function authenticate(token) {
  if (typeof token !== 'string' || token === '') return null;
  const claims = tokenClaims(token);
  if (claims) {
    const dev = sql.device.get(claims.signer);
    if (!dev || dev.mailbox !== claims.mailbox) return null;
    return { mailbox: claims.mailbox, device: dev };
  }
  const dev = sql.firstDevice.get(token);
  return dev ? { mailbox: token, device: dev } : null;
}

function requireAuth(ctx) {
  if (!ctx.auth) throw gqlError('a valid bearer token is required', 'UNAUTHENTICATED');
  return ctx.auth;
}

function mailboxOut(row, auth) {
  const u = sql.usage.get(row.id);
  return {
    id: row.id,
    address: `${row.id}@${ONION}.onion`,
    ownerKey: row.owner_key.toString('base64'),
    created: iso(row.created),
    quotaBytes: row.quota,
    usedBytes: u.bytes,
    storedMessages: u.n,
    devices: () => sql.devices.all(row.id).map((d) => ({
      key: d.key.toString('base64'),
      added: iso(d.added),
      ackedUpTo: d.acked ? String(d.acked) : null,
      current: !!auth && auth.device.key.equals(d.key),
    })),
  };
}

// Yield the mailbox's messages after seq `after`, then each new one. Live
// messages are queued from the moment of subscribing, so none falls between
// the replay and the live stream; duplicates are dropped by sequence.
async function* follow(mb, after) {
  const queue = [];
  let wake = null;
  const onMessage = (m) => {
    queue.push(m);
    if (wake) { wake(); wake = null; }
  };
  live.on(mb, onMessage);
  try {
    let cur = after;
    for (;;) {
      const rows = sql.page.all(mb, cur, 100);
      for (const r of rows) yield { messages: messageOut(r) };
      if (rows.length < 100) { if (rows.length) cur = rows[rows.length - 1].seq; break; }
      cur = rows[rows.length - 1].seq;
    }
    for (;;) {
      while (queue.length) {
        const m = queue.shift();
        if (m.seq > cur) { cur = m.seq; yield { messages: messageOut(m) }; }
      }
      await new Promise((resolve) => { wake = resolve; });
    }
  } finally {
    live.off(mb, onMessage);
  }
}

function waitForMessage(mb, seconds) {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(t); live.off(mb, done); resolve(); };
    const t = setTimeout(done, seconds * 1000);
    live.on(mb, done);
  });
}

// --- resolvers -------------------------------------------------------------

const resolvers = {
  Query: {
    node: () => ({
      onion: ONION, version: VERSION, torStatus: 'DISABLED', published: false,
      ephemeral: true, time: iso(Date.now()), limits: LIMITS,
    }),
    mailbox: (_, __, ctx) => {
      const a = requireAuth(ctx);
      const row = sql.mailbox.get(a.mailbox);
      return row ? mailboxOut(row, a) : null;
    },
    messages: async (_, { after, limit, wait }, ctx) => {
      const a = requireAuth(ctx);
      const cur = parseCursor(after);
      if (limit < 1 || limit > LIMITS.maxPageSize) throw gqlError('limit out of range', 'BAD_USER_INPUT');
      if (wait < 0 || wait > LIMITS.maxWaitSeconds) throw gqlError('wait out of range', 'BAD_USER_INPUT');
      let rows = sql.page.all(a.mailbox, cur, limit + 1);
      if (rows.length === 0 && wait > 0) {
        await waitForMessage(a.mailbox, wait);
        rows = sql.page.all(a.mailbox, cur, limit + 1);
      }
      const hasMore = rows.length > limit;
      if (hasMore) rows = rows.slice(0, limit);
      return {
        messages: rows.map(messageOut),
        next: rows.length ? String(rows[rows.length - 1].seq) : (after ?? null),
        hasMore,
      };
    },
  },
  Mutation: {
    createMailbox: (_, { ownerKey, deviceKey }, ctx) => {
      // The proof is not verified here (README.md, "Fairness").
      const owner = decodeKey(ownerKey, 'ownerKey');
      const device = decodeKey(deviceKey, 'deviceKey');
      const id = mailboxId(owner);
      createMailboxTx(id, owner, device, Date.now());
      return mailboxOut(sql.mailbox.get(id), ctx.auth);
    },
    sendMessage: (_, { to, id, envelope, ttl }) => {
      const m = /^([a-z2-7]{32})@([a-z2-7]{56})\.onion$/.exec(to);
      if (!m) throw gqlError('not an onionmsg address', 'BAD_USER_INPUT');
      if (m[2] !== ONION) throw gqlError('remote delivery is not part of the peer', 'BAD_USER_INPUT');
      if (id.length === 0 || Buffer.byteLength(id) > 128) throw gqlError('bad id', 'BAD_USER_INPUT');
      const env = Buffer.from(envelope, 'base64');
      if (env.length > LIMITS.maxEnvelopeBytes) throw gqlError('envelope too large', 'PAYLOAD_TOO_LARGE');
      if (ttl !== null && ttl !== undefined && (ttl < 1 || ttl > LIMITS.maxTtlSeconds))
        throw gqlError('ttl out of range', 'BAD_USER_INPUT');
      const mb = m[1];
      if (!sql.mailbox.get(mb)) throw gqlError('no such mailbox', 'NOT_FOUND');
      const now = Date.now();
      const expires = now + 1000 * (ttl ?? LIMITS.defaultTtlSeconds);
      const r = sendTx(mb, id, env, now, expires);
      if (!r.duplicate) {
        live.emit(mb, { seq: r.seq, msg_id: id, envelope: env, size: env.length,
          received: now, expires });
      }
      return { id, cursor: String(r.seq), queued: false, state: 'DELIVERED', duplicate: r.duplicate };
    },
    ack: (_, { upTo }, ctx) => {
      const a = requireAuth(ctx);
      const r = ackTx(a.device, a.mailbox, parseCursor(upTo));
      return { upTo: String(r.acked), deleted: r.deleted, remaining: r.remaining };
    },
  },
  Subscription: {
    messages: {
      subscribe: (_, { after }, ctx) => follow(requireAuth(ctx).mailbox, parseCursor(after)),
      resolve: (payload) => payload.messages,
    },
  },
};

const schema = buildSchema(readFileSync(opts.schema, 'utf8'));
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  for (const [name, r] of Object.entries(fields)) {
    const f = type.getFields()[name];
    if (typeof r === 'function') f.resolve = r;
    else Object.assign(f, r);
  }
}

// --- GraphQL over HTTP -----------------------------------------------------

function reply(res, status, body, extra = {}) {
  const s = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(s),
    ...extra,
  });
  res.end(s);
}

async function runHttp(req, res, text) {
  let params;
  try {
    params = JSON.parse(text);
  } catch {
    return reply(res, 400, { errors: [{ message: 'body is not JSON' }] });
  }
  if (!params || typeof params.query !== 'string')
    return reply(res, 400, { errors: [{ message: 'no query' }] });
  let doc;
  try {
    doc = parse(params.query);
  } catch (e) {
    return reply(res, 400, { errors: [e] });
  }
  const errors = validate(schema, doc);
  if (errors.length) return reply(res, 400, { errors });
  const h = req.headers.authorization ?? '';
  const token = /^bearer /i.test(h) ? h.slice(7).trim() : '';
  const result = await execute({
    schema, document: doc, variableValues: params.variables,
    operationName: params.operationName, contextValue: { auth: authenticate(token) },
  });
  reply(res, 200, result);
}

const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path !== '/graphql') return reply(res, 404, { errors: [{ message: 'not found' }] });
  if (req.method !== 'POST') return reply(res, 405, { errors: [{ message: 'use POST' }] }, { allow: 'POST' });
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) { reply(res, 413, { errors: [{ message: 'body too large' }] }); req.destroy(); }
    else chunks.push(c);
  });
  req.on('end', () => {
    runHttp(req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
      reply(res, 500, { errors: [{ message: String(e && e.message) }] });
    });
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

// --- GraphQL over WebSocket ------------------------------------------------

const wss = new WebSocketServer({ server, path: '/graphql' });
useServer({
  schema,
  onConnect: (ctx) => {
    const token = ctx.connectionParams?.authorization;
    if (token === undefined) return true;			// public only
    ctx.extra.auth = authenticate(token);
    return ctx.extra.auth !== null;				// else 4403
  },
  context: (ctx) => ({ auth: ctx.extra.auth ?? null }),
}, wss);

// --- start and stop --------------------------------------------------------

server.listen(Number(opts.port), opts.host, () => {
  const port = server.address().port;
  if (opts['port-file']) {
    writeFileSync(`${opts['port-file']}.tmp`, `${port}\n`);
    renameSync(`${opts['port-file']}.tmp`, opts['port-file']);
  }
  console.log(`peer: listening on ${opts.host}:${port} (onion ${ONION})`);
});

function stop() {
  for (const c of wss.clients) c.terminate();
  server.close();
  server.closeAllConnections();
  db.close();
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
