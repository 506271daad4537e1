// The only place the console builds an S3 client: it reads the files trails deliver (SEMANTICS.md
// §17.12), from the same backend as the CloudTrail client. Path-style addressing, because the JS SDK
// would otherwise put the bucket in the host name (`<bucket>.localhost`), which a local emulator
// cannot be reached by. Never log a client or its configuration: it holds the secret key.
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { queryOptions } from '@tanstack/react-query';
import { CONSOLE_USER_AGENT, EMULATOR_CREDENTIALS, MissingCredentialsError } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { describeError, type ErrorView } from './errors';

let cached: { key: string; connection: Connection; client: S3Client } | undefined;

function buildS3Client(connection: Connection): S3Client {
  const common: S3ClientConfig = {
    region: connection.region,
    forcePathStyle: true,
    maxAttempts: 1,
    // Checksums only when an operation requires one: reads need none, and asking for them adds a
    // header that a bucket's CORS rules would have to allow.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  switch (connection.kind) {
    case 'embedded':
      // The normal AWS endpoint: the service worker answers it.
      return new S3Client({ ...common, credentials: EMULATOR_CREDENTIALS, customUserAgent: CONSOLE_USER_AGENT });
    case 'local':
      return new S3Client({
        ...common,
        endpoint: connection.endpoint,
        credentials: EMULATOR_CREDENTIALS,
        customUserAgent: CONSOLE_USER_AGENT,
      });
    case 'aws':
      return new S3Client({
        ...common,
        // A trail's bucket may live in another Region than the console's.
        followRegionRedirects: true,
        credentials: () =>
          connection.credentials
            ? Promise.resolve(connection.credentials)
            : Promise.reject(new MissingCredentialsError()),
      });
  }
}

/** The S3 client for a connection; reused while the connection is unchanged. */
export function s3ClientFor(connection: Connection): S3Client {
  const key = backendIdOf(connection);
  if (cached?.key !== key || cached.connection !== connection) {
    cached = { key, connection, client: buildS3Client(connection) };
  }
  return cached.client;
}

/** An object of a listing. */
export interface S3ObjectSummary {
  Key: string;
  Size?: number;
  LastModified?: Date;
}

/** One ListObjectsV2 page: the "folders" (common prefixes) and objects directly under a prefix. */
export interface S3ListingPage {
  folders: string[];
  objects: S3ObjectSummary[];
  NextContinuationToken?: string;
}

export interface ListObjectsInput {
  Bucket: string;
  Prefix?: string;
  Delimiter?: string;
  ContinuationToken?: string;
  StartAfter?: string;
  MaxKeys?: number;
}

/** ListObjectsV2: one page of keys (and common prefixes, with a delimiter), in key order. */
export async function listObjectsV2(
  connection: Connection,
  input: ListObjectsInput,
  signal?: AbortSignal,
): Promise<S3ListingPage> {
  const output = await s3ClientFor(connection).send(new ListObjectsV2Command(input), { abortSignal: signal });
  const folders = (output.CommonPrefixes ?? []).flatMap((common) => (common.Prefix ? [common.Prefix] : []));
  const objects = (output.Contents ?? []).flatMap((object) =>
    object.Key ? [{ Key: object.Key, Size: object.Size, LastModified: object.LastModified }] : [],
  );
  return {
    folders,
    objects,
    ...(output.IsTruncated && output.NextContinuationToken
      ? { NextContinuationToken: output.NextContinuationToken }
      : {}),
  };
}

/** What HeadObject and GetObject tell about an object besides its bytes. */
export interface S3ObjectHead {
  /** User metadata (`x-amz-meta-*`), names in lower case. */
  Metadata: Record<string, string>;
  ContentType?: string;
  ContentLength?: number;
  LastModified?: Date;
  ETag?: string;
  ServerSideEncryption?: string;
}

/** An object's bytes exactly as stored (a `.json.gz` stays compressed) and its metadata. */
export interface S3ObjectBytes extends S3ObjectHead {
  bytes: Uint8Array<ArrayBuffer>;
}

/** GetObject: the object's raw bytes and metadata. */
export async function getObjectBytes(
  connection: Connection,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<S3ObjectBytes> {
  const output = await s3ClientFor(connection).send(new GetObjectCommand({ Bucket: bucket, Key: key }), {
    abortSignal: signal,
  });
  const body = output.Body ? await output.Body.transformToByteArray() : new Uint8Array();
  // A copy the page owns, backed by a plain ArrayBuffer (what Blob and WebCrypto take).
  const bytes = new Uint8Array(body.byteLength);
  bytes.set(body);
  return {
    bytes,
    Metadata: output.Metadata ?? {},
    ContentType: output.ContentType,
    ContentLength: output.ContentLength,
    LastModified: output.LastModified,
    ETag: output.ETag,
    ServerSideEncryption: output.ServerSideEncryption,
  };
}

/** HeadObject: an object's metadata without its bytes. */
export async function headObject(
  connection: Connection,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<S3ObjectHead> {
  const output = await s3ClientFor(connection).send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
    abortSignal: signal,
  });
  return {
    Metadata: output.Metadata ?? {},
    ContentType: output.ContentType,
    ContentLength: output.ContentLength,
    LastModified: output.LastModified,
    ETag: output.ETag,
    ServerSideEncryption: output.ServerSideEncryption,
  };
}

/** True when S3 answered that the key does not exist (GetObject's NoSuchKey, HeadObject's 404). */
export function isNoSuchKey(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}

/**
 * What to show for a failed S3 call. On AWS a request the browser did not complete is most often
 * refused by CORS: reading a bucket from a web page needs the bucket's CORS rules to allow it.
 */
export function describeS3Error(error: unknown, connection: Connection): ErrorView {
  if (connection.kind === 'aws' && error instanceof TypeError)
    return {
      title: 'Bucket not readable from this page',
      message:
        `The browser did not complete the request to S3. The bucket's CORS configuration must allow ` +
        `GET and HEAD from this origin (${globalThis.location.origin}) and expose the x-amz-meta-signature, ` +
        `x-amz-meta-signature-algorithm and ETag headers; check also your network connection.`,
      retryable: true,
    };
  return describeError(error, { backend: backendIdOf(connection) });
}

export const s3Queries = {
  all: (backend: BackendId) => ['s3', backend] as const,
  /** One ListObjectsV2 page of the "folder" `prefix` ('/' delimiter); `token` is the page's continuation token. */
  folderPage: (connection: Connection, bucket: string, prefix: string, token?: string) =>
    queryOptions({
      queryKey: [...s3Queries.all(backendIdOf(connection)), 'folder', bucket, prefix, token ?? null],
      queryFn: ({ signal }) =>
        listObjectsV2(connection, { Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }, signal),
    }),
  /** An object's raw bytes and metadata. */
  object: (connection: Connection, bucket: string, key: string) =>
    queryOptions({
      queryKey: [...s3Queries.all(backendIdOf(connection)), 'object', bucket, key],
      queryFn: ({ signal }) => getObjectBytes(connection, bucket, key, signal),
    }),
};
