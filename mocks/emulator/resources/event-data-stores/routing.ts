// The one routing function (SEMANTICS.md §9, §13 step 6, §17.9; README.md, "Routing"): whether an
// event data store, or a trail's batch, takes a record. Live calls, the simulator, the seeded past
// and PutAuditEvents all ask it, so a seeded store holds exactly what live routing would have put
// in it, and Lake queries and delivered log files report whatever it decides.
import { SECOND } from '../../clock';
import type { CloudTrailRecord } from '../../records';
import type { RoutedRecord } from '../../state';
import {
  eventDataStoreStatus,
  ingestingSince,
  isPurged,
  retentionCutoff,
  type StoredEventDataStore,
} from './event-data-store';
import { recordFieldValues, selectorsMatchFields, type FieldValues } from './selectors';
import { basicSelectorsMatch } from '../trails/basic-selectors';
import type { StoredTrail } from '../trails/trail';

/** Field values from the record's entry where it has them; the record is built only for the rest. */
function entryFieldValues(routed: RoutedRecord): FieldValues {
  const { entry } = routed;
  let record: CloudTrailRecord | undefined;
  return (field) => {
    switch (field) {
      case 'eventCategory':
        return [entry.category];
      case 'eventSource':
        return [entry.eventSource];
      case 'eventName':
        return [entry.eventName];
      case 'readOnly':
        return entry.readOnly === undefined ? [] : [entry.readOnly];
      default:
        record ??= routed.record() as CloudTrailRecord;
        return recordFieldValues(record, field);
    }
  };
}

/**
 * Whether `store` takes the record at `routed.at` (§9):
 * - the store belongs to the record's recipient account and is not purged;
 * - it is ENABLED at that moment;
 * - the record is not already past the store's retention (an outside-AWS event with an old
 *   eventTime is accepted and expires at once, §8.4);
 * - an ActivityAuditLog record goes only to the ActivityAuditLog stores its channel names as
 *   destinations (§9 step 3, §13 step 6);
 * - any other record goes to stores of CloudTrail events homed in its region or multi-region,
 *   that were already ingesting when it happened (no backfill, stopped periods never filled), and
 *   whose selectors select it (§8.5).
 */
function storeTakesRecord(store: StoredEventDataStore, routed: RoutedRecord): boolean {
  const { entry, at } = routed;
  if (store.account !== entry.account || isPurged(store, at)) return false;
  if (eventDataStoreStatus(store, at) !== 'ENABLED') return false;
  if (entry.time * SECOND < retentionCutoff(store, at)) return false;
  if (entry.category === 'ActivityAuditLog')
    return store.kind === 'ActivityAuditLog' && (routed.destinations?.includes(store.arn) ?? false);
  if (store.kind !== 'CloudTrailEvents') return false;
  if (!store.multiRegion && store.region !== entry.region) return false;
  const since = ingestingSince(store, at);
  if (since === undefined || entry.time < Math.floor(since / SECOND)) return false;
  return selectorsMatchFields(store.selectors, entryFieldValues(routed));
}

/** What receives records: an event data store, or a trail's batch for the record's region. */
export type RecordTarget =
  | { readonly kind: 'store'; readonly store: StoredEventDataStore }
  | { readonly kind: 'trail'; readonly trail: StoredTrail };

/**
 * The one routing function: whether `target` takes the record at `routed.at`. Stores and trails
 * share its shape (the record's account, active at that moment with no backfill, home region or
 * multi-region, selectors) and differ in what they take (§9, §17.9).
 */
export function takesRecord(target: RecordTarget, routed: RoutedRecord): boolean {
  return target.kind === 'store' ? storeTakesRecord(target.store, routed) : trailTakesRecord(target.trail, routed);
}

/** IDs of the stores that take a record (§9), in the order given. */
export function routeRecord(stores: Iterable<StoredEventDataStore>, routed: RoutedRecord): string[] {
  const ids: string[] = [];
  for (const store of stores) if (takesRecord({ kind: 'store', store }, routed)) ids.push(store.id);
  return ids;
}

/** Event sources whose events are global service events (§17.9 Decision). */
export const GLOBAL_SERVICE_SOURCES: ReadonlySet<string> = new Set([
  'iam.amazonaws.com',
  'sts.amazonaws.com',
  'cloudfront.amazonaws.com',
  'signin.amazonaws.com',
]);

const TRAIL_CATEGORIES: ReadonlySet<string> = new Set(['Management', 'Data', 'NetworkActivity']);

/** Whether a trail is logging at `at`: started by then, and not stopped before it (§17.6). */
export function trailLoggingAt(trail: StoredTrail, at: number): boolean {
  if (trail.startLoggingTime === undefined || trail.startLoggingTime > at) return false;
  return trail.isLogging || (trail.stopLoggingTime !== undefined && at <= trail.stopLoggingTime);
}

/**
 * Whether the batch of `trail` for the record's region takes the record at `routed.at` (§17.9):
 * - the trail belongs to the record's recipient account and is logging at that moment (no
 *   backfill; its own StartLogging and StopLogging records are taken, at their times);
 * - the record's region is the trail's home region, or the trail is multi-region;
 * - a global service event (IAM, STS, CloudFront, sign-in) only with IncludeGlobalServiceEvents;
 * - a Management, Data or NetworkActivity record (never ActivityAuditLog or Insight);
 * - the trail's selectors, basic or advanced, select it (§17.7, §8.5).
 */
function trailTakesRecord(trail: StoredTrail, routed: RoutedRecord): boolean {
  const { entry, at } = routed;
  if (trail.account !== entry.account || !trailLoggingAt(trail, at)) return false;
  if (!trail.isMultiRegionTrail && trail.homeRegion !== entry.region) return false;
  if (!trail.includeGlobalServiceEvents && GLOBAL_SERVICE_SOURCES.has(entry.eventSource)) return false;
  if (!TRAIL_CATEGORIES.has(entry.category)) return false;
  const values = entryFieldValues(routed);
  if (trail.advancedEventSelectors !== undefined) return selectorsMatchFields(trail.advancedEventSelectors, values);
  return basicSelectorsMatch(trail.eventSelectors ?? [], entry.category, values, () => {
    const record = routed.record() as CloudTrailRecord;
    return (record.resources ?? []).map((resource) => ({
      type: resource.type,
      arn: resource.ARN ?? resource.ARNPrefix,
    }));
  });
}

/** The trails whose batches take a record (§17.9), in the order given. */
export function routeRecordToTrails(trails: Iterable<StoredTrail>, routed: RoutedRecord): StoredTrail[] {
  const taken: StoredTrail[] = [];
  for (const trail of trails) if (takesRecord({ kind: 'trail', trail }, routed)) taken.push(trail);
  return taken;
}
