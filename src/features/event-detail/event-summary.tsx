import type { Event } from '@aws-sdk/client-cloudtrail';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs, { type KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import type { ReactNode } from 'react';
import { recordFieldsOf } from '@/lib/cloudtrail-record';
import type { LookupAttributeKey } from '@/lib/event-history-url';
import { formatEventTime } from '@/lib/format-time';
import { HistoryLink } from './history-link';

function text(value: string | undefined): string {
  return value === undefined || value === '' ? '-' : value;
}

function filterable(key: LookupAttributeKey, value: string | undefined): ReactNode {
  return value === undefined || value === '' ? '-' : <HistoryLink filter={{ key, value }} />;
}

/** The event's main fields; the ones Event history can filter by link to it. */
export function EventSummary({ event }: { event: Event }) {
  const record = recordFieldsOf(event);
  const items: KeyValuePairsProps.Pair[] = [
    { label: 'Event time', value: formatEventTime(event.EventTime) },
    { label: 'User name', value: filterable('Username', event.Username) },
    { label: 'Event name', value: filterable('EventName', event.EventName) },
    { label: 'Event source', value: filterable('EventSource', event.EventSource) },
    { label: 'AWS access key', value: filterable('AccessKeyId', event.AccessKeyId) },
    { label: 'Source IP address', value: text(record.sourceIPAddress) },
    {
      label: 'Event ID',
      value: event.EventId ? (
        <CopyToClipboard
          variant="inline"
          textToCopy={event.EventId}
          copyButtonAriaLabel="Copy event ID"
          copySuccessText="Event ID copied"
          copyErrorText="Event ID failed to copy"
        />
      ) : (
        '-'
      ),
    },
    { label: 'Request ID', value: text(record.requestID) },
    { label: 'AWS region', value: text(record.awsRegion) },
    ...(record.errorCode ? [{ label: 'Error code', value: record.errorCode }] : []),
    ...(record.errorMessage ? [{ label: 'Error message', value: record.errorMessage }] : []),
    { label: 'Read-only', value: text(event.ReadOnly) },
    { label: 'Event category', value: text(record.eventCategory) },
  ];
  return (
    // A labelled section, so the summary is a landmark screen readers can jump to.
    <section aria-label="Details">
      <Container header={<Header variant="h2">Details</Header>}>
        <KeyValuePairs columns={3} items={items} />
      </Container>
    </section>
  );
}
