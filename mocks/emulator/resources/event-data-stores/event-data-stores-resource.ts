// The event data stores resource (SEMANTICS.md §8, §9): its collection, operations, routing of
// every record through routing.ts, and the seeded stores.
import type { ResourceDefinition } from '../../resource';
import { parseJsonObject } from '../../validate';
import {
  createEventDataStore,
  deleteEventDataStore,
  getEventDataStore,
  getEventDataStoreUsage,
  listEventDataStores,
  restoreEventDataStore,
  startEventDataStoreIngestion,
  stopEventDataStoreIngestion,
  updateEventDataStore,
} from './event-data-store-operations';
import { SECOND } from '../../clock';
import {
  EVENT_DATA_STORES,
  retentionCutoff,
  sweepEventDataStores,
  type StoredEventDataStore,
} from './event-data-store';
import { routeRecord } from './routing';
import { eventDataStoreSeedCalls } from './seed-event-data-stores';

export const eventDataStoresResource: ResourceDefinition = {
  name: 'event-data-stores',
  collections: [EVENT_DATA_STORES],
  operations: {
    cloudtrail: {
      CreateEventDataStore: { run: createEventDataStore },
      GetEventDataStore: { run: getEventDataStore },
      ListEventDataStores: { run: listEventDataStores },
      UpdateEventDataStore: { run: updateEventDataStore },
      DeleteEventDataStore: { run: deleteEventDataStore },
      RestoreEventDataStore: { run: restoreEventDataStore },
      StartEventDataStoreIngestion: { run: startEventDataStoreIngestion },
      StopEventDataStoreIngestion: { run: stopEventDataStoreIngestion },
    },
    emulator: {
      // CloudTrail has no such operation, so CloudTrail would record nothing.
      GetEventDataStoreUsage: { run: getEventDataStoreUsage, parse: parseJsonObject, record: false },
    },
  },
  attach: (state) => {
    state.addRouter((routed) => {
      // Purges are applied before a record is routed, so a purged store never takes one late.
      if (routed.at >= state.clock.now()) sweepEventDataStores(state, routed.at);
      return routeRecord(state.table<StoredEventDataStore>(EVENT_DATA_STORES).values(), routed);
    });
    // A store's records past its retention leave it (§8.4): queries never saw them, and this
    // gives their memory and storage back.
    state.onRetention((now) => {
      sweepEventDataStores(state, now);
      for (const store of state.table<StoredEventDataStore>(EVENT_DATA_STORES).values()) {
        const cutoff = retentionCutoff(store, now);
        const contents = state.contents(store.id);
        // Contents arrive roughly in time order, but outside-AWS events may carry any eventTime.
        if (contents.some((entry) => entry.time * SECOND < cutoff))
          state.setContents(
            store.id,
            contents.filter((entry) => entry.time * SECOND >= cutoff),
          );
      }
    });
  },
  seedCalls: eventDataStoreSeedCalls,
};
