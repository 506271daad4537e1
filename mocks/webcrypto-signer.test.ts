import { createPublicKey, createVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import { nodeSigner } from './node-signer';
import { createWebCryptoSigner, pkcs1FromSpki } from './webcrypto-signer';

const data = new TextEncoder().encode('2025-06-02T12:00:00Z\nbucket/key\nabc\nnull');
const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

test('a WebCrypto key pair signs what node:crypto verifies against its PKCS#1 DER public key', async () => {
  const signer = createWebCryptoSigner();
  const pair = await signer.generateKeyPair();
  const publicKey = createPublicKey({ key: Buffer.from(pair.publicKeyPkcs1), format: 'der', type: 'pkcs1' });
  expect(publicKey.asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });
  const signature = await signer.sign(pair.privateKeyPkcs8, data);
  expect(createVerify('RSA-SHA256').update(data).verify(publicKey, signature)).toBe(true);
  // The same key signs the same bytes the same way in node:crypto (PKCS#1 v1.5 is deterministic).
  expect(Buffer.from(await nodeSigner.sign(pair.privateKeyPkcs8, data))).toEqual(Buffer.from(signature));
});

test('a node:crypto key pair signs in WebCrypto, and WebCrypto verifies node:crypto signatures', async () => {
  const pair = await nodeSigner.generateKeyPair();
  const signature = await createWebCryptoSigner().sign(pair.privateKeyPkcs8, data);
  const spki = createPublicKey({ key: Buffer.from(pair.publicKeyPkcs1), format: 'der', type: 'pkcs1' }).export({
    type: 'spki',
    format: 'der',
  });
  expect(Buffer.from(pkcs1FromSpki(new Uint8Array(spki)))).toEqual(Buffer.from(pair.publicKeyPkcs1));
  const verifier = await crypto.subtle.importKey('spki', spki, ALGORITHM, false, ['verify']);
  expect(
    await crypto.subtle.verify(ALGORITHM, verifier, (await nodeSigner.sign(pair.privateKeyPkcs8, data)).slice(), data),
  ).toBe(true);
  expect(await crypto.subtle.verify(ALGORITHM, verifier, signature.slice(), data)).toBe(true);
});

test('pkcs1FromSpki refuses what is not an SPKI', () => {
  expect(() => pkcs1FromSpki(new Uint8Array([0x02, 0x01, 0x00]))).toThrow();
});
