// Trail log files (SEMANTICS.md §17.10): the object key, the body `{"Records":[...]}` built from the
// records' serialized JSON exactly, gzip as one member, and what a digest lists about each file.
import { gzipSync } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { randomStream } from '../../random';
import type { EventEntry } from '../../records';
import type { EmulatorState } from '../../state';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** What a digest lists about a delivered log file (§17.11); times `YYYY-MM-DDTHH:MM:SSZ`. */
export interface DeliveredLogFile {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** Hex SHA-256 of the uncompressed file. */
  readonly hashValue: string;
  readonly newestEventTime: string;
  readonly oldestEventTime: string;
  /** Epoch ms of the delivery: a digest lists the files delivered in its window. */
  readonly deliveredAt: number;
}

/** A log file ready to write. */
export interface LogFile {
  readonly file: DeliveredLogFile;
  /** The gzip bytes of the object. */
  readonly bytes: Uint8Array;
}

/** `YYYYMMDD` and `HHmmss` of an instant, UTC. */
function utcParts(at: number): { date: string; time: string; path: string } {
  const iso = new Date(at).toISOString();
  return {
    date: `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`,
    time: `${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`,
    path: `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`,
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ` of an instant (digest times, event times). */
export function isoSeconds(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The `[<prefix>/]AWSLogs/<account>/<kind>/<region>/YYYY/MM/DD/` folder of an instant. */
export function datedFolder(
  prefix: string | undefined,
  account: string,
  kind: string,
  region: string,
  at: number,
): string {
  return `${prefix ? `${prefix}/` : ''}AWSLogs/${account}/${kind}/${region}/${utcParts(at).path}/`;
}

/**
 * `[<prefix>/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDD>T<HHmm>Z_<unique>.json.gz`,
 * dated by the delivery (§17.10).
 */
export function logFileKey(
  prefix: string | undefined,
  account: string,
  region: string,
  deliveredAt: number,
  unique: string,
): string {
  const { date, time } = utcParts(deliveredAt);
  return `${datedFolder(prefix, account, 'CloudTrail', region, deliveredAt)}${account}_CloudTrail_${region}_${date}T${time.slice(0, 4)}Z_${unique}.json.gz`;
}

/**
 * The 16-character unique part of a log file's name: a PRNG stream of the world's seed named after
 * the file's trail, region, batch generation and delivery, so it needs no saved position and two
 * deliveries never share it.
 */
export function logFileUnique(
  state: EmulatorState,
  trailArn: string,
  region: string,
  generation: number,
  deliveredAt: number,
): string {
  return randomStream(
    state.config.seed,
    `trail-log-file|${trailArn}|${region}|${String(generation)}|${String(deliveredAt)}`,
  ).chars(16, ALPHANUMERIC);
}

/** `{"Records":[r1,r2,...]}` of records' serialized JSON, byte for byte (§17.10). */
export function logFileBody(recordJsons: readonly string[]): string {
  return `{"Records":[${recordJsons.join(',')}]}`;
}

/** One gzip member of `bytes`, stamped with `at` (no wall clock in the header). */
export function gzip(bytes: Uint8Array, at: number): Uint8Array {
  return gzipSync(bytes, { mtime: Math.floor(at / 1000) * 1000 });
}

/** Hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The log file of a batch of records, in batch order, delivered at `deliveredAt`. */
export function buildLogFile(
  state: EmulatorState,
  destination: { bucket: string; key: string },
  entries: readonly EventEntry[],
  deliveredAt: number,
): LogFile {
  const { hashValue, bytes } = compressed(logFileBody(entries.map((entry) => state.jsonOf(entry))), deliveredAt);
  let oldest = Infinity;
  let newest = -Infinity;
  for (const entry of entries) {
    if (entry.time < oldest) oldest = entry.time;
    if (entry.time > newest) newest = entry.time;
  }
  return {
    file: {
      s3Bucket: destination.bucket,
      s3Object: destination.key,
      hashValue,
      newestEventTime: isoSeconds(newest * 1000),
      oldestEventTime: isoSeconds(oldest * 1000),
      deliveredAt,
    },
    bytes,
  };
}

/**
 * The last log files built, by body and delivery time. A fresh world writes its seeded trail's
 * past files again (every test's reset: 49 files, 100 KB of records), and hashing and compressing
 * them took a quarter of a reset. Bounded; each caller gets its own copy of the bytes.
 */
const recentLogFiles = new Map<string, { hashValue: string; bytes: Uint8Array }>();
const RECENT_LOG_FILES = 256;

function compressed(body: string, deliveredAt: number): { hashValue: string; bytes: Uint8Array } {
  const key = `${String(deliveredAt)}|${body}`;
  let built = recentLogFiles.get(key);
  if (built === undefined) {
    const encoded = new TextEncoder().encode(body);
    built = { hashValue: sha256Hex(encoded), bytes: gzip(encoded, deliveredAt) };
    if (recentLogFiles.size >= RECENT_LOG_FILES) recentLogFiles.delete(recentLogFiles.keys().next().value ?? '');
    recentLogFiles.set(key, built);
  }
  return { hashValue: built.hashValue, bytes: built.bytes.slice() };
}
