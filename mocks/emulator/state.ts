// The emulator's world: every record it holds, the entity collections resources declare, what
// each record target (event data store) holds, and the queue of changes that must reach storage
// before a call is answered. A call that fails is rolled back here: every change it made to the
// world, and every change it queued for storage, is undone (see README.md, "Serving pipeline").
import type { Clock } from './clock';
import { DAY } from './clock';
import { randomStream, type Random } from './random';
import { serializeRecord, toEventEntry, type CloudTrailRecord, type EmulatorRecord, type EventEntry } from './records';
import type { EmulatorStorage, RecordRef, StoredEntry } from './storage/storage';
import type { LakeEngine } from './lake-engine/engine';
import type { DigestSigner } from './signer';
import { EVENT_HISTORY_DAYS } from '../../src/lib/cloudtrail-limits';

/** What fixes the seeded world; saved with the state so a data directory keeps its seed. */
export interface WorldConfig {
  seed: number;
  /** Epoch ms, floored to the hour: the seeded past ends here. */
  anchor: number;
  seededEvents: number;
  /** Whether the seeded trail exists (§17.16); absent means it does. */
  seededTrail?: boolean;
}

/**
 * The seeded past: records regenerated from the seed on demand, so a large history costs an
 * index entry per record. Implemented by the event history resource's seed.
 */
export interface SeededPast {
  readonly count: number;
  /** Record i (0 ≤ i < count), ascending by eventTime; byte-identical on every call. */
  record(index: number): CloudTrailRecord;
  /** A new record of the seeded mix at epoch ms `at`, for the live simulator; `index` ≥ count, never reused. */
  liveRecord(index: number, at: number): CloudTrailRecord;
}

/** A record as the indexes see it: its entry and its ingestion sequence number. */
export interface IndexedRecord {
  readonly entry: EventEntry;
  readonly sequence: number;
}

/** Something that indexes records as they arrive (event history), and forgets a rolled-back one. */
export interface RecordIndexer {
  /** `loading` while the world loads: records may then arrive in any order. */
  add(item: IndexedRecord, loading: boolean): void;
  /**
   * The whole seeded past at once while the world loads (item i is seeded record i), instead of
   * `add` for each: worlds of the same seed (every test's reset) may share the work.
   */
  addSeeded?(seeded: SeededPast, items: readonly IndexedRecord[]): void;
  /** The world has loaded: put in order what arrived out of order. */
  loaded?(): void;
  remove(item: IndexedRecord): void;
  /** Forgets every record whose eventTime (epoch seconds) is before `time`. */
  expire?(time: number): void;
}

/** How a new record arrives: PutAuditEvents names the stores its channel sends to. */
export interface IngestOptions {
  /** ARNs of the stores a channel names as destinations (ActivityAuditLog records only). */
  readonly destinations?: readonly string[];
  /** A record no store takes is not kept (outside-AWS events live only in stores). */
  readonly dropUnrouted?: boolean;
  /** Epoch ms of the routing decision; default now. Seed calls are routed as of their time. */
  readonly at?: number;
}

/** A record's routing question: the record (built only if a selector needs it), when, and how it came. */
export interface RoutedRecord extends IngestOptions {
  readonly entry: EventEntry;
  readonly record: () => EmulatorRecord;
  /** Epoch ms of the routing decision: now for a new record, the time it happened for the seeded past. */
  readonly at: number;
}

/**
 * Decides which targets (event data stores) take a record; returns their IDs. The choice is
 * saved with a new record, so a restart restores each store's contents as they were; the seeded
 * past is routed again on every load, as of the time each record happened.
 */
export type RecordRouter = (routed: RoutedRecord) => readonly string[];

/** A record derived from the seed on every load (never saved), routed as of `at`. */
export interface DerivedRecord extends IngestOptions {
  readonly record: EmulatorRecord;
  readonly at: number;
}

/** How long Lake queries queue and run on the clock (SEMANTICS.md §10.1), in milliseconds. */
export interface QueryTiming {
  queuedMillis: number;
  /** A run takes baseMillis plus the bytes scanned at bytesPerSecond, at most maxMillis. */
  baseMillis: number;
  bytesPerSecond: number;
  maxMillis: number;
}

/** How often trails deliver log files and digests (SEMANTICS.md §17.10-17.11), in ms. */
export interface TrailTiming {
  /** The delivery tick, aligned to multiples since the epoch: default 300 s, at least 1 s. */
  deliveryInterval: number;
  /** From each digest chain's start: default 3600 s, at least 1 s. */
  digestInterval: number;
}

