import type { Event } from '@aws-sdk/client-cloudtrail';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';

const column = createColumnHelper<CollectionFeatures, Event>();

const columns = column.columns([
  column.accessor((event) => event.EventName ?? '-', { id: 'EventName', header: 'Event name' }),
  column.accessor((event) => event.EventTime?.toISOString() ?? '-', { id: 'EventTime', header: 'Event time' }),
  column.accessor((event) => event.Username ?? '-', { id: 'Username', header: 'User name' }),
  column.accessor((event) => event.EventSource ?? '-', { id: 'EventSource', header: 'Event source' }),
  column.accessor((event) => event.Resources?.[0]?.ResourceType ?? '-', {
    id: 'ResourceType',
    header: 'Resource type',
  }),
  column.accessor((event) => event.Resources?.[0]?.ResourceName ?? '-', {
    id: 'ResourceName',
    header: 'Resource name',
  }),
]);

export interface EventHistoryTableProps {
  events: readonly Event[];
  loading: boolean;
  pagination: ReactNode;
  empty: ReactNode;
}

/** The events of one page, newest first, with CloudTrail's default columns. */
export function EventHistoryTable({ events, loading, pagination, empty }: EventHistoryTableProps) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: events,
    getRowId: (event, index) => event.EventId ?? String(index),
    enableSorting: false,
  });
  return (
    <Table
      {...cloudscapeTableProps(table)}
      variant="full-page"
      loading={loading}
      loadingText="Loading events"
      header={
        <Header variant="awsui-h1-sticky" description="Management events of the last 90 days in this Region.">
          Event history
        </Header>
      }
      pagination={pagination}
      empty={empty}
      ariaLabels={{ tableLabel: 'Events' }}
    />
  );
}
