import { gzipSync } from 'fflate';
import { beforeAll, expect, test } from 'vitest';
import { toHex } from './digest-crypto';
import {
  summaryLines,
  transcriptLines,
  validateLogs,
  ValidationError,
  type ValidationRequest,
  type ValidationSources,
} from './validate-logs';

// Fixtures follow SEMANTICS.md §17.10-17.11 byte for byte: gzipped log files, digests whose
// signature covers endTime, bucket/key, the hash of the uncompressed digest and the previous
// signature, and a PKCS#1 public key served the way ListPublicKeys serves it.

const ACCOUNT = '123456789012';
const BUCKET = 'trail-bucket';
const PREFIX = 'team';
const REGION = 'us-east-1';
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/management-events`;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 5, 1, 0, 0, 0);

let signingKey: CryptoKey;
let publicKeyDer: Uint8Array;
let fingerprint: string;

/** The contents of the BIT STRING of a SubjectPublicKeyInfo: the PKCS#1 RSAPublicKey. */
function pkcs1Of(spki: Uint8Array): Uint8Array {
  const lengthAt = (at: number): { length: number; next: number } => {
    const first = spki[at] ?? 0;
    if (first < 0x80) return { length: first, next: at + 1 };
    let length = 0;
    for (let index = 0; index < (first & 0x7f); index++) length = length * 256 + (spki[at + 1 + index] ?? 0);
    return { length, next: at + 1 + (first & 0x7f) };
  };
  const outer = lengthAt(1); // SEQUENCE
  const algorithm = lengthAt(outer.next + 1); // SEQUENCE AlgorithmIdentifier
  const bitStringAt = algorithm.next + algorithm.length;
  const bitString = lengthAt(bitStringAt + 1);
  return spki.slice(bitString.next + 1, bitString.next + bitString.length);
}

beforeAll(async () => {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  signingKey = pair.privateKey;
  publicKeyDer = pkcs1Of(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
  fingerprint = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', publicKeyDer as BufferSource))).slice(0, 32);
});

interface StoredObject {
  bytes: Uint8Array<ArrayBuffer>;
  metadata: Record<string, string>;
}

/** An in-memory bucket behind the validator's injected S3 calls. */
class FakeS3 {
  readonly objects = new Map<string, StoredObject>();

  put(key: string, object: StoredObject) {
    this.objects.set(`${BUCKET}/${key}`, object);
  }

  get(key: string): StoredObject {
    const object = this.objects.get(`${BUCKET}/${key}`);
    if (!object) throw new Error(`no object ${key}`);
    return object;
  }

  delete(key: string) {
    this.objects.delete(`${BUCKET}/${key}`);
  }

  sources(keys: { Fingerprint?: string; Value?: Uint8Array }[] = [{ Fingerprint: fingerprint, Value: publicKeyDer }]) {
    const objects = this.objects;
    async function* listKeys(bucket: string, prefix: string, startAfter: string): AsyncIterable<string> {
      const keys = [...objects.keys()]
        .filter((path) => path.startsWith(`${bucket}/`))
        .map((path) => path.slice(bucket.length + 1))
        .filter((key) => key.startsWith(prefix) && key > startAfter)
        .sort();
      yield* await Promise.resolve(keys);
    }
    const sources: ValidationSources = {
      listKeys,
      getObject: (bucket, key) => Promise.resolve(this.objects.get(`${bucket}/${key}`)),
      listPublicKeys: () => Promise.resolve(keys),
    };
    return sources;
  }
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

function gzip(text: string): Uint8Array<ArrayBuffer> {
  const compressed = gzipSync(bytesOf(text));
  const out = new Uint8Array(compressed.byteLength);
  out.set(compressed);
  return out;
}

async function sha256HexOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

const compactDate = (time: number) =>
  new Date(time)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
const isoSeconds = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
const folderDate = (time: number) => new Date(time).toISOString().slice(0, 10).replaceAll('-', '/');

function logKey(time: number, unique: string): string {
  const stamp = compactDate(time).slice(0, 13) + 'Z';
  return `${PREFIX}/AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/${folderDate(time)}/${ACCOUNT}_CloudTrail_${REGION}_${stamp}_${unique}.json.gz`;
}

function digestKey(end: number): string {
  return (
    `${PREFIX}/AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/${folderDate(end)}/` +
    `${ACCOUNT}_CloudTrail-Digest_${REGION}_management-events_${REGION}_${compactDate(end)}.json.gz`
  );
}

interface Previous {
  key: string;
  hash: string;
  signature: string;
}

/** Writes one log file delivered at `time` and returns its digest entry. */
async function putLogFile(s3: FakeS3, time: number, unique: string) {
  const eventTime = isoSeconds(time - 60_000);
  const body = JSON.stringify({
    Records: [{ eventVersion: '1.11', eventTime, eventName: 'DescribeTrails', eventID: `id-${unique}` }],
  });
  const key = logKey(time, unique);
  s3.put(key, { bytes: gzip(body), metadata: {} });
  return {
    s3Bucket: BUCKET,
    s3Object: key,
    hashValue: await sha256HexOf(bytesOf(body)),
    hashAlgorithm: 'SHA-256',
    newestEventTime: eventTime,
    oldestEventTime: eventTime,
  };
}

/** Writes a signed digest covering [start, end) with the given log entries; returns the link for the next one. */
async function putDigest(
  s3: FakeS3,
  start: number,
  end: number,
  logFiles: Awaited<ReturnType<typeof putLogFile>>[],
  previous: Previous | null,
): Promise<Previous> {
  const key = digestKey(end);
  const body = JSON.stringify({
    awsAccountId: ACCOUNT,
    digestStartTime: isoSeconds(start),
    digestEndTime: isoSeconds(end),
    digestS3Bucket: BUCKET,
    digestS3Object: key,
    digestPublicKeyFingerprint: fingerprint,
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: logFiles.at(-1)?.newestEventTime ?? null,
    oldestEventTime: logFiles[0]?.oldestEventTime ?? null,
    previousDigestS3Bucket: previous ? BUCKET : null,
    previousDigestS3Object: previous?.key ?? null,
    previousDigestHashValue: previous?.hash ?? null,
    previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
    previousDigestSignature: previous?.signature ?? null,
    logFiles,
  });
  const hash = await sha256HexOf(bytesOf(body));
  const toSign = `${isoSeconds(end)}\n${BUCKET}/${key}\n${hash}\n${previous?.signature ?? 'null'}`;
  const signature = toHex(new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signingKey, bytesOf(toSign))));
  s3.put(key, { bytes: gzip(body), metadata: { signature, 'signature-algorithm': 'SHA256withRSA' } });
  return { key, hash, signature };
}

/** Hourly digests from T0 for `hours` hours, each listing two log files; the first is a chain start. */
async function buildChain(s3: FakeS3, fromHour: number, hours: number, previous: Previous | null = null) {
  const logs: string[] = [];
  const digests: string[] = [];
  let link = previous;
  for (let hour = fromHour; hour < fromHour + hours; hour++) {
    const start = T0 + hour * HOUR;
    const files = [
      await putLogFile(s3, start + 5 * 60_000, `A${String(hour).padStart(15, '0')}`),
      await putLogFile(s3, start + 35 * 60_000, `B${String(hour).padStart(15, '0')}`),
    ];
    logs.push(...files.map((file) => file.s3Object));
    link = await putDigest(s3, start, start + HOUR, files, link);
    digests.push(link.key);
  }
  return { logs, digests, last: link };
}

function request(startHour: number, endHour: number): ValidationRequest {
  return {
    trailArn: TRAIL_ARN,
    bucket: BUCKET,
    prefix: PREFIX,
    sourceRegion: REGION,
    startTime: new Date(T0 + startHour * HOUR),
    endTime: new Date(T0 + endHour * HOUR),
  };
}

const uri = (key: string) => `s3://${BUCKET}/${key}`;

