import type { Event } from '@aws-sdk/client-cloudtrail';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { useFollow } from '@/hooks/use-follow';
import { recordFieldsOf } from '@/lib/cloudtrail-record';
import { formatEventTime, type TimeZonePreference } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { EVENT_HISTORY_COLUMNS, type EventHistoryPreferences } from './event-history-preferences';
import { FilterButton, FilterLink } from './filter-link';
import { InlineRecord } from './inline-record';

/** A row: an event, or (as its child when expanded) the event's record. */
interface EventRow {
  event: Event;
  record?: true;
}

const column = createColumnHelper<CollectionFeatures, EventRow>();

function EventNameCell({ event }: { event: Event }) {
  const follow = useFollow();
  const name = event.EventName ?? '-';
  return event.EventId ? (
    // Kept on one line: the filter button belongs next to the name, not under it.
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}>
      <Link href={paths.eventDetail(event.EventId)} onFollow={follow}>
        {name}
      </Link>
      <FilterButton filter={{ key: 'EventName', value: name }} label="event name" />
    </span>
  ) : (
    name
  );
}

function value(text: string | undefined, render: (text: string) => ReactNode): ReactNode {
  return text === undefined || text === '' ? '-' : render(text);
}

/** Columns over the event of a row; the child record row renders only in the first column. */
function columnsFor(timeZone: TimeZonePreference) {
  return column.columns([
    column.display({
      id: 'EventName',
      header: 'Event name',
      cell: ({ row }) =>
        row.original.record ? (
          <InlineRecord json={row.original.event.CloudTrailEvent ?? '{}'} eventId={row.original.event.EventId ?? ''} />
        ) : (
          <EventNameCell event={row.original.event} />
        ),
    }),
    column.display({
      id: 'EventTime',
      header: 'Event time',
      cell: ({ row }) => (row.original.record ? null : formatEventTime(row.original.event.EventTime, timeZone)),
    }),
    column.display({
      id: 'Username',
      header: 'User name',
      cell: ({ row }) =>
        row.original.record
          ? null
          : value(row.original.event.Username, (text) => (
              <FilterLink filter={{ key: 'Username', value: text }} label="user name" />
            )),
    }),
    column.display({
      id: 'EventSource',
      header: 'Event source',
      cell: ({ row }) =>
        row.original.record
          ? null
          : value(row.original.event.EventSource, (text) => (
              <FilterLink filter={{ key: 'EventSource', value: text }} label="event source" />
            )),
    }),
    column.display({
      id: 'ResourceType',
      header: 'Resource type',
      cell: ({ row }) =>
        row.original.record
          ? null
          : value(row.original.event.Resources?.[0]?.ResourceType, (text) => (
              <FilterLink filter={{ key: 'ResourceType', value: text }} label="resource type" />
            )),
    }),
    column.display({
      id: 'ResourceName',
      header: 'Resource name',
      cell: ({ row }) => {
        const resources = row.original.event.Resources ?? [];
        if (row.original.record || resources.length === 0) return row.original.record ? null : '-';
        return (
          <SpaceBetween direction="horizontal" size="xs">
            {resources.map((resource, index) =>
              resource.ResourceName ? (
                <FilterLink
                  key={`${String(index)}-${resource.ResourceName}`}
                  filter={{ key: 'ResourceName', value: resource.ResourceName }}
                  label="resource name"
                />
              ) : null,
            )}
          </SpaceBetween>
        );
      },
    }),
    column.display({
      id: 'AccessKeyId',
      header: 'AWS access key',
      cell: ({ row }) =>
        row.original.record
          ? null
          : value(row.original.event.AccessKeyId, (text) => (
              <FilterLink filter={{ key: 'AccessKeyId', value: text }} label="access key" />
            )),
    }),
    column.display({
      id: 'SourceIPAddress',
      header: 'Source IP address',
      cell: ({ row }) => (row.original.record ? null : (recordFieldsOf(row.original.event).sourceIPAddress ?? '-')),
    }),
    column.display({
      id: 'ErrorCode',
      header: 'Error code',
      cell: ({ row }) => (row.original.record ? null : (recordFieldsOf(row.original.event).errorCode ?? '-')),
    }),
    column.display({
      id: 'RequestId',
      header: 'Request ID',
      cell: ({ row }) => (row.original.record ? null : (recordFieldsOf(row.original.event).requestID ?? '-')),
    }),
    column.display({
      id: 'EventId',
      header: 'Event ID',
      cell: ({ row }) =>
        row.original.record
          ? null
          : value(row.original.event.EventId, (text) => (
              <FilterLink filter={{ key: 'EventId', value: text }} label="event ID" />
            )),
    }),
    column.display({
      id: 'ReadOnly',
      header: 'Read-only',
      cell: ({ row }) =>
        row.original.record
          ? null
          : value(row.original.event.ReadOnly, (text) => (
              <FilterLink filter={{ key: 'ReadOnly', value: text }} label="read-only" />
            )),
    }),
    column.display({
      id: 'AwsRegion',
      header: 'AWS region',
      cell: ({ row }) => (row.original.record ? null : (recordFieldsOf(row.original.event).awsRegion ?? '-')),
    }),
    column.display({
      id: 'EventCategory',
      header: 'Event category',
      cell: ({ row }) => (row.original.record ? null : (recordFieldsOf(row.original.event).eventCategory ?? '-')),
    }),
  ]);
}

