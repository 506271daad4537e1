import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { emulator } from '../../../node';
import { gzip, isoSeconds, logFileBody, logFileKey, logFileUnique, sha256Hex } from './log-files';

const AT = Date.UTC(2025, 5, 2, 9, 5, 42);

test('log file keys follow the documented layout, with and without a prefix', () => {
  expect(logFileKey(undefined, '123456789012', 'eu-west-1', AT, 'AbCdEfGh12345678')).toBe(
    'AWSLogs/123456789012/CloudTrail/eu-west-1/2025/06/02/123456789012_CloudTrail_eu-west-1_20250602T0905Z_AbCdEfGh12345678.json.gz',
  );
  expect(logFileKey('a/b', '123456789012', 'us-east-1', AT, 'x'.repeat(16))).toMatch(
    /^a\/b\/AWSLogs\/123456789012\/CloudTrail\/us-east-1\/2025\/06\/02\/123456789012_CloudTrail_us-east-1_20250602T0905Z_x{16}\.json\.gz$/,
  );
});

test('the unique part is 16 alphanumerics, the same for the same delivery and different for another', () => {
  const arn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit';
  const unique = logFileUnique(emulator.state, arn, 'us-east-1', 3, AT);
  expect(unique).toMatch(/^[A-Za-z0-9]{16}$/);
  expect(logFileUnique(emulator.state, arn, 'us-east-1', 3, AT)).toBe(unique);
  expect(logFileUnique(emulator.state, arn, 'us-east-1', 4, AT)).not.toBe(unique);
  expect(logFileUnique(emulator.state, arn, 'us-west-2', 3, AT)).not.toBe(unique);
});

test('the body holds the records as given, and gzip is one member that gunzips to it', () => {
  const body = logFileBody(['{"eventID":"a"}', '{"eventID":"b","x":[1,2]}']);
  expect(body).toBe('{"Records":[{"eventID":"a"},{"eventID":"b","x":[1,2]}]}');
  const bytes = new TextEncoder().encode(body);
  const zipped = gzip(bytes, AT);
  expect(gunzipSync(zipped).toString('utf8')).toBe(body);
  // Deterministic (no wall clock in the header), and the member is the whole object.
  expect(gzip(bytes, AT)).toEqual(zipped);
  expect([zipped[0], zipped[1]]).toEqual([0x1f, 0x8b]);
  expect(new DataView(zipped.buffer, zipped.byteOffset).getUint32(4, true)).toBe(Math.floor(AT / 1000));
  expect(new DataView(zipped.buffer, zipped.byteOffset).getUint32(zipped.length - 4, true)).toBe(bytes.length);
  expect(sha256Hex(bytes)).toMatch(/^[0-9a-f]{64}$/);
  expect(logFileBody([])).toBe('{"Records":[]}');
});

test('times are written to the second', () => {
  expect(isoSeconds(AT + 999)).toBe('2025-06-02T09:05:42Z');
});
