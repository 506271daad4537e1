// The S3 read surface through @aws-sdk/client-s3 (SEMANTICS.md §17.12): buckets, listings (v1 and
// v2, delimiters, pages, url encoding, UTF-8 order), objects (bytes, headers, ranges), deletion,
// errors, and objects written by a call that rolls back.
import {
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { gzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { emulator, TEST_START } from '../../../node';
import { DEV_ACCESS_KEY, PARTNER_ACCESS_KEY } from '../../identities';
import type { EmulatorState } from '../../state';
import { registerBucket } from './s3-buckets';
import { putObject, type PutObjectOptions } from './s3-objects';

const BUCKET = 'aws-cloudtrail-logs-123456789012-test0001';
const ACCOUNT = '123456789012';

function s3(options: { forcePathStyle?: boolean; accessKeyId?: string; region?: string } = {}): S3Client {
  return new S3Client({
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId ?? 'AKIAEMU0ADMIN0000001', secretAccessKey: 'emulator-secret' },
    forcePathStyle: options.forcePathStyle ?? true,
    maxAttempts: 1,
  });
}

/**
 * Runs `change` as a call's transaction would (begin, commit or roll back), then saves what it
 * queued, as the pipeline does before answering.
 */
async function inTransaction(change: (state: EmulatorState) => void): Promise<void> {
  const state = emulator.state;
  state.begin();
  try {
    change(state);
    state.commit();
  } catch (error) {
    state.rollback();
    throw error;
  } finally {
    // Saves the queued writes (none after a rollback) through the pipeline's queue.
    await emulator.ingest([]);
  }
}

async function putObjects(
  objects: readonly (readonly [string, string | Uint8Array, PutObjectOptions?])[],
  bucket = BUCKET,
  region = 'us-east-1',
): Promise<void> {
  await inTransaction((state) => {
    registerBucket(state, bucket, region, ACCOUNT, state.clock.now());
    for (const [key, body, options] of objects)
      putObject(state, bucket, key, typeof body === 'string' ? new TextEncoder().encode(body) : body, options);
  });
}

async function errorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('The call succeeded');
}

test('ListBuckets lists the buckets registered by the caller’s account, with their regions', async () => {
  await putObjects([], BUCKET);
  await inTransaction((state) => {
    registerBucket(state, 'partner-trail-bucket', 'eu-west-1', '444455556666', state.clock.now());
  });
  // The seeded trail's bucket may be listed too (§17.16); names come in order.
  const mine = await s3().send(new ListBucketsCommand({}));
  const names = mine.Buckets?.map((bucket) => bucket.Name ?? '') ?? [];
  expect(names).toEqual([...names].sort());
  expect(names).not.toContain('partner-trail-bucket');
  const bucket = mine.Buckets?.find((item) => item.Name === BUCKET);
  expect(bucket).toMatchObject({ BucketRegion: 'us-east-1', CreationDate: new Date(TEST_START) });
  expect(mine.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  const partner = await s3({ accessKeyId: PARTNER_ACCESS_KEY }).send(new ListBucketsCommand({}));
  expect(partner.Buckets?.map((item) => item.Name)).toEqual(['partner-trail-bucket']);
});

test('GetBucketLocation answers the first registering trail’s region, empty for us-east-1; HeadBucket too', async () => {
  await putObjects([], 'bucket-in-virginia');
  await putObjects([], 'bucket-in-ireland', 'eu-west-1');
  await inTransaction((state) => {
    registerBucket(state, 'bucket-in-ireland', 'us-west-2', ACCOUNT, state.clock.now()); // the first registration stays
  });
  const client = s3();
  expect((await client.send(new GetBucketLocationCommand({ Bucket: 'bucket-in-virginia' }))).LocationConstraint).toBe(
    undefined,
  );
  expect((await client.send(new GetBucketLocationCommand({ Bucket: 'bucket-in-ireland' }))).LocationConstraint).toBe(
    'eu-west-1',
  );
  expect((await client.send(new HeadBucketCommand({ Bucket: 'bucket-in-ireland' }))).BucketRegion).toBe('eu-west-1');
  const missing = await errorOf(client.send(new GetBucketLocationCommand({ Bucket: 'no-such-bucket' })));
  expect(missing).toBeInstanceOf(NoSuchBucket);
  expect(missing.$metadata.httpStatusCode).toBe(404);
  const head = await errorOf(client.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })));
  expect(head.$metadata.httpStatusCode).toBe(404);
});