function at(keys: readonly string[], index: number): string {
  const key = keys[index];
  if (key === undefined) throw new Error(`no key at ${String(index)}`);
  return key;
}

test('an untouched chain: every digest and log file valid, newest first, with the CLI summary', async () => {
  const s3 = new FakeS3();
  const { logs, digests } = await buildChain(s3, 0, 3);
  const report = await validateLogs(s3.sources(), request(0, 3));
  expect(transcriptLines(report)).toEqual([
    `Validating log files for trail ${TRAIL_ARN} between 2024-06-01T00:00:00Z and 2024-06-01T03:00:00Z`,
    '',
    `Digest file\t${uri(at(digests, 2))}\tvalid`,
    `Log file\t${uri(at(logs, 4))}\tvalid`,
    `Log file\t${uri(at(logs, 5))}\tvalid`,
    `Digest file\t${uri(at(digests, 1))}\tvalid`,
    `Log file\t${uri(at(logs, 2))}\tvalid`,
    `Log file\t${uri(at(logs, 3))}\tvalid`,
    `Digest file\t${uri(at(digests, 0))}\tvalid`,
    `Log file\t${uri(at(logs, 0))}\tvalid`,
    `Log file\t${uri(at(logs, 1))}\tvalid`,
    '',
    'Results requested for 2024-06-01T00:00:00Z to 2024-06-01T03:00:00Z',
    'Results found for 2024-06-01T01:00:00Z to 2024-06-01T03:00:00Z:',
    '',
    '3/3 digest files valid',
    '6/6 log files valid',
  ]);
});

