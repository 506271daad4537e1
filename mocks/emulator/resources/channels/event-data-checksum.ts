// The checksum PutAuditEvents compares eventDataChecksum with (SEMANTICS.md §13): base64 of the
// SHA-256 of eventData's UTF-8 bytes, as hash.ts's sha256Base64 computes it. Every accepted event
// with a checksum is hashed, so this is a SHA-256 (FIPS 180-4) tuned for that path: strings are
// encoded straight into one reused buffer, read as words, and the rounds run on local variables;
// for events of a few hundred bytes it takes about half the time of the general-purpose hash.
// It serves the browser: in Node the entry points lend the world node:crypto's hash instead
// (WorldServices.sha256Base64 in state.ts), about five times faster, with the same bytes.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const W = new Int32Array(64);
const H = new Int32Array(8);
const encoder = new TextEncoder();
const BIG_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 0;
let buffer = new Uint8Array(4096);
let words = new Int32Array(buffer.buffer);

/** Runs the compression function over `length` bytes (a multiple of 64) of `words` into H. */
function compress(words: Int32Array, length: number) {
  let h0 = H[0] as number;
  let h1 = H[1] as number;
  let h2 = H[2] as number;
  let h3 = H[3] as number;
  let h4 = H[4] as number;
  let h5 = H[5] as number;
  let h6 = H[6] as number;
  let h7 = H[7] as number;
  for (let offset = 0; offset < length / 4; offset += 16) {
    // The bytes were written in memory order; typed arrays read words in the platform's order.
    for (let index = 0; index < 16; index++) {
      const word = words[offset + index] as number;
      W[index] = BIG_ENDIAN
        ? word
        : ((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24);
    }
    for (let index = 16; index < 64; index++) {
      const w15 = W[index - 15] as number;
      const w2 = W[index - 2] as number;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[index] = ((W[index - 16] as number) + s0 + (W[index - 7] as number) + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let index = 0; index < 64; index++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[index] as number) + (W[index] as number)) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
  H[5] = h5;
  H[6] = h6;
  H[7] = h7;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digest = new Uint8Array(33);

/** base64(SHA-256(UTF-8 bytes of text)), byte for byte what hash.ts's sha256Base64 returns. */
export function eventDataChecksum(text: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit; 72 more hold the padding and length.
  const needed = text.length * 3 + 72;
  if (buffer.length < needed) {
    buffer = new Uint8Array(Math.ceil(Math.max(needed, buffer.length * 2) / 64) * 64);
    words = new Int32Array(buffer.buffer);
  }
  const { written } = encoder.encodeInto(text, buffer);
  const padded = Math.ceil((written + 9) / 64) * 64;
  buffer[written] = 0x80;
  buffer.fill(0, written + 1, padded - 4);
  // The bit length fits 32 bits: PutAuditEvents bodies are at most 1 MB.
  const bits = written * 8;
  buffer[padded - 4] = bits >>> 24;
  buffer[padded - 3] = (bits >>> 16) & 0xff;
  buffer[padded - 2] = (bits >>> 8) & 0xff;
  buffer[padded - 1] = bits & 0xff;
  H.set(INITIAL);
  compress(words, padded);
  for (let index = 0; index < 8; index++) {
    const word = H[index] as number;
    digest[index * 4] = word >>> 24;
    digest[index * 4 + 1] = (word >>> 16) & 0xff;
    digest[index * 4 + 2] = (word >>> 8) & 0xff;
    digest[index * 4 + 3] = word & 0xff;
  }
  digest[32] = 0;
  let out = '';
  for (let index = 0; index < 33; index += 3) {
    const chunk =
      ((digest[index] as number) << 16) | ((digest[index + 1] as number) << 8) | (digest[index + 2] as number);
    out +=
      BASE64.charAt(chunk >>> 18) +
      BASE64.charAt((chunk >>> 12) & 63) +
      BASE64.charAt((chunk >>> 6) & 63) +
      BASE64.charAt(chunk & 63);
  }
  // 32 bytes make 43 characters and one '=' of padding.
  return `${out.slice(0, 43)}=`;
}
