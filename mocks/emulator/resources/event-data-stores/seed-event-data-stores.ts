// The seeded event data stores (SEMANTICS.md §14): `management-events` and `integrations-audit`,
// created by the admin in us-east-1 before the seeded past ends, through the same pipeline as a
// client's calls. What they hold of the seeded past is not saved: the state routes the seeded
// records into them on every load, with the same routing function as live records (routing.ts).
import { DAY } from '../../clock';
import { ADMIN_ACCESS_KEY } from '../../identities';
import type { SeedCall } from '../../resource';
import type { EmulatorState } from '../../state';
import { SEEDED_EVENT_DATA_STORES } from '../event-history/seed/seed-pool';

const [MANAGEMENT_EVENTS, INTEGRATIONS_AUDIT] = SEEDED_EVENT_DATA_STORES as readonly [
  (typeof SEEDED_EVENT_DATA_STORES)[number],
  (typeof SEEDED_EVENT_DATA_STORES)[number],
];

/**
 * The calls that created the stores of §14: the admin, with the AWS CLI, before the seeded past
 * ends. Served by the pipeline in a fresh world at their times, like any client's calls.
 */
export function eventDataStoreSeedCalls(state: EmulatorState): SeedCall[] {
  const { anchor } = state.config;
  const info = {
    accessKeyId: ADMIN_ACCESS_KEY,
    region: 'us-east-1',
    sourceIp: '198.51.100.61',
    userAgent: 'aws-cli/2.13.25 md/command#cloudtrail.create-event-data-store',
  };
  return [
    {
      service: 'cloudtrail',
      operation: 'CreateEventDataStore',
      // Every default: multi-region, management events, 366 days, termination protection.
      input: { Name: MANAGEMENT_EVENTS.name },
      info,
      at: anchor - MANAGEMENT_EVENTS.createdDaysAgo * DAY,
      resourceId: MANAGEMENT_EVENTS.id,
    },
    {
      service: 'cloudtrail',
      operation: 'CreateEventDataStore',
      input: {
        Name: INTEGRATIONS_AUDIT.name,
        MultiRegionEnabled: false,
        AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
      },
      info,
      at: anchor - INTEGRATIONS_AUDIT.createdDaysAgo * DAY,
      resourceId: INTEGRATIONS_AUDIT.id,
    },
  ];
}
