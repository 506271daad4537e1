import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { EventDataStoresTable } from './event-data-stores-table';
import { QueryError } from '@/components/query-error';
import { EmptyState } from '@/components/empty-state';

const listParams = z.object({ filter: z.string().max(200).catch('') });

/** The list's text filter, kept in the URL (`?filter=`); anything malformed is no filter. */
function useEventDataStoresParams() {
  const [search, setSearch] = useSearchParams();
  const { filter } = listParams.parse({ filter: search.get('filter') ?? '' });
  const setFilter = (next: string) => {
    setSearch(next === '' ? {} : { filter: next }, { replace: true });
  };
  return [filter, setFilter] as const;
}

/** Lake event data stores of the region, with their status, kind, pricing and retention. */
export function EventDataStoresPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [filter, setFilter] = useEventDataStoresParams();
  const query = useQuery(eventDataStoreQueries.list(connection));
  const stores = query.data ?? [];

  const createButton = (
    <Button variant="primary" href={paths.createEventDataStore()} onFollow={follow}>
      Create event data store
    </Button>
  );

  let empty;
  if (query.isError) {
    empty = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (filter !== '' && stores.length > 0) {
    empty = (
      <EmptyState
        title="No matches"
        message={`No event data store matches "${filter}".`}
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
  } else {
    empty = (
      <EmptyState
        title="No event data stores"
        message={`There are no event data stores in ${connection.region}.`}
        action={createButton}
      />
    );
  }

  return (
    <PageLayout breadcrumbs={[{ text: 'Event data stores', href: paths.eventDataStores() }]} contentType="table">
      <EventDataStoresTable
        stores={stores}
        loading={query.isPending}
        text={filter}
        onTextChange={setFilter}
        empty={empty}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              iconName="refresh"
              ariaLabel="Refresh event data stores"
              onClick={() => {
                void query.refetch();
              }}
            />
            {createButton}
          </SpaceBetween>
        }
      />
    </PageLayout>
  );
}
