import Button from '@cloudscape-design/components/button';
import { useQuery } from '@tanstack/react-query';
import { trailQueries } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { useListFilter } from '@/hooks/use-list-filter';
import { paths } from '@/lib/paths';
import { TrailsTable } from './trails-table';

/** The trails of the Region (its own and multi-Region trails of other Regions), with their settings and status. */
export function TrailsPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [filter, setFilter] = useListFilter();
  const query = useQuery(trailQueries.list(connection));
  const trails = query.data ?? [];

  const createButton = (
    <Button variant="primary" href={paths.createTrail()} onFollow={follow}>
      Create trail
    </Button>
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Trails', href: paths.trails() }]} contentType="table">
      <TrailsTable
        trails={trails}
        loading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        onRefresh={() => void query.refetch()}
        text={filter}
        onTextChange={setFilter}
        createAction={createButton}
        emptyMessage={`There are no trails in ${connection.region}. Create one to keep the account's events in log files.`}
      />
    </PageLayout>
  );
}
