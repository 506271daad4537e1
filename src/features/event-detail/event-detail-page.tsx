import type { Event } from '@aws-sdk/client-cloudtrail';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { eventQueries } from '@/api/events';
import { useConnection } from '@/api/use-connection';
import { JsonView, prettyJson } from '@/components/json-view';
import { PageLayout } from '@/components/page-layout';
import { ResourceDetailContent } from '@/components/resource-detail-content';
import { paths } from '@/lib/paths';
import { EventSummary } from './event-summary';
import { PrincipalPath } from './principal-path';
import { RelatedEvents } from './related-events';
import { ResourcesTable } from './resources-table';

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
      <PrincipalPath event={event} />
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
  const query = useQuery(eventQueries.detail(connection, eventId));
  const breadcrumbs = [
    { text: 'Event history', href: paths.eventHistory() },
    { text: query.data?.EventName ?? eventId, href: paths.eventDetail(eventId) },
  ];

  return (
    <PageLayout breadcrumbs={breadcrumbs}>
      <ResourceDetailContent
        query={query}
        id={eventId}
        loadingText="Loading event"
        notFound={{
          title: 'Event not found',
          message: `No event with ID ${eventId} exists in the last 90 days of Event history in ${connection.region}.`,
          href: paths.eventHistory(),
          linkText: 'Go to Event history',
        }}
      >
        {(event) => <EventDetail event={event} />}
      </ResourceDetailContent>
    </PageLayout>
  );
}
