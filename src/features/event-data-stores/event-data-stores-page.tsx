import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { EventDataStoresTable } from './event-data-stores-table';

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
  const { connection, backend } = useConnection();
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
    const error = describeError(query.error, { backend });
    empty = (
      <Alert
        type="error"
        header={error.title}
        action={
          <Button
            onClick={() => {
              void query.refetch();
            }}
          >
            Retry
          </Button>
        }
      >
        {error.message}
      </Alert>
    );
  } else if (filter !== '' && stores.length > 0) {
    empty = (
      <Box textAlign="center" color="inherit">
        <SpaceBetween size="xs">
          <b>No matches</b>
          <Box variant="p" color="inherit">{`No event data store matches "${filter}".`}</Box>
          <Button
            onClick={() => {
              setFilter('');
            }}
          >
            Clear filter
          </Button>
        </SpaceBetween>
      </Box>
    );
  } else {
    empty = (
      <Box textAlign="center" color="inherit">
        <SpaceBetween size="xs">
          <b>No event data stores</b>
          <Box variant="p" color="inherit">{`There are no event data stores in ${connection.region}.`}</Box>
          {createButton}
        </SpaceBetween>
      </Box>
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
