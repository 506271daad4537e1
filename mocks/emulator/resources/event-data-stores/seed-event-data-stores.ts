// The seeded event data stores (SEMANTICS.md §14): `management-events` and `integrations-audit`,
// created by the admin in us-east-1 before the seeded past ends. What they hold of the seeded past
// is not saved: the state routes the seeded records into them on every load, with the same
// routing function as live records (routing.ts).
import { DAY } from '../../clock';
import { DEFAULT_ACCOUNT } from '../../identities';
import type { EmulatorState } from '../../state';
import { SEEDED_EVENT_DATA_STORES } from '../event-history/seed/seed-pool';
import { DEFAULT_RETENTION_DAYS, EVENT_DATA_STORES, eventDataStoreArn, saveEventDataStore } from './event-data-store';
import { DEFAULT_MANAGEMENT_SELECTORS } from './selectors';

const [MANAGEMENT_EVENTS, INTEGRATIONS_AUDIT] = SEEDED_EVENT_DATA_STORES as readonly [
  (typeof SEEDED_EVENT_DATA_STORES)[number],
  (typeof SEEDED_EVENT_DATA_STORES)[number],
];

/** Saves the stores of §14 in a fresh world. */
export function seedEventDataStores(state: EmulatorState): void {
  const region = 'us-east-1';
  const common = {
    account: DEFAULT_ACCOUNT,
    region,
    terminationProtection: true,
    billingMode: 'EXTENDABLE_RETENTION_PRICING',
    retentionDays: DEFAULT_RETENTION_DAYS.EXTENDABLE_RETENTION_PRICING,
    phase: 'ENABLED',
    startIngestion: true,
  } as const;
  const management = state.config.anchor - MANAGEMENT_EVENTS.createdDaysAgo * DAY;
  saveEventDataStore(state, {
    ...common,
    id: MANAGEMENT_EVENTS.id,
    arn: eventDataStoreArn(region, DEFAULT_ACCOUNT, MANAGEMENT_EVENTS.id),
    order: state.nextOrder(EVENT_DATA_STORES),
    name: MANAGEMENT_EVENTS.name,
    selectors: DEFAULT_MANAGEMENT_SELECTORS,
    kind: 'CloudTrailEvents',
    multiRegion: true,
    createdAt: management,
    updatedAt: management,
    phaseAt: management,
    settlesAt: management,
  });
  const integrations = state.config.anchor - INTEGRATIONS_AUDIT.createdDaysAgo * DAY;
  saveEventDataStore(state, {
    ...common,
    id: INTEGRATIONS_AUDIT.id,
    arn: eventDataStoreArn(region, DEFAULT_ACCOUNT, INTEGRATIONS_AUDIT.id),
    order: state.nextOrder(EVENT_DATA_STORES),
    name: INTEGRATIONS_AUDIT.name,
    selectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
    kind: 'ActivityAuditLog',
    multiRegion: false,
    createdAt: integrations,
    updatedAt: integrations,
    phaseAt: integrations,
    settlesAt: integrations,
  });
}
