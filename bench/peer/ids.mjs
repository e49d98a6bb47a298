// bench/peer/ids.mjs: the identifiers of onionmsg(7) the peer needs, in
// plain JavaScript: RFC 4648 base32 (lowercase, no padding), BLAKE2b with a
// short digest (RFC 7693; Node's OpenSSL offers only BLAKE2b-512), mailbox
// ids (base32(BLAKE2b-160("onionmsg mailbox v1" || owner key))), onion
// labels of an Ed25519 public key, and reading the claims of a bearer token
// (without checking its signature: see README.md, "Fairness"). Only set-up
// and connection-time work runs here, never a per-message path.

import { createHash } from 'node:crypto';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

// Encode bytes as lowercase unpadded base32.
export function base32(bytes) {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  return out;
}

const M64 = (1n << 64n) - 1n;
const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n, 0x510e527fade682d1n, 0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

function rotr(x, n) {
  return ((x >> n) | (x << (64n - n))) & M64;
}

function compress(h, block, t, last) {
  const m = [];
  for (let i = 0; i < 16; i++) m.push(block.readBigUInt64LE(i * 8));
  const v = h.concat(IV);
  v[12] ^= t & M64;
  v[13] ^= t >> 64n;
  if (last) v[14] ^= M64;
  const g = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & M64; v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & M64; v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & M64; v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & M64; v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]);
    g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]);
    g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]);
    g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]);
    g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

// Return the unkeyed BLAKE2b digest of data, outlen (1 to 64) bytes long.
export function blake2b(data, outlen) {
  const h = IV.slice();
  h[0] ^= 0x01010000n ^ BigInt(outlen);
  const nblocks = Math.max(1, Math.ceil(data.length / 128));
  for (let i = 0; i < nblocks; i++) {
    const block = Buffer.alloc(128);
    data.copy(block, 0, i * 128, Math.min(data.length, (i + 1) * 128));
    const last = i === nblocks - 1;
    const t = last ? BigInt(data.length) : BigInt((i + 1) * 128);
    compress(h, block, t, last);
  }
  const out = Buffer.alloc(64);
  h.forEach((w, i) => out.writeBigUInt64LE(w, i * 8));
  return out.subarray(0, outlen);
}

// Return the mailbox id of a 32-byte owner public key.
export function mailboxId(ownerKey) {
  const pre = Buffer.from('onionmsg mailbox v1');
  return base32(blake2b(Buffer.concat([pre, ownerKey]), 20));
}

// Return the 56-character onion label of a 32-byte Ed25519 public key.
export function onionLabel(pub) {
  const ver = Buffer.from([3]);
  const sum = createHash('sha3-256')
    .update(Buffer.concat([Buffer.from('.onion checksum'), pub, ver]))
    .digest()
    .subarray(0, 2);
  return base32(Buffer.concat([pub, sum, ver]));
}

// Read an onionmsg bearer token's signer key and mailbox id, or null. The
// layout is onionmsg(7)'s; the signature, audience and expiry are not
// checked (the peer trusts its loopback benchmark clients).
export function tokenClaims(token) {
  if (token.length !== 220 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== 165 || raw[0] !== 1) return null;
  return {
    signer: raw.subarray(1, 33),
    mailbox: base32(raw.subarray(33, 53)),
  };
}
