// Event history of one account and region (SEMANTICS.md §7): Management records ordered by
// (eventTime, eventID), with one ordered list per lookup attribute value, so a LookupEvents page
// costs a binary search plus the page, whatever the attribute.
import type { EventEntry } from '../../records';
import type { EmulatorState, IndexedRecord, SeededPast } from '../../state';

export type LookupAttributeKey =
  'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

/** An entry in history: the record's entry plus its ingestion sequence number (for paging's asOf bound). */
export type HistoryItem = IndexedRecord;

/** (time, eventId) ascending. */
function compare(aTime: number, aId: string, bTime: number, bId: string): number {
  return aTime - bTime || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** Index of the first item ordered after (time, eventId); items at exactly that key come before it. */
function upperBound(items: readonly HistoryItem[], time: number, eventId: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items[middle] as HistoryItem;
    if (compare(item.entry.time, item.entry.eventId, time, eventId) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function byKey(a: HistoryItem, b: HistoryItem): number {
  return compare(a.entry.time, a.entry.eventId, b.entry.time, b.entry.eventId);
}

/**
 * Past this many newer items, an older item is appended and its list sorted before the next read
 * instead of being moved into place: records ingested with old times (emulator.ingest) would
 * otherwise move millions of items each. Measured, 1.4M records of the last 85 days into a
 * history of 3.6M: under 500k in 11 minutes before, all in 105 s after.
 */
const MOVE_AT_MOST = 4096;

/**
 * Adds an item in (time, eventId) order; false when it was appended out of order and the list
 * must be sorted before it is read. New records are almost always the newest (appended), and an
 * older one is moved into place; while a world loads (`bulk`), a data directory written out of
 * time order would make that quadratic, so such items are appended and each list sorted once.
 */
function insert(items: HistoryItem[], item: HistoryItem, bulk: boolean): boolean {
  const last = items.at(-1);
  if (!last || byKey(last, item) < 0) {
    items.push(item);
    return true;
  }
  if (bulk) {
    items.push(item);
    return false;
  }
  // Moved by hand rather than spliced: a new record lands among the last few (same second, smaller
  // eventId), and splicing into a list of a million entries costs far more than moving those few.
  const at = upperBound(items, item.entry.time, item.entry.eventId);
  items.push(item);
  if (items.length - at > MOVE_AT_MOST) return false;
  for (let index = items.length - 1; index > at; index--) items[index] = items[index - 1] as HistoryItem;
  items[at] = item;
  return true;
}

function removeFrom(items: HistoryItem[], item: HistoryItem) {
  // Rolled-back records are almost always the newest: search from the end.
  for (let index = items.length - 1; index >= 0; index--)
    if (items[index]?.entry === item.entry) {
      items.splice(index, 1);
      return;
    }
}

/** The lookup attributes with a list per value; EventId, unique per record, has a map instead. */
type ListedAttributeKey = Exclude<LookupAttributeKey, 'EventId'>;

/** Whether a resource before `index` already has this type. */
function typeListedBefore(resources: EventEntry['resources'], index: number, type: string): boolean {
  for (let before = 0; before < index; before++) if (resources[before]?.ResourceType === type) return true;
  return false;
}

/** Whether a resource before `index` already has this name or ARN. */
function nameListedBefore(resources: EventEntry['resources'], index: number, name: string): boolean {
  for (let before = 0; before < index; before++) {
    const resource = resources[before];
    if (resource?.ResourceName === name || (resource?.arn !== '' && resource?.arn === name)) return true;
  }
  return false;
}

/**
 * Calls `visit` once for each (attribute, value) an entry is found under, EventId aside. Visits
 * rather than returns a list: a world's load indexes every record, and these were its allocations.
 */
function forEachListedValue(entry: EventEntry, visit: (key: ListedAttributeKey, value: string) => void): void {
  visit('EventName', entry.eventName);
  visit('EventSource', entry.eventSource);
  if (entry.readOnly !== undefined) visit('ReadOnly', entry.readOnly);
  if (entry.username !== undefined) visit('Username', entry.username);
  if (entry.accessKeyId !== undefined) visit('AccessKeyId', entry.accessKeyId);
  const resources = entry.resources;
  for (let index = 0; index < resources.length; index++) {
    const { ResourceType, ResourceName, arn } = resources[index] as EventEntry['resources'][number];
    if (!typeListedBefore(resources, index, ResourceType)) visit('ResourceType', ResourceType);
    if (!nameListedBefore(resources, index, ResourceName)) visit('ResourceName', ResourceName);
    if (arn !== '' && arn !== ResourceName && !nameListedBefore(resources, index, arn)) visit('ResourceName', arn);
  }
}

export interface HistoryPageQuery {
  attribute?: { key: LookupAttributeKey; value: string };
  /** Inclusive bounds in epoch seconds. */
  start: number;
  end: number;
  /** Only items ingested at or before this sequence number. */
  asOf: number;
  /** Resume strictly after (older than) this item. */
  after?: { time: number; eventId: string };
  limit: number;
}

/** One region's history of one account. */
export class EventHistory {
  private all: HistoryItem[] = [];
  private readonly byEventId = new Map<string, HistoryItem>();
  private readonly byAttribute: Record<ListedAttributeKey, Map<string, HistoryItem[]>> = {
    EventName: new Map(),
    EventSource: new Map(),
    ReadOnly: new Map(),
    Username: new Map(),
    AccessKeyId: new Map(),
    ResourceType: new Map(),
    ResourceName: new Map(),
  };
  /** Lists with items appended out of order (see insert). */
  private readonly unsorted = new Set<HistoryItem[]>();

  /**
   * Takes in what `template` holds (a history of the seeded past) while the world loads, in the
   * time a copy of its lists takes rather than an insert per item; items already here are added
   * again after it, in bulk (the world settles them when it has loaded).
   */
  absorb(template: EventHistory): void {
    template.settle();
    const own = this.all;
    this.all = template.all.slice();
    this.byEventId.clear();
    for (const [eventId, item] of template.byEventId) this.byEventId.set(eventId, item);
    for (const key of Object.keys(this.byAttribute) as ListedAttributeKey[]) {
      const index = this.byAttribute[key];
      index.clear();
      for (const [value, items] of template.byAttribute[key]) index.set(value, items.slice());
    }
    this.unsorted.clear();
    for (const item of own) this.add(item, true);
  }

  /** Sorts the lists that a bulk load or old records (see insert) left out of order. */
  settle(): void {
    for (const items of this.unsorted) items.sort(byKey);
    this.unsorted.clear();
  }

  get size(): number {
    return this.all.length;
  }

  /** Adds an item; `bulk` while a world loads (see insert). */
  add(item: HistoryItem, bulk = false): void {
    if (!insert(this.all, item, bulk)) this.unsorted.add(this.all);
    this.byEventId.set(item.entry.eventId, item);
    forEachListedValue(item.entry, (key, value) => {
      const index = this.byAttribute[key];
      let list = index.get(value);
      if (!list) {
        list = [];
        index.set(value, list);
      }
      if (!insert(list, item, bulk)) this.unsorted.add(list);
    });
  }

  /** Forgets every item older than `time` (epoch seconds): they left the 90-day window. */
  expire(time: number): void {
    this.settle();
    const drop = (items: HistoryItem[]) => {
      let count = 0;
      while (count < items.length && (items[count] as HistoryItem).entry.time < time) count++;
      if (count > 0) items.splice(0, count);
      return items.length;
    };
    // Every item is in `all`: the event IDs to forget are those of the items it drops.
    for (const item of this.all) {
      if (item.entry.time >= time) break;
      if (this.byEventId.get(item.entry.eventId) === item) this.byEventId.delete(item.entry.eventId);
    }
    drop(this.all);
    for (const index of Object.values(this.byAttribute))
      for (const [value, items] of index) if (drop(items) === 0) index.delete(value);
  }

  /** Forgets an item (a record of a call that was rolled back). */
  remove(item: HistoryItem): void {
    this.settle();
    removeFrom(this.all, item);
    if (this.byEventId.get(item.entry.eventId) === item) this.byEventId.delete(item.entry.eventId);
    forEachListedValue(item.entry, (key, value) => {
      const list = this.byAttribute[key].get(value);
      if (list) removeFrom(list, item);
    });
  }

  /** The items a query walks: all, one attribute value's list, or the one record of an event ID. */
  private itemsOf(attribute: HistoryPageQuery['attribute']): readonly HistoryItem[] {
    if (!attribute) return this.all;
    if (attribute.key === 'EventId') {
      const item = this.byEventId.get(attribute.value);
      return item ? [item] : [];
    }
    return this.byAttribute[attribute.key].get(attribute.value) ?? [];
  }

  /** Newest first, at most `limit` items matching the query. */
  page(query: HistoryPageQuery): HistoryItem[] {
    this.settle();
    const items = this.itemsOf(query.attribute);
    const end = upperBound(items, query.end, '\uffff');
    const from = query.after ? Math.min(end, upperBound(items, query.after.time, query.after.eventId)) : end;
    const page: HistoryItem[] = [];
    for (let index = from - 1; index >= 0 && page.length < query.limit; index--) {
      const item = items[index] as HistoryItem;
      if (item.entry.time < query.start) break;
      if (query.after && compare(item.entry.time, item.entry.eventId, query.after.time, query.after.eventId) >= 0)
        continue;
      // Records ingested after the walk began are skipped; they sit among the newest, so this is short.
      if (item.sequence > query.asOf) continue;
      page.push(item);
    }
    return page;
  }
}

/** Event histories by account, then region. */
type Histories = Map<string, Map<string, EventHistory>>;

/** Only Management records enter history (§7); Data, NetworkActivity and outside-AWS ones never do. */
export function entersHistory(entry: EventEntry): boolean {
  return entry.category === 'Management';
}

/**
 * The histories of a seeded past's Management records, built once and absorbed by each world of
 * that seed: a test's reset indexed 8,000 records one by one. Kept for smaller pasts only, where
 * the copy is cheap; a world of a million seeded records indexes them itself.
 */
const SHARED_SEEDED_HISTORIES = 100_000;
const seededHistoryCache = new WeakMap<SeededPast, Histories>();

function seededHistories(seeded: SeededPast, items: readonly HistoryItem[]): Histories {
  let built = seededHistoryCache.get(seeded);
  if (!built) {
    built = new Map();
    for (const item of items) {
      if (!entersHistory(item.entry)) continue;
      let byRegion = built.get(item.entry.account);
      if (!byRegion) built.set(item.entry.account, (byRegion = new Map<string, EventHistory>()));
      let history = byRegion.get(item.entry.region);
      if (!history) byRegion.set(item.entry.region, (history = new EventHistory()));
      history.add(item, true);
    }
    for (const byRegion of built.values()) for (const history of byRegion.values()) history.settle();
    seededHistoryCache.set(seeded, built);
  }
  return built;
}

/** Indexes a world's seeded past (item i is seeded record i) into its histories. */
export function addSeededHistory(state: EmulatorState, seeded: SeededPast, items: readonly HistoryItem[]): void {
  if (items.length > SHARED_SEEDED_HISTORIES) {
    for (const item of items)
      if (entersHistory(item.entry)) historyOf(state, item.entry.account, item.entry.region).add(item, true);
    return;
  }
  for (const [account, byRegion] of seededHistories(seeded, items))
    for (const [region, template] of byRegion) historyOf(state, account, region).absorb(template);
}

/** Each world's histories, by account, then region. */
const histories = new WeakMap<EmulatorState, Histories>();

/** History of an account in a region; created empty on first use. */
export function historyOf(state: EmulatorState, account: string, region: string): EventHistory {
  let byAccount = histories.get(state);
  if (!byAccount) histories.set(state, (byAccount = new Map<string, Map<string, EventHistory>>()));
  let byRegion = byAccount.get(account);
  if (!byRegion) byAccount.set(account, (byRegion = new Map<string, EventHistory>()));
  let history = byRegion.get(region);
  if (!history) byRegion.set(region, (history = new EventHistory()));
  return history;
}

/** Every history of a world, for retention. */
export function* historiesOf(state: EmulatorState): Iterable<EventHistory> {
  for (const byRegion of histories.get(state)?.values() ?? []) yield* byRegion.values();
}
