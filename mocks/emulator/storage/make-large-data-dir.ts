// A large data directory for checking that loading scales (file.ts): N synthetic records in the
// journal's format, written as a stream of segment files, plus a mode that loads a directory and
// prints the load report and memory use. A Node tool, not part of the core.
//
//   node --import tsx mocks/emulator/storage/make-large-data-dir.ts DIR [COUNT]   (default 1,000,000)
//   node --import tsx mocks/emulator/storage/make-large-data-dir.ts --load DIR
//
// Each entry is { collection: 'records', key: eventID, value: { json, sequence } }, with `json` a
// serialized CloudTrail record of about 1.3 KB, as EmulatorState.ingest stores a record, from the
// 89 days before the hour it is written. Event names: GetObject, PutObject, DescribeInstances,
// AssumeRole, ListBuckets, UpdateItem. Measure
// peak memory with `/usr/bin/time -v node --import tsx ... --load DIR`.
/* eslint-disable no-restricted-imports -- a Node script beside file.ts, never imported by the core */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
/* eslint-enable no-restricted-imports */
import { DEFAULT_SEGMENT_BYTES, fileStorage, segmentFileName } from './file';
import { describeLoadReport } from './storage';

const WRITE_BATCH_BYTES = 4 * 1024 * 1024;
// Records end at the hour the directory is written and go back 89 days, so all of them are
// inside the 90-day history when the emulator loads the directory soon after (older ones would be
// expired and deleted by the load's retention). Up to 7,689,600 records (one a second) they come
// in ascending eventTime, as a journal written by a running emulator does.
// eslint-disable-next-line no-restricted-properties -- a Node tool, not the emulator: the wall clock is meant
const ANCHOR = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const SPAN_SECONDS = 89 * 86_400;
const NAMES = ['GetObject', 'PutObject', 'DescribeInstances', 'AssumeRole', 'ListBuckets', 'UpdateItem'];
const SOURCES = ['s3.amazonaws.com', 's3.amazonaws.com', 'ec2.amazonaws.com', 'sts.amazonaws.com'];

/** A hex digit string of `length` from `n`, scrambled so ids look random but stay unique. */
function hex(n: number, salt: number, length: number): string {
  let x = (Math.imul(n ^ salt, 0x9e3779b1) ^ (n >>> 16)) >>> 0;
  let out = '';
  while (out.length < length) {
    x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** The eventID of record `n`: UUID-shaped, unique through its last group. */
const eventId = (n: number) =>
  `${hex(n, 1, 8)}-${hex(n, 2, 4)}-4${hex(n, 3, 3)}-a${hex(n, 4, 3)}-${n.toString(16).padStart(12, '0')}`;

/** Serialized CloudTrail record `n`, about 1 KB, in CloudTrail's key order. */
function recordJson(n: number): string {
  const name = NAMES[n % NAMES.length] ?? 'GetObject';
  const source = SOURCES[n % SOURCES.length] ?? 's3.amazonaws.com';
  const time = new Date(ANCHOR - (SPAN_SECONDS - 1 - (n % SPAN_SECONDS)) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const bucket = `example-bucket-${String(n % 97)}`;
  return JSON.stringify({
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLEROLEID${String(n % 13)}:session-${String(n % 1000)}`,
      arn: `arn:aws:sts::123456789012:assumed-role/DataPipelineRole/session-${String(n % 1000)}`,
      accountId: '123456789012',
      accessKeyId: `ASIA${hex(n % 5000, 5, 16).toUpperCase()}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROAEXAMPLEROLEID${String(n % 13)}`,
          arn: 'arn:aws:iam::123456789012:role/DataPipelineRole',
          accountId: '123456789012',
          userName: 'DataPipelineRole',
        },
        attributes: { creationDate: time, mfaAuthenticated: 'false' },
      },
    },
    eventTime: time,
    eventSource: source,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: `10.${String(n % 256)}.${String((n >> 8) % 256)}.${String((n >> 16) % 256)}`,
    userAgent: '[aws-sdk-java/2.25.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10]',
    requestParameters: { bucketName: bucket, key: `data/part-${String(n).padStart(8, '0')}.parquet` },
    responseElements: null,
    additionalEventData: { bytesTransferredIn: 0, bytesTransferredOut: n % 65536 },
    requestID: hex(n, 6, 16).toUpperCase(),
    eventID: eventId(n),
    readOnly: n % 3 !== 1,
    resources: [{ type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    eventType: 'AwsApiCall',
    managementEvent: source !== 's3.amazonaws.com',
    recipientAccountId: '123456789012',
    eventCategory: source === 's3.amazonaws.com' ? 'Data' : 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${bucket}.s3.us-east-1.amazonaws.com`,
    },
  });
}

/** Writes `count` records into `directory` as segments of the default size; returns bytes written. */
function makeDataDirectory(directory: string, count: number): number {
  mkdirSync(directory, { recursive: true });
  let segment = 0;
  let segmentBytes = 0;
  let total = 0;
  let fd = openSync(join(directory, segmentFileName(segment)), 'w');
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = () => {
    const bytes = Buffer.from(batch.join(''), 'utf8');
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
    segmentBytes += bytes.length;
    total += bytes.length;
    batch = [];
    batchBytes = 0;
  };
  for (let n = 0; n < count; n++) {
    const line = `${JSON.stringify({ collection: 'records', key: eventId(n), value: { json: recordJson(n), sequence: n } })}\n`;
    batch.push(line);
    batchBytes += line.length;
    if (batchBytes >= WRITE_BATCH_BYTES) flush();
    // Like fileStorage's writes: a new segment once the current one has passed the size.
    if (segmentBytes >= DEFAULT_SEGMENT_BYTES) {
      closeSync(fd);
      segment += 1;
      segmentBytes = 0;
      fd = openSync(join(directory, segmentFileName(segment)), 'w');
    }
  }
  flush();
  closeSync(fd);
  return total;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const args = process.argv.slice(2);

if (args[0] === '--load' && args[1] !== undefined) {
  const { entries, report } = await fileStorage(args[1]).load();
  const memory = process.memoryUsage();
  console.log(describeLoadReport(report));
  console.log(
    `${String(entries.length)} entries in memory: rss ${mib(memory.rss)}, heap used ${mib(memory.heapUsed)}, external ${mib(memory.external)}`,
  );
} else if (args[0] !== undefined && !args[0].startsWith('-')) {
  const count = args[1] === undefined ? 1_000_000 : Number(args[1]);
  if (!Number.isSafeInteger(count) || count < 0)
    throw new Error(`COUNT must be a non-negative integer: ${String(args[1])}`);
  const started = performance.now();
  const bytes = makeDataDirectory(args[0], count);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Wrote ${count.toLocaleString('en-US')} records (${mib(bytes)}) to ${args[0]} in ${seconds.toFixed(1)} s`,
  );
} else {
  console.error('Usage: make-large-data-dir.ts DIR [COUNT] | --load DIR');
  process.exitCode = 2;
}
