import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { use } from 'react';
import { describeError } from '@/api/errors';
import {
  hasQueryResults,
  isActiveQueryStatus,
  lakeQueryQueries,
  resultTableOf,
  useStartQuery,
} from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';
import { PreviewChartContext, type PreviewTable } from './preview-chart';

/** Rows shown in the preview's table; the chart and the dashboard itself use them all. */
const PREVIEW_ROWS = 20;

/**
 * The preview's query: started on demand, polled until it ends, its rows read. The form reads
 * `table` for the columns its column fields offer.
 */
export function useWidgetPreview() {
  const { connection } = useConnection();
  const start = useStartQuery();
  const queryId = start.data?.QueryId ?? '';
  const described = useQuery({ ...lakeQueryQueries.describe(connection, queryId), enabled: queryId !== '' });
  const status = described.data?.QueryStatus;
  const results = useInfiniteQuery({
    ...lakeQueryQueries.results(connection, queryId),
    enabled: queryId !== '' && hasQueryResults(status),
  });
  const table: PreviewTable | undefined = results.data ? resultTableOf(results.data.pages) : undefined;
  return { start, queryId, described, results, table };
}

export type WidgetPreviewState = ReturnType<typeof useWidgetPreview>;

type Row = Record<string, string>;

function PreviewRows({ table, onColumns }: { table: PreviewTable; onColumns: (columns: string[]) => void }) {
  const rows: Row[] = table.rows
    .slice(0, PREVIEW_ROWS)
    .map((cells) => Object.fromEntries(table.columns.map((column, at) => [column, cells[at] ?? ''])));
  return (
    <SpaceBetween size="xs">
      {table.columns.length > 0 ? (
        <SpaceBetween direction="horizontal" size="xs">
          <Box variant="span">{`Columns: ${table.columns.join(', ')}`}</Box>
          <Button
            formAction="none"
            variant="inline-link"
            onClick={() => {
              onColumns(table.columns);
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
        columnDefinitions={table.columns.map((column, index) => ({
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

function PreviewBody({
  preview,
  properties,
  onColumns,
}: {
  preview: WidgetPreviewState;
  properties: Readonly<Record<string, string>>;
  onColumns: (columns: string[]) => void;
}) {
  const { described, results, table } = preview;
  const renderChart = use(PreviewChartContext);
  const failure = described.error ?? results.error;
  if (failure) {
    const error = describeError(failure);
    return (
      <Alert type="error" header={error.title}>
        {error.message}
      </Alert>
    );
  }
  const status = described.data?.QueryStatus;
  if (status === undefined) return <StatusIndicator type="loading">Queued</StatusIndicator>;
  if (isActiveQueryStatus(status))
    return <StatusIndicator type="loading">{status === 'QUEUED' ? 'Queued' : 'Running'}</StatusIndicator>;
  if (!hasQueryResults(status))
    return (
      <StatusIndicator type="error">{`Query ${status}: ${described.data?.ErrorMessage ?? 'no results'}`}</StatusIndicator>
    );
  if (!table) return <StatusIndicator type="loading">Loading results</StatusIndicator>;
  return (
    <SpaceBetween size="m">
      {properties.View === 'Table' ? null : renderChart({ properties, table })}
      <PreviewRows table={table} onColumns={onColumns} />
    </SpaceBetween>
  );
}

/**
 * Runs the widget's query over the last 24 hours (placeholders filled as a refresh would), draws it
 * as the widget's view draws it and shows its first rows; the columns it returns fill the column fields.
 */
export function WidgetPreview({
  preview,
  statement,
  properties,
  disabled,
  onColumns,
}: {
  preview: WidgetPreviewState;
  /** The statement with its placeholders filled; undefined while the query is not valid yet. */
  statement: string | undefined;
  /** The widget's view properties as the form has them now: the chart follows them live. */
  properties: Readonly<Record<string, string>>;
  disabled: boolean;
  onColumns: (columns: string[]) => void;
}) {
  const { start, queryId } = preview;
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
      {queryId ? <PreviewBody preview={preview} properties={properties} onColumns={onColumns} /> : null}
    </SpaceBetween>
  );
}
