import { createPublicKey, createVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import { createNodeSigner, nodeSigner } from './node-signer';

const data = new TextEncoder().encode('2025-06-02T12:00:00Z\nbucket/key\nabc\nnull');

test('generates RSA-2048 keys with e = 65537 whose PKCS#1 DER public key verifies its signatures', async () => {
  const pair = await nodeSigner.generateKeyPair();
  const publicKey = createPublicKey({ key: Buffer.from(pair.publicKeyPkcs1), format: 'der', type: 'pkcs1' });
  expect(publicKey.asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });
  // The DER of a 2048-bit RSAPublicKey, as ListPublicKeys shows it: MIIBCgKCAQEA...
  expect(Buffer.from(pair.publicKeyPkcs1).toString('base64')).toMatch(/^MIIBCgKCAQEA/);
  const signature = await nodeSigner.sign(pair.privateKeyPkcs8, data);
  expect(signature).toHaveLength(256);
  expect(createVerify('RSA-SHA256').update(data).verify(publicKey, signature)).toBe(true);
  expect(createVerify('RSA-SHA256').update('other').verify(publicKey, signature)).toBe(false);
});

test('a signer that reuses its key pair hands out the same pair every time', async () => {
  const signer = createNodeSigner({ reuseKeyPair: true });
  const [first, second] = await Promise.all([signer.generateKeyPair(), signer.generateKeyPair()]);
  expect(second).toBe(first);
  expect(await createNodeSigner({ reuseKeyPair: true }).generateKeyPair()).toBe(first);
});
