// The Lake engine's copy of the event data stores (README.md, "Lake queries"). The emulator's
// records stay the source of truth: the engine is never saved, each store's table is filled from
// what the store holds when a query first reads it, and new records reach it in one batch at the
// next StartQuery (the query's snapshot). A store whose contents were replaced (retention, a purge,
// a rolled-back call) is reloaded. Next to each table, an index of eventTimes with a prefix sum of
// record sizes answers EventsScanned and BytesScanned for any eventTime range in O(log n) (§10.2).
import { SECOND } from '../../clock';
import type { LakeEngine } from '../../lake-engine/engine';
import { utf8Length, type EventEntry } from '../../records';
import type { EmulatorState, SeededPast } from '../../state';
import { retentionCutoff, type StoredEventDataStore } from '../event-data-stores/event-data-store';
import type { EventDataStoreKind } from '../event-data-stores/selectors';
import { LakeDatabase } from './lake/lake-database';
import type { StoreKind } from './lake/schema';

/** The engine's table for a store: its ID, as an identifier DuckDB needs no quotes for. */
export function lakeTableName(storeId: string): string {
  return `lake_${storeId.replaceAll('-', '_')}`;
}

/** A view of a store's table as it was at `at` (epoch ms), for a query of the seeded past. */
export function snapshotViewName(storeId: string, at: number): string {
  return `${lakeTableName(storeId)}_at_${String(at)}`;
}

export function lakeKind(kind: EventDataStoreKind): StoreKind {
  switch (kind) {
    case 'CloudTrailEvents':
      return 'cloudtrail';
    case 'ActivityAuditLog':
      return 'activity';
    case 'ConfigurationItems':
      return 'config';
    case 'Insights':
      return 'insights';
  }
}

/** Buffers that successive ScanIndexes share; `used` is how much of them the newest one covers. */
interface ScanBuffers {
  times: Float64Array;
  bytes: Float64Array;
  used: number;
}

/** A record's eventTime (epoch ms) and serialized size. */
export interface ScanEntry {
  readonly time: number;
  readonly bytes: number;
}

/**
 * A store's records by eventTime, for scan statistics. An index never changes once made: `with`
 * returns a new one, which appends in place to the shared buffers when it can (records at or after
 * the last eventTime, the usual case: the calls just made) and merges into new buffers otherwise,
 * so a query keeps the index of its snapshot while the next one syncs.
 */
export class ScanIndex {
  private constructor(
    private readonly buffers: ScanBuffers,
    /** How many records this index holds: buffers.times[0, length) ascending. */
    private readonly length: number,
  ) {}

  static readonly empty = new ScanIndex({ times: new Float64Array(0), bytes: new Float64Array(1), used: 0 }, 0);

  static build(records: readonly ScanEntry[]): ScanIndex {
    return ScanIndex.empty.with(records);
  }

  /** eventTimes in epoch ms, ascending. */
  private get times(): Float64Array {
    return this.buffers.times;
  }

  /** bytes[i] = total serialized size of the first i records by eventTime. */
  private get bytes(): Float64Array {
    return this.buffers.bytes;
  }

