// The one routing function (SEMANTICS.md §9, §13 step 6; README.md, "Routing"): whether an event
// data store takes a record. Live calls, the simulator, the seeded past and PutAuditEvents all ask
// it, so a seeded store holds exactly what live routing would have put in it, and Lake queries
// report whatever it decides.
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
export function storeTakesRecord(store: StoredEventDataStore, routed: RoutedRecord): boolean {
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

/** IDs of the stores that take a record (§9), in the order given. */
export function routeRecord(stores: Iterable<StoredEventDataStore>, routed: RoutedRecord): string[] {
  const ids: string[] = [];
  for (const store of stores) if (storeTakesRecord(store, routed)) ids.push(store.id);
  return ids;
}
