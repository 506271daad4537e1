// Trail delivery (SEMANTICS.md §17.10-17.11, §17.16) as a client sees it: log files and digests in
// the trail's bucket, checked the way `aws cloudtrail validate-logs` checks them (§17.12), through
// a small port of its algorithm below.
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  InvalidTimeRangeException,
  InvalidTokenException,
  ListPublicKeysCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { gunzipSync, gzipSync as gzipSyncNode } from 'node:zlib';
import { expect, test } from 'vitest';
import { createHandlers } from '../../../handlers';
import { emulatorClient, server, testClock, testEmulatorOptions, TEST_ANCHOR } from '../../../node';
import { createNodeSigner } from '../../../node-signer';
import { DAY, HOUR, MINUTE } from '../../clock';
import { createEmulator, type Emulator } from '../../create-emulator';
import { DEFAULT_ACCOUNT } from '../../identities';
import { memoryStorage } from '../../storage/memory';
import { OBJECTS, objectEntryKey, type EmulatorStorage } from '../../storage/storage';
import { S3_OBJECTS, type StoredObjectMeta } from '../s3/s3-objects';
import { SEEDED_TRAIL, SEEDED_TRAIL_ARN } from './seed-trail';
import { REGIONS } from '../../../../src/lib/cloudtrail-limits';

const signer = createNodeSigner({ reuseKeyPair: true });
const BUCKET = 'audit-logs-bucket';

/** Serves a fresh emulator (with a signer) over `storage` to the SDK, as after a restart. */
async function serve(
  storage: EmulatorStorage = memoryStorage(),
): Promise<{ emulator: Emulator; storage: EmulatorStorage }> {
  const emulator = await createEmulator(testEmulatorOptions({ storage, signer }));
  server.use(...createHandlers(emulator));
  return { emulator, storage };
}

async function createTrail(client: CloudTrailClient, name: string, options: { prefix?: string } = {}): Promise<string> {
  const created = await client.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: BUCKET,
      EnableLogFileValidation: true,
      ...(options.prefix === undefined ? {} : { S3KeyPrefix: options.prefix }),
    }),
  );
  return created.TrailARN ?? '';
}

/** Moves the clock and runs the clock work, as an idle emulator's timer would. */
async function advance(emulator: Emulator, milliseconds: number): Promise<void> {
  testClock.advance(milliseconds);
  await emulator.tick();
}

const gunzip = (bytes: Uint8Array) => gunzipSync(bytes);
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function keysUnder(storage: EmulatorStorage, bucket: string, prefix: string): Promise<string[]> {
  return storage.listObjects(bucket, prefix);
}

interface Digest {
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestSignature: string | null;
  logFiles: { s3Bucket: string; s3Object: string; hashValue: string }[];
}

/**
 * A port of `aws cloudtrail validate-logs` (§17.12) over the emulator's storage: digests newest
 * first, each signature checked against ListPublicKeys, each listed file's hash, then the previous
 * digest; a starting digest ends a chain and the next older digest starts another. Beyond the CLI,
 * it also reports log files no digest lists (an added file). Returns its findings.
 */
