import type { Event } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { eventQueries } from '@/api/events';
import { useConnection } from '@/api/use-connection';
import { JsonView, prettyJson } from '@/components/json-view';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { EventSummary } from './event-summary';
import { RelatedEvents } from './related-events';
import { ResourcesTable } from './resources-table';
import { QueryError } from '@/components/query-error';

function EventRecord({ event }: { event: Event }) {
  const raw = event.CloudTrailEvent ?? '{}';
  const json = prettyJson(raw);
  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={
            <CopyToClipboard
              variant="button"
              textToCopy={json}
              copyButtonText="Copy"
              copyButtonAriaLabel="Copy event record"
              copySuccessText="Event record copied"
              copyErrorText="Event record failed to copy"
            />
          }
        >
          Event record
        </Header>
      }
    >
      <JsonView json={raw} label="Event record" />
    </Container>
  );
}

function EventDetail({ event }: { event: Event }) {
  return (
    <SpaceBetween size="l">
      <Header variant="h1">{event.EventName ?? event.EventId ?? 'Event'}</Header>
      <EventSummary event={event} />
      <ResourcesTable resources={event.Resources ?? []} />
      <EventRecord event={event} />
      <RelatedEvents event={event} />
    </SpaceBetween>
  );
}

/** One event from Event history: its fields, resources, record and related events. */
export function EventDetailPage() {
  const { eventId = '' } = useParams();
  const { connection } = useConnection();
  const follow = useFollow();
  const query = useQuery(eventQueries.detail(connection, eventId));
  const breadcrumbs = [
    { text: 'Event history', href: paths.eventHistory() },
    { text: query.data?.EventName ?? eventId, href: paths.eventDetail(eventId) },
  ];

  let content;
  if (query.isPending) {
    content = (
      <SpaceBetween size="l">
        <Header variant="h1">{eventId}</Header>
        <StatusIndicator type="loading">Loading event</StatusIndicator>
      </SpaceBetween>
    );
  } else if (query.isError) {
    content = (
      <SpaceBetween size="l">
        <Header variant="h1">{eventId}</Header>
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </SpaceBetween>
    );
  } else if (query.data === null) {
    content = (
      <Container header={<Header variant="h1">Event not found</Header>}>
        <SpaceBetween size="s">
          <Box variant="p">
            {`No event with ID ${eventId} exists in the last 90 days of Event history in ${connection.region}.`}
          </Box>
          <Link href={paths.eventHistory()} onFollow={follow}>
            Go to Event history
          </Link>
        </SpaceBetween>
      </Container>
    );
  } else {
    content = <EventDetail event={query.data} />;
  }
  return <PageLayout breadcrumbs={breadcrumbs}>{content}</PageLayout>;
}
