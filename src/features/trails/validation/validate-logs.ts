// `aws cloudtrail validate-logs`, step by step (SEMANTICS.md §17.12), in the browser: the same
// digests listed, the same checks in the same order, the same verdict wording and summary, so the
// console and the AWS CLI agree on the same files. S3 and ListPublicKeys are injected; hashing and
// RSA verification use WebCrypto. Everything read from the bucket is untrusted.
import {
  fromHex,
  importPkcs1PublicKey,
  inflateDigestFile,
  inflateLogFile,
  sha256Hex,
  verifySha256WithRsa,
} from './digest-crypto';

/** What validation reads: the bucket and the Region's public keys. */
export interface ValidationSources {
  /** Keys under `prefix` that sort after `startAfter`, in key order (paged as the caller likes). */
  listKeys: (bucket: string, prefix: string, startAfter: string) => AsyncIterable<string>;
  /**
   * An object's bytes and user metadata (names in lower case), or undefined when S3 answers
   * NoSuchKey. Any other failure throws and ends the run, as it ends the CLI's.
   */
  getObject: (
    bucket: string,
    key: string,
  ) => Promise<{ bytes: Uint8Array<ArrayBuffer>; metadata: Readonly<Record<string, string>> } | undefined>;
  /** ListPublicKeys(StartTime, EndTime) in the source Region. */
  listPublicKeys: (start: Date, end: Date) => Promise<readonly { Fingerprint?: string; Value?: Uint8Array }[]>;
}

export interface ValidationRequest {
  trailArn: string;
  bucket: string;
  /** The trail's S3KeyPrefix, if any. */
  prefix?: string;
  /** The Region whose files are checked (the CLI's `--region`). */
  sourceRegion: string;
  startTime: Date;
  endTime: Date;
}

export type FileKind = 'Digest file' | 'Log file';

/** One line of the CLI's verbose output: a file's verdict, or a gap in the digest chain. */
export type ValidationEntry =
  | { kind: 'file'; file: FileKind; bucket: string; key: string; valid: true }
  | { kind: 'file'; file: FileKind; bucket: string; key: string; valid: false; reason: string }
  | { kind: 'gap'; from: Date; to: Date };

export interface ValidationReport {
  request: ValidationRequest;
  entries: ValidationEntry[];
  digests: { valid: number; invalid: number };
  logs: { valid: number; invalid: number };
  /** The span the valid digests cover, when any digest was valid. */
  found?: { start: Date; end: Date };
}

/** A failure that ends the run, with the CLI's message. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** A digest that failed a check; `reason` is what follows `INVALID: `. */
class DigestInvalid extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A digest that S3 says is not there. */
class DigestMissing extends Error {}

/** The CLI's display format for dates: `2024-06-01T10:00:00Z`. */
export function formatDisplayDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The CLI's key format for dates: `20240601T100000Z`. */
function formatKeyDate(date: Date): string {
  return formatDisplayDate(date).replace(/[-:]/g, '');
}

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '/');
}

/** Parses a date as the CLI's date parser would for the values CloudTrail writes; fails with its message. */
function parseDate(value: unknown): Date {
  if (typeof value === 'string') {
    const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
    const [year = 0, month = 1, day = 1, hours = 0, minutes = 0, seconds = 0] = (compact?.slice(1) ?? []).map(Number);
    const date = compact
      ? new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds))
      : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error(`Unable to parse date value: ${pyStr(value)}`);
}

/** A value as Python's str() would print it inside the CLI's messages. */
function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\\-/]/g, '\\$&');
}

/** The timestamp part of a digest key (`key[-24:-8]`). */
function digestKeyDate(key: string): string {
  return key.slice(-24, -8);
}

interface Trail {
  account: string;
  name: string;
  homeRegion: string;
}

function trailOf(arn: string): Trail {
  if (!/^arn:.+:cloudtrail:.+:\d{12}:trail\/.+/.test(arn))
    throw new ValidationError(`Invalid trail ARN provided: ${arn}`);
  const parts = arn.split(':');
  return { account: parts[4] ?? '', homeRegion: parts[3] ?? '', name: arn.split('/').at(-1) ?? '' };
}

function withPrefix(prefix: string | undefined, key: string): string {
  return prefix ? `${prefix}/${key}` : key;
}

/** The folder holding a trail's digests for a source Region. */
export function digestFolder(request: Pick<ValidationRequest, 'trailArn' | 'prefix' | 'sourceRegion'>): string {
  const { account } = trailOf(request.trailArn);
  return withPrefix(request.prefix, `AWSLogs/${account}/CloudTrail-Digest/${request.sourceRegion}/`);
}

