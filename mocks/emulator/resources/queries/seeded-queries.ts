// The queries behind the seeded past's StartQuery calls (SEMANTICS.md §14): each successful call of
// the last 7 days before the anchor is a query ListQueries shows, under the QueryId its record
// answered. They are derived from the seed on every load (never saved until read) and run the
// first time they are read, over the store as it was when they started (query-operations.ts).
import type { EmulatorState, SeededPast } from '../../state';
import { QUERY_RETENTION, queryTiming, type StoredQuery } from './query';

const derived = new WeakMap<SeededPast, readonly StoredQuery[]>();

/** First seeded record at or after `time` (epoch ms); seeded records ascend by eventTime. */
function firstAtOrAfter(seeded: SeededPast, time: number): number {
  let low = 0;
  let high = seeded.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Date.parse(seeded.record(middle).eventTime) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function seededQueries(state: EmulatorState): readonly StoredQuery[] {
  const { seeded } = state;
  const known = derived.get(seeded);
  if (known) return known;
  const timing = queryTiming(state);
  const queries: StoredQuery[] = [];
  for (let index = firstAtOrAfter(seeded, state.config.anchor - QUERY_RETENTION); index < seeded.count; index++) {
    const record = seeded.record(index);
    if (record.eventName !== 'StartQuery' || record.errorCode !== undefined) continue;
    const queryId = record.responseElements?.queryId;
    const statement = record.requestParameters?.queryStatement;
    if (typeof queryId !== 'string' || typeof statement !== 'string') continue;
    queries.push({
      queryId,
      account: record.recipientAccountId,
      region: record.awsRegion,
      statement,
      storeArns: (record.resources ?? []).flatMap((resource) => (resource.ARN === undefined ? [] : [resource.ARN])),
      createdAt: Date.parse(record.eventTime),
      queuedMillis: timing.queuedMillis,
      executionMillis: timing.baseMillis,
      eventsScanned: 0,
      bytesScanned: 0,
      eventsMatched: 0,
      outcome: { kind: 'deferred' },
    });
  }
  derived.set(seeded, queries);
  return queries;
}
