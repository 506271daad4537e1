import Button from '@cloudscape-design/components/button';
import { useQuery } from '@tanstack/react-query';
import { channelQueries } from '@/api/channels';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { useListFilter } from '@/hooks/use-list-filter';
import { paths } from '@/lib/paths';
import { integrationRows, IntegrationsTable } from './integrations-table';

/** Lake integrations of the region: integration and service-linked channels together. */
export function IntegrationsPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [filter, setFilter] = useListFilter();
  const query = useQuery(channelQueries.list(connection));
  // Destinations are named from the stores; until they load (or if they fail) they show as IDs.
  const stores = useQuery(eventDataStoreQueries.list(connection));
  const rows = integrationRows(query.data ?? [], stores.data ?? []);

  const createButton = (
    <Button variant="primary" href={paths.createIntegration()} onFollow={follow}>
      Create integration
    </Button>
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Integrations', href: paths.integrations() }]} contentType="table">
      <IntegrationsTable
        rows={rows}
        loading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        onRefresh={() => {
          void query.refetch();
          void stores.refetch();
        }}
        text={filter}
        onTextChange={setFilter}
        createAction={createButton}
        emptyMessage={`There are no channels in ${connection.region}.`}
      />
    </PageLayout>
  );
}