test('a changed log file is named with "hash value doesn\'t match"', async () => {
  const s3 = new FakeS3();
  const { logs } = await buildChain(s3, 0, 3);
  const changed = at(logs, 2);
  s3.put(changed, { bytes: gzip('{"Records":[]}'), metadata: {} });
  const report = await validateLogs(s3.sources(), request(0, 3));
  const invalid = report.entries.filter((entry) => entry.kind === 'file' && !entry.valid);
  expect(invalid).toEqual([
    { kind: 'file', file: 'Log file', bucket: BUCKET, key: changed, valid: false, reason: "hash value doesn't match" },
  ]);
  expect(transcriptLines(report)).toContain(`Log file\t${uri(changed)}\tINVALID: hash value doesn't match`);
  expect(summaryLines(report).slice(-2)).toEqual([
    '3/3 digest files valid',
    '5/6 log files valid, 1/6 log files INVALID',
  ]);
});

test('a deleted log file is "not found"', async () => {
  const s3 = new FakeS3();
  const { logs } = await buildChain(s3, 0, 2);
  s3.delete(at(logs, 0));
  const report = await validateLogs(s3.sources(), request(0, 2));
  expect(report.entries.map((entry) => (entry.kind === 'file' && !entry.valid ? entry.reason : 'ok'))).toEqual([
    'ok',
    'ok',
    'ok',
    'ok',
    'not found',
    'ok',
  ]);
  expect(report.logs).toEqual({ valid: 3, invalid: 1 });
});

test('a changed digest fails its signature, and validation goes on with the older digests', async () => {
  const s3 = new FakeS3();
  const { digests } = await buildChain(s3, 0, 3);
  const tampered = at(digests, 1);
  const original = s3.get(tampered);
  // The same JSON with one log file dropped, gzipped again; the signature metadata stays.
  const text = new TextDecoder().decode((await import('fflate')).gunzipSync(original.bytes));
  const digest = JSON.parse(text) as { logFiles: unknown[] };
  digest.logFiles = digest.logFiles.slice(1);
  s3.put(tampered, { bytes: gzip(JSON.stringify(digest)), metadata: original.metadata });
  const report = await validateLogs(s3.sources(), request(0, 3));
  const digestLines = transcriptLines(report).filter((line) => line.startsWith('Digest file'));
  expect(digestLines).toEqual([
    `Digest file\t${uri(at(digests, 2))}\tvalid`,
    `Digest file\t${uri(tampered)}\tINVALID: signature verification failed`,
    `Digest file\t${uri(at(digests, 0))}\tvalid`,
  ]);
  expect(summaryLines(report).slice(-2)).toEqual([
    '2/3 digest files valid, 1/3 digest files INVALID',
    '4/4 log files valid',
  ]);
});

test('a digest without its signature metadata fails signature verification', async () => {
  const s3 = new FakeS3();
  const { digests } = await buildChain(s3, 0, 1);
  s3.put(at(digests, 0), { bytes: s3.get(at(digests, 0)).bytes, metadata: {} });
  const report = await validateLogs(s3.sources(), request(0, 1));
  expect(transcriptLines(report)).toContain(
    `Digest file\t${uri(at(digests, 0))}\tINVALID: signature verification failed`,
  );
  expect(summaryLines(report)).toEqual([
    'Results requested for 2024-06-01T00:00:00Z to 2024-06-01T01:00:00Z',
    'No valid digests found in range',
    '',
    '0/1 digest files valid, 1/1 digest files INVALID',
  ]);
});

test('a deleted digest is "not found", and the next older digest in the listing is checked', async () => {
  const s3 = new FakeS3();
  const { digests } = await buildChain(s3, 0, 3);
  s3.delete(at(digests, 1));
  const report = await validateLogs(s3.sources(), request(0, 3));
  expect(transcriptLines(report).filter((line) => line.startsWith('Digest file'))).toEqual([
    `Digest file\t${uri(at(digests, 2))}\tvalid`,
    `Digest file\t${uri(at(digests, 1))}\tINVALID: not found`,
    `Digest file\t${uri(at(digests, 0))}\tvalid`,
  ]);
});