/** The key a digest of this trail ending at `date` would have: the listing marker. */
function digestKeyAt(trail: Trail, request: ValidationRequest, date: Date): string {
  const { account, name, homeRegion } = trail;
  const region = request.sourceRegion;
  return withPrefix(
    request.prefix,
    `AWSLogs/${account}/CloudTrail-Digest/${region}/${ymd(date)}/` +
      `${account}_CloudTrail-Digest_${region}_${name}_${homeRegion}_${formatKeyDate(date)}.json.gz`,
  );
}

function digestKeyPattern(trail: Trail, request: ValidationRequest): RegExp {
  const account = escapeRegExp(trail.account);
  const region = escapeRegExp(request.sourceRegion);
  const body =
    `AWSLogs/${account}/CloudTrail\\-Digest/${region}/\\d+/\\d+/\\d+/${account}_CloudTrail\\-Digest_` +
    `${region}_${escapeRegExp(trail.name)}_${escapeRegExp(trail.homeRegion)}_.+\\.json\\.gz`;
  return new RegExp(`^${request.prefix ? `${escapeRegExp(request.prefix)}/` : ''}${body}$`);
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The digest keys of the trail dated in [start, end + 1 h], oldest first (CLI: load_digest_keys_in_range). */
async function loadDigestKeys(
  sources: ValidationSources,
  trail: Trail,
  request: ValidationRequest,
  bucket: string,
  start: Date,
  end: Date,
): Promise<string[]> {
  // The marker is the key a digest ending a minute before the start would have, so the start is inclusive.
  const marker = digestKeyAt(trail, request, new Date(start.getTime() - MINUTE));
  const targetStart = formatKeyDate(start);
  // An hour more, for files that spilled over into the next digest.
  const targetEnd = formatKeyDate(new Date(end.getTime() + HOUR));
  const pattern = digestKeyPattern(trail, request);
  const keys: string[] = [];
  for await (const key of sources.listKeys(bucket, digestFolder(request), marker)) {
    if (!pattern.test(key)) continue;
    const date = digestKeyDate(key);
    if (date > targetEnd) break;
    if (date >= targetStart) keys.push(key);
  }
  return keys;
}

/** Removes and returns the newest digest key older than `before` (or the newest, with none). */
function popPreviousDigest(digests: string[], before?: string): { key: string; end: Date } | undefined {
  if (before === undefined) {
    const key = digests.pop();
    return key === undefined ? undefined : { key, end: parseDate(digestKeyDate(key)) };
  }
  const beforeDate = parseDate(digestKeyDate(before));
  for (let key = digests.pop(); key !== undefined; key = digests.pop()) {
    const end = parseDate(digestKeyDate(key));
    if (end < beforeDate) return { key, end };
  }
  return undefined;
}

type Digest = Record<string, unknown>;

const REQUIRED_DIGEST_KEYS = [
  'digestPublicKeyFingerprint',
  'digestS3Bucket',
  'digestS3Object',
  'previousDigestSignature',
  'digestEndTime',
  'digestStartTime',
] as const;

/** Fetches and checks one digest, in the CLI's order; returns it when valid, throws why not. */
async function loadAndValidateDigest(
  sources: ValidationSources,
  publicKeys: ReadonlyMap<string, Uint8Array>,
  trail: Trail,
  bucket: string,
  key: string,
): Promise<Digest> {
  const object = await sources.getObject(bucket, key);
  if (!object) throw new DigestMissing();
  let inflated: Uint8Array<ArrayBuffer>;
  let digest: unknown;
  try {
    inflated = inflateDigestFile(object.bytes);
    digest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    throw new DigestInvalid('invalid format');
  }
  const signature = object.metadata.signature;
  if (signature === undefined || object.metadata['signature-algorithm'] === undefined)
    throw new DigestInvalid('signature verification failed');
  if (typeof digest !== 'object' || digest === null || Array.isArray(digest)) throw new DigestInvalid('invalid format');
  const data = digest as Digest;
  if (REQUIRED_DIGEST_KEYS.some((name) => !Object.hasOwn(data, name))) throw new DigestInvalid('invalid format');
  if (data.digestS3Bucket !== bucket || data.digestS3Object !== key)
    throw new DigestInvalid('has been moved from its original location');
  const fingerprint = pyStr(data.digestPublicKeyFingerprint);
  const der = publicKeys.get(fingerprint);
  if (der === undefined)
    throw new DigestInvalid(`public key not found in region ${trail.homeRegion} for fingerprint ${fingerprint}`);
  let publicKey: CryptoKey;
  try {
    publicKey = await importPkcs1PublicKey(der);
  } catch {
    throw new DigestInvalid(`Unable to load PKCS #1 key with fingerprint ${fingerprint}`);
  }
  const previousSignature = data.previousDigestSignature ?? 'null';
  const toSign =
    `${pyStr(data.digestEndTime)}\n${pyStr(data.digestS3Bucket)}/${pyStr(data.digestS3Object)}\n` +
    `${await sha256Hex(inflated)}\n${pyStr(previousSignature)}`;
  // A signature that is not hex fails here with binascii's message, reported as the CLI does.
  const signatureBytes = fromHex(signature);
  if (!(await verifySha256WithRsa(publicKey, signatureBytes, new TextEncoder().encode(toSign))))
    throw new DigestInvalid('signature verification failed');
  parseDate(data.digestEndTime);
  return data;
}

interface LogFileEntry {
  s3Bucket?: unknown;
  s3Object?: unknown;
  hashValue?: unknown;
}

/**
 * Validates a trail's log files between two times as `aws cloudtrail validate-logs --verbose`
 * does: newest digest first, each digest's signature, each listed log file's hash, then the
 * previous digest, with gaps and missing or changed files reported. `onEntry` sees each line as it
 * is decided. Throws ValidationError where the CLI stops with an error.
 */
export async function validateLogs(
  sources: ValidationSources,
  request: ValidationRequest,
  options: { onEntry?: (entry: ValidationEntry) => void; signal?: AbortSignal } = {},
): Promise<ValidationReport> {
  const { startTime: start, endTime: end } = request;
  if (start.getTime() > end.getTime())
    throw new ValidationError('Invalid time range specified: start-time must occur before end-time');
  const trail = trailOf(request.trailArn);
  const report: ValidationReport = {
    request,
    entries: [],
    digests: { valid: 0, invalid: 0 },
    logs: { valid: 0, invalid: 0 },
  };
  let foundStart = start;
  let foundEnd: Date | undefined;
  const emit = (entry: ValidationEntry) => {
    report.entries.push(entry);
    options.onEntry?.(entry);
  };
  const fileVerdict = (file: FileKind, bucket: string, key: string, reason?: string) => {
    const counter = file === 'Digest file' ? report.digests : report.logs;
    if (reason === undefined) {
      counter.valid++;
      emit({ kind: 'file', file, bucket, key, valid: true });
    } else {
      counter.invalid++;
      emit({ kind: 'file', file, bucket, key, valid: false, reason });
    }
  };

  let bucket = request.bucket;
  let digests = await loadDigestKeys(sources, trail, request, bucket, start, end);
  const keyEnd = new Date(end.getTime() + 2 * HOUR);
  const publicKeys = new Map<string, Uint8Array>();
  for (const publicKey of await sources.listPublicKeys(start, keyEnd))
    if (publicKey.Fingerprint !== undefined && publicKey.Value !== undefined)
      publicKeys.set(publicKey.Fingerprint, publicKey.Value);
  if (publicKeys.size === 0)
    throw new ValidationError(
      `No public keys found between ${formatDisplayDate(start)} and ${formatDisplayDate(keyEnd)}`,
    );

  let next = popPreviousDigest(digests);
  let key = next?.key;
  let endDate = next?.end;
  let lastStartDate = next?.end;
  while (key !== undefined && lastStartDate !== undefined && start <= lastStartDate) {
    options.signal?.throwIfAborted();
    const currentKey = key;
    try {
      const digest = await loadAndValidateDigest(sources, publicKeys, trail, bucket, currentKey);
      endDate = parseDate(digest.digestEndTime);
      lastStartDate = parseDate(digest.digestStartTime);
      const previousBucket = digest.previousDigestS3Bucket ?? null;
      // A valid digest: counted, its found times tracked, then its log files checked.
      if (lastStartDate > start) foundStart = lastStartDate;
      foundEnd ??= endDate < end ? endDate : end;
      fileVerdict('Digest file', pyStr(digest.digestS3Bucket), pyStr(digest.digestS3Object));
      // Without a logFiles member the CLI stops with an error; an empty or null one lists nothing.
      if (!Object.hasOwn(digest, 'logFiles'))
        throw new ValidationError(`Digest file s3://${bucket}/${currentKey} has no logFiles member`);
      const logFiles: unknown[] = Array.isArray(digest.logFiles) ? digest.logFiles : [];
      for (const log of logFiles) {
        options.signal?.throwIfAborted();
        await checkLogFile(sources, log, fileVerdict);
      }
      if (previousBucket === null) {
        // A chain start: the next digest in the listing, if any, begins after a gap.
        next = popPreviousDigest(digests, currentKey);
        if (next) emit({ kind: 'gap', from: next.end, to: lastStartDate });
        key = next?.key;
        endDate = next?.end;
      } else {
        if (!Object.hasOwn(digest, 'previousDigestS3Object')) throw new Error("'previousDigestS3Object'");
        key = pyStr(digest.previousDigestS3Object);
        if (previousBucket !== bucket) {
          bucket = pyStr(previousBucket);
          // The bucket changed, so its digests are listed afresh.
          digests = await loadDigestKeys(sources, trail, request, bucket, start, endDate);
        }
      }
    } catch (error) {
      if (error instanceof ValidationError || options.signal?.aborted) throw error;
      if (error instanceof DigestMissing) fileVerdict('Digest file', bucket, currentKey, 'not found');
      else if (error instanceof DigestInvalid) fileVerdict('Digest file', bucket, currentKey, error.reason);
      else if (isFetchFailure(error)) throw error;
      else fileVerdict('Digest file', bucket, currentKey, error instanceof Error ? error.message : String(error));
      next = popPreviousDigest(digests, currentKey);
      key = next?.key;
      endDate = next?.end;
    }
  }
  return { ...report, ...(foundEnd ? { found: { start: foundStart, end: foundEnd } } : {}) };
}

/** S3 failures other than NoSuchKey end the run (the CLI re-raises them); so do network failures. */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && '$metadata' in error);
}

