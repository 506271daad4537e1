// The S3 read surface of the Node server (SEMANTICS.md §17.12), as `aws s3` and the SDKs use it:
// objects written into a data directory are read back over HTTP on the emulator's port, and the
// directory's files are the truth (a file edited or removed by hand reads so).
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
} from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createEmulator } from './emulator/create-emulator';
import { registerBucket } from './emulator/resources/s3/s3-buckets';
import { putObject } from './emulator/resources/s3/s3-objects';
import { fileStorage } from './emulator/storage/file';
import { server } from './node';

const root = mkdtempSync(join(tmpdir(), 'cloudtrail-s3-server-'));
const dataDir = join(root, 'data');
const BUCKET = 'aws-cloudtrail-logs-123456789012-s3test01';
const LOG_KEY = 'AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/02/123456789012_CloudTrail_us-east-1_x.json.gz';
const SPACED_KEY = 'AWSLogs/with space+plus.json.gz';
const LOG_BYTES = gzipSync(new TextEncoder().encode('{"Records":[{"eventName":"CreateTrail"}]}'));
const SIGNATURE =
  'AWS4-HMAC-SHA256 Credential=AKIAEMU0ADMIN0000001/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';

let child: ChildProcess | undefined;
let url = '';
let port = 0;

beforeEach(() => {
  // The msw test server intercepts every request; let the ones to the real server through.
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
});

/** Writes the objects as delivery would: in a call's transaction, saved with its other changes. */
async function writeObjects(): Promise<void> {
  const emulator = await createEmulator({
    storage: fileStorage(dataDir),
    seededEvents: 400,
    throttle: false,
    simulator: false,
  });
  const state = emulator.state;
  state.begin();
  registerBucket(state, BUCKET, 'us-east-1', '123456789012', state.clock.now());
  putObject(state, BUCKET, LOG_KEY, LOG_BYTES, {
    contentType: 'application/json',
    metadata: { signature: 'c2lnbmF0dXJl', 'signature-algorithm': 'SHA256withRSA' },
    headers: { 'x-amz-server-side-encryption': 'AES256' },
  });
  putObject(state, BUCKET, SPACED_KEY, new TextEncoder().encode('spaced'));
  putObject(state, BUCKET, 'tamper/edited.json.gz', new TextEncoder().encode('original'));
  putObject(state, BUCKET, 'tamper/removed.json.gz', new TextEncoder().encode('removed'));
  state.commit();
  await emulator.ingest([]);
}

