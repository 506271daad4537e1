// The Lake engine's copy of the event data stores (README.md, "Lake queries"). The emulator's
// records stay the source of truth: the engine is never saved, each store's table is filled from
// what the store holds when a query first reads it, and new records reach it in one batch at the
// next StartQuery (the query's snapshot). A store whose contents were replaced (retention, a purge,
// a rolled-back call) is reloaded. Next to each table, an index of eventTimes with a prefix sum of
// record sizes answers EventsScanned and BytesScanned for any eventTime range in O(log n) (§10.2).
import { SECOND } from '../../clock';
import type { LakeEngine } from '../../lake-engine/engine';
import type { EventEntry } from '../../records';
import type { EmulatorState } from '../../state';
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

/** A store's records by eventTime, for scan statistics. */
export class ScanIndex {
  private constructor(
    /** eventTimes in epoch ms, ascending. */
    private readonly times: Float64Array,
    /** bytes[i] = total serialized size of the first i records by eventTime. */
    private readonly bytes: Float64Array,
  ) {}

  static build(records: readonly { time: number; bytes: number }[]): ScanIndex {
    const sorted = [...records].sort((a, b) => a.time - b.time);
    const times = new Float64Array(sorted.length);
    const bytes = new Float64Array(sorted.length + 1);
    sorted.forEach((record, index) => {
      times[index] = record.time;
      bytes[index + 1] = (bytes[index] ?? 0) + record.bytes;
    });
    return new ScanIndex(times, bytes);
  }

  /** First position whose time is ≥ `time` (or > `time` when `after`). */
  private position(time: number, after: boolean): number {
    let low = 0;
    let high = this.times.length;
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
    const to = range.upper === undefined ? this.times.length : this.position(range.upper.time, range.upper.inclusive);
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
  contents: readonly EventEntry[];
  copied: number;
  /** Records before this eventTime (epoch ms) are left out under the store's retention. */
  cutoff: number;
  /** The oldest eventTime copied: once retention passes it, the table is reloaded. */
  oldest: number;
  sizes: { time: number; bytes: number }[];
  index: ScanIndex | undefined;
}

const encoder = new TextEncoder();

export class LakeMirror {
  private world: EmulatorState | undefined;
  private readonly stores = new Map<string, MirroredStore>();

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
    let mirrored = this.stores.get(store.id);
    if (
      !mirrored ||
      mirrored.kind !== kind ||
      mirrored.contents !== contents ||
      mirrored.copied > contents.length ||
      mirrored.oldest < cutoff
    ) {
      if (mirrored) await this.database.dropTable(table);
      await this.database.createTable(table, kind);
      mirrored = { kind, contents, copied: 0, cutoff, oldest: Infinity, sizes: [], index: undefined };
      this.stores.set(store.id, mirrored);
    }
    mirrored.cutoff = cutoff;
    if (mirrored.copied < contents.length) {
      const jsons: string[] = [];
      for (let index = mirrored.copied; index < contents.length; index++) {
        const entry = contents[index];
        if (!entry || entry.time * SECOND < mirrored.cutoff) continue;
        const json = state.jsonOf(entry);
        jsons.push(json);
        mirrored.sizes.push({ time: entry.time * SECOND, bytes: encoder.encode(json).length });
        mirrored.oldest = Math.min(mirrored.oldest, entry.time * SECOND);
      }
      if (jsons.length > 0) await this.database.appendRecords(table, kind, jsons);
      mirrored.copied = contents.length;
      mirrored.index = undefined;
    }
    mirrored.index ??= ScanIndex.build(mirrored.sizes);
    return mirrored.index;
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
