import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import Toggle from '@cloudscape-design/components/toggle';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { eventDataChecksum, usePutAuditEvents } from '@/api/channels';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { AUDIT_EVENTS_PER_REQUEST } from '@/lib/cloudtrail-limits';
import {
  eventDataOf,
  isEventArray,
  testEventResults,
  testEventsErrors,
  testEventTemplate,
  toAuditEvents,
  type TestEventResult,
  type TestEventsDraft,
} from './test-events';
import { useShownErrors } from '@/hooks/use-shown-errors';

const column = createColumnHelper<CollectionFeatures, TestEventResult>();

// Everything here came back from outside the console: rendered as text only.
const columns = column.columns([
  column.accessor((result) => `Event ${String(result.position)}`, { id: 'Event', header: 'Event' }),
  column.accessor((result) => result.errorCode ?? 'Ingested', {
    id: 'Result',
    header: 'Result',
    cell: ({ row }) =>
      row.original.errorCode ? (
        <StatusIndicator type="error">{row.original.errorCode}</StatusIndicator>
      ) : (
        <StatusIndicator type="success">Ingested</StatusIndicator>
      ),
  }),
  column.accessor((result) => result.eventID ?? '-', { id: 'EventID', header: 'Event ID' }),
  column.accessor((result) => result.errorMessage ?? '-', { id: 'Message', header: 'Message' }),
]);

function ResultsTable({ results }: { results: readonly TestEventResult[] }) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: results,
    getRowId: (result) => result.id,
  });
  const ingested = results.filter((result) => result.eventID !== undefined).length;
  return (
    <Table
      {...cloudscapeTableProps(table)}
      variant="embedded"
      wrapLines
      header={
        <Header
          variant="h3"
          counter={`(${String(results.length)})`}
          description={`${String(ingested)} ingested, ${String(results.length - ingested)} failed.`}
        >
          Results
        </Header>
      }
      ariaLabels={{ tableLabel: 'Test event results' }}
    />
  );
}

function newUid(): string {
  return crypto.randomUUID();
}

/**
 * Sends test events to an integration channel with PutAuditEvents: a template of a valid activity
 * event to edit, one or several at once, optionally with checksums; shows each event's outcome.
 */
export function SendTestEvents({ channelArn, account }: { channelArn: string; account: string }) {
  const { backend } = useConnection();
  const put = usePutAuditEvents();
  const [draft, setDraft] = useState<TestEventsDraft>(() => ({
    json: testEventTemplate({ account, now: new Date(), uid: newUid() }),
    count: '1',
    checksum: false,
  }));
  const [results, setResults] = useState<TestEventResult[] | undefined>();
  const [preparing, setPreparing] = useState(false);
  /** A failure before the request was sent, such as a checksum the browser could not compute. */
  const [prepareError, setPrepareError] = useState<unknown>(undefined);
  const errors = testEventsErrors(draft);
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, attemptSubmit } = useShownErrors(errors);
  const array = isEventArray(draft.json);
  const failure = prepareError ?? (put.isError ? put.error : undefined);
  const requestError = failure === undefined ? undefined : describeError(failure, { backend });

  const change = (next: Partial<TestEventsDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
  };

  const send = async () => {
    attemptSubmit();
    if (!valid || put.isPending || preparing) return;
    setPreparing(true);
    setPrepareError(undefined);
    try {
      const events = await toAuditEvents(eventDataOf(draft), newUid(), draft.checksum ? eventDataChecksum : undefined);
      setResults(undefined);
      put.mutate(
        { channelArn, auditEvents: events },
        {
          onSuccess: (output) => {
            setResults(testEventResults(events, output));
          },
        },
      );
    } catch (error) {
      setPrepareError(error);
    } finally {
      setPreparing(false);
    }
  };

  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Send events to this channel with PutAuditEvents, as an integration would, and see how CloudTrail takes each one."
        >
          Send test events
        </Header>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <Form
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                formAction="none"
                onClick={() => {
                  change({ json: testEventTemplate({ account, now: new Date(), uid: newUid() }) });
                }}
              >
                New template
              </Button>
              <Button variant="primary" loading={put.isPending || preparing}>
                Send test events
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <FormField
              label="Event data (JSON)"
              description="One event as a JSON object, or several as an array. eventTime is in UTC (YYYY-MM-DDTHH:MM:SSZ) and recipientAccountId must be the channel's account."
              errorText={errorOf('json')}
              stretch
            >
              <Textarea
                value={draft.json}
                rows={14}
                spellcheck={false}
                onBlur={() => {
                  visit('json');
                }}
                onChange={({ detail }) => {
                  change({ json: detail.value });
                }}
              />
            </FormField>
            <FormField
              label="Number of events"
              description={
                array
                  ? 'The array is sent as it is: one event per element.'
                  : 'Copies of the event to send in one request.'
              }
              constraintText={`${String(AUDIT_EVENTS_PER_REQUEST.min)}–${String(AUDIT_EVENTS_PER_REQUEST.max)} events per request.`}
              errorText={array ? undefined : errorOf('count')}
            >
              <Input
                type="number"
                inputMode="numeric"
                value={draft.count}
                disabled={array}
                onBlur={() => {
                  visit('count');
                }}
                onChange={({ detail }) => {
                  change({ count: detail.value });
                }}
              />
            </FormField>
            <FormField
              label="Checksum"
              description="eventDataChecksum: the base64 SHA-256 digest of each event's data, which CloudTrail checks."
            >
              <Toggle
                checked={draft.checksum}
                onChange={({ detail }) => {
                  change({ checksum: detail.checked });
                }}
              >
                Include checksum
              </Toggle>
            </FormField>
            {requestError ? (
              <Alert type="error" header={requestError.title}>
                {requestError.message}
              </Alert>
            ) : null}
            {results ? <ResultsTable results={results} /> : null}
            {results === undefined && requestError === undefined ? (
              <Box variant="p" color="text-body-secondary">
                Each event's outcome shows here after sending.
              </Box>
            ) : null}
          </SpaceBetween>
        </Form>
      </form>
    </Container>
  );
}