test('a chain start with older digests left reports the gap between the chains', async () => {
  const s3 = new FakeS3();
  // Logging for two hours, stopped, started again at 05:00: the second chain starts afresh.
  const first = await buildChain(s3, 0, 2);
  const second = await buildChain(s3, 5, 2);
  const report = await validateLogs(s3.sources(), request(0, 7));
  const lines = transcriptLines(report).filter((line) => !line.startsWith('Log file'));
  expect(lines).toEqual([
    `Validating log files for trail ${TRAIL_ARN} between 2024-06-01T00:00:00Z and 2024-06-01T07:00:00Z`,
    '',
    `Digest file\t${uri(at(second.digests, 1))}\tvalid`,
    `Digest file\t${uri(at(second.digests, 0))}\tvalid`,
    '',
    'No log files were delivered by CloudTrail between 2024-06-01T02:00:00Z and 2024-06-01T05:00:00Z',
    '',
    `Digest file\t${uri(at(first.digests, 1))}\tvalid`,
    `Digest file\t${uri(at(first.digests, 0))}\tvalid`,
    '',
    'Results requested for 2024-06-01T00:00:00Z to 2024-06-01T07:00:00Z',
    'Results found for 2024-06-01T01:00:00Z to 2024-06-01T07:00:00Z:',
    '',
    '4/4 digest files valid',
    '8/8 log files valid',
  ]);
});

test('a chain start with nothing older is not a gap', async () => {
  const s3 = new FakeS3();
  await buildChain(s3, 0, 2);
  const report = await validateLogs(s3.sources(), request(0, 2));
  expect(report.entries.some((entry) => entry.kind === 'gap')).toBe(false);
});

test('only digests of the requested range are read, and the found range is reported as the CLI does', async () => {
  const s3 = new FakeS3();
  const { digests } = await buildChain(s3, 0, 6);
  const report = await validateLogs(s3.sources(), request(2, 3.5));
  // Keys dated in [start, end + 1 h] are listed; the chain is then followed back while the last
  // valid digest starts at or after the start.
  expect(
    report.entries.flatMap((entry) => (entry.kind === 'file' && entry.file === 'Digest file' ? [entry.key] : [])),
  ).toEqual([digests[3], digests[2], digests[1]]);
  // The CLI moves the found start only to digest starts after the requested start (03:00 here,
  // not 02:00), and clips the found end to the requested end.
  expect(summaryLines(report).slice(0, 2)).toEqual([
    'Results requested for 2024-06-01T02:00:00Z to 2024-06-01T03:30:00Z',
    'Results found for 2024-06-01T03:00:00Z to 2024-06-01T03:30:00Z:',
  ]);
});

test('a digest of another trail in the same folder is ignored', async () => {
  const s3 = new FakeS3();
  const { digests } = await buildChain(s3, 0, 1);
  s3.put(at(digests, 0).replace('_management-events_', '_other-trail_'), { bytes: gzip('{}'), metadata: {} });
  const report = await validateLogs(s3.sources(), request(0, 1));
  expect(report.digests).toEqual({ valid: 1, invalid: 0 });
});

test('a digest signed with an unknown key is named with its fingerprint', async () => {
  const s3 = new FakeS3();
  const { digests } = await buildChain(s3, 0, 1);
  const report = await validateLogs(s3.sources([{ Fingerprint: 'f'.repeat(32), Value: publicKeyDer }]), request(0, 1));
  expect(transcriptLines(report)).toContain(
    `Digest file\t${uri(at(digests, 0))}\tINVALID: public key not found in region ${REGION} for fingerprint ${fingerprint}`,
  );
});

test('no digests in the range says so', async () => {
  const s3 = new FakeS3();
  await buildChain(s3, 0, 1);
  const report = await validateLogs(s3.sources(), request(10, 12));
  expect(summaryLines(report)).toEqual([
    'Results requested for 2024-06-01T10:00:00Z to 2024-06-01T12:00:00Z',
    'No digests found',
  ]);
});

test('no public keys for the range ends the run with the CLI message', async () => {
  const s3 = new FakeS3();
  await buildChain(s3, 0, 1);
  await expect(validateLogs(s3.sources([]), request(0, 1))).rejects.toThrow(
    new ValidationError('No public keys found between 2024-06-01T00:00:00Z and 2024-06-01T03:00:00Z'),
  );
});

test('a start after the end is refused', async () => {
  await expect(validateLogs(new FakeS3().sources(), request(2, 1))).rejects.toThrow(
    'Invalid time range specified: start-time must occur before end-time',
  );
});
