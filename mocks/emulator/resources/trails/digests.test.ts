import { expect, test } from 'vitest';
import { digestBody, digestKey, digestStringToSign } from './digests';

const TRAIL = { account: '123456789012', name: 'audit', homeRegion: 'us-east-1' };
const END = Date.UTC(2025, 5, 2, 13, 30, 7);

test('digest keys carry the source and home regions and the end time where validate-logs reads them', () => {
  const key = digestKey({ ...TRAIL, s3KeyPrefix: 'logs' }, 'eu-west-1', END);
  expect(key).toBe(
    'logs/AWSLogs/123456789012/CloudTrail-Digest/eu-west-1/2025/06/02/123456789012_CloudTrail-Digest_eu-west-1_audit_us-east-1_20250602T133007Z.json.gz',
  );
  // validate-logs: the date is key[-24:-8]; the trail is matched by `_<source>_<name>_<home>_`.
  expect(key.slice(-24, -8)).toBe('20250602T133007Z');
  expect(key).toContain('_eu-west-1_audit_us-east-1_');
  expect(digestKey(TRAIL, 'us-east-1', END)).toMatch(/^AWSLogs\//);
});

test('a starting digest has null previous fields and null event times when it lists no file', () => {
  const body = digestBody({
    account: '123456789012',
    start: END - 3_600_000,
    end: END,
    s3Bucket: 'b',
    s3Object: 'k',
    fingerprint: 'f'.repeat(32),
    previous: undefined,
    logFiles: [],
  });
  expect(body).toBe(
    '{"awsAccountId":"123456789012","digestStartTime":"2025-06-02T12:30:07Z","digestEndTime":"2025-06-02T13:30:07Z",' +
      '"digestS3Bucket":"b","digestS3Object":"k","digestPublicKeyFingerprint":"ffffffffffffffffffffffffffffffff",' +
      '"digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":null,"oldestEventTime":null,' +
      '"previousDigestS3Bucket":null,"previousDigestS3Object":null,"previousDigestHashValue":null,' +
      '"previousDigestHashAlgorithm":null,"previousDigestSignature":null,"logFiles":[]}',
  );
});

test('a digest names its previous digest and spans the event times of its files', () => {
  const file = (oldest: string, newest: string) => ({
    s3Bucket: 'b',
    s3Object: `log-${oldest}`,
    hashValue: 'ab',
    oldestEventTime: oldest,
    newestEventTime: newest,
    deliveredAt: 0,
  });
  const body = JSON.parse(
    digestBody({
      account: '1',
      start: END - 1000,
      end: END,
      s3Bucket: 'b',
      s3Object: 'k',
      fingerprint: 'f',
      previous: { s3Bucket: 'old', s3Object: 'prev', hashValue: 'cd', signature: 'ef' },
      logFiles: [
        file('2025-06-02T12:40:00Z', '2025-06-02T12:44:00Z'),
        file('2025-06-02T12:31:00Z', '2025-06-02T12:41:00Z'),
      ],
    }),
  ) as Record<string, unknown>;
  expect(body).toMatchObject({
    newestEventTime: '2025-06-02T12:44:00Z',
    oldestEventTime: '2025-06-02T12:31:00Z',
    previousDigestS3Bucket: 'old',
    previousDigestS3Object: 'prev',
    previousDigestHashValue: 'cd',
    previousDigestHashAlgorithm: 'SHA-256',
    previousDigestSignature: 'ef',
    logFiles: [
      {
        s3Bucket: 'b',
        s3Object: 'log-2025-06-02T12:40:00Z',
        hashValue: 'ab',
        hashAlgorithm: 'SHA-256',
        newestEventTime: '2025-06-02T12:44:00Z',
        oldestEventTime: '2025-06-02T12:40:00Z',
      },
      expect.objectContaining({ s3Object: 'log-2025-06-02T12:31:00Z' }),
    ],
  });
});

test('the string to sign is end time, bucket/key, hash and previous signature, one per line', () => {
  expect(digestStringToSign('2025-06-02T13:30:07Z', 'b', 'k/d.json.gz', 'ab12', null)).toBe(
    '2025-06-02T13:30:07Z\nb/k/d.json.gz\nab12\nnull',
  );
  expect(digestStringToSign('t', 'b', 'k', 'h', 'ff00')).toBe('t\nb/k\nh\nff00');
});