/** What an entry point lends the world: engines that are not pure TypeScript, and tunings. */
export interface WorldServices {
  /** Opens the Lake SQL engine (DuckDB) on first use; without one, StartQuery is unsupported. */
  readonly lakeEngine?: () => Promise<LakeEngine>;
  readonly queryTiming?: Partial<QueryTiming>;
  /**
   * base64(SHA-256(UTF-8 bytes of text)), byte for byte what hash.ts's sha256Base64 returns, from
   * the platform (node:crypto in Node: several times faster). PutAuditEvents checks every
   * eventDataChecksum with it; without one (the browser), with the pure-TypeScript hash.
   */
  readonly sha256Base64?: (text: string) => string;
  /** RSA signing for trail digest files (§17.11): node:crypto in Node, WebCrypto in the browser. */
  readonly signer?: DigestSigner;
  /** Reads S3 objects back from storage (SEMANTICS.md §17.12); written through `persist` as `OBJECTS` entries. */
  readonly objects?: Pick<EmulatorStorage, 'readObject' | 'listObjects'>;
  /** Trail delivery tick and digest interval; default 300 s and 3600 s. */
  readonly trailTiming?: Partial<TrailTiming>;
}

/** Saved form of a record that is not part of the seeded past. */
interface StoredRecord {
  json: string;
  sequence: number;
  /** IDs of the event data stores that took the record. */
  stores?: string[];
}

function isStoredRecord(value: unknown): value is StoredRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.json === 'string' &&
    typeof record.sequence === 'number' &&
    (record.stores === undefined ||
      (Array.isArray(record.stores) && record.stores.every((store) => typeof store === 'string')))
  );
}

const NO_TARGETS: readonly string[] = [];

/** Where the live simulator keeps its position (simulator.ts). */
export const SIMULATOR_COLLECTION = 'simulator';

/** Collections of the core itself; resources declare theirs. */
const CORE_COLLECTIONS = ['meta', 'records', 'counters', SIMULATOR_COLLECTION] as const;
const ENTITY_RESERVED = new Set<string>(['meta', 'records']);
const COUNTERS = 'counters';

/** About 3 MB of recently served seeded records. */
const SEEDED_JSON_CACHE = 2048;

const seededItemCache = new WeakMap<SeededPast, readonly IndexedRecord[]>();

/**
 * The index items of a seeded past (seeded record i with sequence i), built once per seeded past:
 * they are immutable, so every world of the same seed (each test's reset) shares them instead of
 * rebuilding 8,000 records.
 */
function seededItems(seeded: SeededPast, intern: (text: string) => string): readonly IndexedRecord[] {
  let items = seededItemCache.get(seeded);
  if (!items) {
    items = Array.from({ length: seeded.count }, (_, index) => ({
      entry: toEventEntry(seeded.record(index), index, intern),
      sequence: index,
    }));
    seededItemCache.set(seeded, items);
  }
  return items;
}

export class EmulatorState {
  private readonly entries = new Map<string, EventEntry>();
  private readonly indexers: RecordIndexer[] = [];
  private readonly routers: RecordRouter[] = [];
  private readonly removalHooks: ((arn: string) => void)[] = [];
  private readonly retentionHooks: ((now: number) => void)[] = [];
  private readonly collections = new Set<string>(CORE_COLLECTIONS);
  private readonly tables = new Map<string, Map<string, unknown>>();
  private readonly targetContents = new Map<string, EventEntry[]>();
  private readonly strings = new Map<string, string>();
  /** Recently rebuilt seeded records: paging back and forth does not rebuild them. */
  private readonly seededJson = new Map<number, string>();
  private pending: StoredEntry[] = [];
  private nextSequence = 0;
  /** True until the world has loaded (finishLoading). */
  private loading = true;
  /** Undo steps of the call in progress, newest last; undefined outside a transaction. */
  private undo: (() => void)[] | undefined;
  /** Ids, request ids and tokens; its position is saved so a restart never repeats an id. */
  readonly ids: Random;

  constructor(
    readonly clock: Clock,
    readonly config: WorldConfig,
    readonly seeded: SeededPast,
    /** Reads back a stored record's JSON by its ref (`EmulatorStorage.readRecord`). */
    private readonly readRecord?: (ref: RecordRef) => string,
    readonly services: WorldServices = {},
  ) {
    this.ids = randomStream(config.seed, 'ids');
  }

  // Wiring: what resources add to the world.

