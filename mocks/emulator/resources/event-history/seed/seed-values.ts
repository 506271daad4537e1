// Small value generators for seeded records: identifiers in the shapes AWS services use and the
// date formats they log. All randomness comes from the caller's stream.
import type { Random } from '../../../random';

const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Lower-case hex digits. */
export function hex(rng: Random, length: number): string {
  return rng.chars(length, HEX);
}

/** Upper-case letters and digits, as in access key IDs and S3 request IDs. */
export function upperAlnum(rng: Random, length: number): string {
  return rng.chars(length, UPPER_ALNUM);
}

/** S3 request IDs are 16 upper-case alphanumerics; every other service here logs a UUID. */
export function s3RequestId(rng: Random): string {
  return upperAlnum(rng, 16);
}

/** S3's extended request ID (`x-amz-id-2`), base64 of 56 bytes. */
export function amzId2(rng: Random): string {
  return `${rng.chars(75, BASE64)}=`;
}

/** An STS session token, shortened: real ones run to several hundred characters. */
export function sessionToken(rng: Random): string {
  return `IQoJb3JpZ2luX2VjE${rng.chars(95, BASE64)}`;
}

/** A temporary (STS) access key ID. */
export function temporaryAccessKeyId(rng: Random): string {
  return `ASIA${upperAlnum(rng, 16)}`;
}

/** A 32-bit integer hash with full avalanche (murmur3's finalizer); a bijection on 32 bits. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A version-4 UUID from the stream whose last eight hex digits encode `unique` bijectively, so
 * distinct values never collide even when two per-index streams happen to share a state.
 */
export function uniqueUuid(rng: Random, unique: number): string {
  const random = rng.uuid();
  return (
    random.slice(0, 28) +
    mix32(unique ^ 0x5bd1e995)
      .toString(16)
      .padStart(8, '0')
  );
}

/** `Mar 28, 2025, 5:25:58 PM`: the format IAM, STS and KMS use for dates in CloudTrail payloads. */
export function consoleDate(epochMilliseconds: number): string {
  const date = new Date(epochMilliseconds);
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const seconds = String(date.getUTCSeconds()).padStart(2, '0');
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return `${month} ${String(date.getUTCDate())}, ${String(date.getUTCFullYear())}, ${String(hour12)}:${minutes}:${seconds} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** `2025-03-28T17:25:58.000+0000`: Lambda's lastModified format. */
export function lambdaDate(epochMilliseconds: number): string {
  return new Date(Math.floor(epochMilliseconds / 1000) * 1000).toISOString().replace('Z', '+0000');
}

/** `2025-03-28`: UTC calendar date, for object keys and query text. */
export function isoDay(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().slice(0, 10);
}

const kebabCache = new Map<string, string>();

/** CLI command segment of an API name: `CreateFunction20150331` gives `create-function`. */
export function kebabOperation(eventName: string): string {
  let kebab = kebabCache.get(eventName);
  if (kebab === undefined) {
    kebab = actionName(eventName)
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase();
    kebabCache.set(eventName, kebab);
  }
  return kebab;
}

/** IAM action name of an API event name (`CreateFunction20150331` gives `CreateFunction`). */
export function actionName(eventName: string): string {
  return eventName.replace(/\d{8}(v\d+)?$/, '');
}
