import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Toggle from '@cloudscape-design/components/toggle';
import { useQueries } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { eventQueries } from '@/api/events';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { REGIONS } from '@/lib/cloudtrail-limits';
import { paths } from '@/lib/paths';
import { compareRecords, parseRecord, type ComparedField } from './compare-fields';

/** Events compared at once, as in CloudTrail's console. */
export const MAX_COMPARED_EVENTS = 5;

interface ComparedEvent {
  eventId: string;
  region?: string;
}

/** The events a URL names: `event=<region>/<id>` or `event=<id>`, at most five, unknown regions dropped. */
function parseCompared(search: URLSearchParams): ComparedEvent[] {
  return search
    .getAll('event')
    .flatMap((text): ComparedEvent[] => {
      const slash = text.indexOf('/');
      const region = slash === -1 ? undefined : text.slice(0, slash);
      const eventId = slash === -1 ? text : text.slice(slash + 1);
      if (eventId === '' || eventId.length > 128) return [];
      if (region !== undefined && !(REGIONS as readonly string[]).includes(region)) return [];
      return [region ? { eventId, region } : { eventId }];
    })
    .slice(0, MAX_COMPARED_EVENTS);
}

/** Two to five events side by side, field by field, with the fields that differ marked. */
export function CompareEventsPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [search, setSearch] = useSearchParams();
  const compared = parseCompared(search);
  const onlyDifferences = search.get('only') === 'differences';
  const results = useQueries({
    queries: compared.map(({ eventId, region }) => eventQueries.detailIn(connection, region, eventId)),
  });
  const failed = results.find((result) => result.isError);
  const loading = results.some((result) => result.isPending);
  const events = results.map((result) => result.data ?? null);
  const fields = loading ? [] : compareRecords(events.map((event) => parseRecord(event?.CloudTrailEvent)));
  const differing = fields.filter((field) => field.differs).length;
  const shown = onlyDifferences ? fields.filter((field) => field.differs) : fields;

  const columns = [
    {
      id: 'field',
      header: 'Field',
      isRowHeader: true,
      cell: (field: ComparedField) => (
        <SpaceBetween direction="horizontal" size="xxs" alignItems="center">
          <span style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{field.path}</span>
          {field.differs ? <Badge color="blue">Differs</Badge> : null}
        </SpaceBetween>
      ),
    },
    ...compared.map(({ eventId, region }, index) => {
      const event = events[index];
      const name = event?.EventName ?? eventId;
      return {
        id: `event-${String(index)}`,
        header: (
          <SpaceBetween size="xxs">
            <Link href={paths.eventDetail(eventId)} onFollow={follow}>
              {name}
            </Link>
            <Box variant="small">{`${event?.EventTime?.toISOString() ?? ''}${region ? ` · ${region}` : ''}`}</Box>
          </SpaceBetween>
        ),
        cell: (field: ComparedField) => {
          const value = field.values[index];
          const text = value === undefined ? '(absent)' : value;
          // Differing values are marked as text (<mark>) and by the Differs badge, not by colour alone.
          return field.differs ? (
            <mark style={{ overflowWrap: 'anywhere' }}>{text}</mark>
          ) : (
            <span style={{ overflowWrap: 'anywhere' }}>{text}</span>
          );
        },
      };
    }),
  ];

  return (
    <PageLayout
      breadcrumbs={[
        { text: 'Event history', href: paths.eventHistory() },
        { text: 'Compare events', href: paths.compareEvents(compared) },
      ]}
    >
      {failed ? (
        <QueryError
          error={failed.error}
          onRetry={() => {
            void failed.refetch();
          }}
        />
      ) : (
        <Table
          variant="full-page"
          items={shown}
          trackBy="path"
          loading={loading}
          loadingText="Loading events"
          columnDefinitions={columns}
          wrapLines
          stickyColumns={{ first: 1 }}
          ariaLabels={{ tableLabel: 'Compared fields' }}
          header={
            <Header
              variant="awsui-h1-sticky"
              counter={loading ? undefined : `(${String(differing)} of ${String(fields.length)} fields differ)`}
              description={
                compared.length < 2
                  ? 'Select two to five events in Event history to compare them.'
                  : events.some((event) => event === null) && !loading
                    ? 'Some events were not found in the last 90 days of their Region.'
                    : 'Each row is a field of the event records; fields that differ are marked "Differs".'
              }
              actions={
                <Toggle
                  checked={onlyDifferences}
                  onChange={({ detail }) => {
                    const next = new URLSearchParams(search);
                    if (detail.checked) next.set('only', 'differences');
                    else next.delete('only');
                    setSearch(next, { replace: true });
                  }}
                >
                  Show only differences
                </Toggle>
              }
            >
              Compare events
            </Header>
          }
          empty={
            <Box textAlign="center" color="inherit">
              {onlyDifferences ? 'These events do not differ.' : 'No events to compare.'}
            </Box>
          }
        />
      )}
    </PageLayout>
  );
}
