// The S3 read surface (SEMANTICS.md §17.12): ListBuckets, GetBucketLocation, HeadBucket,
// ListObjects (v1 and v2), GetObject, HeadObject and DeleteObject, over the registered buckets
// and the objects storage holds. Each answers a raw HTTP answer (S3 is REST-XML); the transport
// adds x-amz-request-id and renders errors (S3Error) as S3's XML.
import { sha256Bytes, fromBase64Url, toBase64Url } from '../../hash';
import type { RequestContext } from '../../context';
import { compareUtf8 } from '../../storage/storage';
import { invalidArgument, noSuchBucket, noSuchKey, S3Error } from './s3-errors';
import { findBucket, S3_BUCKETS, type StoredBucket } from './s3-buckets';
import { deleteObject, listObjectKeys, readObject, type S3Object } from './s3-objects';
import { queryValue, type S3Request } from './s3-request';
import { element, S3_NAMESPACE, urlEncode, XML_DECLARATION } from './s3-xml';

/** An HTTP answer of the S3 surface. */
export interface S3Answer {
  status: number;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer> | string;
}

/** The most keys a listing returns, whatever max-keys asks for. */
export const MAX_KEYS = 1000;

const XML_TYPE = 'application/xml';

function xmlAnswer(body: string, status = 200): S3Answer {
  return { status, headers: { 'content-type': XML_TYPE }, body: XML_DECLARATION + body };
}

/** An ISO-8601 time with milliseconds, as S3 lists LastModified and CreationDate. */
const isoTime = (ms: number) => new Date(ms).toISOString();

/** An RFC 1123 time, as S3 sends Last-Modified. */
const httpTime = (ms: number) => new Date(ms).toUTCString();

/** A stable canonical-user ID for an account: 64 hex characters, as S3's are. */
function canonicalId(account: string): string {
  let text = '';
  for (const byte of sha256Bytes(`canonical-user:${account}`)) text += byte.toString(16).padStart(2, '0');
  return text;
}

function owner(account: string): string {
  return `<Owner>${element('ID', canonicalId(account))}${element('DisplayName', account)}</Owner>`;
}

/** The registered bucket the request names, or NoSuchBucket. */
function bucketOf(context: RequestContext, request: S3Request): { name: string; bucket: StoredBucket } {
  const name = request.bucket ?? '';
  const bucket = findBucket(context.state, name);
  if (!bucket) throw noSuchBucket(name);
  return { name, bucket };
}

/** ListBuckets: the buckets registered by the caller's account, by name. */
export function listBuckets(_request: S3Request, context: RequestContext): S3Answer {
  const buckets = [...context.state.table<StoredBucket>(S3_BUCKETS)]
    .filter(([, bucket]) => bucket.account === context.account)
    .sort(([a], [b]) => compareUtf8(a, b))
    .map(
      ([name, bucket]) =>
        `<Bucket>${element('Name', name)}${element('CreationDate', isoTime(bucket.created ?? 0))}${element('BucketRegion', bucket.region)}</Bucket>`,
    );
  return xmlAnswer(
    `<ListAllMyBucketsResult xmlns="${S3_NAMESPACE}">${owner(context.account)}<Buckets>${buckets.join('')}</Buckets></ListAllMyBucketsResult>`,
  );
}

/** GetBucketLocation: the bucket's region, empty for us-east-1 (S3's historical answer). */
export function getBucketLocation(request: S3Request, context: RequestContext): S3Answer {
  const { bucket } = bucketOf(context, request);
  const region = bucket.region === 'us-east-1' ? '' : bucket.region;
  return xmlAnswer(
    region === ''
      ? `<LocationConstraint xmlns="${S3_NAMESPACE}"/>`
      : `<LocationConstraint xmlns="${S3_NAMESPACE}">${region}</LocationConstraint>`,
  );
}

/** HeadBucket: 200 with the bucket's region. */
export function headBucket(request: S3Request, context: RequestContext): S3Answer {
  const { bucket } = bucketOf(context, request);
  return { status: 200, headers: { 'x-amz-bucket-region': bucket.region } };
}

/** `encoding-type`: absent or `url`. */
function encodingOf(request: S3Request): ((text: string) => string) | undefined {
  const encoding = queryValue(request, 'encoding-type');
  if (encoding === undefined) return undefined;
  if (encoding !== 'url')
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encoding);
  return urlEncode;
}

