import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { describeError } from '@/api/errors';
import { hasQueryResults, isActiveQueryStatus, lakeQueryQueries, useStartQuery } from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';

/** Rows shown in the preview; the dashboard itself shows them all. */
const PREVIEW_ROWS = 20;

type Row = Record<string, string>;

function PreviewRows({ queryId, onColumns }: { queryId: string; onColumns: (columns: string[]) => void }) {
  const { connection } = useConnection();
  const results = useInfiniteQuery(lakeQueryQueries.results(connection, queryId));
  if (results.isPending) return <StatusIndicator type="loading">Loading results</StatusIndicator>;
  if (results.isError) {
    const error = describeError(results.error);
    return (
      <Alert type="error" header={error.title}>
        {error.message}
      </Alert>
    );
  }
  // Each result row is a list of single-key maps, one per column, in the query's column order.
  const rows: Row[] = (results.data.pages[0]?.QueryResultRows ?? [])
    .slice(0, PREVIEW_ROWS)
    .map((row) => Object.assign({}, ...row) as Row);
  const columns = Object.keys(rows[0] ?? {});
  return (
    <SpaceBetween size="xs">
      {columns.length > 0 ? (
        <SpaceBetween direction="horizontal" size="xs">
          <Box variant="span">{`Columns: ${columns.join(', ')}`}</Box>
          <Button
            formAction="none"
            variant="inline-link"
            onClick={() => {
              onColumns(columns);
            }}
          >
            Map columns from preview
          </Button>
        </SpaceBetween>
      ) : null}
      <Table<Row>
        variant="embedded"
        ariaLabels={{ tableLabel: 'Preview results' }}
        items={rows}
        columnDefinitions={columns.map((column, index) => ({
          id: column,
          header: column,
          cell: (row) => row[column] ?? '',
          isRowHeader: index === 0,
        }))}
        empty="The query returned no rows for the last 24 hours."
      />
    </SpaceBetween>
  );
}

function PreviewStatus({ queryId, onColumns }: { queryId: string; onColumns: (columns: string[]) => void }) {
  const { connection } = useConnection();
  const query = useQuery(lakeQueryQueries.describe(connection, queryId));
  if (query.isPending) return <StatusIndicator type="loading">Queued</StatusIndicator>;
  if (query.isError) {
    const error = describeError(query.error);
    return (
      <Alert type="error" header={error.title}>
        {error.message}
      </Alert>
    );
  }
  const status = query.data.QueryStatus;
  if (isActiveQueryStatus(status))
    return <StatusIndicator type="loading">{status === 'QUEUED' ? 'Queued' : 'Running'}</StatusIndicator>;
  if (hasQueryResults(status)) return <PreviewRows queryId={queryId} onColumns={onColumns} />;
  return (
    <StatusIndicator type="error">{`Query ${String(status)}: ${query.data.ErrorMessage ?? 'no results'}`}</StatusIndicator>
  );
}

/**
 * Runs the widget's query over the last 24 hours (placeholders filled as a refresh would) and shows
 * its first rows; the columns it returns can fill the column mapping.
 */
export function WidgetPreview({
  statement,
  disabled,
  onColumns,
}: {
  /** The statement with its placeholders filled; undefined while the query is not valid yet. */
  statement: string | undefined;
  disabled: boolean;
  onColumns: (columns: string[]) => void;
}) {
  const start = useStartQuery();
  const queryId = start.data?.QueryId;
  return (
    <SpaceBetween size="s">
      <Button
        formAction="none"
        disabled={disabled || statement === undefined}
        loading={start.isPending}
        onClick={() => {
          if (statement !== undefined) start.mutate(statement);
        }}
      >
        Run preview
      </Button>
      {start.isError ? <MutationError error={start.error} /> : null}
      {queryId ? <PreviewStatus key={queryId} queryId={queryId} onColumns={onColumns} /> : null}
    </SpaceBetween>
  );
}
