// The digest signer of the Node entry points (SEMANTICS.md §17.11): node:crypto's RSA, lent to the
// emulator core, which has no crypto of its own for this.
import { createPrivateKey, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import type { DigestSigner, SigningKeyPair } from './emulator/signer';

/** A new RSA-2048 key pair (e = 65537): PKCS#8 DER private key, PKCS#1 DER public key. */
function newKeyPair(): Promise<SigningKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicExponent: 65537,
        publicKeyEncoding: { type: 'pkcs1', format: 'der' },
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
      },
      (error, publicKey, privateKey) => {
        if (error) reject(error);
        else resolve({ privateKeyPkcs8: new Uint8Array(privateKey), publicKeyPkcs1: new Uint8Array(publicKey) });
      },
    );
  });
}

/** One key pair shared by every signer made with `reuseKeyPair` in this process. */
let sharedKeyPair: Promise<SigningKeyPair> | undefined;

export interface NodeSignerOptions {
  /**
   * Hands out one key pair, generated once per process, for every key asked for: generating an
   * RSA key takes tens of milliseconds, and a test world that signs digests in 17 regions would
   * otherwise pay for 17 on every reset. Keys then differ only by their validity.
   */
  readonly reuseKeyPair?: boolean;
}

/** A digest signer over node:crypto. */
export function createNodeSigner(options: NodeSignerOptions = {}): DigestSigner {
  // Parsing a PKCS#8 key costs more than the signature; a world signs with a few keys.
  const parsed = new Map<string, KeyObject>();
  function privateKey(pkcs8: Uint8Array): KeyObject {
    const id = Buffer.from(pkcs8).toString('base64');
    let key = parsed.get(id);
    if (!key) {
      key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
      parsed.set(id, key);
    }
    return key;
  }
  return {
    generateKeyPair: () => {
      if (!options.reuseKeyPair) return newKeyPair();
      sharedKeyPair ??= newKeyPair();
      return sharedKeyPair;
    },
    sign: (privateKeyPkcs8, data) => Promise.resolve(new Uint8Array(sign('sha256', data, privateKey(privateKeyPkcs8)))),
  };
}

/** The Node entry points' signer: a new key pair for every key. */
export const nodeSigner: DigestSigner = createNodeSigner();