  /** Declares an entity collection; entries of undeclared collections are not loaded. */
  declareCollection(name: string): void {
    this.collections.add(name);
  }

  /** Adds an index; every record loaded or ingested from now on is added to it. */
  addIndexer(indexer: RecordIndexer): void {
    this.indexers.push(indexer);
  }

  /** Adds a router; every record ingested from now on passes through it. */
  addRouter(router: RecordRouter): void {
    this.routers.push(router);
  }

  /** Adds what happens to a resource's dependents (tags, policies) when the resource is removed. */
  onRemoved(hook: (arn: string) => void): void {
    this.removalHooks.push(hook);
  }

  /** Adds what a resource trims when retention is applied (a store's records past its retention). */
  onRetention(hook: (now: number) => void): void {
    this.retentionHooks.push(hook);
  }

  /**
   * Applies retention at `now` (README.md, "Retention"): targets trim what is past their retention,
   * history forgets what is older than 90 days, and a record that is then held by nothing is
   * forgotten and deleted from storage, so its space comes back.
   */
  applyRetention(now: number): void {
    for (const hook of this.retentionHooks) hook(now);
    const windowStart = this.historyStart(now);
    for (const indexer of this.indexers) indexer.expire?.(windowStart);
    const held = new Set<EventEntry>();
    for (const list of this.targetContents.values())
      for (const entry of list) if (entry.time < windowStart) held.add(entry);
    for (const entry of this.entries.values()) {
      if (entry.time >= windowStart || held.has(entry)) continue;
      this.entries.delete(entry.eventId);
      // The seeded past is never stored: it is regenerated (and expired again) on each load.
      if (typeof entry.source !== 'number') this.persist({ collection: 'records', key: entry.eventId });
    }
  }

  /** A resource was removed (deleted or purged): everything that hangs off its ARN goes too. */
  removed(arn: string): void {
    for (const hook of this.removalHooks) hook(arn);
  }

  // Transactions: a failed call changes nothing.

  /** Starts recording undo steps for the call about to run. */
  begin(): void {
    const pendingLength = this.pending.length;
    const ids = this.ids.state;
    const sequence = this.nextSequence;
    this.undo = [
      () => {
        this.pending.length = pendingLength;
        this.ids.state = ids;
        this.nextSequence = sequence;
      },
    ];
  }

  /** Keeps what the call did. */
  commit(): void {
    this.undo = undefined;
  }

  /** Undoes everything the call did since begin(), newest first, including its queued writes. */
  rollback(): void {
    const steps = this.undo ?? [];
    this.undo = undefined;
    for (let index = steps.length - 1; index >= 0; index--) steps[index]?.();
  }

  private remember(step: () => void): void {
    this.undo?.push(step);
  }

  // Records.

  /** The record with this eventID, if the emulator holds it. */
  entry(eventId: string): EventEntry | undefined {
    return this.entries.get(eventId);
  }

  /** Every record the emulator holds, in no particular order. */
  allEntries(): IterableIterator<EventEntry> {
    return this.entries.values();
  }

  /**
   * The serialized record of an entry; seeded records are rebuilt from the seed, and records
   * loaded by reference are read back from storage.
   */
  jsonOf(entry: EventEntry): string {
    if (typeof entry.source === 'string') return entry.source;
    if (typeof entry.source === 'object') {
      if (!this.readRecord) throw new Error(`No storage to read record ${entry.eventId} from`);
      return this.readRecord(entry.source);
    }
    const cached = this.seededJson.get(entry.source);
    if (cached !== undefined) return cached;
    // Seeded records are assembled in CloudTrail's key order (a seed test checks it), so plain
    // JSON.stringify gives their serialized form without reordering.
    const json = JSON.stringify(this.seeded.record(entry.source));
    if (this.seededJson.size >= SEEDED_JSON_CACHE) {
      const oldest = this.seededJson.keys().next();
      if (!oldest.done) this.seededJson.delete(oldest.value);
    }
    this.seededJson.set(entry.source, json);
    return json;
  }

  /** Start of the 90-day history window at `now` (epoch ms), in epoch seconds. */
  historyStart(now: number): number {
    return Math.floor((now - EVENT_HISTORY_DAYS * DAY) / 1000);
  }

  /** The world has loaded: indexes put in order what arrived out of order. */
  finishLoading(): void {
    this.loading = false;
    for (const indexer of this.indexers) indexer.loaded?.();
  }

  /** True while the world loads (the seeded, derived and saved past), false once it serves calls. */
  get isLoading(): boolean {
    return this.loading;
  }

