/**
 * One saved value: `value` undefined deletes the key. Collections group values of one kind
 * (`meta`, `records`, `eventDataStores`, ...); keys are unique within a collection.
 */
export interface StoredEntry {
  collection: string;
  key: string;
  value?: unknown;
  /**
   * Set by `load` of a backend that can read a record back later (`EmulatorStorage.readRecord`):
   * where this `records` entry's line is. Such an entry's `value` is read from storage each time
   * it is accessed, so read it once; the core keeps the ref instead of the record's JSON.
   */
  ref?: RecordRef;
  /**
   * Only in writes of the `OBJECTS` collection (key `<bucket>/<key>`): the object's bytes;
   * absent deletes the object. Such entries are never returned by `load`: `readObject` and
   * `listObjects` read objects back.
   */
  bytes?: Uint8Array;
}

/**
 * The collection of S3 object bytes (SEMANTICS.md §17.12): written in the same stream as the
 * entries of the call that delivered them, so a rolled-back call writes none, but kept apart by
 * every backend (data directory: plain files under `s3/`; IndexedDB: an object store of its own).
 */
export const OBJECTS = 's3-object-bytes';

/** An object read back: its bytes and, where the backend knows it, when they last changed (epoch ms). */
export interface StoredObject {
  bytes: Uint8Array;
  modified?: number;
}

/** The `OBJECTS` entry key of an object: bucket names hold no `/`, so the first `/` splits it. */
export function objectEntryKey(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

/** Bucket and key of an `OBJECTS` entry key. */
export function splitObjectEntryKey(entryKey: string): { bucket: string; key: string } {
  const slash = entryKey.indexOf('/');
  return slash < 0
    ? { bucket: entryKey, key: '' }
    : { bucket: entryKey.slice(0, slash), key: entryKey.slice(slash + 1) };
}

const encoder = new TextEncoder();

/**
 * Why an object cannot be stored under this bucket and key, or undefined when it can. Every
 * backend keeps the same set, that of the data directory (a key is a relative file path there):
 * no empty, `.` or `..` segment, no NUL, no segment over 255 bytes, at most 1,024 bytes in all
 * (S3's own key limit); a bucket is one such segment.
 */
export function objectKeyProblem(bucket: string, key: string): string | undefined {
  if (bucket === '' || bucket === '.' || bucket === '..' || /[/\\\0]/.test(bucket))
    return `Bucket name ${JSON.stringify(bucket)} cannot be stored.`;
  if (encoder.encode(key).length > 1024) return 'Object keys are at most 1,024 bytes.';
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('\0'))
      return `Object key ${JSON.stringify(key)} has an empty, "." or ".." segment or a NUL character.`;
    if (encoder.encode(segment).length > 255) return `Object key ${JSON.stringify(key)} has a segment over 255 bytes.`;
  }
  return undefined;
}

/** Orders strings as their UTF-8 bytes compare (S3's key order), which is code point order. */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 code units order as code points except that surrogates (U+D800-DFFF, the halves of
    // code points past U+FFFF) sort below U+E000-FFFF; lift them above.
    const surrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
    const lift = (unit: number) => (surrogate(unit) ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);
    return lift(x) - lift(y);
  }
  return a.length - b.length;
}

/**
 * Where a stored record is in a data directory: segment `segment`, `length` bytes from byte
 * `offset` (one journal line). Valid for the life of the storage that loaded it: compaction runs
 * only inside `load`, before refs are handed out, and writes only append.
 */
export interface RecordRef {
  readonly segment: number;
  readonly offset: number;
  readonly length: number;
}

/**
 * What a load found. Damage never stops a load: an entry that cannot be read, or that is not a
 * `StoredEntry`, is skipped and counted under a reason, and everything else loads.
 */
export interface LoadReport {
  /** Live entries returned. */
  entries: number;
  /** Entries (lines, rows) skipped as damaged; the sum of `skippedReasons`. */
  skipped: number;
  /** Skipped entries by reason: see `SkipReason`. */
  skippedReasons: Record<string, number>;
  /** Bytes read from storage; 0 where the backend cannot tell (IndexedDB, memory). */
  bytes: number;
  /** Wall time of the load, compaction included. */
  milliseconds: number;
  /** Problems that did not stop the load, such as a compaction that could not finish. */
  warnings?: string[];
}

/**
 * Why an entry was skipped: its line was cut short by a killed process (`torn line`), is not JSON
 * (`not JSON`), is not UTF-8 (`invalid UTF-8`), or is JSON but not an object with a non-empty
 * string `collection` and a string `key` (`wrong shape`: null, an array, a number, ...).
 */
export type SkipReason = 'torn line' | 'not JSON' | 'invalid UTF-8' | 'wrong shape';

