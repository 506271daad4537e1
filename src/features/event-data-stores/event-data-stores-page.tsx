import Button from '@cloudscape-design/components/button';
import { useQuery } from '@tanstack/react-query';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { useListFilter } from '@/hooks/use-list-filter';
import { paths } from '@/lib/paths';
import { EventDataStoresTable } from './event-data-stores-table';

/** Lake event data stores of the region, with their status, kind, pricing and retention. */
export function EventDataStoresPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [filter, setFilter] = useListFilter();
  const query = useQuery(eventDataStoreQueries.list(connection));
  const stores = query.data ?? [];

  const createButton = (
    <Button variant="primary" href={paths.createEventDataStore()} onFollow={follow}>
      Create event data store
    </Button>
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Event data stores', href: paths.eventDataStores() }]} contentType="table">
      <EventDataStoresTable
        stores={stores}
        loading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        onRefresh={() => void query.refetch()}
        text={filter}
        onTextChange={setFilter}
        createAction={createButton}
        emptyMessage={`There are no event data stores in ${connection.region}.`}
      />
    </PageLayout>
  );
}
