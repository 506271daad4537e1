// The digest signer of the browser (SEMANTICS.md §17.11): WebCrypto RSASSA-PKCS1-v1_5 with SHA-256,
// lent to the emulator core. WebCrypto exports a public key only as SPKI; CloudTrail publishes the
// PKCS#1 RSAPublicKey, which is the content of the SPKI's BIT STRING.
import type { DigestSigner, SigningKeyPair } from './emulator/signer';

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A DER element at `offset`: where its content starts and how long it is. */
function derElement(bytes: Uint8Array, offset: number): { tag: number; start: number; length: number } {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) throw new Error('Truncated DER');
  if (first < 0x80) return { tag, start: offset + 2, length: first };
  const count = first & 0x7f;
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + (bytes[offset + 2 + index] ?? 0);
  return { tag, start: offset + 2 + count, length };
}

/**
 * The PKCS#1 RSAPublicKey inside an SPKI DER: SubjectPublicKeyInfo ::= SEQUENCE { algorithm
 * SEQUENCE, subjectPublicKey BIT STRING }, whose first content byte counts unused bits (0).
 */
export function pkcs1FromSpki(spki: Uint8Array): Uint8Array {
  const outer = derElement(spki, 0);
  const algorithm = derElement(spki, outer.start);
  const bitString = derElement(spki, algorithm.start + algorithm.length);
  if (outer.tag !== 0x30 || algorithm.tag !== 0x30 || bitString.tag !== 0x03 || spki[bitString.start] !== 0)
    throw new Error('Not an RSA SubjectPublicKeyInfo');
  return spki.slice(bitString.start + 1, bitString.start + bitString.length);
}

/** A digest signer over WebCrypto (`crypto.subtle`: browsers, workers and Node alike). */
export function createWebCryptoSigner(subtle: SubtleCrypto = globalThis.crypto.subtle): DigestSigner {
  // Importing a private key parses it; a world signs with the same few keys over and over.
  const imported = new Map<string, Promise<CryptoKey>>();
  function privateKey(pkcs8: Uint8Array): Promise<CryptoKey> {
    const id = String.fromCharCode(...pkcs8);
    let key = imported.get(id);
    if (!key) {
      key = subtle.importKey('pkcs8', pkcs8.slice(), ALGORITHM, false, ['sign']);
      imported.set(id, key);
    }
    return key;
  }
  return {
    generateKeyPair: async (): Promise<SigningKeyPair> => {
      const pair = await subtle.generateKey(
        { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
        true,
        ['sign', 'verify'],
      );
      const [pkcs8, spki] = await Promise.all([
        subtle.exportKey('pkcs8', pair.privateKey),
        subtle.exportKey('spki', pair.publicKey),
      ]);
      return { privateKeyPkcs8: new Uint8Array(pkcs8), publicKeyPkcs1: pkcs1FromSpki(new Uint8Array(spki)) };
    },
    sign: async (privateKeyPkcs8, data) =>
      new Uint8Array(await subtle.sign(ALGORITHM, await privateKey(privateKeyPkcs8), data.slice())),
  };
}
