import type { Event } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { eventQueries, splitAttributes, type EventFilter, type EventPage } from '@/api/events';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { usePreferences } from '@/hooks/use-preferences';
import type { UrlAttributeFilter } from '@/lib/event-history-url';
import { paths } from '@/lib/paths';
import { describeTimeRange } from '@/lib/time-range';
import { DownloadEvents } from './download-events';
import { EventHistoryFilter } from './event-history-filter';
import {
  DEFAULT_EVENT_HISTORY_PREFERENCES,
  EventHistoryPreferencesControl,
  eventHistoryPreferencesSchema,
} from './event-history-preferences';
import { EventHistoryTable } from './event-history-table';
import { FilterLinksContext } from './filter-link';
import { OpenInLakeButton } from './open-in-lake-button';
import { ScanStatus, type ScanProgress } from './scan-status';
import { useEventHistoryParams } from './use-event-history-params';
import { QueryError } from '@/components/query-error';

/** How far reading has got through the time range (newest first). */
function progressOf(pages: readonly EventPage[], hasNextPage: boolean): ScanProgress {
  const last = pages.at(-1);
  const scanned = pages.reduce((sum, page) => sum + page.scanned.length, 0);
  const calls = pages.reduce((sum, page) => sum + page.calls, 0);
  if (!last) return { pages: 0, scanned: 0, coverage: 0, complete: false };
  if (!hasNextPage) return { pages: calls, scanned, coverage: 1, complete: true };
  const oldest = last.scanned.at(-1)?.EventTime?.getTime() ?? last.window.end;
  const coverage = (last.window.end - oldest) / Math.max(1, last.window.end - last.window.start);
  return { pages: calls, scanned, coverage: Math.min(1, Math.max(0, coverage)), complete: false };
}

/** Replaces a filter on the same attribute, or adds it. */
function withFilter(filters: readonly UrlAttributeFilter[], filter: UrlAttributeFilter): UrlAttributeFilter[] {
  return [...filters.filter((existing) => existing.key !== filter.key), filter];
}