/** Starts `npm run emulator` over the data directory; the spawned node process is the server itself. */
function startServer(): Promise<void> {
  const spawned = spawn(
    process.execPath,
    ['--import', 'tsx', 'mocks/server.ts', '--port', '0', '--data-dir', dataDir, '--no-throttle', '--no-simulator'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child = spawned;
  return new Promise((resolve, reject) => {
    let output = '';
    spawned.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /listening on (http:\/\/[^\s:]+:(\d+)) \(pid/.exec(output);
      if (ready?.[1] && ready[2]) {
        url = ready[1];
        port = Number(ready[2]);
        resolve();
      }
    });
    spawned.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    spawned.on('exit', (code) => {
      reject(new Error(`emulator exited with ${String(code)}: ${output}`));
    });
  });
}

beforeAll(async () => {
  await writeObjects();
  await startServer();
}, 60_000);

afterAll(async () => {
  const running = child;
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
});

function s3(): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIAEMU0ADMIN0000001', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

/** A request through node:http, which can set the Host header (virtual-hosted buckets). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

test('ListObjects with encoding-type=url answers keys encoded, as botocore asks for them', async () => {
  const listed = await s3().send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'AWSLogs/', EncodingType: 'url' }));
  expect(listed.EncodingType).toBe('url');
  expect(listed.Contents?.map((object) => object.Key)).toEqual([LOG_KEY, 'AWSLogs/with+space%2Bplus.json.gz']);
  expect(listed.Contents?.[0]?.Size).toBe(LOG_BYTES.length);
});

test('GetObject answers the gzip bytes unchanged, with no Content-Encoding, and one range', async () => {
  const object = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: LOG_KEY }));
  expect(await object.Body?.transformToByteArray()).toEqual(LOG_BYTES);
  expect(object.ContentEncoding).toBeUndefined();
  expect(object.ContentType).toBe('application/json');
  expect(object.ServerSideEncryption).toBe('AES256');
  const range = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: LOG_KEY, Range: 'bytes=0-1' }));
  expect(range.$metadata.httpStatusCode).toBe(206);
  expect(await range.Body?.transformToByteArray()).toEqual(LOG_BYTES.slice(0, 2));
});

test('HeadObject answers the digest signature metadata', async () => {
  const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: LOG_KEY }));
  expect(head.Metadata).toEqual({ signature: 'c2lnbmF0dXJl', 'signature-algorithm': 'SHA256withRSA' });
  expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
});

test('a file edited or removed in the data directory reads changed or missing', async () => {
  const client = s3();
  const before = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tamper/edited.json.gz' }));
  writeFileSync(join(dataDir, 's3', BUCKET, 'tamper', 'edited.json.gz'), 'tampered!');
  const after = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tamper/edited.json.gz' }));
  expect(await after.Body?.transformToString()).toBe('tampered!');
  expect(after.ETag).not.toBe(before.ETag);

  unlinkSync(join(dataDir, 's3', BUCKET, 'tamper', 'removed.json.gz'));
  await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tamper/removed.json.gz' }))).rejects.toThrow(
    NoSuchKey,
  );
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tamper/' }));
  expect(listed.Contents?.map((object) => [object.Key, object.Size])).toEqual([['tamper/edited.json.gz', 9]]);
});

test('DeleteObject removes the file; the key is then NoSuchKey', async () => {
  const client = s3();
  const deleted = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: SPACED_KEY }));
  expect(deleted.$metadata.httpStatusCode).toBe(204);
  expect(existsSync(join(dataDir, 's3', BUCKET, 'AWSLogs', 'with space+plus.json.gz'))).toBe(false);
  await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SPACED_KEY }))).rejects.toThrow(NoSuchKey);
});

test('a virtual-hosted host names the bucket; an unsigned read is refused unless allowed', async () => {
  const listed = await rawRequest('GET', '/?list-type=2&prefix=AWSLogs/123456789012/', {
    host: `${BUCKET}.localhost:${String(port)}`,
    authorization: SIGNATURE,
  });
  expect(listed.status).toBe(200);
  expect(listed.body).toContain(`<Key>${LOG_KEY}</Key>`);
  expect(listed.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);

  const unsigned = await rawRequest('GET', `/${BUCKET}/${LOG_KEY}`, {});
  expect(unsigned.status).toBe(403);
  expect(unsigned.body).toContain('<Code>AccessDenied</Code>');

  const missing = await rawRequest('GET', '/no-such-bucket?list-type=2', { authorization: SIGNATURE });
  expect(missing.status).toBe(404);
  expect(missing.headers['content-type']).toBe('application/xml');
  expect(missing.body).toContain('<Code>NoSuchBucket</Code>');
});

test('a page of the console’s origin may read every S3 header', async () => {
  const origin = 'http://localhost:5173';
  const preflight = await rawRequest('OPTIONS', `/${BUCKET}/${LOG_KEY}`, {
    origin,
    'access-control-request-method': 'GET',
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
  const answer = await rawRequest('HEAD', `/${BUCKET}/${LOG_KEY}`, { origin, authorization: SIGNATURE });
  expect(answer.status).toBe(200);
  expect(answer.headers['access-control-allow-origin']).toBe(origin);
  const exposed = String(answer.headers['access-control-expose-headers']);
  for (const name of ['ETag', 'Last-Modified', 'x-amz-meta-signature', 'x-amz-meta-signature-algorithm', '*'])
    expect(exposed).toContain(name);
  expect(answer.headers['x-amz-meta-signature']).toBe('c2lnbmF0dXJl');
  expect(answer.headers['content-length']).toBe(String(LOG_BYTES.length));
});
