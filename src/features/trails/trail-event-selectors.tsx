import type { EventSelector } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { trailQueries } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { QueryError } from '@/components/query-error';
import { SelectorsView } from '@/components/selectors-view';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';

const READ_WRITE_LABELS: Record<string, string> = {
  All: 'Read and write',
  ReadOnly: 'Read only',
  WriteOnly: 'Write only',
};

function BasicSelector({ selector, index }: { selector: EventSelector; index: number }) {
  const management = selector.IncludeManagementEvents ?? true;
  const excluded = selector.ExcludeManagementEventSources ?? [];
  const resources = selector.DataResources ?? [];
  return (
    <SpaceBetween size="xs">
      <Box variant="h3">{`Selector ${String(index + 1)}`}</Box>
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Read and write events', value: READ_WRITE_LABELS[selector.ReadWriteType ?? 'All'] ?? '-' },
          {
            label: 'Management events',
            value: management
              ? excluded.length > 0
                ? `Included, except ${excluded.join(' and ')}`
                : 'Included'
              : 'Not included',
          },
          {
            label: 'Data events',
            value:
              resources.length === 0
                ? 'None'
                : resources
                    .map((resource) => `${resource.Type ?? '-'}: ${(resource.Values ?? []).join(', ')}`)
                    .join('; '),
          },
        ]}
      />
    </SpaceBetween>
  );
}

/** The trail's event selectors, basic or advanced, with a link to edit them. */
export function TrailEventSelectors({ arn, editable }: { arn: string; editable: string | undefined }) {
  const { connection } = useConnection();
  const follow = useFollow();
  const query = useQuery(trailQueries.eventSelectors(connection, arn));
  const edit = (
    <Button
      href={paths.editTrailEventSelectors(arn)}
      onFollow={follow}
      ariaLabel="Edit event selectors"
      disabled={editable !== undefined}
      disabledReason={editable}
    >
      Edit
    </Button>
  );
  if (query.isSuccess && query.data.AdvancedEventSelectors)
    return (
      <SelectorsView
        selectors={query.data.AdvancedEventSelectors}
        title="Event selectors (advanced)"
        description="The trail logs an event when any selector matches it; a selector matches when all its fields do."
        actions={edit}
      />
    );
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading event selectors</StatusIndicator>;
  else if (query.isError) content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else
    content = (
      <SpaceBetween size="l">
        {(query.data.EventSelectors ?? []).map((selector, index) => (
          // Selectors have no identity besides their position.
          <BasicSelector key={index} selector={selector} index={index} />
        ))}
      </SpaceBetween>
    );
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Basic event selectors: the trail logs an event when any selector matches it."
          actions={edit}
        >
          Event selectors
        </Header>
      }
    >
      {content}
    </Container>
  );
}
