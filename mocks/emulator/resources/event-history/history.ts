// Event history of one account and region (SEMANTICS.md §7): Management records ordered by
// (eventTime, eventID), with one ordered list per lookup attribute value, so a LookupEvents page
// costs a binary search plus the page, whatever the attribute.
import type { EventEntry } from '../../records';
import type { EmulatorState, IndexedRecord } from '../../state';

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

function insert(items: HistoryItem[], item: HistoryItem) {
  const last = items.at(-1);
  // New records are almost always the newest: append without searching.
  if (!last || compare(last.entry.time, last.entry.eventId, item.entry.time, item.entry.eventId) < 0) {
    items.push(item);
    return;
  }
  items.splice(upperBound(items, item.entry.time, item.entry.eventId), 0, item);
}

function removeFrom(items: HistoryItem[], item: HistoryItem) {
  // Rolled-back records are almost always the newest: search from the end.
  for (let index = items.length - 1; index >= 0; index--)
    if (items[index]?.entry === item.entry) {
      items.splice(index, 1);
      return;
    }
}

/** The values under which an entry is found, per lookup attribute. */
function attributeValues(entry: EventEntry): [LookupAttributeKey, string][] {
  const values: [LookupAttributeKey, string][] = [
    ['EventId', entry.eventId],
    ['EventName', entry.eventName],
    ['EventSource', entry.eventSource],
  ];
  if (entry.readOnly !== undefined) values.push(['ReadOnly', entry.readOnly]);
  if (entry.username !== undefined) values.push(['Username', entry.username]);
  if (entry.accessKeyId !== undefined) values.push(['AccessKeyId', entry.accessKeyId]);
  const types = new Set<string>();
  const names = new Set<string>();
  for (const resource of entry.resources) {
    types.add(resource.ResourceType);
    names.add(resource.ResourceName);
    if (resource.arn !== '') names.add(resource.arn);
  }
  for (const type of types) values.push(['ResourceType', type]);
  for (const name of names) values.push(['ResourceName', name]);
  return values;
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
  private readonly all: HistoryItem[] = [];
  private readonly byAttribute = new Map<LookupAttributeKey, Map<string, HistoryItem[]>>();

  get size(): number {
    return this.all.length;
  }

  add(item: HistoryItem): void {
    insert(this.all, item);
    for (const [key, value] of attributeValues(item.entry)) {
      let index = this.byAttribute.get(key);
      if (!index) {
        index = new Map();
        this.byAttribute.set(key, index);
      }
      let list = index.get(value);
      if (!list) {
        list = [];
        index.set(value, list);
      }
      insert(list, item);
    }
  }

  /** Forgets an item (a record of a call that was rolled back). */
  remove(item: HistoryItem): void {
    removeFrom(this.all, item);
    for (const [key, value] of attributeValues(item.entry)) {
      const list = this.byAttribute.get(key)?.get(value);
      if (list) removeFrom(list, item);
    }
  }

  /** Newest first, at most `limit` items matching the query. */
  page(query: HistoryPageQuery): HistoryItem[] {
    const items = query.attribute
      ? (this.byAttribute.get(query.attribute.key)?.get(query.attribute.value) ?? [])
      : this.all;
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

const histories = new WeakMap<EmulatorState, Map<string, EventHistory>>();

/** History of an account in a region; created empty on first use. */
export function historyOf(state: EmulatorState, account: string, region: string): EventHistory {
  let byRegion = histories.get(state);
  if (!byRegion) {
    byRegion = new Map();
    histories.set(state, byRegion);
  }
  const key = `${account}/${region}`;
  let history = byRegion.get(key);
  if (!history) {
    history = new EventHistory();
    byRegion.set(key, history);
  }
  return history;
}