/**
 * What `load` resolves to. The entries come back as one array rather than through a callback
 * (`load(onEntry)`): every backend must fold the whole history before it knows which entries are
 * live (a later deletion removes an earlier value), so the live set is held in memory anyway, and
 * the array shares its values with that set instead of copying them. A callback would save only
 * the array's own slots (8 bytes an entry). The data directory does not hold its records' values:
 * each `records` entry carries a `ref` and reads its value from disk when accessed.
 */
export interface LoadResult {
  entries: StoredEntry[];
  report: LoadReport;
}

/**
 * Where the emulator keeps its state. The core writes every change through `write` before it
 * answers the call that made it, so an answered call survives a reload, a restart or a kill.
 * Values are plain JSON.
 */
export interface EmulatorStorage {
  /** The live value of every key, in no particular order, and what the load found. */
  load(): Promise<LoadResult>;
  /**
   * Applies the entries in order; durable once the promise resolves. Rejects with
   * `StorageFullError` when the backend is out of space.
   */
  write(entries: readonly StoredEntry[]): Promise<void>;
  /** Forgets everything. */
  clear(): Promise<void>;
  /**
   * The serialized record (`value.json`) of a `records` entry `load` returned with this `ref`,
   * read synchronously. Only backends that hand out refs have it (the data directory), so a large
   * history's JSON stays on disk instead of in memory. Throws when the line is no longer there.
   */
  readRecord?(ref: RecordRef): string;
  /**
   * The bytes of an S3 object written through an `OBJECTS` entry, as the backend holds them now:
   * the data directory's files are authoritative, so a file changed or removed by hand reads
   * changed or missing. Undefined when there is none (or the key could not be stored).
   */
  readObject(bucket: string, key: string): Promise<StoredObject | undefined>;
  /** Keys of the bucket's objects that start with `prefix`, in UTF-8 binary order (`compareUtf8`). */
  listObjects(bucket: string, prefix: string): Promise<string[]>;
}

/** A write failed because the backend has no room left (the browser's quota for the site). */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super(
      "The browser's storage for this site is full, so the emulator cannot save this change. " +
        'Free space by resetting the embedded emulator (Settings → Embedded emulator → Reset emulator data) or by clearing ' +
        "this site's data in the browser's settings.",
      options,
    );
  }
}

/** The entry `value` is, or undefined when it is not a `StoredEntry` (see `SkipReason`). */
export function asStoredEntry(value: unknown): StoredEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { collection, key } = value as Record<string, unknown>;
  if (typeof collection !== 'string' || collection === '' || typeof key !== 'string') return undefined;
  return value as StoredEntry;
}

/** Counts skipped entries while a backend loads, then builds its `LoadReport`. */
export class LoadTally {
  skipped = 0;
  readonly skippedReasons: Record<string, number> = {};
  readonly warnings: string[] = [];

  skip(reason: SkipReason, count = 1): void {
    if (count <= 0) return;
    this.skipped += count;
    this.skippedReasons[reason] = (this.skippedReasons[reason] ?? 0) + count;
  }

  report(entries: number, bytes: number, milliseconds: number): LoadReport {
    return {
      entries,
      skipped: this.skipped,
      skippedReasons: { ...this.skippedReasons },
      bytes,
      milliseconds,
      ...(this.warnings.length > 0 ? { warnings: [...this.warnings] } : {}),
    };
  }
}

/** Folds entries into their live values: later entries win and deletions remove. */
export function foldEntries(entries: Iterable<StoredEntry>): Map<string, StoredEntry> {
  const live = new Map<string, StoredEntry>();
  for (const entry of entries) {
    const id = `${entry.collection}\u0000${entry.key}`;
    if (entry.value === undefined) live.delete(id);
    else live.set(id, entry);
  }
  return live;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

function size(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? plural(bytes, 'byte', 'bytes') : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

function duration(milliseconds: number): string {
  return milliseconds < 1000 ? `${count(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

/**
 * One line for a log, e.g. "Loaded 5,000,000 entries (4.1 GB) in 38.2 s; skipped 3 damaged
 * entries: 1 torn line, 2 wrong shape". Sizes are decimal (1 GB = 10^9 bytes).
 */
export function describeLoadReport(report: LoadReport): string {
  let text = `Loaded ${plural(report.entries, 'entry', 'entries')}`;
  if (report.bytes > 0) text += ` (${size(report.bytes)})`;
  text += ` in ${duration(report.milliseconds)}`;
  if (report.skipped > 0) {
    const reasons = Object.entries(report.skippedReasons)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]) => `${count(n)} ${reason}`);
    text += `; skipped ${plural(report.skipped, 'damaged entry', 'damaged entries')}: ${reasons.join(', ')}`;
  }
  for (const warning of report.warnings ?? []) text += `; ${warning}`;
  return text;
}
