import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs, { type KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { trailQueries, type TrailStatus } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { QueryError } from '@/components/query-error';
import { formatEventTime } from '@/lib/format-time';
import { LoggingStatusIndicator } from './logging-status';

/** A deprecated status time (`2025-06-02T12:00:00Z`, or "" when unknown), formatted like the others. */
function formatStatusString(value: string | undefined): string {
  if (value === undefined || value === '') return '-';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatEventTime(date);
}

function errorValue(error: string | undefined) {
  return error === undefined || error === '' ? '-' : <StatusIndicator type="error">{error}</StatusIndicator>;
}

function statusItems(status: TrailStatus): KeyValuePairsProps.Item[] {
  return [
    {
      type: 'group',
      title: 'Started and stopped',
      items: [
        { label: 'Logging', value: <LoggingStatusIndicator logging={status.IsLogging} /> },
        { label: 'Last started', value: formatEventTime(status.StartLoggingTime) },
        { label: 'Last stopped', value: formatEventTime(status.StopLoggingTime) },
        { label: 'Time logging started', value: formatStatusString(status.TimeLoggingStarted) },
        { label: 'Time logging stopped', value: formatStatusString(status.TimeLoggingStopped) },
      ],
    },
    {
      type: 'group',
      title: 'Delivery to S3',
      items: [
        { label: 'Last log file delivered', value: formatEventTime(status.LatestDeliveryTime) },
        { label: 'Last log file delivery error', value: errorValue(status.LatestDeliveryError) },
        { label: 'Last digest file delivered', value: formatEventTime(status.LatestDigestDeliveryTime) },
        { label: 'Last digest delivery error', value: errorValue(status.LatestDigestDeliveryError) },
        { label: 'Last delivery attempt', value: formatStatusString(status.LatestDeliveryAttemptTime) },
        { label: 'Last successful delivery', value: formatStatusString(status.LatestDeliveryAttemptSucceeded) },
      ],
    },
    {
      type: 'group',
      title: 'Notifications and CloudWatch Logs',
      items: [
        { label: 'Last SNS notification', value: formatEventTime(status.LatestNotificationTime) },
        { label: 'Last SNS notification error', value: errorValue(status.LatestNotificationError) },
        { label: 'Last notification attempt', value: formatStatusString(status.LatestNotificationAttemptTime) },
        {
          label: 'Last successful notification',
          value: formatStatusString(status.LatestNotificationAttemptSucceeded),
        },
        {
          label: 'Last CloudWatch Logs delivery',
          value: formatEventTime(status.LatestCloudWatchLogsDeliveryTime),
        },
        {
          label: 'Last CloudWatch Logs delivery error',
          value: errorValue(status.LatestCloudWatchLogsDeliveryError),
        },
      ],
    },
  ];
}

/** Every GetTrailStatus field of the trail in this Region. */
export function TrailStatusPanel({ arn }: { arn: string }) {
  const { connection } = useConnection();
  const query = useQuery(trailQueries.status(connection, arn));
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading status</StatusIndicator>;
  else if (query.isError) content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else content = <KeyValuePairs columns={3} items={statusItems(query.data)} />;
  return (
    <section aria-label="Logging status">
      <Container
        header={
          <Header
            variant="h2"
            description={`GetTrailStatus in ${connection.region}: delivery times are per Region, in UTC.`}
          >
            Logging status
          </Header>
        }
      >
        {content}
      </Container>
    </section>
  );
}
