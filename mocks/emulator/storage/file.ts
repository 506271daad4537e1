// Node-only storage: an append-only journal of JSON lines in a data directory, split into segment
// files. Each write is appended synchronously before the call is answered, so a kill -9 after an
// answer loses nothing; on load the journal is folded to its live entries and the segments that
// hold anything else are compacted.
//
// Layout. Segment 0 is `journal.jsonl` (the whole journal of older versions, and of any data
// directory under one segment); later segments are `journal.000001.jsonl`, `journal.000002.jsonl`,
// ... Order matters: a later segment's entry wins over an earlier one's. Writes append to the
// newest segment; once it has passed `segmentBytes` the next write opens a new one. A segment is
// never appended to again once a newer one exists.
//
// Loading. Segments are read oldest first as a stream of byte chunks (`chunkBytes` at a time, one
// line carried over between chunks), never as one string, so a data directory of any size loads
// in time linear in its size and in memory proportional to its live entries. Each line is checked
// for UTF-8, parsed and checked for shape; a damaged line is skipped and counted (LoadReport).
//
// Records by reference. A `records` entry's line is parsed while loading (to check it and fold
// it) and then dropped: the load keeps only where the line is (`RecordRef`: segment, byte offset,
// byte length), and the entry it returns reads its value back from disk when accessed. The core
// keeps the ref and reads the record's JSON back with `readRecord` when a call needs it, so a
// history of millions of records holds none of their JSON in memory. Refs are computed after
// compaction (which runs only inside `load`); later writes only append, so they stay valid.
//
// Compaction rewrites only the "dirty" segments: those holding a line that is not live (a value
// replaced or deleted later, a deletion, a damaged line) or missing its final newline. Old
// segments of records that never change stay untouched. Each dirty segment's live entries are
// streamed to `<segment>.compacting`, fsynced and renamed over the segment (or the segment is
// removed when nothing in it is live). Dirty segments are rewritten oldest first (each live line copied byte for byte), which keeps
// every intermediate state correct if the process dies midway: a deletion in segment j may only
// be dropped once the value it deleted, in some earlier segment i, is gone; that value is not
// live, so segment i is dirty too and, being older, was rewritten first.
//
// S3 objects (SEMANTICS.md §17.12) are plain files, `s3/<bucket>/<key>`, outside the journal: the
// files are the truth, so one changed or removed by hand reads changed or missing. Each is written
// to `s3-partial/` first and renamed into place, so a listing never sees half a file.
import { isUtf8 } from 'node:buffer';
import {
  appendFileSync,
  closeSync,
  type Dirent,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  asStoredEntry,
  compareUtf8,
  LoadTally,
  objectKeyProblem,
  OBJECTS,
  splitObjectEntryKey,
  type EmulatorStorage,
  type RecordRef,
  type StoredEntry,
  type StoredObject,
} from './storage';

/** A new segment is started once the newest has passed this size. */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
/** Bytes read at a time while loading; a longer line grows the buffer. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** Bytes collected before each write while compacting. */
const WRITE_BATCH_BYTES = 1024 * 1024;

const SEGMENT_NAME = /^journal(?:\.(\d{6,}))?\.jsonl$/;
const NEWLINE = 0x0a;

/** File name of segment `n`: `journal.jsonl` for 0, else `journal.000001.jsonl` and on. */
export function segmentFileName(n: number): string {
  return n === 0 ? 'journal.jsonl' : `journal.${String(n).padStart(6, '0')}.jsonl`;
}

export interface FileStorageOptions {
  /** Size past which writes start a new segment; default 64 MiB. */
  segmentBytes?: number;
  /** Read size while loading; default 1 MiB. Tests make it small to cross chunk boundaries. */
  chunkBytes?: number;
}

/** The collection whose entries are loaded by reference (see the top of the file). */
const BY_REFERENCE = 'records';

/**
 * One line of a segment: its text, or undefined when its bytes are not UTF-8, and where its bytes
 * are in the file (the newline after it excluded).
 */
type LineHandler = (text: string | undefined, last: boolean, offset: number, length: number) => void;

/**
 * Streams the lines of the file at `path` to `onLine`, reading `chunkBytes` at a time. `last` is
 * true for a final line with no newline after it (a torn append). Returns the file's size.
 *
 * The buffer holds the carried-over partial line at its start and is refilled after it; it grows
 * (doubling) only when one line is longer than the buffer, so each byte is read once and copied
 * at most once more.
 */