  /** This index with `records` added; this one is unchanged. */
  with(records: readonly ScanEntry[]): ScanIndex {
    if (records.length === 0) return this;
    const added = [...records].sort((a, b) => a.time - b.time);
    const length = this.length + added.length;
    const last = this.length === 0 ? -Infinity : (this.times[this.length - 1] ?? 0);
    const { times, bytes } = this;
    if ((added[0]?.time ?? 0) >= last) {
      // Appended after the last record: in place when this is the newest index of its buffers.
      let buffers = this.buffers;
      if (buffers.used !== this.length || times.length < length) {
        const capacity = Math.max(length, Math.ceil(this.length * 1.5), 1024);
        buffers = { times: new Float64Array(capacity), bytes: new Float64Array(capacity + 1), used: this.length };
        buffers.times.set(times.subarray(0, this.length));
        buffers.bytes.set(bytes.subarray(0, this.length + 1));
      }
      added.forEach((record, offset) => {
        const index = this.length + offset;
        buffers.times[index] = record.time;
        buffers.bytes[index + 1] = (buffers.bytes[index] ?? 0) + record.bytes;
      });
      buffers.used = length;
      return new ScanIndex(buffers, length);
    }
    // Some records come before the last one: merge both sorted runs into new buffers, from the
    // first position the new records reach (positions before it keep their times and sums).
    const capacity = Math.max(length, Math.ceil(this.length * 1.5), 1024);
    const merged: ScanBuffers = {
      times: new Float64Array(capacity),
      bytes: new Float64Array(capacity + 1),
      used: length,
    };
    const from = this.position(added[0]?.time ?? 0, true);
    merged.times.set(times.subarray(0, from));
    merged.bytes.set(bytes.subarray(0, from + 1));
    let old = from;
    let next = 0;
    for (let index = from; index < length; index++) {
      const record = added[next];
      let time: number;
      let size: number;
      if (record !== undefined && (old >= this.length || record.time < (times[old] ?? 0))) {
        time = record.time;
        size = record.bytes;
        next++;
      } else {
        time = times[old] ?? 0;
        size = (bytes[old + 1] ?? 0) - (bytes[old] ?? 0);
        old++;
      }
      merged.times[index] = time;
      merged.bytes[index + 1] = (merged.bytes[index] ?? 0) + size;
    }
    return new ScanIndex(merged, length);
  }

  /** First position whose time is ≥ `time` (or > `time` when `after`). */
  private position(time: number, after: boolean): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const value = this.times[middle] ?? 0;
      if (value < time || (after && value === time)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Records and bytes with eventTime in the range (epoch ms; open sides undefined). */
  scan(range: ScanRange): { events: number; bytes: number } {
    const from = range.lower === undefined ? 0 : this.position(range.lower.time, !range.lower.inclusive);
    const to = range.upper === undefined ? this.length : this.position(range.upper.time, range.upper.inclusive);
    if (to <= from) return { events: 0, bytes: 0 };
    return { events: to - from, bytes: (this.bytes[to] ?? 0) - (this.bytes[from] ?? 0) };
  }
}

export interface ScanRange {
  readonly lower?: { readonly time: number; readonly inclusive: boolean };
  readonly upper?: { readonly time: number; readonly inclusive: boolean };
}

interface MirroredStore {
  readonly kind: StoreKind;
  /** The state's contents array last copied, and how much of it. */
  readonly contents: readonly EventEntry[];
  readonly copied: number;
  /** The oldest eventTime copied: once retention passes it, the table is reloaded. */
  readonly oldest: number;
  readonly index: ScanIndex;
}

/**
 * A bigger increment reloads the store instead: an append is one transaction (all or none), and
 * duckdb-wasm holds what a transaction appends until COMMIT (some 7.5 MB per 1000 records), while
 * a load commits batch by batch.
 */
const MAX_APPEND = 100_000;

/**
 * A store's table as a full load left it, kept across resets: a reset seeds the same records
 * again, and serializing and loading them costs hundreds of milliseconds a store, while copying
 * them back inside the engine costs a few (see `restore`).
 */
interface LoadedCopy {
  readonly kind: StoreKind;
  /** The copy's table (LakeDatabase.copyRows). */
  readonly table: string;
  /** The records loaded, in order, none left out; and the seeded past their seed indexes point into. */
  readonly entries: readonly EventEntry[];
  readonly seeded: SeededPast;
  /** eventTime and size of each of `entries`, in the same order. */
  readonly sizes: readonly ScanEntry[];
}

/** Loads of fewer records are not worth a copy. */
const COPY_MIN_RECORDS = 1000;
/**
 * Nor are larger ones kept: a copy doubles the engine memory a store takes (duckdb-wasm has some
 * 3 GiB in all), for the benefit of a reset, which a big store's user rarely does.
 */
const COPY_MAX_RECORDS = 20_000;
/** Copies kept at most (the oldest is dropped first): the seeded stores of one world. */
const MAX_COPIES = 4;

/**
 * Whether two entries serialize to the same record, as `EmulatorState.jsonOf` gives it: the same
 * entry, the same JSON, or the same index into the same seeded past (rebuilt byte-identical).
 */
function sameRecord(a: EventEntry, b: EventEntry, sameSeed: boolean): boolean {
  if (a === b) return true;
  if (typeof a.source === 'string') return a.source === b.source;
  if (typeof a.source === 'number') return sameSeed && a.source === b.source;
  return false;
}

export class LakeMirror {
  private world: EmulatorState | undefined;
  private readonly stores = new Map<string, MirroredStore>();
  /** By store ID, oldest first; they outlive the worlds they were loaded in. */
  private readonly copies = new Map<string, LoadedCopy>();

