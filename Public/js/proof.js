// Proof of work for joining an open campaign that asks for it: SHA-256 hashcash in the page, nothing fetched.
import { api, seg } from "./api.js";

const encoder = new TextEncoder();

/** SHA-256 (FIPS 180-4) in plain JavaScript: the round constants and the initial state. */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** One compression of the 64-byte block in `w[0..15]` into the state `h` (both Uint32Arrays, reused). */
function compress(h, w) {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15], y = w[t - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (let t = 0; t < 64; t++) {
    const t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

/** Loads 64 bytes from `bytes` at `offset` into `w[0..15]`, big-endian. */
function load(w, bytes, offset) {
  for (let t = 0; t < 16; t++) {
    const i = offset + 4 * t;
    w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
  }
}

/** SHA-256 of `bytes`, for pages served without a secure context (no WebCrypto) and for the tests. */
export function sha256(bytes) {
  const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
  view.setUint32(padded.length - 4, (bytes.length << 3) >>> 0);
  const h = new Uint32Array(INITIAL), w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    load(w, padded, offset);
    compress(h, w);
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(4 * i, h[i]);
  return out;
}

/** Leading zero bits of a digest. */
export function zeroBits(digest) {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Leading zero bits of a state's first words (the digest, before it is written out as bytes). */
function stateZeroBits(h) {
  let bits = 0;
  for (let i = 0; i < 8; i++) {
    if (h[i] === 0) { bits += 32; continue; }
    return bits + Math.clz32(h[i]);
  }
  return bits;
}

/**
 * The smallest decimal nonce whose SHA-256("challenge:nonce") starts with `bits` zero bits. The
 * full blocks of "challenge:" are hashed once (the midstate) and each nonce costs one compression
 * of the last block with no allocation, yielding to the page between batches so it stays
 * responsive. That beats WebCrypto by far here (its one promise per digest made it some tens of
 * thousands of hashes a second in Chromium), so WebCrypto, where the page has it, only checks
 * the nonce found before it is sent.
 */
export async function solve(challenge, bits) {
  const prefix = encoder.encode(`${challenge}:`);
  const full = prefix.length - (prefix.length % 64);
  const rest = prefix.length - full;
  if (rest + 20 + 9 > 64) return solveSlowly(challenge, bits);
  const mid = new Uint32Array(INITIAL), w = new Uint32Array(64), h = new Uint32Array(8);
  for (let offset = 0; offset < full; offset += 64) {
    load(w, prefix, offset);
    compress(mid, w);
  }
  const block = new Uint8Array(64);
  for (let nonce = 0; ; ) {
    for (const end = nonce + 16384; nonce < end; nonce++) {
      const digits = String(nonce);
      block.fill(0);
      block.set(prefix.subarray(full));
      for (let i = 0; i < digits.length; i++) block[rest + i] = digits.charCodeAt(i);
      const length = rest + digits.length;
      block[length] = 0x80;
      const bitLength = (prefix.length + digits.length) * 8;
      block[62] = (bitLength >>> 8) & 0xff;
      block[63] = bitLength & 0xff;
      block[61] = (bitLength >>> 16) & 0xff;
      load(w, block, 0);
      h.set(mid);
      compress(h, w);
      if (stateZeroBits(h) >= bits && (await confirmed(challenge, digits, bits))) return digits;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The plain search for a prefix too long for one last block (not our challenges; kept for safety). */
async function solveSlowly(challenge, bits) {
  for (let nonce = 0; ; nonce++) {
    if (zeroBits(sha256(encoder.encode(`${challenge}:${nonce}`))) >= bits) return String(nonce);
    if (nonce % 4096 === 4095) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** WebCrypto's word on a found nonce, where the page has it (a secure context); true without it. */
async function confirmed(challenge, nonce, bits) {
  if (!globalThis.crypto?.subtle) return true;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(`${challenge}:${nonce}`)));
  return zeroBits(digest) >= bits;
}

/** A fresh challenge for the campaign and its solution, as the join's `proof`; null when none is asked. */
export async function joinProof(slug) {
  const { bits, challenge } = await api("GET", `/api/campaigns/${seg(slug)}/join/challenge`);
  if (!bits || !challenge) return null;
  return { challenge, nonce: await solve(challenge, bits) };
}
