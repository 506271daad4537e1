import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { formatBytes } from '@/lib/format-bytes';
import {
  estimateMonthlyRetention,
  EXTENDED_RETENTION_PRICE_PER_GB_MONTH,
  formatDollars,
  INCLUDED_RETENTION_DAYS,
} from './describe-event-data-store';

const ASSUMPTION =
  `Estimate under this project's assumptions, not an AWS quote: one-year extendable pricing includes ${String(INCLUDED_RETENTION_DAYS)} days of retention and data kept longer costs $${String(EXTENDED_RETENTION_PRICE_PER_GB_MONTH)} per GB-month (1 GB = 2^30 bytes); ` +
  'seven-year pricing includes its retention. Ingestion and query charges are not included.';

/** Events and bytes the store holds (an emulator extension) and the retention charge they imply. */
export function EventDataStoreUsage({ store }: { store: EventDataStoreDetails }) {
  const { connection, backend } = useConnection();
  const arn = store.EventDataStoreArn ?? '';
  const query = useQuery(eventDataStoreQueries.usage(connection, arn));

  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Measuring the store</StatusIndicator>;
  else if (query.isError) {
    const error = describeError(query.error, { backend });
    content = <StatusIndicator type="error">{`${error.title}: ${error.message}`}</StatusIndicator>;
  } else if (!query.data.available)
    content = (
      <Box variant="p">
        Not available from AWS: CloudTrail&apos;s API does not report how many events or bytes a store holds. Run a
        query (SELECT COUNT(*)) to count events.
      </Box>
    );
  else {
    const estimate = estimateMonthlyRetention(store, query.data.Bytes);
    content = (
      <SpaceBetween size="m">
        <KeyValuePairs
          columns={3}
          items={[
            { label: 'Events held', value: query.data.Events.toLocaleString('en-US') },
            { label: 'Size held', value: formatBytes(query.data.Bytes) },
            {
              label: 'Estimated monthly retention charge',
              value: (
                <SpaceBetween size="xxs">
                  <span>{`${formatDollars(estimate.dollars)} per month (estimate)`}</span>
                  <Box variant="small">{estimate.reason}</Box>
                </SpaceBetween>
              ),
            },
          ]}
        />
        <Box variant="small" color="text-body-secondary">
          {ASSUMPTION}
        </Box>
      </SpaceBetween>
    );
  }

  return (
    <Container
      header={
        <Header
          variant="h2"
          description="What the store holds within its retention period, as the emulator measures it."
          actions={
            query.data?.available ? (
              <Button
                iconName="refresh"
                ariaLabel="Refresh events and size held"
                loading={query.isFetching}
                onClick={() => {
                  void query.refetch();
                }}
              />
            ) : null
          }
        >
          Events and size
        </Header>
      }
    >
      {content}
    </Container>
  );
}