async function validateLogs(
  emulator: Emulator,
  storage: EmulatorStorage,
  trail: { arn: string; name: string; homeRegion: string; bucket: string; prefix?: string },
  region: string,
): Promise<{ digests: number; files: number; problems: string[] }> {
  const base = `${trail.prefix ? `${trail.prefix}/` : ''}AWSLogs/${DEFAULT_ACCOUNT}`;
  const pattern = `_${region}_${trail.name}_${trail.homeRegion}_`;
  const digestKeys = (await keysUnder(storage, trail.bucket, `${base}/CloudTrail-Digest/${region}`))
    .filter((key) => key.includes(pattern))
    .sort((a, b) => (a.slice(-24, -8) < b.slice(-24, -8) ? -1 : 1));
  const { PublicKeyList } = await emulatorClient({ region }).send(
    new ListPublicKeysCommand({ StartTime: new Date(0), EndTime: new Date(testClock.now() + 2 * HOUR) }),
  );
  const publicKeys = new Map((PublicKeyList ?? []).map((key) => [key.Fingerprint, key.Value]));
  const problems: string[] = [];
  const listed = new Set<string>();
  const visited = new Set<string>();
  let digests = 0;
  let files = 0;
  let key = digestKeys.at(-1);
  let expected: { hash: string; signature: string } | undefined;
  while (key !== undefined) {
    visited.add(key);
    const object = await storage.readObject(trail.bucket, key);
    const meta = emulator.state.table<StoredObjectMeta>(S3_OBJECTS).get(objectEntryKey(trail.bucket, key));
    const signature = meta?.metadata.signature;
    let previousKey: string | null = null;
    if (!object) problems.push(`Digest file ${key} not found`);
    else if (signature === undefined || meta?.metadata['signature-algorithm'] !== 'SHA256withRSA')
      problems.push(`Digest file ${key} has no signature`);
    else {
      const inflated = gunzip(object.bytes);
      const digest = JSON.parse(inflated.toString('utf8')) as Digest;
      digests++;
      if (digest.digestS3Bucket !== trail.bucket || digest.digestS3Object !== key)
        problems.push(`Digest file ${key} has been moved`);
      const publicKey = publicKeys.get(digest.digestPublicKeyFingerprint);
      const signed = `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${sha256Hex(inflated)}\n${digest.previousDigestSignature ?? 'null'}`;
      if (publicKey === undefined) problems.push(`Digest file ${key}: public key not found`);
      else if (
        !verify(
          'sha256',
          Buffer.from(signed),
          createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'pkcs1' }),
          Buffer.from(signature, 'hex'),
        )
      )
        problems.push(`Digest file ${key}: invalid signature`);
      if (expected && (expected.hash !== sha256Hex(inflated) || expected.signature !== signature))
        problems.push(`Digest file ${key} is not the one its successor names`);
      for (const file of digest.logFiles) {
        listed.add(file.s3Object);
        const log = await storage.readObject(file.s3Bucket, file.s3Object);
        if (!log) problems.push(`Log file ${file.s3Object} not found`);
        else if (sha256Hex(gunzip(log.bytes)) !== file.hashValue) problems.push(`Log file ${file.s3Object} changed`);
        else files++;
      }
      previousKey = digest.previousDigestS3Object;
      expected =
        digest.previousDigestHashValue === null
          ? undefined
          : { hash: digest.previousDigestHashValue, signature: digest.previousDigestSignature ?? '' };
    }
    // A starting digest ends the chain: carry on with the next older digest not yet seen.
    key = previousKey ?? digestKeys.filter((candidate) => !visited.has(candidate)).at(-1);
    if (previousKey === null) expected = undefined;
  }
  for (const logKey of await keysUnder(storage, trail.bucket, `${base}/CloudTrail/${region}/`))
    if (!listed.has(logKey) && (await storage.readObject(trail.bucket, logKey)))
      // Only files delivered before the newest digest's end are expected to be listed.
      if (logKey.slice(-39, -26) < (digestKeys.at(-1) ?? '').slice(-24, -11))
        problems.push(`Log file ${logKey} is in no digest`);
  return { digests, files, problems };
}

const AUDIT = { name: 'audit', homeRegion: 'us-east-1', bucket: BUCKET };

/** A digest object's JSON. */
async function readDigest(storage: EmulatorStorage, key: string): Promise<Digest & Record<string, unknown>> {
  const object = await storage.readObject(BUCKET, key);
  return JSON.parse(gunzip(object?.bytes ?? never()).toString()) as Digest & Record<string, unknown>;
}

async function logRecords(storage: EmulatorStorage, key: string): Promise<{ eventName: string; eventID: string }[]> {
  const object = await storage.readObject(BUCKET, key);
  return (
    JSON.parse(gunzip(object?.bytes ?? new Uint8Array()).toString('utf8')) as {
      Records: { eventName: string; eventID: string }[];
    }
  ).Records;
}