test('GetObject answers the bytes as written, with their type, metadata, ETag and Last-Modified', async () => {
  const gzipped = gzipSync(new TextEncoder().encode('{"Records":[]}'));
  const key = 'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2025/06/02/digest.json.gz';
  await putObjects([
    [
      key,
      gzipped,
      {
        contentType: 'application/json',
        metadata: { signature: 'abc123', 'signature-algorithm': 'SHA256withRSA' },
        headers: { 'x-amz-server-side-encryption': 'AES256' },
      },
    ],
  ]);
  const object = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  expect(await object.Body?.transformToByteArray()).toEqual(gzipped);
  expect(object.ContentType).toBe('application/json');
  expect(object.ContentEncoding).toBeUndefined();
  expect(object.ContentLength).toBe(gzipped.length);
  expect(object.Metadata).toEqual({ signature: 'abc123', 'signature-algorithm': 'SHA256withRSA' });
  expect(object.ServerSideEncryption).toBe('AES256');
  expect(object.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(object.LastModified).toEqual(new Date(TEST_START));
  expect(object.AcceptRanges).toBe('bytes');

  const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  expect(head.Metadata?.signature).toBe('abc123');
  expect(head.ETag).toBe(object.ETag);
  expect(head.ContentLength).toBe(gzipped.length);
});

test('GetObject serves one byte range with 206', async () => {
  await putObjects([['range.txt', '0123456789']]);
  const client = s3();
  const middle = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=2-5' }));
  expect(middle.$metadata.httpStatusCode).toBe(206);
  expect(await middle.Body?.transformToString()).toBe('2345');
  expect(middle.ContentRange).toBe('bytes 2-5/10');
  expect(middle.ContentLength).toBe(4);
  const suffix = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=-3' }));
  expect(await suffix.Body?.transformToString()).toBe('789');
  const open = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=8-' }));
  expect(await open.Body?.transformToString()).toBe('89');
  const past = await errorOf(
    client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=10-' })),
  );
  expect(past.name).toBe('InvalidRange');
  expect(past.$metadata.httpStatusCode).toBe(416);
});

test('DeleteObject answers 204, then the key is NoSuchKey', async () => {
  await putObjects([['gone.json.gz', 'x']]);
  const client = s3();
  const deleted = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone.json.gz' }));
  expect(deleted.$metadata.httpStatusCode).toBe(204);
  const missing = await errorOf(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'gone.json.gz' })));
  expect(missing).toBeInstanceOf(NoSuchKey);
  expect(missing.$metadata.httpStatusCode).toBe(404);
  const head = await errorOf(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'gone.json.gz' })));
  expect(head.$metadata.httpStatusCode).toBe(404);
  // Deleting what is not there is still 204, as in S3.
  expect((await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'never' }))).$metadata.httpStatusCode).toBe(
    204,
  );
});

test('ListObjectsV2 lists keys in UTF-8 byte order, pages by continuation token and rolls up common prefixes', async () => {
  // U+FB00 sorts before U+1F600 in UTF-8 (EF.. < F0..) but after it in UTF-16 (FB00 > D83D).
  await putObjects([
    ['logs/a.json.gz', 'a'],
    ['logs/\u{1F600}.json.gz', 'b'],
    ['logs/\uFB00.json.gz', 'c'],
    ['logs/2025/06/01/x.json.gz', 'd'],
    ['logs/2025/06/02/y.json.gz', 'e'],
    ['other/z.json.gz', 'f'],
  ]);
  const client = s3();
  const all = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'logs/' }));
  expect(all.Contents?.map((object) => object.Key)).toEqual([
    'logs/2025/06/01/x.json.gz',
    'logs/2025/06/02/y.json.gz',
    'logs/a.json.gz',
    'logs/\uFB00.json.gz',
    'logs/\u{1F600}.json.gz',
  ]);
  expect(all.KeyCount).toBe(5);
  expect(all.IsTruncated).toBe(false);
  expect(all.Contents?.[0]).toMatchObject({ Size: 1, StorageClass: 'STANDARD', LastModified: new Date(TEST_START) });
  expect(all.Contents?.[0]?.Owner).toBeUndefined();

  const folders = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
  expect(folders.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['logs/', 'other/']);
  expect(folders.Contents).toBeUndefined();
  expect(folders.KeyCount).toBe(2);

  // Pages of two: the common prefix logs/2025/ counts once and is never repeated.
  const keys: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'logs/',
        Delimiter: '/',
        MaxKeys: 2,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.CommonPrefixes ?? []).map((prefix) => `prefix:${prefix.Prefix ?? ''}`));
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
    pages += 1;
  } while (token !== undefined);
  expect(pages).toBe(2);
  expect(keys).toEqual(['prefix:logs/2025/', 'logs/a.json.gz', 'logs/\uFB00.json.gz', 'logs/\u{1F600}.json.gz']);

  const after = await client.send(
    new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: 'logs/a.json.gz', FetchOwner: true }),
  );
  expect(after.Contents?.map((object) => object.Key)).toEqual([
    'logs/\uFB00.json.gz',
    'logs/\u{1F600}.json.gz',
    'other/z.json.gz',
  ]);
  expect(after.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  const bad = await errorOf(client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: 'nonsense' })));
  expect(bad.name).toBe('InvalidArgument');
  expect(bad.$metadata.httpStatusCode).toBe(400);
});

