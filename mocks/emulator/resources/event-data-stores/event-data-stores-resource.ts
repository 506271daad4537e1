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
import { EVENT_DATA_STORES, sweepEventDataStores, type StoredEventDataStore } from './event-data-store';
import { routeRecord } from './routing';
import { seedEventDataStores } from './seed-event-data-stores';

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
  },
  install: (state, { fresh }) => {
    if (fresh) seedEventDataStores(state);
  },
};
