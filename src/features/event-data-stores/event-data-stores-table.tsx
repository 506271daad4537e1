import Link from '@cloudscape-design/components/link';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { ResourceListTable, type ResourceListState } from '@/components/collection-table/resource-list-table';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { eventTypeLabel, pricingLabel, retentionLabel } from './describe-event-data-store';
import { EventDataStoreStatusIndicator, statusText } from './event-data-store-status';

const column = createColumnHelper<CollectionFeatures, EventDataStoreDetails>();

function NameLink({ store }: { store: EventDataStoreDetails }) {
  const follow = useFollow();
  const arn = store.EventDataStoreArn;
  return arn ? (
    <Link href={paths.eventDataStoreDetail(arn)} onFollow={follow}>
      {store.Name ?? arn}
    </Link>
  ) : (
    (store.Name ?? '-')
  );
}

// Accessors return the text shown, so the text filter matches what the user reads.
const columns = column.columns([
  column.accessor((store) => store.Name ?? '', {
    id: 'Name',
    header: 'Name',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <NameLink store={row.original} />,
  }),
  column.accessor((store) => statusText(store.Status), {
    id: 'Status',
    header: 'Status',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <EventDataStoreStatusIndicator status={row.original.Status} />,
  }),
  column.accessor((store) => eventTypeLabel(store.AdvancedEventSelectors), {
    id: 'EventType',
    header: 'Event type',
    sortFn: 'alphanumeric',
  }),
  column.accessor((store) => pricingLabel(store.BillingMode), {
    id: 'BillingMode',
    header: 'Pricing option',
    sortFn: 'alphanumeric',
  }),
  column.accessor((store) => store.RetentionPeriod ?? 0, {
    id: 'RetentionPeriod',
    header: 'Retention',
    sortFn: 'basic',
    cell: ({ row }) => retentionLabel(row.original.RetentionPeriod),
  }),
  column.accessor((store) => (store.TerminationProtectionEnabled ? 'Enabled' : 'Disabled'), {
    id: 'TerminationProtectionEnabled',
    header: 'Termination protection',
    sortFn: 'alphanumeric',
  }),
  column.accessor((store) => formatEventTime(store.CreatedTimestamp), {
    id: 'CreatedTimestamp',
    header: 'Creation time',
    sortFn: 'basic',
  }),
]);

/** The region's event data stores; a name opens the store. */
export function EventDataStoresTable({
  stores,
  ...list
}: { stores: readonly EventDataStoreDetails[] } & ResourceListState) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: stores,
    getRowId: (store, index) => store.EventDataStoreArn ?? String(index),
    globalFilterFn: 'includesString',
    state: { globalFilter: list.text },
  });
  return (
    <ResourceListTable
      {...list}
      table={table}
      title="Event data stores"
      singular="event data store"
      plural="event data stores"
      description="CloudTrail Lake keeps events in event data stores, where you can query them with SQL."
      count={stores.length}
      minWidths={{ Status: 130, CreatedTimestamp: 200 }}
    />
  );
}
