import Link from '@cloudscape-design/components/link';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import type { TrailSummary } from '@/api/trails';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { ResourceListTable, type ResourceListState } from '@/components/collection-table/resource-list-table';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { yesNo } from './describe-trail';
import { LoggingStatusIndicator, loggingText } from './logging-status';

const column = createColumnHelper<CollectionFeatures, TrailSummary>();

function NameLink({ row }: { row: TrailSummary }) {
  const follow = useFollow();
  const arn = row.trail.TrailARN ?? row.info.TrailARN;
  const name = row.trail.Name ?? row.info.Name ?? '-';
  return arn ? (
    <Link href={paths.trailDetail(arn)} onFollow={follow}>
      {name}
    </Link>
  ) : (
    name
  );
}

// Accessors return the text shown, so the text filter matches what the user reads.
const columns = column.columns([
  column.accessor((row) => row.trail.Name ?? row.info.Name ?? '', {
    id: 'Name',
    header: 'Name',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <NameLink row={row.original} />,
  }),
  column.accessor((row) => row.trail.HomeRegion ?? row.info.HomeRegion ?? '-', {
    id: 'HomeRegion',
    header: 'Home region',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => yesNo(row.trail.IsMultiRegionTrail), {
    id: 'IsMultiRegionTrail',
    header: 'Multi-region trail',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => (row.trail.HasInsightSelectors ? 'Enabled' : 'Disabled'), {
    id: 'HasInsightSelectors',
    header: 'Insights',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => yesNo(row.trail.IsOrganizationTrail), {
    id: 'IsOrganizationTrail',
    header: 'Organization trail',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => row.trail.S3BucketName ?? '-', {
    id: 'S3BucketName',
    header: 'S3 bucket',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => row.trail.S3KeyPrefix ?? '-', {
    id: 'S3KeyPrefix',
    header: 'Log file prefix',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => row.trail.CloudWatchLogsLogGroupArn ?? '-', {
    id: 'CloudWatchLogsLogGroupArn',
    header: 'CloudWatch Logs log group',
    sortFn: 'alphanumeric',
  }),
  column.accessor((row) => loggingText(row.status.IsLogging), {
    id: 'IsLogging',
    header: 'Status',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <LoggingStatusIndicator logging={row.original.status.IsLogging} />,
  }),
]);

/** The trails seen in the Region; a name opens the trail. */
export function TrailsTable({ trails, ...list }: { trails: readonly TrailSummary[] } & ResourceListState) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: trails,
    getRowId: (row, index) => row.info.TrailARN ?? String(index),
    globalFilterFn: 'includesString',
    state: { globalFilter: list.text },
  });
  return (
    <ResourceListTable
      {...list}
      table={table}
      title="Trails"
      singular="trail"
      plural="trails"
      description="A trail delivers events to log files in an S3 bucket. Multi-Region trails of other Regions show here too."
      count={trails.length}
    />
  );
}