/** Event history: who did what, when, to which resource, newest first. */
export function EventHistoryPage() {
  const { connection } = useConnection();
  const queryClient = useQueryClient();
  const [view, setView] = useEventHistoryParams();
  const [preferences, setPreferences] = usePreferences(
    'event-history',
    eventHistoryPreferencesSchema,
    DEFAULT_EVENT_HISTORY_PREFERENCES,
  );
  const filter: EventFilter = { attributes: view.filters, range: view.range };
  const lookup = eventQueries.lookup(connection, filter);
  const query = useInfiniteQuery(lookup);
  const pages = query.data?.pages ?? [];
  const matched = pages.flatMap((page) => page.matched);
  const progress = progressOf(pages, query.hasNextPage);
  const size = preferences.pageSize;
  const pagesCount = Math.max(1, Math.ceil(matched.length / size));
  // A page beyond those loaded shows the last loaded one.
  const pageIndex = Math.min(view.page, pagesCount);
  const events = matched.slice((pageIndex - 1) * size, pageIndex * size);
  const { server, local } = splitAttributes(view.filters);
  const knownSources = [...new Set(matched.map((event) => event.EventSource ?? '').filter((source) => source !== ''))];

  /** Reads on until `count` events match or history ends; returns the matches. */
  const loadMatches = async (count: number, signal?: AbortSignal): Promise<readonly Event[]> => {
    let data = query.data;
    let hasNext = query.hasNextPage;
    while (hasNext && (data?.pages.flatMap((page) => page.matched).length ?? 0) < count) {
      if (signal?.aborted) throw signal.reason as Error;
      const result = await query.fetchNextPage({ cancelRefetch: false });
      if (result.isError) throw result.error;
      data = result.data;
      hasNext = result.hasNextPage;
    }
    return data?.pages.flatMap((page) => page.matched) ?? [];
  };

  const refresh = () => {
    setView({ page: 1 });
    void queryClient.resetQueries({ queryKey: lookup.queryKey, exact: true });
  };

  const empty = query.isError ? (
    <QueryError error={query.error} onRetry={() => void query.refetch()} />
  ) : (
    <Box textAlign="center" color="inherit">
      <SpaceBetween size="xs">
        <b>No events match</b>
        <Box variant="p" color="inherit">
          {`No events match these filters in ${describeTimeRange(view.range).toLowerCase()}` +
            (progress.complete ? '.' : ' among the events read so far.') +
            ' Widen the time range or remove a filter.'}
        </Box>
        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          {view.range ? (
            <Button
              onClick={() => {
                setView({ range: undefined });
              }}
            >
              Search the last 90 days
            </Button>
          ) : null}
          {view.filters.length > 0 ? (
            <Button
              onClick={() => {
                setView({ filters: [] });
              }}
            >
              Clear filters
            </Button>
          ) : null}
          {!progress.complete && local.length > 0 ? (
            <Button
              onClick={() => {
                void loadMatches(matched.length + 1);
              }}
              loading={query.isFetchingNextPage}
            >
              Scan further
            </Button>
          ) : null}
        </SpaceBetween>
      </SpaceBetween>
    </Box>
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Event history', href: paths.eventHistory() }]} contentType="table">
      <FilterLinksContext
        value={{
          hrefFor: (next) => paths.eventHistory({ ...view, page: 1, filters: withFilter(view.filters, next) }),
          apply: (next) => {
            setView({ filters: withFilter(view.filters, next) });
          },
        }}
      >
        <SpaceBetween size="m">
          <EventHistoryTable
            events={events}
            loading={query.isPending || (query.isFetchingNextPage && events.length === 0)}
            preferences={preferences}
            header={{
              counter: query.isPending ? undefined : `(${String(matched.length)}${query.hasNextPage ? '+' : ''})`,
              description: `Management events in this Region: ${describeTimeRange(view.range).toLowerCase()}, newest first.`,
              actions: (
                <SpaceBetween direction="horizontal" size="xs">
                  <Button
                    iconName="refresh"
                    ariaLabel="Refresh events"
                    loading={query.isFetching && !query.isFetchingNextPage}
                    onClick={refresh}
                  />
                  <OpenInLakeButton filters={view.filters} range={view.range} />
                  <DownloadEvents
                    loaded={matched}
                    progress={progress}
                    loadAll={(signal) => loadMatches(Infinity, signal)}
                  />
                </SpaceBetween>
              ),
            }}
            filter={
              <SpaceBetween size="s">
                <EventHistoryFilter
                  filters={view.filters}
                  range={view.range}
                  knownSources={knownSources}
                  onFiltersChange={(filters) => {
                    setView({ filters });
                  }}
                  onRangeChange={(range) => {
                    setView({ range });
                  }}
                />
                {query.isSuccess ? (
                  <ScanStatus
                    serverKey={server?.key}
                    localKeys={local.map((extra) => extra.key)}
                    progress={progress}
                    matched={matched.length}
                    scanning={query.isFetchingNextPage}
                    onScanFurther={() => {
                      void query.fetchNextPage({ cancelRefetch: false });
                    }}
                  />
                ) : null}
              </SpaceBetween>
            }
            pagination={
              <Pagination
                currentPageIndex={pageIndex}
                pagesCount={pagesCount}
                openEnd={query.hasNextPage}
                disabled={query.isPending}
                onChange={({ detail }) => {
                  const next = detail.currentPageIndex;
                  if (next * size > matched.length) void loadMatches(next * size);
                  setView({ page: next });
                }}
                ariaLabels={{
                  nextPageLabel: 'Next page',
                  previousPageLabel: 'Previous page',
                  pageLabel: (page) => `Page ${String(page)}`,
                }}
              />
            }
            preferencesControl={<EventHistoryPreferencesControl value={preferences} onConfirm={setPreferences} />}
            empty={empty}
          />
        </SpaceBetween>
      </FilterLinksContext>
    </PageLayout>
  );
}