  /** Makes records ingested from now on number after `count` (the seeded and derived past). */
  reserveSequences(count: number): void {
    this.nextSequence = Math.max(this.nextSequence, count);
  }

  /** Current ingestion sequence: records added later have a higher number. */
  get sequence(): number {
    return this.nextSequence - 1;
  }

  /** Records a target (event data store) holds, in the order they arrived. */
  contents(targetId: string): readonly EventEntry[] {
    return this.targetContents.get(targetId) ?? [];
  }

  /** The IDs of every target that holds records. */
  targetIds(): string[] {
    return [...this.targetContents.keys()];
  }

  /** Replaces what a target holds (seeded stores, retention); undone if the call fails. */
  setContents(targetId: string, entries: readonly EventEntry[]): void {
    const before = this.targetContents.get(targetId);
    this.remember(() => {
      if (before) this.targetContents.set(targetId, before);
      else this.targetContents.delete(targetId);
    });
    if (entries.length === 0) this.targetContents.delete(targetId);
    else this.targetContents.set(targetId, [...entries]);
  }

  private appendTo(targetId: string, entry: EventEntry): void {
    let list = this.targetContents.get(targetId);
    if (!list) {
      list = [];
      this.targetContents.set(targetId, list);
    }
    list.push(entry);
    const added = list;
    this.remember(() => {
      added.pop();
      if (added.length === 0) this.targetContents.delete(targetId);
    });
  }

  // Entities.

  /** The entities of a collection (event data stores, channels, tags, ...), by key. */
  table<T>(collection: string): ReadonlyMap<string, T> {
    return (this.tables.get(collection) ?? new Map()) as ReadonlyMap<string, T>;
  }

  private tableFor(collection: string): Map<string, unknown> {
    let table = this.tables.get(collection);
    if (!table) {
      table = new Map();
      this.tables.set(collection, table);
    }
    return table;
  }

  private restoreEntity(collection: string, key: string, had: boolean, before: unknown): void {
    const table = this.tableFor(collection);
    if (had) table.set(key, before);
    else table.delete(key);
  }

  /** Saves an entity: kept in memory now, written to storage before the call is answered. */
  put(collection: string, key: string, value: unknown): void {
    if (ENTITY_RESERVED.has(collection) || !this.collections.has(collection))
      throw new Error(`${collection} is not a declared entity collection`);
    const table = this.tableFor(collection);
    const had = table.has(key);
    const before = table.get(key);
    this.remember(() => {
      this.restoreEntity(collection, key, had, before);
    });
    table.set(key, value);
    this.persist({ collection, key, value });
  }

  /** Deletes an entity. */
  remove(collection: string, key: string): void {
    const table = this.tableFor(collection);
    const had = table.has(key);
    const before = table.get(key);
    this.remember(() => {
      this.restoreEntity(collection, key, had, before);
    });
    table.delete(key);
    this.persist({ collection, key });
  }

  /** The next number of a counter (creation order of stores, channels); never reused, even after a purge. */
  nextOrder(counter: string): number {
    const next = (this.table<number>(COUNTERS).get(counter) ?? 0) + 1;
    this.put(COUNTERS, counter, next);
    return next;
  }