/** `max-keys`: default and at most 1,000. */
function maxKeysOf(request: S3Request): number {
  const text = queryValue(request, 'max-keys');
  if (text === undefined) return MAX_KEYS;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 2 ** 31 - 1)
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', text);
  return Math.min(Number(text), MAX_KEYS);
}

/** One page of a listing: keys and common prefixes in key order, counted together against max-keys. */
interface Page {
  contents: S3Object[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  last?: string;
}

/**
 * The page of keys under `prefix` after `after`: with a delimiter, the keys that hold it past the
 * prefix roll up into one common prefix each, which counts once and is never repeated on a later
 * page (one that starts after it skips its keys).
 */
async function listPage(
  context: RequestContext,
  bucket: string,
  options: { prefix: string; delimiter: string; after: string | undefined; maxKeys: number },
): Promise<Page> {
  const { prefix, delimiter, after, maxKeys } = options;
  const keys = await listObjectKeys(context.state, bucket, prefix);
  const page: Page = { contents: [], prefixes: [], truncated: false };
  if (maxKeys === 0) return page;
  let count = 0;
  let lastPrefix: string | undefined;
  for (const key of keys) {
    if (after !== undefined && compareUtf8(key, after) <= 0) continue;
    const at = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const item = at < 0 ? key : key.slice(0, at + delimiter.length);
    if (at >= 0 && (item === lastPrefix || (after !== undefined && compareUtf8(item, after) <= 0))) continue;
    if (count === maxKeys) {
      page.truncated = true;
      break;
    }
    if (at >= 0) {
      page.prefixes.push(item);
      lastPrefix = item;
    } else {
      const object = await readObject(context.state, bucket, key);
      if (!object) continue; // removed between the listing and the read
      page.contents.push(object);
    }
    page.last = item;
    count += 1;
  }
  return page;
}

function contentsXml(object: S3Object, encode: (text: string) => string, account?: string): string {
  return (
    `<Contents>${element('Key', encode(object.key))}${element('LastModified', isoTime(object.meta.lastModified))}` +
    `${element('ETag', object.etag)}${element('Size', String(object.bytes.length))}` +
    `${account === undefined ? '' : owner(account)}${element('StorageClass', 'STANDARD')}</Contents>`
  );
}

function prefixesXml(prefixes: readonly string[], encode: (text: string) => string): string {
  return prefixes.map((prefix) => `<CommonPrefixes>${element('Prefix', encode(prefix))}</CommonPrefixes>`).join('');
}

const identity = (text: string) => text;

/** ListObjects (v1): Prefix, Marker, Delimiter, MaxKeys; NextMarker whenever the page is truncated. */
export async function listObjects(request: S3Request, context: RequestContext): Promise<S3Answer> {
  const { name, bucket } = bucketOf(context, request);
  const encoding = encodingOf(request);
  const encode = encoding ?? identity;
  const maxKeys = maxKeysOf(request);
  const prefix = queryValue(request, 'prefix') ?? '';
  const delimiter = queryValue(request, 'delimiter') ?? '';
  const marker = queryValue(request, 'marker') ?? '';
  const page = await listPage(context, name, { prefix, delimiter, after: marker === '' ? undefined : marker, maxKeys });
  const body =
    `<ListBucketResult xmlns="${S3_NAMESPACE}">${element('Name', name)}${element('Prefix', encode(prefix))}` +
    `${element('Marker', encode(marker))}${element('MaxKeys', String(maxKeys))}` +
    `${delimiter === '' ? '' : element('Delimiter', encode(delimiter))}${element('IsTruncated', String(page.truncated))}` +
    (page.truncated && page.last !== undefined ? element('NextMarker', encode(page.last)) : '') +
    page.contents.map((object) => contentsXml(object, encode, bucket.account)).join('') +
    prefixesXml(page.prefixes, encode) +
    `${encoding ? element('EncodingType', 'url') : ''}</ListBucketResult>`;
  return xmlAnswer(body);
}

const TOKEN_VERSION = '1.';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A continuation token: opaque to clients, the last key or prefix of the page it follows. */
function continuationToken(last: string): string {
  return TOKEN_VERSION + toBase64Url(new TextEncoder().encode(last));
}

function afterToken(token: string): string {
  const bytes = token.startsWith(TOKEN_VERSION) ? fromBase64Url(token.slice(TOKEN_VERSION.length)) : undefined;
  try {
    if (bytes) return utf8.decode(bytes);
  } catch {
    // Reported below.
  }
  throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
}

/** ListObjectsV2: continuation-token (wins over start-after), start-after, KeyCount; Owner only with fetch-owner. */
export async function listObjectsV2(request: S3Request, context: RequestContext): Promise<S3Answer> {
  const { name, bucket } = bucketOf(context, request);
  const encoding = encodingOf(request);
  const encode = encoding ?? identity;
  const maxKeys = maxKeysOf(request);
  const prefix = queryValue(request, 'prefix') ?? '';
  const delimiter = queryValue(request, 'delimiter') ?? '';
  const token = queryValue(request, 'continuation-token');
  const startAfter = queryValue(request, 'start-after') ?? '';
  const after = token !== undefined ? afterToken(token) : startAfter === '' ? undefined : startAfter;
  const page = await listPage(context, name, { prefix, delimiter, after, maxKeys });
  const fetchOwner = queryValue(request, 'fetch-owner') === 'true';
  const body =
    `<ListBucketResult xmlns="${S3_NAMESPACE}">${element('Name', name)}${element('Prefix', encode(prefix))}` +
    (startAfter === '' ? '' : element('StartAfter', encode(startAfter))) +
    (token === undefined ? '' : element('ContinuationToken', token)) +
    (page.truncated && page.last !== undefined ? element('NextContinuationToken', continuationToken(page.last)) : '') +
    `${element('KeyCount', String(page.contents.length + page.prefixes.length))}${element('MaxKeys', String(maxKeys))}` +
    `${delimiter === '' ? '' : element('Delimiter', encode(delimiter))}${element('IsTruncated', String(page.truncated))}` +
    page.contents.map((object) => contentsXml(object, encode, fetchOwner ? bucket.account : undefined)).join('') +
    prefixesXml(page.prefixes, encode) +
    `${encoding ? element('EncodingType', 'url') : ''}</ListBucketResult>`;
  return xmlAnswer(body);
}

/** The object the request names, or NoSuchBucket / NoSuchKey. */
async function objectOf(request: S3Request, context: RequestContext): Promise<S3Object> {
  const { name } = bucketOf(context, request);
  const key = request.key ?? '';
  const object = await readObject(context.state, name, key);
  if (!object) throw noSuchKey(key);
  return object;
}

/** The headers every object answer carries. */
function objectHeaders(object: S3Object): Record<string, string> {
  const { meta } = object;
  const headers: Record<string, string> = {
    'content-type': meta.contentType,
    'content-length': String(object.bytes.length),
    etag: object.etag,
    'last-modified': httpTime(meta.lastModified),
    'accept-ranges': 'bytes',
    ...meta.headers,
  };
  for (const [name, value] of Object.entries(meta.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/**
 * One byte range of `size` bytes from a Range header: `bytes=a-b`, `bytes=a-` or `bytes=-n`.
 * A header that is not one such range is ignored, as S3 does (the whole object is sent);
 * a range that starts past the end is InvalidRange (416).
 */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const first = match[1] ?? '';
  const second = match[2] ?? '';
  if (first === '') {
    const suffix = Number(second);
    if (suffix === 0) throw invalidRange(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = second === '' ? size - 1 : Math.min(Number(second), size - 1);
  if (second !== '' && Number(second) < start) return undefined;
  if (start >= size) throw invalidRange(size);
  return { start, end };
}

function invalidRange(size: number): S3Error {
  return new S3Error('InvalidRange', 416, 'The requested range is not satisfiable', [
    ['ActualObjectSize', String(size)],
  ]);
}

/** GetObject: the bytes as stored (never re-encoded), or one byte range of them (206). */
export async function getObject(request: S3Request, context: RequestContext): Promise<S3Answer> {
  const object = await objectOf(request, context);
  const headers = objectHeaders(object);
  const range = rangeOf(request.range, object.bytes.length);
  if (!range) return { status: 200, headers, body: new Uint8Array(object.bytes) };
  const body = object.bytes.slice(range.start, range.end + 1);
  return {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(body.length),
      'content-range': `bytes ${String(range.start)}-${String(range.end)}/${String(object.bytes.length)}`,
    },
    body: new Uint8Array(body),
  };
}

/** HeadObject: GetObject's headers, no body. */
export async function headObject(request: S3Request, context: RequestContext): Promise<S3Answer> {
  return { status: 200, headers: objectHeaders(await objectOf(request, context)) };
}

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
export function deleteObjectOperation(request: S3Request, context: RequestContext): S3Answer {
  const { name } = bucketOf(context, request);
  deleteObject(context.state, name, request.key ?? '');
  return { status: 204, headers: {} };
}
