// The event history resource (SEMANTICS.md §7): each account's and region's history of Management
// records, indexed as records arrive, and LookupEvents over it.
import { LOOKUP_EVENTS_PER_SECOND } from '../../../../src/lib/cloudtrail-limits';
import type { ResourceDefinition } from '../../resource';
import { addSeededHistory, entersHistory, historiesOf, historyOf } from './history';
import { lookupEvents, LOOKUP_EVENTS_MEMBER_ORDER } from './lookup-events';

export const eventHistoryResource: ResourceDefinition = {
  name: 'event-history',
  operations: {
    cloudtrail: {
      LookupEvents: { run: lookupEvents, memberOrder: LOOKUP_EVENTS_MEMBER_ORDER, rate: LOOKUP_EVENTS_PER_SECOND },
    },
  },
  attach: (state) => {
    state.addIndexer({
      add: (item, loading) => {
        if (entersHistory(item.entry)) historyOf(state, item.entry.account, item.entry.region).add(item, loading);
      },
      addSeeded: (seeded, items) => {
        addSeededHistory(state, seeded, items);
      },
      loaded: () => {
        for (const history of historiesOf(state)) history.settle();
      },
      remove: (item) => {
        if (entersHistory(item.entry)) historyOf(state, item.entry.account, item.entry.region).remove(item);
      },
      expire: (time) => {
        for (const history of historiesOf(state)) history.expire(time);
      },
    });
  },
};
