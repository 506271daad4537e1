import type { Event } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { eventQueries, type AttributeFilter } from '@/api/events';
import { useConnection } from '@/api/use-connection';
import { EventLink } from '@/components/event-link';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { QueryError } from '@/components/query-error';
import { EmptyState } from '@/components/empty-state';

const HOUR = 3_600_000;
/** Related events shown per relation: one LookupEvents page. */
const RELATED_LIMIT = 20;

interface Relation {
  id: string;
  label: string;
  /** What the relation's events share with this one, for the empty state. */
  noun: string;
  filter: AttributeFilter;
}

/** The relations that apply to an event: only attributes it has can be looked up. */
function relationsOf(event: Event): Relation[] {
  const relations: Relation[] = [];
  if (event.Username)
    relations.push({
      id: 'user',
      label: 'Same user',
      noun: 'user',
      filter: { key: 'Username', value: event.Username },
    });
  if (event.AccessKeyId)
    relations.push({
      id: 'access-key',
      label: 'Same access key',
      noun: 'access key',
      filter: { key: 'AccessKeyId', value: event.AccessKeyId },
    });
  const resource = event.Resources?.[0]?.ResourceName;
  if (resource)
    relations.push({
      id: 'resource',
      label: 'Same resource',
      noun: 'resource',
      filter: { key: 'ResourceName', value: resource },
    });
  return relations;
}

const column = createColumnHelper<CollectionFeatures, Event>();

const columns = column.columns([
  column.accessor((event) => event.EventName ?? '', {
    id: 'EventName',
    header: 'Event name',
    sortFn: 'alphanumeric',
    cell: (cell) => <EventLink event={cell.row.original} />,
  }),
  column.accessor((event) => event.EventTime, {
    id: 'EventTime',
    header: 'Event time',
    sortFn: 'datetime',
    cell: (cell) => formatEventTime(cell.getValue()),
  }),
  column.accessor((event) => event.Username ?? '', {
    id: 'Username',
    header: 'User name',
    sortFn: 'alphanumeric',
    cell: (cell) => cell.getValue() || '-',
  }),
  column.accessor((event) => event.EventSource ?? '', {
    id: 'EventSource',
    header: 'Event source',
    sortFn: 'alphanumeric',
    cell: (cell) => cell.getValue() || '-',
  }),
]);

function RelatedEventsTable({
  event,
  relation,
  span,
}: {
  event: Event;
  relation: Relation;
  span: { StartTime: Date; EndTime: Date };
}) {
  const { connection } = useConnection();
  const follow = useFollow();
  const query = useQuery(eventQueries.related(connection, relation.filter, span, RELATED_LIMIT + 1));
  // The event itself always matches its own relations.
  const events = (query.data ?? []).filter((other) => other.EventId !== event.EventId).slice(0, RELATED_LIMIT);
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: events,
    getRowId: (other, index) => other.EventId ?? String(index),
    initialState: { sorting: [{ id: 'EventTime', desc: true }] },
  });
  return (
    <Table
      {...cloudscapeTableProps(table)}
      variant="borderless"
      loading={query.isPending}
      loadingText="Loading related events"
      ariaLabels={{ tableLabel: `Events of the same ${relation.noun}` }}
      empty={
        query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <EmptyState
            title="No related events"
            message={`No other events of the same ${relation.noun} within an hour of this event.`}
          />
        )
      }
      footer={
        <Link
          href={paths.eventHistory({
            filters: [relation.filter],
            range: { type: 'absolute', startDate: span.StartTime.toISOString(), endDate: span.EndTime.toISOString() },
          })}
          onFollow={follow}
        >
          {`Show events of the same ${relation.noun} in Event history`}
        </Link>
      }
    />
  );
}

/** Events of the same user, access key or resource within an hour either side of the event. */
export function RelatedEvents({ event }: { event: Event }) {
  const [chosen, setChosen] = useState<string>();
  const relations = relationsOf(event);
  const time = event.EventTime?.getTime();
  const header = (
    <Header variant="h2" description="Events of the same user, access key or resource, up to an hour before or after.">
      Related events
    </Header>
  );
  if (time === undefined || Number.isNaN(time) || relations.length === 0)
    return (
      <Container header={header}>
        <Box variant="p">This event has no user, access key or resource to look up related events by.</Box>
      </Container>
    );
  const span = { StartTime: new Date(time - HOUR), EndTime: new Date(time + HOUR) };
  // Another event may lack the relation chosen on the previous one.
  const active = relations.some((relation) => relation.id === chosen) ? chosen : relations[0]?.id;
  return (
    <Container header={header}>
      <Tabs
        activeTabId={active}
        onChange={({ detail }) => {
          setChosen(detail.activeTabId);
        }}
        ariaLabel="Related events"
        // Only the active tab renders, so each relation is looked up when it is first shown.
        tabs={relations.map((relation) => ({
          id: relation.id,
          label: relation.label,
          content: <RelatedEventsTable event={event} relation={relation} span={span} />,
        }))}
      />
    </Container>
  );
}
