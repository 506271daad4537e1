import type { Event } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Pagination from '@cloudscape-design/components/pagination';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Toggle from '@cloudscape-design/components/toggle';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  recordListsArn,
  resourceNameOf,
  resourceStoryQueries,
  resourceTypeOfArn,
  STORY_CALLS_PER_STEP,
} from '@/api/resource-story';
import { useConnection } from '@/api/use-connection';
import { EventLink } from '@/components/event-link';
import { EmptyState } from '@/components/empty-state';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { recordFieldsOf } from '@/lib/cloudtrail-record';
import { LOOKUP_ATTRIBUTE_VALUE } from '@/lib/cloudtrail-limits';
import { formatEventTime } from '@/lib/format-time';
import { formatJsonValue, type FieldChange } from '@/lib/json-diff';
import { paths } from '@/lib/paths';
import { storyEntries, type StoryEntry } from './story-entries';

const PAGE_SIZE = 50;

const KIND_LABEL: Record<FieldChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

function ChangeLine({ change }: { change: FieldChange }) {
  const before = formatJsonValue(change.before);
  const after = formatJsonValue(change.after);
  return (
    <li>
      <Box variant="strong">{`${KIND_LABEL[change.kind]} ${change.path}`}</Box>
      {change.kind === 'changed' ? (
        <Box variant="code" display="block">{`${before} → ${after}`}</Box>
      ) : (
        <Box variant="code" display="block">
          {change.kind === 'added' ? after : before}
        </Box>
      )}
    </li>
  );
}

function Changes({ entry }: { entry: StoryEntry }) {
  const change = entry.change;
  const name = entry.event.EventName ?? 'change';
  if (change === undefined) return '-';
  if (change.previous === undefined) return `First ${name} read: nothing earlier to compare with`;
  if (change.fields.length === 0) return `Same request as the previous ${name}`;
  return (
    <ul aria-label={`Changes since the previous ${name}`} style={{ margin: 0, paddingInlineStart: 16 }}>
      {change.fields.map((field, index) => (
        <ChangeLine key={index} change={field} />
      ))}
    </ul>
  );
}

function resultOf(event: Event): string {
  const record = recordFieldsOf(event);
  return record.errorCode ?? (record.errorMessage === undefined ? 'Success' : 'Failed');
}