  /** Every entity collection as one string, for tests that check a call changed nothing. */
  fingerprint(): string {
    const collections = [...this.tables.keys()].filter((name) => name !== SIMULATOR_COLLECTION).sort();
    return JSON.stringify(
      collections.map((name) => [
        name,
        [...(this.tables.get(name) ?? new Map()).entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      ]),
    );
  }

  /** Loads an entity saved by an earlier run; false when its collection is not one the world knows. */
  loadEntity(entry: StoredEntry): boolean {
    if (ENTITY_RESERVED.has(entry.collection) || !this.collections.has(entry.collection)) return false;
    this.tableFor(entry.collection).set(entry.key, entry.value);
    return true;
  }

  /** One shared copy of a repeated string (names, ARNs): a million records repeat few of them. */
  readonly intern = (text: string): string => {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  };

  private index(entry: EventEntry, sequence: number): void {
    this.entries.set(entry.eventId, entry);
    for (const indexer of this.indexers) indexer.add({ entry, sequence }, this.loading);
  }

  private unindex(entry: EventEntry, sequence: number): void {
    this.entries.delete(entry.eventId);
    for (const indexer of this.indexers) indexer.remove({ entry, sequence });
  }

  private route(routed: RoutedRecord): readonly string[] {
    // Every ingested record passes here: most routers take nothing, so nothing is copied then.
    let targets: readonly string[] = NO_TARGETS;
    for (const router of this.routers) {
      const taken = router(routed);
      if (taken.length === 0) continue;
      targets = targets.length === 0 ? taken : [...targets, ...taken];
    }
    return targets;
  }

  /**
   * Loads the seeded past into the indexes, each record routed as of the time it happened, as if
   * routing had run all along (§9, §14). Runs after the stored entities are loaded.
   */
  loadSeeded(): void {
    // Seeded record i has sequence i: records saved later (seed calls included) come after.
    const items = seededItems(this.seeded, this.intern);
    for (const { entry } of items) this.entries.set(entry.eventId, entry);
    for (const indexer of this.indexers)
      if (indexer.addSeeded) indexer.addSeeded(this.seeded, items);
      else for (const item of items) indexer.add(item, this.loading);
    this.nextSequence = Math.max(this.nextSequence, items.length);
    items.forEach(({ entry }, index) => {
      this.routePast({ entry, record: () => this.seeded.record(index), at: entry.time * 1000 });
    });
  }

  /** Loads records a resource derives from the seed (never saved), each routed as of its `at`. */
  loadDerived(records: readonly DerivedRecord[], firstSequence: number): void {
    records.forEach(({ record, at, destinations }, index) => {
      const entry = toEventEntry(record, serializeRecord(record), this.intern);
      this.loadPast(
        { entry, record: () => record, at, ...(destinations ? { destinations } : {}) },
        firstSequence + index,
      );
    });
  }

  /** Indexes a record of the seeded or derived past under its fixed sequence, routed as of its time. */
  private loadPast(routed: RoutedRecord, sequence: number): void {
    this.index(routed.entry, sequence);
    this.nextSequence = Math.max(this.nextSequence, sequence + 1);
    this.routePast(routed);
  }

  /** Puts a record of the past into the stores that took it as of its time. */
  private routePast(routed: RoutedRecord): void {
    for (const storeId of this.route(routed)) this.appendTo(storeId, routed.entry);
  }

  /**
   * Loads a record saved by an earlier run, back into the stores that took it. False when the
   * saved value is not a record (damage); it is then skipped. With a `ref` (storage that can read
   * the record back), the entry keeps the ref instead of the JSON.
   */
  loadStored(value: unknown, ref?: RecordRef): boolean {
    if (!isStoredRecord(value)) return false;
    let record: EmulatorRecord;
    try {
      record = JSON.parse(value.json) as EmulatorRecord;
    } catch {
      return false;
    }
    if (typeof record !== 'object' || typeof record.eventID !== 'string' || typeof record.eventTime !== 'string')
      return false;
    const entry = toEventEntry(record, ref && this.readRecord ? ref : value.json, this.intern);
    if (!Number.isFinite(entry.time)) return false;
    this.index(entry, value.sequence);
    for (const storeId of value.stores ?? []) this.appendTo(storeId, entry);
    this.nextSequence = Math.max(this.nextSequence, value.sequence + 1);
    return true;
  }

  /**
   * Adds a new record: indexed into history, routed into the stores the routing function picks
   * (for PutAuditEvents, among its channel's destinations), and queued for storage (§9).
   */
  ingest(record: EmulatorRecord, options: IngestOptions = {}): EventEntry | undefined {
    const json = serializeRecord(record);
    const entry = toEventEntry(record, json, this.intern);
    const stores = this.route({ entry, record: () => record, ...options, at: options.at ?? this.clock.now() });
    if (options.dropUnrouted && stores.length === 0) return undefined;
    const sequence = this.nextSequence++;
    this.index(entry, sequence);
    this.remember(() => {
      this.unindex(entry, sequence);
    });
    for (const storeId of stores) this.appendTo(storeId, entry);
    const stored: StoredRecord = stores.length > 0 ? { json, sequence, stores: [...stores] } : { json, sequence };
    this.persist({ collection: 'records', key: entry.eventId, value: stored });
    return entry;
  }

  /** Queues a change for storage; the call that made it is answered only after it is written. */
  persist(entry: StoredEntry): void {
    this.pending.push(entry);
  }

  /** The queued changes, plus the random positions they depend on; the queue is emptied. */
  takePending(): StoredEntry[] {
    if (this.pending.length === 0) return [];
    const pending = [...this.pending, { collection: 'meta', key: 'ids', value: this.ids.state }];
    this.pending = [];
    return pending;
  }
}
