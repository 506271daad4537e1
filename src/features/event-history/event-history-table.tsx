import type { Event } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { isGlobalEvent } from '@/api/events';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { useFollow } from '@/hooks/use-follow';
import { recordFieldsOf } from '@/lib/cloudtrail-record';
import type { WalkEvent } from '@/lib/event-walk';
import { formatEventTime, type TimeZonePreference } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { EVENT_HISTORY_COLUMNS, type EventHistoryPreferences } from './event-history-preferences';
import { FilterButton, FilterLink } from './filter-link';
import { InlineRecord } from './inline-record';

/** A row: an event, or (as its child when expanded) the event's record. */
interface EventRow {
  event: Event;
  /** The region whose history returned the event, when several are read. */
  region?: string;
  record?: true;
}

/** How a merged view names an event's region; global services are read from us-east-1 only. */
function regionLabel(row: EventRow): string {
  const region = row.region ?? recordFieldsOf(row.event).awsRegion ?? '-';
  return row.region !== undefined && isGlobalEvent(row.event) ? `Global (${region})` : region;
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

/** On a phone the first column carries the event's time and user under its name, so nothing needs scrolling. */
function CompactEventCell({ row, timeZone }: { row: EventRow; timeZone: TimeZonePreference }) {
  return (
    <div style={{ whiteSpace: 'normal', minWidth: 0 }}>
      <EventNameCell event={row.event} />
      <Box variant="small" display="block">
        {formatEventTime(row.event.EventTime, timeZone)}
      </Box>
      <Box variant="small" display="block">
        {`${row.event.Username ?? '-'}${row.region !== undefined ? ` · ${regionLabel(row)}` : ''}`}
      </Box>
    </div>
  );
}

/** An event's time; on a narrow table the time of day goes under the date rather than off screen. */
function EventTime({ date, zone }: { date: Date | undefined; zone: TimeZonePreference }) {
  const text = formatEventTime(date, zone);
  const space = text.indexOf(' ');
  if (space === -1) return text;
  return (
    <span style={{ whiteSpace: 'normal' }}>
      {text.slice(0, space + 1)}
      <span style={{ whiteSpace: 'nowrap' }}>{text.slice(space + 1)}</span>
    </span>
  );
}

function value(text: string | undefined, render: (text: string) => ReactNode): ReactNode {
  return text === undefined || text === '' ? '-' : render(text);
}

/** Columns over the event of a row; the child record row renders only in the first column. */
function columnsFor(timeZone: TimeZonePreference, compact: boolean) {
  return column.columns([
    column.display({
      id: 'EventName',
      header: compact ? 'Event' : 'Event name',
      cell: ({ row }) =>
        row.original.record ? (
          <InlineRecord json={row.original.event.CloudTrailEvent ?? '{}'} eventId={row.original.event.EventId ?? ''} />
        ) : compact ? (
          <CompactEventCell row={row.original} timeZone={timeZone} />
        ) : (
          <EventNameCell event={row.original.event} />
        ),
    }),
    column.display({
      id: 'EventTime',
      header: 'Event time',
      cell: ({ row }) =>
        row.original.record ? null : <EventTime date={row.original.event.EventTime} zone={timeZone} />,
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
      cell: ({ row }) => (row.original.record ? null : regionLabel(row.original)),
    }),
    column.display({
      id: 'EventCategory',
      header: 'Event category',
      cell: ({ row }) => (row.original.record ? null : (recordFieldsOf(row.original.event).eventCategory ?? '-')),
    }),
  ]);
}

const COLUMNS = {
  utc: columnsFor('utc', false),
  local: columnsFor('local', false),
  'utc-compact': columnsFor('utc', true),
  'local-compact': columnsFor('local', true),
};

/** The columns in display order: a merged view shows the region right after the time. */
function orderedColumns(timeZone: TimeZonePreference, compact: boolean, regionColumn: boolean) {
  const columns = COLUMNS[compact ? (timeZone === 'utc' ? 'utc-compact' : 'local-compact') : timeZone];
  if (!regionColumn) return columns;
  const region = columns.find((candidate) => candidate.id === 'AwsRegion');
  const rest = columns.filter((candidate) => candidate.id !== 'AwsRegion');
  const at = rest.findIndex((candidate) => candidate.id === 'EventTime') + 1;
  return region ? [...rest.slice(0, at), region, ...rest.slice(at)] : columns;
}

const NARROW_QUERY = '(max-width: 688px)';

function subscribeToWidth(onChange: () => void): () => void {
  const media = window.matchMedia(NARROW_QUERY);
  media.addEventListener('change', onChange);
  return () => {
    media.removeEventListener('change', onChange);
  };
}

/** Whether the window is phone-narrow. */
function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribeToWidth, () => window.matchMedia(NARROW_QUERY).matches);
}