  private constructor(readonly database: LakeDatabase) {}

  static async open(engine: LakeEngine, sha256Base64?: (text: string) => string): Promise<LakeMirror> {
    return new LakeMirror(await LakeDatabase.open(engine, sha256Base64 ? { sha256Base64 } : {}));
  }

  /** Brings a store's table up to what the store holds at `now`; returns its scan index. */
  async sync(state: EmulatorState, store: StoredEventDataStore, now: number): Promise<ScanIndex> {
    if (this.world !== state) {
      // A new world (a reset): nothing of the old one may be read.
      for (const id of this.stores.keys()) await this.database.dropTable(lakeTableName(id));
      this.stores.clear();
      this.world = state;
    }
    const table = lakeTableName(store.id);
    const kind = lakeKind(store.kind);
    const contents = state.contents(store.id);
    const cutoff = retentionCutoff(store, now);
    const mirrored = this.stores.get(store.id);
    let current =
      mirrored &&
      mirrored.kind === kind &&
      mirrored.contents === contents &&
      mirrored.copied <= contents.length &&
      contents.length - mirrored.copied <= MAX_APPEND &&
      mirrored.oldest >= cutoff
        ? mirrored
        : undefined;
    if (!current) {
      if (mirrored) {
        this.stores.delete(store.id);
        await this.database.dropTable(table);
      }
      // The records a copy of an earlier load begins with, as in a world reset to the same seed.
      current = await this.restore(state, store.id, table, kind, contents, cutoff);
      if (current) this.stores.set(store.id, current);
    }
    if (current && current.copied === contents.length) return current.index;
    // The records to copy: the new ones, or all of them for a (re)load; none before the cutoff.
    const sizes: ScanEntry[] = [];
    let oldest = current?.oldest ?? Infinity;
    let leftOut = 0;
    const from = current?.copied ?? 0;
    function* jsons(): Generator<string> {
      for (let index = from; index < contents.length; index++) {
        const entry = contents[index];
        if (!entry || entry.time * SECOND < cutoff) {
          leftOut++;
          continue;
        }
        const json = state.jsonOf(entry);
        sizes.push({ time: entry.time * SECOND, bytes: utf8Length(json) });
        oldest = Math.min(oldest, entry.time * SECOND);
        yield json;
      }
    }
    if (current) {
      // All or none: on failure the table and this entry stay as they were.
      await this.database.appendRecords(table, kind, [...jsons()]);
    } else {
      // Leaves no table on failure; the next query loads the store again.
      await this.database.loadTable(table, kind, jsons());
      // Only a shortcut for later loads: a copy that fails leaves this load as it is.
      if (leftOut === 0 && contents.length >= COPY_MIN_RECORDS && contents.length <= COPY_MAX_RECORDS)
        await this.keepCopy(state, store.id, table, kind, contents, sizes).catch(() => undefined);
    }
    const index = (current?.index ?? ScanIndex.empty).with(sizes);
    this.stores.set(store.id, { kind, contents, copied: contents.length, oldest, index });
    return index;
  }

