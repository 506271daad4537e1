// The emulator's world: every record it holds, each account's and region's history, the seeded
// past, and the queue of changes that must reach storage before a call is answered.
import type { Clock } from './clock';
import { DAY } from './clock';
import { EventHistory } from './history';
import { randomStream, type Random } from './random';
import { serializeRecord, toEventEntry, type CloudTrailRecord, type EventEntry } from './records';
import type { SeededHistory } from './seed/seed-history';
import type { StoredEntry } from './storage/storage';

/** What fixes the seeded world; saved with the state so a data directory keeps its seed. */
export interface WorldConfig {
  seed: number;
  /** Epoch ms, floored to the hour: the seeded past ends here. */
  anchor: number;
  seededEvents: number;
}

/** Receives each new record after it is stored, to route it into event data stores and the like. */
export type RecordListener = (entry: EventEntry, record: CloudTrailRecord) => void;

/** Saved form of a record that is not part of the seeded past. */
interface StoredRecord {
  json: string;
  sequence: number;
}

export const HISTORY_DAYS = 90;

export class EmulatorState {
  private readonly histories = new Map<string, EventHistory>();
  private readonly entries = new Map<string, EventEntry>();
  private readonly listeners: RecordListener[] = [];
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

  /** The serialized record of an entry; seeded records are rebuilt from the seed. */
  jsonOf(entry: EventEntry): string {
    return typeof entry.source === 'string' ? entry.source : serializeRecord(this.seeded.record(entry.source));
  }

  /** Start of the 90-day history window at `now` (epoch ms), in epoch seconds. */
  historyStart(now: number): number {
    return Math.floor((now - HISTORY_DAYS * DAY) / 1000);
  }

  /** Current ingestion sequence: records added later have a higher number. */
  get sequence(): number {
    return this.nextSequence - 1;
  }

  onRecord(listener: RecordListener): void {
    this.listeners.push(listener);
  }

  private index(entry: EventEntry, sequence: number) {
    this.entries.set(entry.eventId, entry);
    if (entry.category === 'Management') this.history(entry.account, entry.region).add({ entry, sequence });
  }

  /** Loads the seeded past into the indexes; routing of seeded records is left to each resource. */
  loadSeeded(): void {
    for (let index = 0; index < this.seeded.count; index++) {
      this.index(toEventEntry(this.seeded.record(index), index), this.nextSequence++);
    }
  }

  /** Loads a record saved by an earlier run. */
  loadStored(value: unknown): void {
    const stored = value as StoredRecord;
    const record = JSON.parse(stored.json) as CloudTrailRecord;
    this.index(toEventEntry(record, stored.json), stored.sequence);
    this.nextSequence = Math.max(this.nextSequence, stored.sequence + 1);
  }

  /** Adds a new record: indexed, routed to listeners, and queued for storage (SEMANTICS.md §9). */
  ingest(record: CloudTrailRecord): EventEntry {
    const json = serializeRecord(record);
    const sequence = this.nextSequence++;
    const entry = toEventEntry(record, json);
    this.index(entry, sequence);
    this.persist({ collection: 'records', key: entry.eventId, value: { json, sequence } satisfies StoredRecord });
    for (const listener of this.listeners) listener(entry, record);
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