/** The type of the resource's entries among the events read, the most frequent one first. */
function commonTypeOf(events: readonly Event[], name: string): string | undefined {
  const counts = new Map<string, number>();
  for (const event of events)
    for (const resource of event.Resources ?? [])
      if (resource.ResourceName === name && resource.ResourceType)
        counts.set(resource.ResourceType, (counts.get(resource.ResourceType) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function ResourceStory({ resource }: { resource: string }) {
  const { connection } = useConnection();
  const [view, setView] = useState<'all' | 'changes'>('all');
  const [page, setPage] = useState(1);
  const [typeScan, setTypeScan] = useState(false);
  const name = resourceNameOf(resource);
  const arn = resource.startsWith('arn:') ? resource : undefined;
  const arnType = arn === undefined ? undefined : resourceTypeOfArn(arn);
  const query = useInfiniteQuery(resourceStoryQueries.byName(connection, name));
  const steps = query.data?.pages ?? [];
  const read = steps.flatMap((step) => step.events);
  // Given an ARN, another resource of the same name (a role and a bucket, say) is left out.
  const byName =
    arn === undefined
      ? read
      : read.filter(
          (event) =>
            event.Resources?.some((entry) => entry.ResourceName === name && entry.ResourceType === arnType) === true ||
            recordListsArn(event, arn),
        );
  const resourceType = arnType ?? commonTypeOf(read, name);
  const typeQuery = useQuery({
    ...resourceStoryQueries.byType(connection, resourceType ?? '', name, arn),
    enabled: typeScan && resourceType !== undefined,
  });
  const fromType = typeQuery.data?.events ?? [];
  const entries = storyEntries([...byName, ...fromType]);
  const shown = view === 'changes' ? entries.filter((entry) => entry.change !== undefined) : entries;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const window = steps[0]?.window;
  const oldest = steps.at(-1)?.oldest;
  const complete = query.data !== undefined && !query.hasNextPage;
  const span = window === undefined ? 1 : window.end.getTime() - window.start.getTime();
  const covered =
    complete || window === undefined
      ? complete
        ? 100
        : 0
      : Math.round((100 * (window.end.getTime() - (oldest?.getTime() ?? window.end.getTime()))) / span);
  const calls = steps.reduce((sum, step) => sum + step.calls, 0);

  if (query.isError && query.data === undefined)
    return (
      <Container header={<Header variant="h2">Story</Header>}>
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Container>
    );

  return (
    <SpaceBetween size="l">
      <section aria-label="What was read">
        <Container
          header={
            <Header
              variant="h2"
              description="CloudTrail looks events up by resource name, 50 at a time and 2 calls a second; this is how much of the last 90 days was read."
              actions={
                complete ? null : (
                  <Button
                    onClick={() => void query.fetchNextPage()}
                    loading={query.isFetchingNextPage}
                    disabled={query.isPending}
                  >
                    Read older events
                  </Button>
                )
              }
            >
              What was read
            </Header>
          }
        >
          <SpaceBetween size="s">
            <ProgressBar
              label="Last 90 days read by resource name"
              value={covered}
              status={query.isPending ? 'in-progress' : complete ? 'success' : 'in-progress'}
              resultText="Complete"
              additionalInfo={
                query.isPending
                  ? `Looking up ResourceName ${name}…`
                  : `ResourceName ${name}: ${String(read.length)} events in ${String(calls)} LookupEvents call${calls === 1 ? '' : 's'}` +
                    (arn === undefined ? '' : `, ${String(byName.length)} of them this ARN`) +
                    (complete
                      ? '; every event of the last 90 days was read.'
                      : `; read back to ${formatEventTime(oldest)}, older events not read yet (up to ${String(STORY_CALLS_PER_STEP)} calls a step).`)
              }
            />
            {resourceType === undefined ? (
              <Box variant="p">
                No resource type known for it, so events that mention it without listing it cannot be searched by type.
              </Box>
            ) : !typeScan ? (
              <SpaceBetween size="xs" direction="horizontal" alignItems="center">
                <Box variant="p">{`Events of type ${resourceType} that mention ${name} without listing it: not searched.`}</Box>
                <Button
                  onClick={() => {
                    setTypeScan(true);
                  }}
                >{`Search ${resourceType} events`}</Button>
              </SpaceBetween>
            ) : typeQuery.isPending ? (
              <Box variant="p">{`Searching ${resourceType} events…`}</Box>
            ) : typeQuery.isError ? (
              <QueryError error={typeQuery.error} onRetry={() => void typeQuery.refetch()} />
            ) : (
              <Box variant="p">
                {`ResourceType ${resourceType}: ${String(typeQuery.data.scanned)} events read in ${String(typeQuery.data.calls)} calls, ` +
                  `${String(typeQuery.data.events.length)} more mention ${name}; ` +
                  (typeQuery.data.complete
                    ? 'every event of that type was read.'
                    : `read back to ${formatEventTime(typeQuery.data.oldest)} only.`)}
              </Box>
            )}
          </SpaceBetween>
        </Container>
      </section>
      <Table
        variant="container"
        loading={query.isPending}
        loadingText="Reading the resource's events"
        items={shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)}
        trackBy={(entry) => entry.event.EventId ?? ''}
        ariaLabels={{ tableLabel: `Story of ${name}` }}
        wrapLines
        header={
          <Header
            variant="h2"
            counter={`(${String(shown.length)})`}
            description="Oldest first. Each successful change is compared with the previous change of the same name."
            actions={
              <Toggle
                checked={view === 'changes'}
                onChange={({ detail }) => {
                  setView(detail.checked ? 'changes' : 'all');
                  setPage(1);
                }}
              >
                Changes only
              </Toggle>
            }
          >
            {`Story of ${name}`}
          </Header>
        }
        pagination={
          <Pagination
            currentPageIndex={current}
            pagesCount={pages}
            onChange={({ detail }) => {
              setPage(detail.currentPageIndex);
            }}
            ariaLabels={{
              nextPageLabel: 'Next page',
              previousPageLabel: 'Previous page',
              pageLabel: (n) => `Page ${String(n)}`,
            }}
          />
        }
        empty={<EmptyState title="No events" message={`No event read so far lists ${name}.`} />}
        columnDefinitions={[
          { id: 'time', header: 'Event time', cell: (entry) => formatEventTime(entry.event.EventTime) },
          { id: 'name', header: 'Event name', cell: (entry) => <EventLink event={entry.event} />, isRowHeader: true },
          { id: 'who', header: 'Who', cell: (entry) => entry.event.Username ?? '-' },
          { id: 'from', header: 'From', cell: (entry) => recordFieldsOf(entry.event).sourceIPAddress ?? '-' },
          { id: 'region', header: 'Region', cell: (entry) => recordFieldsOf(entry.event).awsRegion ?? '-' },
          { id: 'result', header: 'Result', cell: (entry) => resultOf(entry.event) },
          { id: 'changes', header: 'What changed', cell: (entry) => <Changes entry={entry} /> },
        ]}
      />
    </SpaceBetween>
  );
}

function ResourceForm({ resource, onShow }: { resource: string; onShow: (value: string) => void }) {
  const [draft, setDraft] = useState(resource);
  const value = draft.trim();
  const error =
    value.length > LOOKUP_ATTRIBUTE_VALUE.max ? `At most ${String(LOOKUP_ATTRIBUTE_VALUE.max)} characters.` : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (value !== '' && error === undefined) onShow(value);
      }}
    >
      <Form
        actions={
          <Button variant="primary" formAction="submit">
            Show story
          </Button>
        }
      >
        <FormField
          label="Resource name or ARN"
          description="A bucket, role, instance, function or key: its name as CloudTrail lists it, or its ARN."
          errorText={error}
        >
          <Input
            value={draft}
            onChange={({ detail }) => {
              setDraft(detail.value);
            }}
            placeholder="acme-data-lake-curated"
            type="search"
            clearAriaLabel="Clear resource name or ARN"
          />
        </FormField>
      </Form>
    </form>
  );
}

/** Everything that happened to a resource: every event that touched it in time order, who, from where, and what changed. */
export function ResourceStoryPage() {
  const [search, setSearch] = useSearchParams();
  const resource = (search.get('resource') ?? '').trim();
  return (
    <PageLayout
      breadcrumbs={[
        { text: 'Event history', href: paths.eventHistory() },
        { text: 'Resource story', href: paths.resourceStory() },
      ]}
    >
      <SpaceBetween size="l">
        <Header
          variant="h1"
          description="Every event that touched a resource in the last 90 days, who made it and from where, and what each change changed."
        >
          Resource story
        </Header>
        <Container>
          <ResourceForm
            key={resource}
            resource={resource}
            onShow={(value) => {
              setSearch(new URLSearchParams([['resource', value]]));
            }}
          />
        </Container>
        {resource === '' ? null : <ResourceStory key={resource} resource={resource} />}
      </SpaceBetween>
    </PageLayout>
  );
}
