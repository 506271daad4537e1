import Link from '@cloudscape-design/components/link';
import { StatusIndicator } from '@/components/status-indicator';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { describeRefreshSchedule, lastRefreshTimeOf, type DashboardSummary } from '@/api/dashboards';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { ResourceListTable, type ResourceListState } from '@/components/collection-table/resource-list-table';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';

const column = createColumnHelper<CollectionFeatures, DashboardSummary>();

function NameLink({ row }: { row: DashboardSummary }) {
  const follow = useFollow();
  return (
    <Link href={paths.dashboardDetail(row.Name)} onFollow={follow}>
      {row.Name}
    </Link>
  );
}

function typeText(row: DashboardSummary): string {
  return row.Type === 'CUSTOM' ? 'Custom' : row.Type === 'MANAGED' ? 'Managed' : '-';
}

/** The last refresh as text: when it ran, "Never", or the failed scheduled refresh's reason. */
function lastRefreshText(row: DashboardSummary): string {
  if (row.details.LastRefreshFailureReason) return `Failed: ${row.details.LastRefreshFailureReason}`;
  if (!row.details.LastRefreshId) return 'Never';
  const time = lastRefreshTimeOf(row.details);
  return time ? formatEventTime(time) : 'Refreshed';
}

// Accessors return the text shown, so the text filter matches what the user reads.
const columns = column.columns([
  column.accessor('Name', {
    header: 'Name',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <NameLink row={row.original} />,
  }),
  column.accessor(typeText, { id: 'Type', header: 'Type', sortFn: 'alphanumeric' }),
  column.accessor((row) => describeRefreshSchedule(row.details.RefreshSchedule), {
    id: 'RefreshSchedule',
    header: 'Refresh schedule',
    sortFn: 'alphanumeric',
  }),
  column.accessor(lastRefreshText, {
    id: 'LastRefresh',
    header: 'Last refresh',
    sortFn: 'alphanumeric',
    cell: ({ row, getValue }) =>
      row.original.details.LastRefreshFailureReason ? (
        <StatusIndicator type="error">{getValue()}</StatusIndicator>
      ) : (
        getValue()
      ),
  }),
]);

/** The managed and custom dashboards of the Region; a name opens the dashboard. */
export function DashboardsTable({
  dashboards,
  ...list
}: { dashboards: readonly DashboardSummary[] } & ResourceListState) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: dashboards,
    getRowId: (row) => row.DashboardArn,
    globalFilterFn: 'includesString',
    state: { globalFilter: list.text },
  });
  return (
    <ResourceListTable
      {...list}
      table={table}
      title="Managed and custom dashboards"
      singular="dashboard"
      plural="dashboards"
      description="Managed dashboards come with CloudTrail Lake; custom dashboards hold widgets you choose. Each widget is a query over your event data stores."
      count={dashboards.length}
    />
  );
}
