import { gzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { fromHex, inflateDigestFile, inflateLogFile, pkcs1ToSpki, toHex } from './digest-crypto';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const gzip = (value: string) => gzipSync(new TextEncoder().encode(value));
const joined = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

test('a log file is hashed over its first gzip member only, as the CLI’s stream inflater reads it', () => {
  const first = gzip('{"Records":[1]}');
  expect(text(inflateLogFile(joined(first, gzip('{"Records":[2]}'))))).toBe('{"Records":[1]}');
  expect(text(inflateLogFile(joined(first, new Uint8Array([1, 2, 3]))))).toBe('{"Records":[1]}');
  // Cut inside the trailer: the data is all there, so the hash still matches.
  expect(text(inflateLogFile(first.slice(0, -3)))).toBe('{"Records":[1]}');
  expect(() => inflateLogFile(new TextEncoder().encode('not gzip at all'))).toThrow();
});

test('a digest file must be one complete gzip member', () => {
  const digest = gzip('{"awsAccountId":"123456789012"}');
  expect(text(inflateDigestFile(digest))).toBe('{"awsAccountId":"123456789012"}');
  expect(() => inflateDigestFile(digest.slice(0, -3))).toThrow();
});

test('hex decoding fails with binascii’s messages', () => {
  expect(toHex(fromHex('00ff10'))).toBe('00ff10');
  expect(() => fromHex('abc')).toThrow('Odd-length string');
  expect(() => fromHex('zz')).toThrow('Non-hexadecimal digit found');
});

test('a PKCS#1 public key from ListPublicKeys imports into WebCrypto once wrapped as SPKI', async () => {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  // A 2048-bit key's SPKI is 294 bytes; its PKCS#1 part (the BIT STRING's contents) the last 270.
  expect(toHex(pkcs1ToSpki(spki.slice(24)))).toBe(toHex(spki));
});
