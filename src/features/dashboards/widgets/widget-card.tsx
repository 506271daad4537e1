import type { Widget } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Toggle from '@cloudscape-design/components/toggle';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dashboardQueries } from '@/api/dashboards';
import { hasQueryResults, lakeQueryQueries, resultTableOf, type QueryDetails } from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { toCsv } from '@/lib/csv';
import { paths } from '@/lib/paths';
import { saveFile } from '@/lib/save-file';
import { WidgetChart } from './widget-chart';
import {
  eventHistoryFilterFor,
  filteredWidgetQuery,
  substitutePlaceholders,
  widgetSizeOf,
  widgetViewOf,
} from './widget-data';

export interface WidgetCardProps {
  widget: Widget;
  /** The refresh whose results the widget shows; none before the first refresh. */
  refreshId: string | undefined;
  /** The values a refresh uses now (`$StartTime$`, `$EndTime$`, `$Period$`, `$EventDataStoreId$`). */
  values: Readonly<Record<string, string>>;
}

/** The widget query's status as its badge reads it (§18.14). */
function WidgetStatus({ refreshId, details }: { refreshId: string | undefined; details: QueryDetails | undefined }) {
  if (refreshId === undefined) return <StatusIndicator type="stopped">Not refreshed</StatusIndicator>;
  switch (details?.QueryStatus) {
    case undefined:
      return <StatusIndicator type="loading">Loading</StatusIndicator>;
    case 'QUEUED':
      return <StatusIndicator type="pending">Queued</StatusIndicator>;
    case 'RUNNING':
      return <StatusIndicator type="in-progress">Running</StatusIndicator>;
    case 'FINISHED':
      return <StatusIndicator type="success">Finished</StatusIndicator>;
    case 'FAILED':
      return <StatusIndicator type="error">{`Failed: ${details.ErrorMessage ?? 'no reason given'}`}</StatusIndicator>;
    case 'TIMED_OUT':
      return <StatusIndicator type="warning">Timed out</StatusIndicator>;
    case 'CANCELLED':
      return <StatusIndicator type="stopped">Cancelled</StatusIndicator>;
    default:
      return <StatusIndicator type="info">{String(details?.QueryStatus)}</StatusIndicator>;
  }
}

/** A file name from a widget title: letters, digits and dashes. */
function fileNameOf(title: string): string {
  const base = title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${base === '' ? 'widget' : base}.csv`;
}

/**
 * One widget: its title, the status of its query in the refresh, its chart (or table), and the
 * actions on its query: open it in the Lake editor with the values filled in, download its rows.
 */
export function WidgetCard({ widget, refreshId, values }: WidgetCardProps) {
  const { connection } = useConnection();
  const follow = useFollow();
  const [asTable, setAsTable] = useState(false);
  const properties = widget.ViewProperties ?? {};
  const title = properties.Title ?? widget.QueryAlias ?? 'Widget';
  const alias = widget.QueryAlias ?? '';
  const view = widgetViewOf(properties);
  const size = widgetSizeOf(properties);

  const started = useQuery({
    ...dashboardQueries.widgetQuery(connection, alias, refreshId ?? ''),
    enabled: refreshId !== undefined && alias !== '',
  });
  const queryId = started.data?.QueryId ?? '';
  const described = useQuery({ ...lakeQueryQueries.describe(connection, queryId), enabled: queryId !== '' });
  const details = described.data ?? started.data;
  const results = useInfiniteQuery({
    ...lakeQueryQueries.results(connection, queryId),
    enabled: queryId !== '' && hasQueryResults(details?.QueryStatus),
  });
  const table = results.data ? resultTableOf(results.data.pages) : undefined;

  // The statement the refresh ran, as CloudTrail describes it; before a refresh, the one it would run now.
  const statement =
    details?.QueryString ?? substitutePlaceholders(widget.QueryStatement ?? '', widget.QueryParameters ?? [], values);
  const ranWith = started.data ? details : undefined;
  const startTime = values.$StartTime$;
  const endTime = values.$EndTime$;
  const eventHistoryHref = (column: string | undefined, value: string) => {
    const filter = eventHistoryFilterFor(column, value);
    return filter
      ? {
          href: paths.eventHistory({
            filters: [filter],
            ...(startTime && endTime ? { range: { type: 'absolute', startDate: startTime, endDate: endTime } } : {}),
          }),
          text: `Open ${value} in Event history`,
        }
      : undefined;
  };
  // A bar or slice opens Event history when its label is a lookup attribute, else the query page
  // with the widget's query narrowed to it.
  const hrefForLabel = (label: string) =>
    eventHistoryHref(properties.LabelColumn, label) ?? {
      href: paths.lakeQuery({ sql: filteredWidgetQuery(statement, properties.LabelColumn ?? '', label) }),
      text: `Query the rows of ${label}`,
    };

  const error = started.error ?? described.error ?? results.error;
  let body;
  if (error)
    body = (
      <QueryError
        error={error}
        onRetry={() => {
          void started.refetch();
          if (queryId !== '') void described.refetch();
          if (table === undefined) void results.refetch();
        }}
      />
    );
  else if (table)
    body = (
      <WidgetChart
        title={title}
        properties={properties}
        table={table}
        heightPx={Math.max(120, size.heightPx - 90)}
        asTable={asTable}
        hrefForLabel={hrefForLabel}
        hrefForCell={eventHistoryHref}
      />
    );
  else
    body = (
      <Box color="text-status-inactive" textAlign="center" padding="l">
        {refreshId === undefined ? 'Refresh the dashboard to see this widget.' : 'Waiting for the query to finish.'}
      </Box>
    );

  return (
    <section aria-label={title} style={{ height: '100%' }}>
      <Container
        fitHeight
        header={
          <Header
            variant="h2"
            description={<WidgetStatus refreshId={refreshId} details={ranWith} />}
            actions={
              <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                {view === 'Table' ? null : (
                  <Toggle
                    checked={asTable}
                    onChange={({ detail }) => {
                      setAsTable(detail.checked);
                    }}
                  >
                    View as table
                  </Toggle>
                )}
                <Button
                  variant="inline-link"
                  href={paths.lakeQuery({ sql: statement })}
                  onFollow={follow}
                  ariaLabel={`View and edit query of ${title}`}
                >
                  View and edit query
                </Button>
                <Button
                  variant="inline-icon"
                  iconName="download"
                  ariaLabel={`Download results of ${title} as CSV`}
                  disabled={table === undefined}
                  onClick={() => {
                    if (table) saveFile(fileNameOf(title), 'text/csv', toCsv(table.columns, table.rows));
                  }}
                />
              </SpaceBetween>
            }
          >
            {title}
          </Header>
        }
      >
        <div style={{ minHeight: `${String(size.heightPx - 90)}px` }}>{body}</div>
      </Container>
    </section>
  );
}
