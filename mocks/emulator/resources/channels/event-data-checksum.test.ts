// The pure-TypeScript checksum (the browser's) and node:crypto's, which the Node entry points lend
// the emulator instead, must give the same bytes for every eventData (SEMANTICS.md §13).
import { expect, test } from 'vitest';
import { nodeSha256Base64 } from '../../../node';
import { sha256Base64 } from '../../hash';
import { mulberry32 } from '../../random';
import { eventDataChecksum } from './event-data-checksum';

test('the pure-TypeScript checksum is node:crypto’s SHA-256 of the UTF-8 bytes, for any text', () => {
  const texts = [
    '',
    'abc',
    '{"version":"1.0"}',
    // Padding edges: 55, 56 and 64 bytes fill one block, need two, fill one exactly.
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(63),
    'a'.repeat(64),
    'a'.repeat(119),
    'é'.repeat(28),
    'Überweisung 💶 €',
    // Lone surrogates are encoded as U+FFFD, as TextEncoder and node:crypto both do.
    '\ud800',
    'x\udc00y',
    'tail\ud83d',
    '\u0000\u007f\u0080\u07ff\u0800\uffff',
    'x'.repeat(1_048_576),
  ];
  const rng = mulberry32(13);
  const alphabet = 'ab{}[]"\\é€😀\ud800\u0000';
  for (let index = 0; index < 200; index++) texts.push(rng.chars(rng.int(2000), alphabet));
  for (const text of texts) {
    const expected = nodeSha256Base64(text);
    expect(eventDataChecksum(text)).toBe(expected);
    expect(sha256Base64(text)).toBe(expected);
  }
});