test('ListObjects (v1) pages by marker with NextMarker and url-encodes keys on request', async () => {
  await putObjects([
    ['AWSLogs/a b+c.json.gz', '1'],
    ['AWSLogs/d.json.gz', '2'],
    ['AWSLogs/e.json.gz', '3'],
  ]);
  const client = s3();
  const first = await client.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'AWSLogs/', MaxKeys: 2 }));
  expect(first.Contents?.map((object) => object.Key)).toEqual(['AWSLogs/a b+c.json.gz', 'AWSLogs/d.json.gz']);
  expect(first.IsTruncated).toBe(true);
  expect(first.NextMarker).toBe('AWSLogs/d.json.gz');
  expect(first.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  const second = await client.send(
    new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'AWSLogs/', Marker: first.NextMarker }),
  );
  expect(second.Contents?.map((object) => object.Key)).toEqual(['AWSLogs/e.json.gz']);
  expect(second.IsTruncated).toBe(false);
  expect(second.Marker).toBe('AWSLogs/d.json.gz');

  // The JS SDK does not decode url-encoded listings (botocore does): the wire form shows.
  const encoded = await client.send(
    new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'AWSLogs/a ', EncodingType: 'url', Delimiter: '+' }),
  );
  expect(encoded.EncodingType).toBe('url');
  expect(encoded.Prefix).toBe('AWSLogs/a+');
  expect(encoded.Delimiter).toBe('%2B');
  expect(encoded.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['AWSLogs/a+b%2B']);
});

test('max-keys and encoding-type are checked; at most 1,000 keys a page', async () => {
  await putObjects([['k', 'v']]);
  const base = `https://s3.us-east-1.amazonaws.com/${BUCKET}`;
  const negative = await fetch(`${base}?max-keys=-1`);
  expect(negative.status).toBe(400);
  const body = await negative.text();
  expect(body).toContain('<Code>InvalidArgument</Code>');
  expect(body).toContain(`<Resource>/${BUCKET}</Resource>`);
  expect(negative.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
  expect((await fetch(`${base}?encoding-type=base64`)).status).toBe(400);
  const capped = await (await fetch(`${base}?max-keys=5000`)).text();
  expect(capped).toContain('<MaxKeys>1000</MaxKeys>');
  const none = await (await fetch(`${base}?max-keys=0`)).text();
  expect(none).toContain('<IsTruncated>false</IsTruncated>');
  expect(none).not.toContain('<Contents>');
});

test('operations the surface does not serve answer 501 NotImplemented', async () => {
  await putObjects([]);
  const put = await errorOf(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'new', Body: 'x' })));
  expect(put.name).toBe('NotImplemented');
  expect(put.$metadata.httpStatusCode).toBe(501);
  expect((await fetch(`https://s3.us-east-1.amazonaws.com/${BUCKET}?acl`)).status).toBe(501);
  expect((await fetch(`https://s3.us-east-1.amazonaws.com/${BUCKET}/k?tagging`)).status).toBe(501);
});

test('virtual-hosted requests name the bucket in the host, as the JS SDK sends them by default', async () => {
  await putObjects([['AWSLogs/file.json.gz', 'hello']]);
  const client = s3({ forcePathStyle: false, accessKeyId: DEV_ACCESS_KEY, region: 'eu-west-1' });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  expect(listed.Contents?.map((object) => object.Key)).toEqual(['AWSLogs/file.json.gz']);
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'AWSLogs/file.json.gz' }));
  expect(await object.Body?.transformToString()).toBe('hello');
});

test('an object written by a call that rolls back is never stored', async () => {
  await putObjects([]);
  await expect(
    inTransaction((state) => {
      putObject(state, BUCKET, 'rolled-back.json.gz', new Uint8Array([1, 2, 3]));
      throw new Error('the call failed');
    }),
  ).rejects.toThrow('the call failed');
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET }));
  expect(listed.KeyCount).toBe(0);
  const missing = await errorOf(s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'rolled-back.json.gz' })));
  expect(missing).toBeInstanceOf(NoSuchKey);
});

test('putObject refuses an unregistered bucket and keys that cannot be stored', async () => {
  await putObjects([]);
  await expect(
    inTransaction((state) => {
      putObject(state, 'not-registered', 'k', new Uint8Array());
    }),
  ).rejects.toThrow(/not registered/);
  for (const key of ['../escape', 'a//b', 'a/./b', 'dir/', ''])
    await expect(
      inTransaction((state) => {
        putObject(state, BUCKET, key, new Uint8Array());
      }),
    ).rejects.toThrow(/segment/);
});

test('S3 calls are not self-recorded', async () => {
  await putObjects([['k', 'v']]);
  const before = emulator.state.sequence;
  const client = s3();
  await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));
  await errorOf(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing' })));
  expect(emulator.state.sequence).toBe(before);
});