test('delivers each non-empty batch as one gzip log file at the next tick, with the records as serialized', async () => {
  const { emulator, storage } = await serve();
  const client = emulatorClient();
  const arn = await createTrail(client, 'audit', { prefix: 'team/a' });
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await client.send(new DescribeTrailsCommand({}));
  const prefix = `team/a/AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail/us-east-1/`;
  expect(await keysUnder(storage, BUCKET, prefix)).toEqual([]);

  await advance(emulator, 5 * MINUTE);
  const [key, ...others] = await keysUnder(storage, BUCKET, prefix);
  expect(others).toEqual([]);
  // TEST_START is 12:30; the next tick is 12:35.
  expect(key).toMatch(
    /^team\/a\/AWSLogs\/123456789012\/CloudTrail\/us-east-1\/2025\/06\/02\/123456789012_CloudTrail_us-east-1_20250602T1235Z_[A-Za-z0-9]{16}\.json\.gz$/,
  );
  const object = await storage.readObject(BUCKET, key ?? '');
  const body = gunzip(object?.bytes ?? new Uint8Array()).toString('utf8');
  const records = JSON.parse(body) as { Records: { eventID: string; eventName: string }[] };
  expect(records.Records.map((record) => record.eventName)).toEqual(['StartLogging', 'DescribeTrails']);
  // The body is the records' serialized JSON, byte for byte.
  const jsons = records.Records.map((record) => emulator.state.jsonOf(emulator.state.entry(record.eventID) ?? never()));
  expect(body).toBe(`{"Records":[${jsons.join(',')}]}`);
  const meta = emulator.state.table<StoredObjectMeta>(S3_OBJECTS).get(objectEntryKey(BUCKET, key ?? ''));
  expect(meta).toMatchObject({
    contentType: 'application/json',
    headers: { 'x-amz-server-side-encryption': 'AES256' },
  });

  const status = await client.send(new GetTrailStatusCommand({ Name: arn }));
  expect(status.LatestDeliveryTime).toEqual(new Date(Date.UTC(2025, 5, 2, 12, 35)));
  // The trail logs reads too: GetTrailStatus is in the next file, then nothing new, no file.
  await advance(emulator, 5 * MINUTE);
  await advance(emulator, 5 * MINUTE);
  const later = await keysUnder(storage, BUCKET, prefix);
  expect(later).toHaveLength(2);
  expect((await logRecords(storage, later[1] ?? '')).map((record) => record.eventName)).toEqual(['GetTrailStatus']);
});

function never(): never {
  throw new Error('missing');
}

test('writes hourly signed digests, empty ones too, that validate-logs accepts', async () => {
  const { emulator, storage } = await serve();
  const client = emulatorClient();
  const arn = await createTrail(client, 'audit');
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await advance(emulator, 10 * MINUTE);
  await client.send(new DescribeTrailsCommand({}));
  await advance(emulator, HOUR);
  await advance(emulator, HOUR);
  await advance(emulator, HOUR);
  const digestPrefix = `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail-Digest/us-east-1/`;
  const keys = await keysUnder(storage, BUCKET, digestPrefix);
  // Started at 12:30: a digest every hour from then, the last with no log file.
  expect(keys).toEqual(
    ['133000', '143000', '153000'].map(
      (time) =>
        `${digestPrefix}2025/06/02/123456789012_CloudTrail-Digest_us-east-1_audit_us-east-1_20250602T${time}Z.json.gz`,
    ),
  );
  const [first, second, third] = await Promise.all(keys.map((key) => readDigest(storage, key)));
  if (!first) throw new Error('no digest');
  expect(Object.keys(first)).toEqual([
    'awsAccountId',
    'digestStartTime',
    'digestEndTime',
    'digestS3Bucket',
    'digestS3Object',
    'digestPublicKeyFingerprint',
    'digestSignatureAlgorithm',
    'newestEventTime',
    'oldestEventTime',
    'previousDigestS3Bucket',
    'previousDigestS3Object',
    'previousDigestHashValue',
    'previousDigestHashAlgorithm',
    'previousDigestSignature',
    'logFiles',
  ]);
  // A starting digest: the StartLogging file (delivered at the 12:40 tick); no previous digest.
  expect(first).toMatchObject({
    awsAccountId: DEFAULT_ACCOUNT,
    digestStartTime: '2025-06-02T12:30:00Z',
    digestEndTime: '2025-06-02T13:30:00Z',
    digestS3Bucket: BUCKET,
    digestS3Object: keys[0],
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: '2025-06-02T12:30:00Z',
    oldestEventTime: '2025-06-02T12:30:00Z',
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
  });
  expect(first.logFiles).toHaveLength(1);
  expect(Object.keys(first.logFiles[0] ?? {})).toEqual([
    's3Bucket',
    's3Object',
    'hashValue',
    'hashAlgorithm',
    'newestEventTime',
    'oldestEventTime',
  ]);
  const firstMeta = emulator.state.table<StoredObjectMeta>(S3_OBJECTS).get(objectEntryKey(BUCKET, keys[0] ?? ''));
  expect(second).toMatchObject({
    digestStartTime: '2025-06-02T13:30:00Z',
    previousDigestS3Bucket: BUCKET,
    previousDigestS3Object: keys[0],
    previousDigestHashAlgorithm: 'SHA-256',
    previousDigestSignature: firstMeta?.metadata.signature,
    logFiles: [expect.objectContaining({ newestEventTime: '2025-06-02T12:40:00Z' })],
  });
  expect(third).toMatchObject({ logFiles: [], newestEventTime: null, oldestEventTime: null });
  expect(await validateLogs(emulator, storage, { ...AUDIT, arn }, 'us-east-1')).toEqual({
    digests: 3,
    files: 2,
    problems: [],
  });
  const status = await client.send(new GetTrailStatusCommand({ Name: arn }));
  expect(status.LatestDigestDeliveryTime).toEqual(new Date(Date.UTC(2025, 5, 2, 15, 30)));
});

