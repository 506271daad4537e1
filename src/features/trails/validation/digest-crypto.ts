// Gzip and crypto for log file validation, matching what `aws cloudtrail validate-logs` does with
// the same bytes (SEMANTICS.md §17.12). WebCrypto does the hashing and the RSA verification.
import { Gunzip, gunzipSync } from 'fflate';

/**
 * The uncompressed bytes of a log file as the AWS CLI hashes them: it inflates a stream and hashes
 * what comes out, so only the first gzip member counts, bytes after it are ignored, and a truncated
 * file yields what could be inflated (a different hash, not an error). A file that is not gzip at
 * all throws.
 */
export function inflateLogFile(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  // Set by the inflater's callbacks, so read through an object the compiler does not narrow.
  const state = { firstMemberDone: false };
  const inflater = new Gunzip((chunk) => {
    if (!state.firstMemberDone) chunks.push(chunk);
  });
  inflater.onmember = () => {
    state.firstMemberDone = true;
  };
  try {
    inflater.push(bytes, true);
  } catch (error) {
    // After the first member, or at a cut-off end, the CLI's inflater stops without complaint.
    if (!state.firstMemberDone && !(error instanceof Error && /unexpected EOF/i.test(error.message))) throw error;
  }
  return concat(chunks);
}

/** The uncompressed bytes of a digest file: one gzip member, complete (the CLI inflates it in one call). */
export function inflateDigestFile(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat([gunzipSync(bytes)]);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Lower-case hex SHA-256 of bytes. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * Hex to bytes, failing as Python's binascii.unhexlify does (the CLI decodes the signature with
 * it, and reports its message when it fails).
 */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0) throw new Error('Odd-length string');
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new Error('Non-hexadecimal digit found');
  const out = new Uint8Array(hex.length / 2);
  for (let index = 0; index < out.length; index++) out[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return out;
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
const RSA_ENCRYPTION = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/**
 * A DER PKCS#1 RSAPublicKey (what ListPublicKeys returns) wrapped into the SubjectPublicKeyInfo
 * WebCrypto imports: SEQUENCE { rsaEncryption, BIT STRING { 0 unused bits, the PKCS#1 key } }.
 */
export function pkcs1ToSpki(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const bitString = [0x03, ...derLength(pkcs1.byteLength + 1), 0x00];
  const bodyLength = RSA_ENCRYPTION.length + bitString.length + pkcs1.byteLength;
  const head = [0x30, ...derLength(bodyLength), ...RSA_ENCRYPTION, ...bitString];
  const out = new Uint8Array(head.length + pkcs1.byteLength);
  out.set(head);
  out.set(pkcs1, head.length);
  return out;
}

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Imports a DER PKCS#1 RSA public key for RSASSA-PKCS1-v1_5 / SHA-256 verification. */
export function importPkcs1PublicKey(pkcs1: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', pkcs1ToSpki(pkcs1), RSA_SHA256, false, ['verify']);
}

/** Checks an RSASSA-PKCS1-v1_5 signature with SHA-256 (Java's SHA256withRSA). */
export function verifySha256WithRsa(
  key: CryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  return crypto.subtle.verify(RSA_SHA256, key, signature, data);
}
