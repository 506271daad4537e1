import type { Query } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { lakeQueryQueries } from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { EmptyState } from '@/components/empty-state';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { QUERY_RETENTION_DAYS } from '@/lib/cloudtrail-limits';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { QueryStatusText } from './query-status-text';

function OpenLink({ queryId }: { queryId: string }) {
  const follow = useFollow();
  return (
    <Link href={paths.lakeQuery({ queryId })} onFollow={follow} ariaLabel={`Open query ${queryId}`}>
      {queryId}
    </Link>
  );
}

const column = createColumnHelper<CollectionFeatures, Query>();

const columns = column.columns([
  column.accessor((query) => query.CreationTime?.getTime() ?? 0, {
    id: 'CreationTime',
    header: 'Created',
    sortFn: 'basic',
    cell: ({ row }) => formatEventTime(row.original.CreationTime),
  }),
  column.accessor((query) => query.QueryStatus ?? '', {
    id: 'QueryStatus',
    header: 'Status',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <QueryStatusText status={row.original.QueryStatus} />,
  }),
  column.accessor((query) => query.QueryId ?? '', {
    id: 'QueryId',
    header: 'Query ID',
    enableSorting: false,
    cell: ({ row }) => (row.original.QueryId ? <OpenLink queryId={row.original.QueryId} /> : '-'),
  }),
]);

/** The store's queries of the last 7 days (ListQueries); each opens with its status and results. */
export function QueryHistoryPanel({ store }: { store: { arn: string; name: string } | undefined }) {
  const { connection } = useConnection();
  const query = useQuery({ ...lakeQueryQueries.history(connection, store?.arn ?? ''), enabled: store !== undefined });
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: query.data ?? [],
    getRowId: (row, index) => row.QueryId ?? String(index),
    initialState: { sorting: [{ id: 'CreationTime', desc: true }] },
  });
  if (store === undefined)
    return (
      <Box variant="p">
        Choose an event data store above to see its queries of the last {QUERY_RETENTION_DAYS} days.
      </Box>
    );

  let empty;
  if (query.isError) empty = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else
    empty = (
      <EmptyState
        title="No queries"
        message={`No query read ${store.name} in the last ${String(QUERY_RETENTION_DAYS)} days.`}
      />
    );
  return (
    <SpaceBetween size="s">
      <SpaceBetween direction="horizontal" size="xs" alignItems="center">
        <Box variant="small">{`Queries of ${store.name}, last ${String(QUERY_RETENTION_DAYS)} days.`}</Box>
        <Button
          iconName="refresh"
          variant="icon"
          ariaLabel="Refresh query history"
          onClick={() => void query.refetch()}
        />
      </SpaceBetween>
      <Table
        {...cloudscapeTableProps(table)}
        variant="embedded"
        loading={query.isPending}
        loadingText="Loading queries"
        empty={empty}
        ariaLabels={{ tableLabel: 'Query history' }}
      />
    </SpaceBetween>
  );
}