test('StopLogging writes a final digest covering the StopLogging record; StartLogging starts a new chain', async () => {
  const { emulator, storage } = await serve();
  const client = emulatorClient();
  const arn = await createTrail(client, 'audit');
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await advance(emulator, 70 * MINUTE);
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  await advance(emulator, 3 * MINUTE);
  const digestPrefix = `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail-Digest/us-east-1/`;
  const keys = await keysUnder(storage, BUCKET, digestPrefix);
  expect(keys.map((key) => key.slice(-24, -8))).toEqual(['20250602T133000Z', '20250602T134000Z']);
  const final = await readDigest(storage, keys[1] ?? '');
  // The StartLogging file delivered at the 13:40 tick, then the StopLogging record's, at the stop.
  expect(final.logFiles).toHaveLength(2);
  const records = await logRecords(storage, final.logFiles[1]?.s3Object ?? '');
  expect(records.map((record) => record.eventName)).toEqual(['StopLogging']);

  await advance(emulator, 2 * HOUR);
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await advance(emulator, HOUR + 5 * MINUTE);
  const after = await keysUnder(storage, BUCKET, digestPrefix);
  expect(after.map((key) => key.slice(-24, -8))).toEqual(['20250602T133000Z', '20250602T134000Z', '20250602T164300Z']);
  const restarted = await readDigest(storage, after[2] ?? '');
  expect(restarted).toMatchObject({ digestStartTime: '2025-06-02T15:43:00Z', previousDigestSignature: null });
  expect(await validateLogs(emulator, storage, { ...AUDIT, arn }, 'us-east-1')).toMatchObject({
    digests: 3,
    problems: [],
  });
});

test('a restarted emulator continues the digest chain and never delivers a record twice', async () => {
  const first = await serve();
  const client = emulatorClient();
  const arn = await createTrail(client, 'audit');
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await advance(first.emulator, 65 * MINUTE);
  await client.send(new DescribeTrailsCommand({}));

  const { emulator, storage } = await serve(first.storage);
  await advance(emulator, 3 * HOUR);
  const logs = await keysUnder(storage, BUCKET, `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail/us-east-1/`);
  const names = (await Promise.all(logs.map((key) => logRecords(storage, key)))).map((records) =>
    records.map((record) => record.eventName),
  );
  expect(names).toEqual([['StartLogging'], ['DescribeTrails']]);
  // The restart put the delivered StartLogging record back into its batch of the first generation;
  // that batch is emptied, so retention can forget the record.
  expect(emulator.state.targetIds().filter((target) => target.startsWith('trail-batch|'))).toEqual([]);
  // The 13:30 digest, then one for the span the emulator was down (to 16:30), listing the
  // StartLogging file; the DescribeTrails file, delivered at the first tick after, waits for the next.
  expect(await validateLogs(emulator, storage, { ...AUDIT, arn }, 'us-east-1')).toEqual({
    digests: 2,
    files: 1,
    problems: [],
  });
});