/** Downloads a listed log file and compares the SHA-256 of its uncompressed bytes with the digest's. */
async function checkLogFile(
  sources: ValidationSources,
  entry: unknown,
  verdict: (file: FileKind, bucket: string, key: string, reason?: string) => void,
): Promise<void> {
  const log: LogFileEntry = typeof entry === 'object' && entry !== null ? entry : {};
  const bucket = pyStr(log.s3Bucket);
  const key = pyStr(log.s3Object);
  try {
    if (typeof log.s3Bucket !== 'string' || typeof log.s3Object !== 'string') throw new Error('invalid entry');
    const object = await sources.getObject(log.s3Bucket, log.s3Object);
    if (!object) {
      verdict('Log file', bucket, key, 'not found');
      return;
    }
    const hash = await sha256Hex(inflateLogFile(object.bytes));
    verdict('Log file', bucket, key, hash === log.hashValue ? undefined : "hash value doesn't match");
  } catch (error) {
    if (isFetchFailure(error)) throw error;
    // Anything else (not gzip, a malformed entry) is the CLI's "invalid format".
    verdict('Log file', bucket, key, 'invalid format');
  }
}

/** An entry as the CLI prints it. */
export function entryLine(entry: ValidationEntry): string {
  if (entry.kind === 'gap')
    return `No log files were delivered by CloudTrail between ${formatDisplayDate(entry.from)} and ${formatDisplayDate(entry.to)}`;
  return `${entry.file}\ts3://${entry.bucket}/${entry.key}\t${entry.valid ? 'valid' : `INVALID: ${entry.reason}`}`;
}

