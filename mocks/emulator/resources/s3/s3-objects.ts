// S3 objects (SEMANTICS.md §17.12): bytes in storage (the data directory's files, an IndexedDB
// store, memory), metadata in the emulator's state. Bytes are queued with the call's other
// changes, so they are written when the call is saved and never if it rolls back. Storage is
// authoritative: an object whose bytes are gone is missing even if its metadata remains, and one
// whose bytes changed reads as changed.
import { sha256 } from '@noble/hashes/sha2.js';
import type { EmulatorState } from '../../state';
import { objectEntryKey, objectKeyProblem, OBJECTS, type StoredObject } from '../../storage/storage';
import { findBucket } from './s3-buckets';

/** Collection of object metadata, keyed `<bucket>/<key>`. */
export const S3_OBJECTS = 's3-objects';

/** What the emulator keeps of an object besides its bytes. */
export interface StoredObjectMeta {
  contentType: string;
  /** User metadata, answered as `x-amz-meta-<name>`; names lower-case. */
  metadata: Record<string, string>;
  /** Other `x-amz-*` headers answered as stored (server-side encryption); names lower-case. */
  headers: Record<string, string>;
  /** Epoch ms. */
  lastModified: number;
}

/** How `putObject` describes an object. */
export interface PutObjectOptions {
  /** Default `binary/octet-stream`, S3's own default. */
  contentType?: string;
  /** User metadata, such as a digest's `signature` and `signature-algorithm` (§17.11). */
  metadata?: Readonly<Record<string, string>>;
  /** `x-amz-*` headers, such as `x-amz-server-side-encryption: AES256`; others are refused. */
  headers?: Readonly<Record<string, string>>;
  /** Epoch ms of Last-Modified; default the state's clock now (a seeded delivery passes its own time). */
  lastModified?: number;
}

/** S3's type for an object stored without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

const lowerKeys = (record: Readonly<Record<string, string>> | undefined) =>
  Object.fromEntries(Object.entries(record ?? {}).map(([name, value]) => [name.toLowerCase(), value]));

/**
 * Writes an object inside the current call's transaction: its bytes are saved with the call's
 * other changes (before its answer) and dropped if the call rolls back. Throws (an emulator
 * fault, rolling the call back) when the bucket is not registered or the key cannot be stored.
 */
export function putObject(
  state: EmulatorState,
  bucket: string,
  key: string,
  bytes: Uint8Array,
  options: PutObjectOptions = {},
): void {
  if (!findBucket(state, bucket)) throw new Error(`Bucket ${bucket} is not registered; a trail must name it first.`);
  const problem = objectKeyProblem(bucket, key);
  if (problem) throw new Error(problem);
  const headers = lowerKeys(options.headers);
  const foreign = Object.keys(headers).find((name) => !name.startsWith('x-amz-') || name.startsWith('x-amz-meta-'));
  if (foreign !== undefined) throw new Error(`Header ${foreign} cannot be stored with an object; use metadata.`);
  // Bytes first: a metadata entry never names bytes that are not saved yet.
  state.persist({ collection: OBJECTS, key: objectEntryKey(bucket, key), bytes: bytes.slice() });
  state.put(S3_OBJECTS, objectEntryKey(bucket, key), {
    contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
    metadata: lowerKeys(options.metadata),
    headers,
    lastModified: options.lastModified ?? state.clock.now(),
  } satisfies StoredObjectMeta);
}

/** Deletes an object (DeleteObject) inside the current call's transaction. */
export function deleteObject(state: EmulatorState, bucket: string, key: string): void {
  if (objectKeyProblem(bucket, key) !== undefined) return;
  state.persist({ collection: OBJECTS, key: objectEntryKey(bucket, key) });
  if (state.table(S3_OBJECTS).has(objectEntryKey(bucket, key))) state.remove(S3_OBJECTS, objectEntryKey(bucket, key));
}

/** An object as the S3 surface answers it. */
export interface S3Object {
  key: string;
  bytes: Uint8Array;
  /** `"` + 32 hex of SHA-256 of the bytes + `"` (SEMANTICS.md §17.12: not MD5). */
  etag: string;
  meta: StoredObjectMeta;
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** The ETag of these bytes. */
export function etagOf(bytes: Uint8Array): string {
  return `"${hex(sha256(bytes)).slice(0, 32)}"`;
}

/** Metadata for bytes whose object has none (a file put in the data directory by hand). */
function defaultMeta(stored: StoredObject, now: number): StoredObjectMeta {
  return { contentType: DEFAULT_CONTENT_TYPE, metadata: {}, headers: {}, lastModified: stored.modified ?? now };
}

/** The object as storage holds it now, or undefined when its bytes are missing. */
export async function readObject(state: EmulatorState, bucket: string, key: string): Promise<S3Object | undefined> {
  const stored = await state.services.objects?.readObject(bucket, key);
  if (!stored) return undefined;
  const meta =
    state.table<StoredObjectMeta>(S3_OBJECTS).get(objectEntryKey(bucket, key)) ??
    defaultMeta(stored, state.clock.now());
  return { key, bytes: stored.bytes, etag: etagOf(stored.bytes), meta };
}

/** Keys of the bucket's objects under `prefix`, in UTF-8 binary order, as storage holds them now. */
export async function listObjectKeys(state: EmulatorState, bucket: string, prefix: string): Promise<string[]> {
  return (await state.services.objects?.listObjects(bucket, prefix)) ?? [];
}
