import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
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

export interface EventDataStoresTableProps {
  stores: readonly EventDataStoreDetails[];
  loading: boolean;
  text: string;
  onTextChange: (text: string) => void;
  actions: ReactNode;
  empty: ReactNode;
}

/** The region's event data stores; a name opens the store. */
export function EventDataStoresTable({
  stores,
  loading,
  text,
  onTextChange,
  actions,
  empty,
}: EventDataStoresTableProps) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: stores,
    getRowId: (store, index) => store.EventDataStoreArn ?? String(index),
    globalFilterFn: 'includesString',
    state: { globalFilter: text },
  });
  const shown = table.getRowModel().rows.length;
  return (
    <Table
      {...cloudscapeTableProps(table)}
      variant="full-page"
      loading={loading}
      loadingText="Loading event data stores"
      header={
        <Header
          variant="awsui-h1-sticky"
          counter={loading ? undefined : `(${String(stores.length)})`}
          description="CloudTrail Lake keeps events in event data stores, where you can query them with SQL."
          actions={actions}
        >
          Event data stores
        </Header>
      }
      filter={
        <TextFilter
          filteringText={text}
          filteringPlaceholder="Find event data stores"
          filteringAriaLabel="Filter event data stores"
          filteringClearAriaLabel="Clear filter"
          countText={text === '' ? undefined : `${String(shown)} ${shown === 1 ? 'match' : 'matches'}`}
          onChange={({ detail }) => {
            onTextChange(detail.filteringText);
          }}
        />
      }
      empty={empty}
      ariaLabels={{ tableLabel: 'Event data stores' }}
    />
  );
}