function ratio(counts: { valid: number; invalid: number }, name: string): string[] {
  const total = counts.valid + counts.invalid;
  if (total === 0) return [];
  const invalid = counts.invalid > 0 ? `, ${String(counts.invalid)}/${String(total)} ${name} files INVALID` : '';
  return [`${String(counts.valid)}/${String(total)} ${name} files valid${invalid}`];
}

/** The CLI's summary: the range requested, the range found, and the valid/total counts. */
export function summaryLines(report: ValidationReport): string[] {
  const { startTime, endTime } = report.request;
  const lines = [`Results requested for ${formatDisplayDate(startTime)} to ${formatDisplayDate(endTime)}`];
  if (report.digests.valid === 0 && report.digests.invalid === 0) return [...lines, 'No digests found'];
  lines.push(
    report.found
      ? `Results found for ${formatDisplayDate(report.found.start)} to ${formatDisplayDate(report.found.end)}:`
      : 'No valid digests found in range',
  );
  const counts = [...ratio(report.digests, 'digest'), ...ratio(report.logs, 'log')];
  return counts.length > 0 ? [...lines, '', ...counts] : lines;
}

/** The whole output of `validate-logs --verbose` (stdout and stderr in order), one string per line. */
export function transcriptLines(report: ValidationReport): string[] {
  const { trailArn, startTime, endTime } = report.request;
  const lines = [
    `Validating log files for trail ${trailArn} between ${formatDisplayDate(startTime)} and ${formatDisplayDate(endTime)}`,
    '',
  ];
  // Errors are printed with a blank line after them (and before, after a valid line).
  let lastWasBlank = true;
  for (const entry of report.entries) {
    const isError = entry.kind === 'gap' || !entry.valid;
    if (isError) {
      if (!lastWasBlank) lines.push('');
      lines.push(entryLine(entry), '');
    } else lines.push(entryLine(entry));
    lastWasBlank = isError;
  }
  if (!lastWasBlank) lines.push('');
  return [...lines, ...summaryLines(report)];
}
