import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import type { ChannelDetails } from '@/api/channels';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { ResourceListTable, type ResourceListState } from '@/components/collection-table/resource-list-table';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { channelTypeLabel, isServiceLinked, owningServiceOf, sourceLabel, storeIdOf } from './describe-channel';

/** A channel with the names of its destination stores, as the table shows it. */
export interface IntegrationRow {
  channel: ChannelDetails;
  /** Destination names: store names where known, else IDs; the owning service for service-linked channels. */
  destinations: { label: string; arn?: string }[];
}

/** Rows of the table: each channel with its destinations named from the stores of the region. */
export function integrationRows(
  channels: readonly ChannelDetails[],
  stores: readonly EventDataStoreDetails[],
): IntegrationRow[] {
  const names = new Map(stores.map((store) => [store.EventDataStoreArn ?? '', store.Name ?? '']));
  return channels.map((channel) => ({
    channel,
    destinations: isServiceLinked(channel)
      ? [{ label: owningServiceOf(channel) }]
      : (channel.Destinations ?? []).map((destination) => {
          const arn = destination.Location ?? '';
          return { label: names.get(arn) ?? storeIdOf(arn), arn };
        }),
  }));
}

function NameLink({ channel }: { channel: ChannelDetails }) {
  const follow = useFollow();
  const arn = channel.ChannelArn;
  return arn ? (
    <Link href={paths.channelDetail(arn)} onFollow={follow}>
      {channel.Name ?? arn}
    </Link>
  ) : (
    (channel.Name ?? '-')
  );
}

function Destinations({ row }: { row: IntegrationRow }) {
  const follow = useFollow();
  if (row.destinations.length === 0) return '-';
  return (
    <SpaceBetween size="xxs">
      {row.destinations.map((destination) =>
        destination.arn ? (
          <Link key={destination.arn} href={paths.eventDataStoreDetail(destination.arn)} onFollow={follow}>
            {destination.label}
          </Link>
        ) : (
          <span key={destination.label}>{destination.label}</span>
        ),
      )}
    </SpaceBetween>
  );
}

/** The latest successful ingestion, as text: a time, "No events yet", or "-" for service-linked channels. */
function latestIngestionText(channel: ChannelDetails): string {
  if (isServiceLinked(channel)) return '-';
  const time = channel.IngestionStatus?.LatestIngestionSuccessTime;
  return time ? formatEventTime(time) : 'No events yet';
}

function LatestIngestion({ channel }: { channel: ChannelDetails }) {
  const text = latestIngestionText(channel);
  const error = channel.IngestionStatus?.LatestIngestionErrorCode;
  return (
    <SpaceBetween size="xxs">
      <span>{text}</span>
      {error ? <StatusIndicator type="warning">{`Last error: ${error}`}</StatusIndicator> : null}
    </SpaceBetween>
  );
}

const column = createColumnHelper<CollectionFeatures, IntegrationRow>();

// Accessors return the text shown, so the text filter matches what the user reads.
const columns = column.columns([
  column.accessor((row) => row.channel.Name ?? '', {
    id: 'Name',
    header: 'Name',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <NameLink channel={row.original.channel} />,
  }),
  column.accessor((row) => channelTypeLabel(row.channel), { id: 'Type', header: 'Type', sortFn: 'alphanumeric' }),
  column.accessor((row) => sourceLabel(row.channel), { id: 'Source', header: 'Source', sortFn: 'alphanumeric' }),
  column.accessor((row) => row.destinations.map((destination) => destination.label).join(', '), {
    id: 'Destinations',
    header: 'Destinations',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <Destinations row={row.original} />,
  }),
  column.accessor((row) => latestIngestionText(row.channel), {
    id: 'LatestIngestion',
    header: 'Latest ingestion',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <LatestIngestion channel={row.original.channel} />,
  }),
]);

/** The region's channels, integration and service-linked; a name opens the channel. */
export function IntegrationsTable({ rows, ...list }: { rows: readonly IntegrationRow[] } & ResourceListState) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: rows,
    getRowId: (row, index) => row.channel.ChannelArn ?? String(index),
    globalFilterFn: 'includesString',
    state: { globalFilter: list.text },
  });
  return (
    <ResourceListTable
      {...list}
      table={table}
      title="Integrations"
      singular="integration"
      plural="integrations"
      description="Channels bring events from outside AWS into CloudTrail Lake: your own integrations and partners', and the service-linked channels of AWS services."
      count={rows.length}
      minWidths={{ LatestIngestion: 240 }}
    />
  );
}
