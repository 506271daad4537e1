// The emulator's world: every record it holds, each account's and region's history, the seeded
// past, and the queue of changes that must reach storage before a call is answered.
import type { Clock } from './clock';
import { DAY } from './clock';
import { EventHistory } from './resources/event-history/history';
import { randomStream, type Random } from './random';
import { serializeRecord, toEventEntry, type CloudTrailRecord, type EmulatorRecord, type EventEntry } from './records';
import type { SeededHistory } from './resources/event-history/seed/seed-history';
import type { StoredEntry } from './storage/storage';

/** What fixes the seeded world; saved with the state so a data directory keeps its seed. */
export interface WorldConfig {
  seed: number;
  /** Epoch ms, floored to the hour: the seeded past ends here. */
  anchor: number;
  seededEvents: number;
}

/**
 * Decides which event data stores take a new record (SEMANTICS.md §9); returns their IDs. The
 * choice is saved with the record, so a restart restores each store's contents as they were.
 */
export type RecordRouter = (entry: EventEntry, record: CloudTrailRecord) => readonly string[];

/** Saved form of a record that is not part of the seeded past. */
interface StoredRecord {
  json: string;
  sequence: number;
  /** IDs of the event data stores that took the record. */
  stores?: string[];
}

const RESERVED_COLLECTIONS = new Set(['meta', 'records']);
const COUNTERS = 'counters';

export const HISTORY_DAYS = 90;

/** About 3 MB of recently served seeded records. */
const SEEDED_JSON_CACHE = 2048;

export class EmulatorState {
  private readonly histories = new Map<string, EventHistory>();
  private readonly entries = new Map<string, EventEntry>();
  private readonly routers: RecordRouter[] = [];
  private readonly tables = new Map<string, Map<string, unknown>>();
  private readonly storeContents = new Map<string, EventEntry[]>();
  private readonly strings = new Map<string, string>();
  /** Recently rebuilt seeded records: paging back and forth does not rebuild them. */
  private readonly seededJson = new Map<number, string>();
  private pending: StoredEntry[] = [];
  private nextSequence = 0;
  /** Ids, request ids and tokens; its position is saved so a restart never repeats an id. */
  readonly ids: Random;

  constructor(
    readonly clock: Clock,
    readonly config: WorldConfig,
    readonly seeded: SeededHistory,
  ) {
    this.ids = randomStream(config.seed, 'ids');
  }

  /** History of an account in a region; created empty on first use. */
  history(account: string, region: string): EventHistory {
    const key = `${account}/${region}`;
    let history = this.histories.get(key);
    if (!history) {
      history = new EventHistory();
      this.histories.set(key, history);
    }
    return history;
  }

  /** The record with this eventID, if the emulator holds it. */
  entry(eventId: string): EventEntry | undefined {
    return this.entries.get(eventId);
  }

  /** Every record the emulator holds, in no particular order. */
  allEntries(): IterableIterator<EventEntry> {
    return this.entries.values();
  }

  /** The serialized record of an entry; seeded records are rebuilt from the seed. */
  jsonOf(entry: EventEntry): string {
    if (typeof entry.source === 'string') return entry.source;
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
    return Math.floor((now - HISTORY_DAYS * DAY) / 1000);
  }

  /** Current ingestion sequence: records added later have a higher number. */
  get sequence(): number {
    return this.nextSequence - 1;
  }

  /** Adds a router; every record ingested from now on passes through it. */
  addRouter(router: RecordRouter): void {
    this.routers.push(router);
  }

  /** Records an event data store holds, in the order they arrived. */
  contents(storeId: string): readonly EventEntry[] {
    return this.storeContents.get(storeId) ?? [];
  }

  /** Puts an existing record into a store, for seeded stores filled as if routing had always run. */
  addToStore(storeId: string, entry: EventEntry): void {
    let list = this.storeContents.get(storeId);
    if (!list) {
      list = [];
      this.storeContents.set(storeId, list);
    }
    list.push(entry);
  }

