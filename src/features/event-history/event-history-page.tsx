import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Pagination from '@cloudscape-design/components/pagination';
import { useInfiniteQuery } from '@tanstack/react-query';
import { describeError } from '@/api/errors';
import { eventQueries } from '@/api/events';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { paths } from '@/lib/paths';
import { EventHistoryTable } from './event-history-table';
import { useEventHistoryParams } from './use-event-history-params';

/** Event history: who did what, when, newest first. */
export function EventHistoryPage() {
  const { connection, backend } = useConnection();
  const [params, setParams] = useEventHistoryParams();
  const query = useInfiniteQuery(eventQueries.lookup(connection));
  const pages = query.data?.pages ?? [];
  // A page beyond those loaded shows the last loaded one.
  const pageIndex = Math.min(params.page, Math.max(pages.length, 1));
  const events = pages[pageIndex - 1]?.Events ?? [];

  const empty = query.isError ? (
    <Alert
      type="error"
      header={describeError(query.error, { backend }).title}
      action={<Button onClick={() => void query.refetch()}>Retry</Button>}
    >
      {describeError(query.error, { backend }).message}
    </Alert>
  ) : (
    <Box textAlign="center" color="inherit">
      <b>No events</b>
      <Box variant="p" color="inherit">
        No management events were recorded in this Region in the last 90 days.
      </Box>
    </Box>
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Event history', href: paths.eventHistory() }]} contentType="table">
      <EventHistoryTable
        events={events}
        loading={query.isPending || (query.isFetchingNextPage && pageIndex > pages.length)}
        empty={empty}
        pagination={
          <Pagination
            currentPageIndex={pageIndex}
            pagesCount={Math.max(pages.length, 1)}
            openEnd={query.hasNextPage}
            disabled={query.isPending}
            onChange={({ detail }) => {
              if (detail.currentPageIndex > pages.length) void query.fetchNextPage();
              setParams({ page: detail.currentPageIndex });
            }}
            ariaLabels={{
              nextPageLabel: 'Next page',
              previousPageLabel: 'Previous page',
              pageLabel: (page) => `Page ${String(page)}`,
            }}
          />
        }
      />
    </PageLayout>
  );
}
