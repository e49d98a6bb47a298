// lib.mjs: what the interop, end-to-end and hostile node scripts share:
// TAP lines without numbers (tests/integration/interop_lib.sh renumbers
// them), the fixtures the shell script exported, GraphQL over fetch, and
// bounded waiting. Every wait here has a deadline.
export const env = process.env;
export const url = env.OM_URL, wsUrl = env.OM_WS, base = env.OM_BASE;

let failed = 0;

// ok(cond, what, extra, todo): one TAP line; extra is printed on failure.
export function ok(cond, what, extra, todo) {
  const dir = todo && !cond ? ` # TODO ${todo}` : '';
  console.log(`${cond ? 'ok' : 'not ok'} - ${what}${dir}`);
  if (!cond) {
    if (!todo) failed++;
    if (extra !== undefined) console.log(`# ${JSON.stringify(extra).slice(0, 2000)}`);
  }
  return cond;
}

export function skip(what, why) {
  console.log(`ok - ${what} # SKIP ${why}`);
}

export function note(s) {
  for (const l of String(s).split('\n')) console.log(`# ${l}`);
}

export function finish() {
  process.exit(failed ? 1 : 0);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// until(fn, ms): poll fn every 20 ms until it is truthy or ms pass.
export async function until(fn, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await sleep(20);
  }
}

// gql(query, variables, token): POST /graphql; the parsed body.
export async function gql(query, variables, token) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30000) });
  const body = await r.json();
  body.status = r.status;
  return body;
}

const SEND = `mutation($to: Address!, $id: ID!, $e: Base64!) {
  sendMessage(to: $to, id: $id, envelope: $e) { cursor duplicate state } }`;

// send(to, id, bytes): store a message of `bytes` bytes (its id repeated).
export async function send(to, id, bytes = 16) {
  const e = Buffer.alloc(bytes, id).toString('base64');
  return gql(SEND, { to, id, e });
}

// rssKb(pid): the VmRSS of a process, in kB.
export async function rssKb(pid) {
  const fs = await import('node:fs');
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return m ? Number(m[1]) : NaN;
}