test('validation detects a changed, a removed and an added log file, and a changed digest', async () => {
  const { emulator, storage } = await serve();
  const client = emulatorClient();
  const arn = await createTrail(client, 'audit');
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await advance(emulator, 10 * MINUTE);
  await client.send(new DescribeTrailsCommand({}));
  await advance(emulator, 10 * MINUTE);
  await client.send(new DescribeTrailsCommand({}));
  await advance(emulator, 2 * HOUR);
  const trail = { ...AUDIT, arn };
  expect((await validateLogs(emulator, storage, trail, 'us-east-1')).problems).toEqual([]);
  const [changed, removed] = await keysUnder(storage, BUCKET, `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail/us-east-1/`);
  const original = (await storage.readObject(BUCKET, changed ?? ''))?.bytes ?? never();
  const added = (changed ?? '').replace(/_[A-Za-z0-9]{16}\.json\.gz$/, '_AAAAAAAAAAAAAAAA.json.gz');
  await storage.write([
    { collection: OBJECTS, key: objectEntryKey(BUCKET, changed ?? ''), bytes: gzipOf('{"Records":[]}') },
    { collection: OBJECTS, key: objectEntryKey(BUCKET, removed ?? '') },
    { collection: OBJECTS, key: objectEntryKey(BUCKET, added), bytes: original },
  ]);
  expect((await validateLogs(emulator, storage, trail, 'us-east-1')).problems).toEqual([
    `Log file ${changed ?? ''} changed`,
    `Log file ${removed ?? ''} not found`,
    `Log file ${added} is in no digest`,
  ]);

  const [digestKey] = await keysUnder(storage, BUCKET, `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail-Digest/us-east-1/`);
  const digest = gunzip((await storage.readObject(BUCKET, digestKey ?? ''))?.bytes ?? never()).toString();
  await storage.write([
    {
      collection: OBJECTS,
      key: objectEntryKey(BUCKET, digestKey ?? ''),
      bytes: gzipOf(digest.replace('"logFiles":[{', '"logFiles":[{"x":1,')),
    },
  ]);
  expect((await validateLogs(emulator, storage, trail, 'us-east-1')).problems).toContain(
    `Digest file ${digestKey ?? ''}: invalid signature`,
  );
});

function gzipOf(text: string): Uint8Array {
  return new Uint8Array(gzipSyncNode(Buffer.from(text)));
}