const COLUMNS_BY_ZONE = { utc: columnsFor('utc'), local: columnsFor('local') };

export interface EventHistoryTableProps {
  events: readonly Event[];
  loading: boolean;
  preferences: EventHistoryPreferences;
  header: { counter?: string; description: ReactNode; actions: ReactNode };
  filter: ReactNode;
  pagination: ReactNode;
  preferencesControl: ReactNode;
  empty: ReactNode;
}

/** One page of events, newest first; a row expands to show its record. */
export function EventHistoryTable({
  events,
  loading,
  preferences,
  header,
  filter,
  pagination,
  preferencesControl,
  empty,
}: EventHistoryTableProps) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const table = useTable({
    features: collectionFeatures,
    columns: COLUMNS_BY_ZONE[preferences.timeZone],
    data: events.map((event): EventRow => ({ event })),
    getRowId: (row, index) => `${row.event.EventId ?? String(index)}${row.record ? '-record' : ''}`,
    getSubRows: (row): EventRow[] | undefined => (row.record ? undefined : [{ event: row.event, record: true }]),
    enableSorting: false,
    // Rows are rebuilt on every render; expansion is keyed by event ID, so it need not reset.
    autoResetExpanded: false,
    state: {
      expanded,
      columnVisibility: Object.fromEntries(
        EVENT_HISTORY_COLUMNS.map(({ id }) => [id, id === 'EventName' || preferences.visibleColumns.includes(id)]),
      ),
    },
    onExpandedChange: (updater) => {
      setExpanded((current) => {
        const next = typeof updater === 'function' ? updater(current) : updater;
        return next === true ? {} : next;
      });
    },
  });
  return (
    <Table
      {...cloudscapeTableProps(table, { expandable: true })}
      variant="full-page"
      stickyHeader
      wrapLines={preferences.wrapLines}
      loading={loading}
      loadingText="Loading events"
      header={
        <Header
          variant="awsui-h1-sticky"
          counter={header.counter}
          description={header.description}
          actions={header.actions}
        >
          Event history
        </Header>
      }
      filter={filter}
      pagination={pagination}
      preferences={preferencesControl}
      empty={empty}
      ariaLabels={{
        tableLabel: 'Events',
        expandButtonLabel: () => 'Show record',
        collapseButtonLabel: () => 'Hide record',
      }}
    />
  );
}