  /** Keeps a copy of a table just loaded with every one of `entries` (see `LoadedCopy`). */
  private async keepCopy(
    state: EmulatorState,
    storeId: string,
    table: string,
    kind: StoreKind,
    entries: readonly EventEntry[],
    sizes: readonly ScanEntry[],
  ): Promise<void> {
    await this.dropCopy(storeId);
    const oldest = this.copies.keys().next();
    if (this.copies.size >= MAX_COPIES && !oldest.done) await this.dropCopy(oldest.value);
    const copy = `${table}_copy__`;
    try {
      await this.database.copyRows(table, copy);
    } catch (error) {
      await this.database.dropTable(copy).catch(() => undefined);
      throw error;
    }
    this.copies.set(storeId, { kind, table: copy, entries: [...entries], seeded: state.seeded, sizes: [...sizes] });
  }

  private async dropCopy(storeId: string): Promise<void> {
    const copy = this.copies.get(storeId);
    if (!copy) return;
    this.copies.delete(storeId);
    await this.database.dropTable(copy.table);
  }

  /**
   * Creates a store's table from the copy of an earlier load when the store's records begin with
   * the copy's (COPY_MIN_RECORDS of them at least, none before the retention cutoff): the rows a
   * load of those records would give, in their order. Returns what the table then holds, or
   * undefined when there is no such copy (the caller loads the store).
   */
  private async restore(
    state: EmulatorState,
    storeId: string,
    table: string,
    kind: StoreKind,
    contents: readonly EventEntry[],
    cutoff: number,
  ): Promise<MirroredStore | undefined> {
    const copy = this.copies.get(storeId);
    if (!copy || copy.kind !== kind) return undefined;
    const sameSeed = copy.seeded === state.seeded;
    const limit = Math.min(copy.entries.length, contents.length);
    let count = 0;
    let oldest = Infinity;
    for (; count < limit; count++) {
      const entry = contents[count];
      const copied = copy.entries[count];
      if (!entry || !copied || !sameRecord(entry, copied, sameSeed)) break;
      oldest = Math.min(oldest, entry.time * SECOND);
    }
    if (count < COPY_MIN_RECORDS || oldest < cutoff || contents.length - count > MAX_APPEND) return undefined;
    try {
      await this.database.restoreRows(table, kind, copy.table, count);
    } catch {
      // The copy is no use: the store is loaded instead.
      await this.dropCopy(storeId).catch(() => undefined);
      return undefined;
    }
    // Most recently used last, so that the oldest copy is dropped first.
    this.copies.delete(storeId);
    this.copies.set(storeId, copy);
    const index = ScanIndex.build(copy.sizes.slice(0, count));
    return { kind, contents, copied: count, oldest, index };
  }

  /** Creates the view `snapshotViewName` names: the store's records up to eventTime `at`. */
  async snapshotView(table: string, store: StoredEventDataStore, at: number): Promise<void> {
    await this.database.createSnapshotView(snapshotViewName(store.id, at), table, at);
  }
}

const mirrors = new WeakMap<() => Promise<LakeEngine>, Promise<LakeMirror>>();

/**
 * The Lake mirror of an emulator, opened on first use. It is kept per engine factory, so a reset
 * of the same emulator reuses the open engine (opening DuckDB takes about a second).
 */
export function lakeMirror(state: EmulatorState): Promise<LakeMirror> | undefined {
  const open = state.services.lakeEngine;
  if (!open) return undefined;
  let mirror = mirrors.get(open);
  if (!mirror) {
    const { sha256Base64 } = state.services;
    mirror = open().then((engine) => LakeMirror.open(engine, sha256Base64));
    // A failed open is not cached: the next query tries again.
    mirror.catch(() => mirrors.delete(open));
    mirrors.set(open, mirror);
  }
  return mirror;
}
