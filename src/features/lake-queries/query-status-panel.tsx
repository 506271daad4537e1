import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useEffect, useState } from 'react';
import { describeError } from '@/api/errors';
import { isActiveQueryStatus, type QueryDetails } from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { QueryError } from '@/components/query-error';
import { formatBytes } from '@/lib/format-bytes';
import { formatEventTime } from '@/lib/format-time';
import { formatCost, scanCost } from '@/lib/scan-cost';
import { QueryStatusText } from './query-status-text';

/** The wall clock, read again every second while `active`, so an elapsed time can count up. */
function useTicking(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [active]);
  return now;
}

function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${String(seconds)} s`;
  return `${String(Math.floor(seconds / 60))} min ${String(seconds % 60)} s`;
}

function count(value: number | undefined): string {
  return value === undefined ? '-' : value.toLocaleString('en-US');
}

export interface QueryStatusPanelProps {
  queryId: string;
  details: QueryDetails | undefined;
  loadError: unknown;
  onRetry: () => void;
  /** When the console started the query, if it did: counts elapsed time before CloudTrail's first answer. */
  startedAt: number | undefined;
  onCancel: () => void;
  cancelling: boolean;
  cancelError: unknown;
  pricePerGb: number;
}

/** A query's status (with elapsed time while it runs), statistics, cost, and its error if it failed. */
export function QueryStatusPanel({
  queryId,
  details,
  loadError,
  onRetry,
  startedAt,
  onCancel,
  cancelling,
  cancelError,
  pricePerGb,
}: QueryStatusPanelProps) {
  const { backend } = useConnection();
  const status = details?.QueryStatus;
  const active = isActiveQueryStatus(status);
  const now = useTicking(active);
  const statistics = details?.QueryStatistics;
  const since = statistics?.CreationTime?.getTime() ?? startedAt;
  const bytes = statistics?.BytesScanned;

  return (
    <section aria-label="Query status">
      <Container
        header={
          <Header
            variant="h2"
            actions={
              <Button onClick={onCancel} disabled={!active} loading={cancelling}>
                Cancel query
              </Button>
            }
          >
            Query status
          </Header>
        }
      >
        <SpaceBetween size="m">
          {loadError ? <QueryError error={loadError} onRetry={onRetry} /> : null}
          {cancelError ? (
            <Alert type="error" header={describeError(cancelError, { backend }).title}>
              {describeError(cancelError, { backend }).message}
            </Alert>
          ) : null}
          {!details && !loadError ? <StatusIndicator type="loading">Reading the query</StatusIndicator> : null}
          {details ? (
            <KeyValuePairs
              columns={4}
              items={[
                {
                  label: 'Status',
                  value: (
                    <QueryStatusText
                      status={status}
                      {...(active && since !== undefined ? { detail: `${formatDuration(now - since)} elapsed` } : {})}
                    />
                  ),
                },
                { label: 'Query ID', value: queryId },
                { label: 'Created', value: formatEventTime(statistics?.CreationTime) },
                {
                  label: 'Run time',
                  value:
                    statistics?.ExecutionTimeInMillis === undefined
                      ? '-'
                      : formatDuration(statistics.ExecutionTimeInMillis),
                },
                { label: 'Events scanned', value: count(statistics?.EventsScanned) },
                { label: 'Events matched', value: count(statistics?.EventsMatched) },
                { label: 'Data scanned', value: bytes === undefined ? '-' : formatBytes(bytes) },
                {
                  label: 'Cost',
                  info: <Box variant="small">{`at ${formatCost(pricePerGb)} per GB scanned`}</Box>,
                  value: bytes === undefined ? '-' : formatCost(scanCost(bytes, pricePerGb)),
                },
              ]}
            />
          ) : null}
          {status === 'FAILED' ? (
            <Alert type="error" header="The query failed">
              {details?.ErrorMessage ?? 'CloudTrail gave no reason.'}
            </Alert>
          ) : null}
          {status === 'TIMED_OUT' ? (
            <Alert type="warning" header="The query timed out">
              Results show the rows computed before the time limit.
            </Alert>
          ) : null}
        </SpaceBetween>
      </Container>
    </section>
  );
}