export interface EventHistoryTableProps {
  rows: readonly WalkEvent[];
  /** Show the region of each event (several regions are read). */
  regionColumn: boolean;
  loading: boolean;
  preferences: EventHistoryPreferences;
  header: { counter?: string; description: ReactNode; actions: ReactNode };
  filter: ReactNode;
  pagination: ReactNode;
  preferencesControl: ReactNode;
  empty: ReactNode;
  /** IDs of the events selected for comparison (on any page). */
  selectedIds: readonly string[];
  /** The selection on this page changed; `rows` are this page's selected events. */
  onSelectionChange: (rows: WalkEvent[]) => void;
  /** No more events may be selected. */
  selectionFull: boolean;
}

/**
 * Keyboard focus entering the table lands on the real column header, which lies under its sticky
 * copy once the page is scrolled. The browser then scrolls it to the top of the window, and the
 * sticky block (title, filters and the copy) covers the first rows. Scrolling back by the distance
 * between the two headers puts the real one where the copy is, with the first rows below it. A
 * click lands on the copy, which is never above the real header: nothing moves then.
 */
function useHeaderFocusKeepsRowsInSight(ref: RefObject<HTMLElement | null>) {
  // A subscription to focus events, not a fetch: the effect only wires a listener.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const onFocusIn = (event: FocusEvent) => {
      const head = event.target instanceof Element ? event.target.closest('thead') : null;
      if (!head) return;
      cancelAnimationFrame(frame);
      // After the browser's own scroll to the focused header, before the next paint.
      frame = requestAnimationFrame(() => {
        const copy = [...element.querySelectorAll('thead')].find((other) => other !== head);
        if (!copy) return;
        const offset = head.getBoundingClientRect().top - copy.getBoundingClientRect().top;
        if (offset < -1) window.scrollBy({ top: offset, behavior: 'instant' });
      });
    };
    element.addEventListener('focusin', onFocusIn);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('focusin', onFocusIn);
    };
  }, [ref]);
}

/** One page of events, newest first; a row expands to show its record. */
export function EventHistoryTable({
  rows,
  regionColumn,
  loading,
  preferences,
  header,
  filter,
  pagination,
  preferencesControl,
  empty,
  selectedIds,
  onSelectionChange,
  selectionFull,
}: EventHistoryTableProps) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const compact = useNarrowScreen();
  const table = useTable({
    features: collectionFeatures,
    columns: orderedColumns(preferences.timeZone, compact, regionColumn),
    data: rows.map((row): EventRow => (regionColumn ? { event: row.event, region: row.region } : { event: row.event })),
    getRowId: (row, index) => `${row.event.EventId ?? String(index)}${row.record ? '-record' : ''}`,
    getSubRows: (row): EventRow[] | undefined => (row.record ? undefined : [{ ...row, record: true }]),
    enableSorting: false,
    // Rows are rebuilt on every render; expansion is keyed by event ID, so it need not reset.
    autoResetExpanded: false,
    state: {
      expanded,
      columnVisibility: Object.fromEntries(
        EVENT_HISTORY_COLUMNS.map(({ id }) => [
          id,
          id === 'EventName' ||
            (!compact && (preferences.visibleColumns.includes(id) || (regionColumn && id === 'AwsRegion'))),
        ]),
      ),
    },
    onExpandedChange: (updater) => {
      setExpanded((current) => {
        const next = typeof updater === 'function' ? updater(current) : updater;
        return next === true ? {} : next;
      });
    },
  });
  const tableProps = cloudscapeTableProps(table, { expandable: true });
  const focusArea = useRef<HTMLDivElement>(null);
  useHeaderFocusKeepsRowsInSight(focusArea);
  const isSelected = (row: (typeof tableProps.items)[number]) =>
    !row.original.record && selectedIds.includes(row.original.event.EventId ?? '');
  return (
    <div ref={focusArea}>
      <Table
        {...tableProps}
        selectionType="multi"
        selectedItems={tableProps.items.filter(isSelected)}
        isItemDisabled={(row) => row.original.record === true || (selectionFull && !isSelected(row))}
        onSelectionChange={({ detail }) => {
          onSelectionChange(
            detail.selectedItems
              .filter((row) => !row.original.record)
              .map((row) => ({ event: row.original.event, region: row.original.region ?? '' })),
          );
        }}
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
          selectionGroupLabel: 'Events to compare',
          allItemsSelectionLabel: () => 'Select the events of this page to compare',
          itemSelectionLabel: (_, row) =>
            `Select ${row.original.event.EventName ?? 'event'} of ${formatEventTime(row.original.event.EventTime, preferences.timeZone)} to compare`,
        }}
      />
    </div>
  );
}
