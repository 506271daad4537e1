import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { channelQueries } from '@/api/channels';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { integrationRows, IntegrationsTable } from './integrations-table';
import { EmptyState } from '@/components/empty-state';

const listParams = z.object({ filter: z.string().max(200).catch('') });

/** The list's text filter, kept in the URL (`?filter=`); anything malformed is no filter. */
function useIntegrationsParams() {
  const [search, setSearch] = useSearchParams();
  const { filter } = listParams.parse({ filter: search.get('filter') ?? '' });
  const setFilter = (next: string) => {
    setSearch(next === '' ? {} : { filter: next }, { replace: true });
  };
  return [filter, setFilter] as const;
}

/** Lake integrations of the region: integration and service-linked channels together. */
export function IntegrationsPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [filter, setFilter] = useIntegrationsParams();
  const query = useQuery(channelQueries.list(connection));
  // Destinations are named from the stores; until they load (or if they fail) they show as IDs.
  const stores = useQuery(eventDataStoreQueries.list(connection));
  const rows = integrationRows(query.data ?? [], stores.data ?? []);

  const createButton = (
    <Button variant="primary" href={paths.createIntegration()} onFollow={follow}>
      Create integration
    </Button>
  );

  let empty;
  if (query.isError)
    empty = (
      <QueryError
        error={query.error}
        onRetry={() => {
          void query.refetch();
        }}
      />
    );
  else if (filter !== '' && rows.length > 0)
    empty = (
      <EmptyState
        title="No matches"
        message={`No integration matches "${filter}".`}
        action={
          <Button
            onClick={() => {
              setFilter('');
            }}
          >
            Clear filter
          </Button>
        }
      />
    );
  else
    empty = (
      <EmptyState
        title="No integrations"
        message={`There are no channels in ${connection.region}.`}
        action={createButton}
      />
    );

  return (
    <PageLayout breadcrumbs={[{ text: 'Integrations', href: paths.integrations() }]} contentType="table">
      <IntegrationsTable
        rows={rows}
        loading={query.isPending}
        text={filter}
        onTextChange={setFilter}
        empty={empty}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              iconName="refresh"
              ariaLabel="Refresh integrations"
              onClick={() => {
                void query.refetch();
                void stores.refetch();
              }}
            />
            {createButton}
          </SpaceBetween>
        }
      />
    </PageLayout>
  );
}