export function readLines(path: string, chunkBytes: number, onLine: LineHandler): number {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.max(1, chunkBytes));
    let carried = 0; // bytes of an unfinished line at the start of `buffer`
    let total = 0;
    let base = 0; // file offset of buffer[0]
    for (;;) {
      if (carried === buffer.length) {
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, carried);
        buffer = grown;
      }
      const read = readSync(fd, buffer, carried, buffer.length - carried, null);
      total += read;
      const filled = carried + read;
      if (read === 0) {
        if (filled > 0) emitLines(buffer.subarray(0, filled), base, onLine, true);
        return total;
      }
      const end = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (end < 0) {
        carried = filled; // no complete line yet
        continue;
      }
      emitLines(buffer.subarray(0, end), base, onLine, false);
      buffer.copy(buffer, 0, end + 1, filled);
      carried = filled - end - 1;
      base += end + 1;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Emits the `\n`-separated lines of `bytes`, which start at file offset `base`; with `torn`, the
 * last one had no newline after it.
 */
function emitLines(bytes: Buffer, base: number, onLine: LineHandler, torn: boolean): void {
  // Fast path: the whole run is UTF-8 (the usual case), so decode it once and split the string.
  // Splitting text on '\n' equals splitting bytes on 0x0A: UTF-8 never uses 0x0A inside a character,
  // so the i-th string is the bytes up to the i-th newline.
  if (isUtf8(bytes)) {
    const lines = bytes.toString('utf8').split('\n');
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      const end = i === lines.length - 1 ? bytes.length : bytes.indexOf(NEWLINE, start);
      onLine(lines[i], torn && i === lines.length - 1, base + start, end - start);
      start = end + 1;
    }
    return;
  }
  let start = 0;
  for (;;) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline;
    const line = bytes.subarray(start, end);
    onLine(isUtf8(line) ? line.toString('utf8') : undefined, torn && newline < 0, base + start, end - start);
    if (newline < 0) return;
    start = newline + 1;
  }
}

/** Reads up to `buffer.length` bytes of the file at `path` from `offset`; returns how many. */
function readAt(path: string, buffer: Buffer, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, offset + filled);
      if (read === 0) break;
      filled += read;
    }
    return filled;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads lines by position through a window of at least `size` bytes, so lines read in file order
 * (compaction, the values of a load's records) cost one read per window rather than one per line.
 */
class LineWindow {
  private path = '';
  private start = 0;
  private bytes = Buffer.alloc(0);

  constructor(private readonly size: number) {}

  /** The `length` bytes at `offset` of the file at `path`; the buffer is reused by the next read. */
  read(path: string, offset: number, length: number): Buffer {
    if (path !== this.path || offset < this.start || offset + length > this.start + this.bytes.length) {
      const buffer = Buffer.allocUnsafe(Math.max(this.size, length));
      const filled = readAt(path, buffer, offset);
      if (filled < length) throw new Error(`${path} ends before the line at byte ${String(offset)}`);
      this.path = path;
      this.start = offset;
      this.bytes = buffer.subarray(0, filled);
    }
    return this.bytes.subarray(offset - this.start, offset - this.start + length);
  }

  forget(): void {
    this.path = '';
    this.bytes = Buffer.alloc(0);
  }
}

/**
 * A live entry's line; `entry` is kept for every collection but `records`, whose slot is itself
 * the `RecordRef` handed out (its offset is updated when compaction moves the line).
 */
interface Slot {
  segment: number;
  offset: number;
  length: number;
  entry?: StoredEntry;
}

/** What loading found in one segment. */
interface SegmentScan {
  n: number;
  path: string;
  bytes: number;
  /** Entry lines read, deletions included; damaged and blank lines excluded. */
  entries: number;
  /** Damaged or blank lines, or a missing final newline: the segment needs rewriting. */
  untidy: boolean;
}

/**
 * Rewrites the segment at `path` to hold only the lines of `slots`, copied byte for byte in file
 * order, through a temporary file fsynced before it replaces `path`; then points the slots at
 * their new offsets (only once the rename is done, so a failed rewrite leaves them valid).
 */
function rewrite(path: string, slots: Slot[], window: LineWindow): void {
  if (slots.length === 0) {
    rmSync(path, { force: true });
    return;
  }
  slots.sort((a, b) => a.offset - b.offset);
  const offsets = new Array<number>(slots.length);
  const temporary = `${path}.compacting`;
  const fd = openSync(temporary, 'w');
  try {
    const batch = Buffer.allocUnsafe(WRITE_BATCH_BYTES);
    let batched = 0;
    let written = 0;
    const writeAll = (bytes: Buffer) => {
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
      written += bytes.length;
    };
    const flush = () => {
      writeAll(batch.subarray(0, batched));
      batched = 0;
    };
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      const line = window.read(path, slot.offset, slot.length);
      offsets[i] = written + batched;
      if (batched + line.length + 1 > batch.length) flush();
      if (line.length + 1 > batch.length) {
        writeAll(line);
        writeAll(Buffer.from([NEWLINE]));
        continue;
      }
      line.copy(batch, batched);
      batched += line.length;
      batch[batched++] = NEWLINE;
    }
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    window.forget();
  }
  renameSync(temporary, path);
  for (let i = 0; i < slots.length; i++) (slots[i] as Slot).offset = offsets[i] as number;
}