test('ListPublicKeys answers the region key as PKCS#1 DER with its fingerprint and validity', async () => {
  await serve();
  const client = emulatorClient({ region: 'eu-west-1' });
  const { PublicKeyList } = await client.send(new ListPublicKeysCommand({}));
  expect(PublicKeyList).toHaveLength(1);
  const [key] = PublicKeyList ?? [];
  const der = Buffer.from(key?.Value ?? never());
  expect(der.toString('base64')).toMatch(/^MIIBCgKCAQEA/);
  expect(createPublicKey({ key: der, format: 'der', type: 'pkcs1' }).asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(key?.Fingerprint).toBe(createHash('sha256').update(der).digest('hex').slice(0, 32));
  expect(key?.ValidityEndTime?.getTime()).toBe((key?.ValidityStartTime?.getTime() ?? 0) + 30 * DAY);
  // The same key until it expires; the next one after.
  const again = await client.send(new ListPublicKeysCommand({}));
  expect(again.PublicKeyList).toEqual(PublicKeyList);
  testClock.advance(31 * DAY);
  const later = await client.send(new ListPublicKeysCommand({ StartTime: new Date(0) }));
  expect(later.PublicKeyList).toHaveLength(2);

  await expect(
    client.send(new ListPublicKeysCommand({ StartTime: new Date(testClock.now()), EndTime: new Date(0) })),
  ).rejects.toBeInstanceOf(InvalidTimeRangeException);
  await expect(client.send(new ListPublicKeysCommand({ NextToken: 'x' }))).rejects.toBeInstanceOf(
    InvalidTokenException,
  );
});

test('the seeded trail has delivered its files and digests since it started, and they validate', async () => {
  const { emulator, storage } = await serve();
  const base = `AWSLogs/${DEFAULT_ACCOUNT}`;
  let logFiles = 0;
  let digests = 0;
  for (const region of REGIONS) {
    logFiles += (await keysUnder(storage, SEEDED_TRAIL.bucket, `${base}/CloudTrail/${region}/`)).length;
    digests += (await keysUnder(storage, SEEDED_TRAIL.bucket, `${base}/CloudTrail-Digest/${region}/`)).length;
  }
  // Started 24 h before the anchor; the clock is at anchor + 30 min: 24 hourly digests per region.
  expect(digests).toBe(24 * REGIONS.length);
  expect(logFiles).toBeGreaterThan(30);
  const trail = {
    arn: SEEDED_TRAIL_ARN,
    name: SEEDED_TRAIL.name,
    homeRegion: 'us-east-1',
    bucket: SEEDED_TRAIL.bucket,
  };
  for (const region of ['us-east-1', 'eu-west-1']) {
    const result = await validateLogs(emulator, storage, trail, region);
    expect(result).toMatchObject({ digests: 24, problems: [] });
  }
  const [first] = await keysUnder(storage, SEEDED_TRAIL.bucket, `${base}/CloudTrail/us-east-1/`);
  const records = await logRecords2(storage, first ?? '');
  expect(records[0]).toBe('CreateTrail');
  // Live delivery carries on from there.
  const status = await emulatorClient().send(new GetTrailStatusCommand({ Name: SEEDED_TRAIL.name }));
  expect(status.LatestDigestDeliveryTime).toEqual(new Date(TEST_ANCHOR));
});

async function logRecords2(storage: EmulatorStorage, key: string): Promise<string[]> {
  const object = await storage.readObject(SEEDED_TRAIL.bucket, key);
  return (JSON.parse(gunzip(object?.bytes ?? never()).toString()) as { Records: { eventName: string }[] }).Records.map(
    (record) => record.eventName,
  );
}

test('a multi-Region trail delivers per source region and keeps a chain in every region', async () => {
  const { emulator, storage } = await serve();
  const client = emulatorClient();
  await client.send(
    new CreateTrailCommand({
      Name: 'everywhere',
      S3BucketName: BUCKET,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    }),
  );
  await client.send(new StartLoggingCommand({ Name: 'everywhere' }));
  await emulatorClient({ region: 'ap-south-1' }).send(new DescribeTrailsCommand({}));
  await advance(emulator, HOUR + 5 * MINUTE);
  const base = `AWSLogs/${DEFAULT_ACCOUNT}`;
  expect(await keysUnder(storage, BUCKET, `${base}/CloudTrail/ap-south-1/`)).toHaveLength(1);
  expect(await keysUnder(storage, BUCKET, `${base}/CloudTrail/eu-west-1/`)).toHaveLength(0);
  for (const region of REGIONS)
    expect(await keysUnder(storage, BUCKET, `${base}/CloudTrail-Digest/${region}/`)).toHaveLength(1);
  // Becoming single-region closes the shadows' chains with a final digest.
  await client.send(new UpdateTrailCommand({ Name: 'everywhere', IsMultiRegionTrail: false }));
  expect(await keysUnder(storage, BUCKET, `${base}/CloudTrail-Digest/ap-south-1/`)).toHaveLength(2);
});

test('stopping, starting and stopping within one second writes two digests, each file listed once', async () => {
  const { emulator, storage } = await serve();
  const client = emulatorClient();
  const arn = await createTrail(client, 'audit');
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  await client.send(new DescribeTrailsCommand({}));
  const digests = await keysUnder(storage, BUCKET, `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail-Digest/us-east-1/`);
  expect(digests).toHaveLength(2);
  const listed = (await Promise.all(digests.map((key) => readDigest(storage, key)))).flatMap((digest) =>
    digest.logFiles.map((file) => file.s3Object),
  );
  const logs = await keysUnder(storage, BUCKET, `AWSLogs/${DEFAULT_ACCOUNT}/CloudTrail/us-east-1/`);
  expect(logs).toHaveLength(2);
  expect(listed.sort()).toEqual([...logs].sort());
  expect(await validateLogs(emulator, storage, { ...AUDIT, arn }, 'us-east-1')).toMatchObject({ problems: [] });
});
