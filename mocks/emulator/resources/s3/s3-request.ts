// An S3 request as the transport hands it to the pipeline, and which operation it is
// (SEMANTICS.md §17.12). Only reads and DeleteObject are served; every other S3 operation (a PUT,
// a POST, a sub-resource such as `?acl` or `?tagging`) is NotImplemented.

/** A parsed S3 request: path-style or virtual-hosted, the bucket and key are already split out. */
export interface S3Request {
  readonly method: string;
  readonly bucket?: string;
  /** The object key, percent-decoded; absent or empty for bucket and service operations. */
  readonly key?: string;
  /** Query parameters in order, decoded. */
  readonly query: readonly (readonly [string, string])[];
  /** The Range header, if any. */
  readonly range?: string;
}

/** The S3 operations served. */
export const S3_OPERATIONS = [
  'ListBuckets',
  'GetBucketLocation',
  'HeadBucket',
  'ListObjects',
  'ListObjectsV2',
  'GetObject',
  'HeadObject',
  'DeleteObject',
] as const;
export type S3Operation = (typeof S3_OPERATIONS)[number];

/** Query parameters of any request that name no sub-resource: SDK markers and presigned-URL fields. */
const NEUTRAL = /^(?:x-id|x-amz-.*)$/i;
const LIST_BUCKETS = new Set(['max-buckets', 'continuation-token', 'prefix', 'bucket-region']);
const LIST_OBJECTS = new Set([
  'prefix',
  'marker',
  'delimiter',
  'max-keys',
  'encoding-type',
  'list-type',
  'continuation-token',
  'start-after',
  'fetch-owner',
]);
/** GetObject's response header overrides; accepted and not applied. */
const GET_OBJECT =
  /^response-(?:cache-control|content-disposition|content-encoding|content-language|content-type|expires)$/;

/** The value of a query parameter, if present. */
export function queryValue(request: S3Request, name: string): string | undefined {
  return request.query.find(([key]) => key === name)?.[1];
}

/** Whether every parameter is neutral or allowed. */
function onlyAllowed(request: S3Request, allowed: (name: string) => boolean): boolean {
  return request.query.every(([name]) => NEUTRAL.test(name) || allowed(name));
}

/** The served operation a request is, or undefined (NotImplemented). */
export function s3OperationOf(request: S3Request): S3Operation | undefined {
  const { method, bucket, key } = request;
  if (bucket === undefined || bucket === '') {
    return method === 'GET' && onlyAllowed(request, (name) => LIST_BUCKETS.has(name)) ? 'ListBuckets' : undefined;
  }
  if (key === undefined || key === '') {
    if (method === 'HEAD') return onlyAllowed(request, () => false) ? 'HeadBucket' : undefined;
    if (method !== 'GET') return undefined;
    if (queryValue(request, 'location') !== undefined)
      return onlyAllowed(request, (name) => name === 'location') ? 'GetBucketLocation' : undefined;
    if (!onlyAllowed(request, (name) => LIST_OBJECTS.has(name))) return undefined;
    return queryValue(request, 'list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
  }
  if (method === 'GET') return onlyAllowed(request, (name) => GET_OBJECT.test(name)) ? 'GetObject' : undefined;
  if (method === 'HEAD') return onlyAllowed(request, () => false) ? 'HeadObject' : undefined;
  if (method === 'DELETE') return onlyAllowed(request, () => false) ? 'DeleteObject' : undefined;
  return undefined;
}

/** The input as handed over; anything else is an emulator fault (only the transport calls these). */
export function parseS3Request(body: unknown): S3Request {
  if (typeof body !== 'object' || body === null || typeof (body as S3Request).method !== 'string')
    throw new Error('An S3 operation needs an S3Request.');
  return body as S3Request;
}