/** Makes renames in `directory` durable; not every platform can open a directory (Windows). */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}

/** The directory of S3 objects in a data directory. */
export const OBJECTS_DIRECTORY = 's3';
/** Where an object is written before it is renamed into place. */
const PARTIAL_DIRECTORY = 's3-partial';

/**
 * S3 objects as plain files under `root`: `<root>/<bucket>/<key>`. Keys that could not be a
 * relative path there (`objectKeyProblem`) are refused on write and missing on read.
 */
function objectFiles(root: string, partial: string) {
  /** The file of an object; undefined when its bucket and key cannot name one inside `root`. */
  function fileOf(bucket: string, key: string): string | undefined {
    if (objectKeyProblem(bucket, key) !== undefined) return undefined;
    const path = resolve(root, bucket, ...key.split('/'));
    const inside = relative(root, path);
    return inside === '' || inside.startsWith('..') || inside.startsWith(sep) ? undefined : path;
  }

  /** Every file under `directory`, as keys below `base` joined with `/`. */
  function walk(directory: string, base: string, found: string[]): void {
    let names: Dirent[];
    try {
      names = readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // missing, or not a directory
    }
    for (const item of names) {
      const key = base === '' ? item.name : `${base}/${item.name}`;
      if (item.isDirectory()) walk(join(directory, item.name), key, found);
      else if (item.isFile()) found.push(key);
    }
  }

  let partials = 0;
  return {
    write(entryKey: string, bytes: Uint8Array | undefined): void {
      const { bucket, key } = splitObjectEntryKey(entryKey);
      const path = fileOf(bucket, key);
      if (path === undefined) throw new Error(objectKeyProblem(bucket, key) ?? `Object key ${key} is not stored.`);
      if (bytes === undefined) {
        rmSync(path, { force: true });
        return;
      }
      mkdirSync(join(path, '..'), { recursive: true });
      mkdirSync(partial, { recursive: true });
      partials += 1;
      const temporary = join(partial, `${String(process.pid)}-${String(partials)}`);
      writeFileSync(temporary, bytes);
      renameSync(temporary, path);
    },
    read(bucket: string, key: string): StoredObject | undefined {
      const path = fileOf(bucket, key);
      if (path === undefined) return undefined;
      try {
        const bytes = readFileSync(path);
        return {
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          modified: statSync(path).mtimeMs,
        };
      } catch {
        return undefined; // missing, or a directory
      }
    },
    list(bucket: string, prefix: string): string[] {
      if (objectKeyProblem(bucket, 'x') !== undefined) return [];
      // Walk only below the deepest directory the prefix names in full.
      const slash = prefix.lastIndexOf('/');
      const directory = slash < 0 ? '' : prefix.slice(0, slash);
      const start = directory === '' ? undefined : fileOf(bucket, directory);
      const found: string[] = [];
      if (start !== undefined) walk(start, directory, found);
      else if (directory === '') walk(join(root, bucket), '', found);
      return found
        .filter((key) => key.startsWith(prefix) && objectKeyProblem(bucket, key) === undefined)
        .sort(compareUtf8);
    },
    clear(): void {
      rmSync(root, { recursive: true, force: true });
      rmSync(partial, { recursive: true, force: true });
    },
  };
}

