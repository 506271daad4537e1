import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { trailQueries } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { EmptyState } from '@/components/empty-state';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { TrailsTable } from './trails-table';

const listParams = z.object({ filter: z.string().max(200).catch('') });

/** The list's text filter, kept in the URL (`?filter=`); anything malformed is no filter. */
function useTrailsParams() {
  const [search, setSearch] = useSearchParams();
  const { filter } = listParams.parse({ filter: search.get('filter') ?? '' });
  const setFilter = (next: string) => {
    setSearch(next === '' ? {} : { filter: next }, { replace: true });
  };
  return [filter, setFilter] as const;
}

/** The trails of the Region (its own and multi-Region trails of other Regions), with their settings and status. */
export function TrailsPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [filter, setFilter] = useTrailsParams();
  const query = useQuery(trailQueries.list(connection));
  const trails = query.data ?? [];

  const createButton = (
    <Button variant="primary" href={paths.createTrail()} onFollow={follow}>
      Create trail
    </Button>
  );

  let empty;
  if (query.isError) {
    empty = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (filter !== '' && trails.length > 0) {
    empty = (
      <EmptyState
        title="No matches"
        message={`No trail matches "${filter}".`}
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
        title="No trails"
        message={`There are no trails in ${connection.region}. Create one to keep the account's events in log files.`}
        action={createButton}
      />
    );
  }

  return (
    <PageLayout breadcrumbs={[{ text: 'Trails', href: paths.trails() }]} contentType="table">
      <TrailsTable
        trails={trails}
        loading={query.isPending}
        text={filter}
        onTextChange={setFilter}
        empty={empty}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              iconName="refresh"
              ariaLabel="Refresh trails"
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