  /** Empties a store's contents, for a purged store. */
  dropStore(storeId: string): void {
    this.storeContents.delete(storeId);
  }

  /** Removes a store's records that fail `keep`, for retention. */
  filterStore(storeId: string, keep: (entry: EventEntry) => boolean): void {
    const list = this.storeContents.get(storeId);
    if (list) this.storeContents.set(storeId, list.filter(keep));
  }

  /** The entities of a collection (event data stores, channels, tags, ...), by key. */
  table<T>(collection: string): ReadonlyMap<string, T> {
    return (this.tables.get(collection) ?? new Map()) as ReadonlyMap<string, T>;
  }

  /** Saves an entity: kept in memory now, written to storage before the call is answered. */
  put(collection: string, key: string, value: unknown): void {
    if (RESERVED_COLLECTIONS.has(collection)) throw new Error(`${collection} is not an entity collection`);
    let table = this.tables.get(collection);
    if (!table) {
      table = new Map();
      this.tables.set(collection, table);
    }
    table.set(key, value);
    this.persist({ collection, key, value });
  }

  /** The next number of a counter (creation order of stores, channels); never reused, even after a purge. */
  nextOrder(counter: string): number {
    const next = (this.table<number>(COUNTERS).get(counter) ?? 0) + 1;
    this.put(COUNTERS, counter, next);
    return next;
  }

  /** Deletes an entity. */
  remove(collection: string, key: string): void {
    this.tables.get(collection)?.delete(key);
    this.persist({ collection, key });
  }

  /** Loads an entity saved by an earlier run. */
  loadEntity(entry: StoredEntry): void {
    let table = this.tables.get(entry.collection);
    if (!table) {
      table = new Map();
      this.tables.set(entry.collection, table);
    }
    table.set(entry.key, entry.value);
  }

  /** One shared copy of a repeated string (names, ARNs): a million records repeat few of them. */
  readonly intern = (text: string): string => {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  };

  private index(entry: EventEntry, sequence: number) {
    this.entries.set(entry.eventId, entry);
    if (entry.category === 'Management') this.history(entry.account, entry.region).add({ entry, sequence });
  }

  /** Loads the seeded past into the indexes; routing of seeded records is left to each resource. */
  loadSeeded(): void {
    for (let index = 0; index < this.seeded.count; index++) {
      this.index(toEventEntry(this.seeded.record(index), index, this.intern), this.nextSequence++);
    }
  }

  /** Loads a record saved by an earlier run, back into the stores that took it. */
  loadStored(value: unknown): void {
    const stored = value as StoredRecord;
    const record = JSON.parse(stored.json) as EmulatorRecord;
    const entry = toEventEntry(record, stored.json, this.intern);
    this.index(entry, stored.sequence);
    for (const storeId of stored.stores ?? []) this.addToStore(storeId, entry);
    this.nextSequence = Math.max(this.nextSequence, stored.sequence + 1);
  }

  /**
   * Adds a new record: indexed into history, routed into stores (or, for PutAuditEvents, written
   * to the given destinations), and queued for storage (SEMANTICS.md §9).
   */
  ingest(record: EmulatorRecord, destinations?: readonly string[]): EventEntry {
    const json = serializeRecord(record);
    const sequence = this.nextSequence++;
    const entry = toEventEntry(record, json, this.intern);
    this.index(entry, sequence);
    // ActivityAuditLog records are never routed: only their channel's destinations take them (§9 step 3).
    const stores =
      destinations ??
      (record.eventCategory === 'ActivityAuditLog' ? [] : this.routers.flatMap((router) => router(entry, record)));
    for (const storeId of stores) this.addToStore(storeId, entry);
    const stored: StoredRecord = { json, sequence, ...(stores.length > 0 ? { stores: [...stores] } : {}) };
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