/** Storage in `directory`, created when missing. */
export function fileStorage(directory: string, options: FileStorageOptions = {}): EmulatorStorage {
  const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const pathOf = (segment: number) => join(directory, segmentFileName(segment));
  const objects = objectFiles(resolve(directory, OBJECTS_DIRECTORY), resolve(directory, PARTIAL_DIRECTORY));

  /** The value of the `records` line at `ref`; throws when it is not one. */
  function valueAt(ref: RecordRef, window?: LineWindow): unknown {
    const line = window
      ? window.read(pathOf(ref.segment), ref.offset, ref.length)
      : (() => {
          const buffer = Buffer.allocUnsafe(ref.length);
          if (readAt(pathOf(ref.segment), buffer, ref.offset) < ref.length) throw new Error('cut short');
          return buffer;
        })();
    const entry = asStoredEntry(JSON.parse(line.toString('utf8')));
    if (entry?.collection !== BY_REFERENCE || entry.value === undefined) throw new Error('not a record');
    return entry.value;
  }

  // The values of the records the last load returned, read in file order through one window.
  const loadWindow = new LineWindow(chunkBytes);

  /** A `records` entry as `load` returns it: its value is read from its line when accessed. */
  class RecordEntry implements StoredEntry {
    readonly collection = BY_REFERENCE;
    constructor(
      readonly key: string,
      readonly ref: RecordRef,
    ) {}

    get value(): unknown {
      try {
        return valueAt(this.ref, loadWindow);
      } catch {
        return undefined; // the file changed under the emulator: the core skips it as damage
      }
    }
  }

  /** Segments present, oldest first. */
  function segments(): { n: number; path: string }[] {
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      return [];
    }
    const found: { n: number; path: string }[] = [];
    for (const name of names) {
      const match = SEGMENT_NAME.exec(name);
      if (match) found.push({ n: match[1] === undefined ? 0 : Number(match[1]), path: join(directory, name) });
    }
    return found.sort((a, b) => a.n - b.n);
  }

  // The segment writes append to, its size, and whether its last line lacks a newline (a torn
  // append that compaction could not remove): then the next append starts with one.
  let active: { n: number; bytes: number; torn: boolean } | undefined;

  function findActive(): { n: number; bytes: number; torn: boolean } {
    const newest = segments().at(-1);
    if (!newest) return { n: 0, bytes: 0, torn: false };
    const bytes = statSync(newest.path).size;
    let torn = false;
    if (bytes > 0) {
      const last = Buffer.alloc(1);
      const fd = openSync(newest.path, 'r');
      try {
        readSync(fd, last, 0, 1, bytes - 1);
      } finally {
        closeSync(fd);
      }
      torn = last[0] !== NEWLINE;
    }
    return { n: newest.n, bytes, torn };
  }

  return {
    load: () => {
      const started = performance.now();
      mkdirSync(directory, { recursive: true });
      for (const name of readdirSync(directory)) {
        if (name.endsWith('.jsonl.compacting')) rmSync(join(directory, name), { force: true });
      }
      const tally = new LoadTally();
      // Live entries by collection, then key: nested maps spare a joined id string per line.
      const live = new Map<string, Map<string, Slot>>();
      const scans: SegmentScan[] = [];
      let bytes = 0;

      for (const { n, path } of segments()) {
        const scan: SegmentScan = { n, path, bytes: 0, entries: 0, untidy: false };
        scan.bytes = readLines(path, chunkBytes, (text, last, offset, length) => {
          if (last) scan.untidy = true; // no final newline, whether or not the line parses
          if (text === undefined) {
            tally.skip('invalid UTF-8');
            scan.untidy = true;
            return;
          }
          if (text.trim() === '') {
            scan.untidy = true; // a blank line is no entry, but compaction drops it
            return;
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            // A torn last line (the process died mid-append) belongs to a call never answered.
            tally.skip(last ? 'torn line' : 'not JSON');
            scan.untidy = true;
            return;
          }
          const entry = asStoredEntry(parsed);
          if (!entry) {
            tally.skip('wrong shape');
            scan.untidy = true;
            return;
          }
          scan.entries += 1;
          let keys = live.get(entry.collection);
          if (!keys) {
            keys = new Map();
            live.set(entry.collection, keys);
          }
          if (entry.value === undefined) keys.delete(entry.key);
          else if (entry.collection === BY_REFERENCE) keys.set(entry.key, { segment: n, offset, length });
          else keys.set(entry.key, { segment: n, offset, length, entry });
        });
        bytes += scan.bytes;
        scans.push(scan);
      }

      // A segment is dirty when fewer of its entries are live than it holds, or it is untidy.
      const liveCounts = new Map<number, number>();
      for (const keys of live.values()) {
        for (const slot of keys.values()) liveCounts.set(slot.segment, (liveCounts.get(slot.segment) ?? 0) + 1);
      }
      const dirty = new Map<number, Slot[]>();
      for (const scan of scans) {
        if (scan.untidy || scan.entries !== (liveCounts.get(scan.n) ?? 0)) dirty.set(scan.n, []);
      }
      const records: RecordEntry[] = [];
      const entries: StoredEntry[] = [];
      for (const [collection, keys] of live) {
        for (const [key, slot] of keys) {
          if (slot.entry) entries.push(slot.entry);
          else if (collection === BY_REFERENCE) records.push(new RecordEntry(key, slot));
          dirty.get(slot.segment)?.push(slot);
        }
      }
      live.clear();

      // Oldest first (see the top of the file). A failure (disk full, permissions) leaves the
      // journal as it was, still loadable, and is reported rather than stopping the start; the
      // slots of a segment not rewritten keep their old, still valid, offsets.
      loadWindow.forget();
      try {
        const window = new LineWindow(Math.max(chunkBytes, WRITE_BATCH_BYTES));
        for (const scan of scans) {
          const keep = dirty.get(scan.n);
          if (keep) rewrite(scan.path, keep, window);
        }
        if (dirty.size > 0) syncDirectory(directory);
      } catch (error) {
        tally.warnings.push(`could not compact the journal: ${error instanceof Error ? error.message : String(error)}`);
      }
      dirty.clear();
      // Records last and in file order, so reading their values in order reads each window once.
      records.sort((a, b) => a.ref.segment - b.ref.segment || a.ref.offset - b.ref.offset);
      for (const record of records) entries.push(record);
      records.length = 0;
      active = findActive();
      return Promise.resolve({
        entries,
        report: tally.report(entries.length, bytes, performance.now() - started),
      });
    },
    write: (all) => {
      // Object bytes go to their files first, so the entries that describe them (written after)
      // never name a file that is not there yet; a key that cannot be stored writes nothing.
      for (const entry of all) {
        if (entry.collection !== OBJECTS) continue;
        const { bucket, key } = splitObjectEntryKey(entry.key);
        const problem = objectKeyProblem(bucket, key);
        if (problem !== undefined) return Promise.reject(new Error(problem));
      }
      for (const entry of all) if (entry.collection === OBJECTS) objects.write(entry.key, entry.bytes);
      const entries = all.filter((entry) => entry.collection !== OBJECTS);
      if (entries.length === 0) return Promise.resolve();
      mkdirSync(directory, { recursive: true });
      active ??= findActive();
      if (active.bytes >= segmentBytes) active = { n: active.n + 1, bytes: 0, torn: false };
      const text = `${active.torn ? '\n' : ''}${entries.map((entry) => `${JSON.stringify(entry)}\n`).join('')}`;
      appendFileSync(join(directory, segmentFileName(active.n)), text);
      active.bytes += Buffer.byteLength(text);
      active.torn = false;
      return Promise.resolve();
    },
    clear: () => {
      for (const { path } of segments()) rmSync(path, { force: true });
      objects.clear();
      active = { n: 0, bytes: 0, torn: false };
      loadWindow.forget();
      return Promise.resolve();
    },
    readRecord: (ref) => {
      let json: unknown;
      try {
        const value = valueAt(ref);
        if (typeof value === 'object' && value !== null) json = (value as { json?: unknown }).json;
      } catch {
        // Reported below.
      }
      if (typeof json !== 'string')
        throw new Error(`No stored record at byte ${String(ref.offset)} of ${pathOf(ref.segment)}`);
      return json;
    },
    readObject: (bucket, key) => Promise.resolve(objects.read(bucket, key)),
    listObjects: (bucket, prefix) => Promise.resolve(objects.list(bucket, prefix)),
  };
}
