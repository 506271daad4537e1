import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  eventQueries,
  historyStreams,
  readAllMatches,
  resolveHistorySpan,
  splitAttributes,
  type EventFilter,
  type HistoryPage,
  type HistoryPageRequest,
} from '@/api/events';
import { backendIdOf } from '@/api/connection';
import { principalQueries } from '@/api/principals';
import { useConnection } from '@/api/use-connection';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { usePreferences } from '@/hooks/use-preferences';
import { REGIONS } from '@/lib/cloudtrail-limits';
import type { UrlAttributeFilter } from '@/lib/event-history-url';
import { decodeCursor, encodeCursor, type WalkCursor, type WalkEvent } from '@/lib/event-walk';
import { paths } from '@/lib/paths';
import { describeTimeRange } from '@/lib/time-range';
import { DownloadEvents } from './download-events';
import { EventHistoryFilter } from './event-history-filter';
import { DEFAULT_EVENT_HISTORY_PREFERENCES, eventHistoryPreferencesSchema } from './event-history-preferences';
import { EventHistoryTable } from './event-history-table';
import { FilterLinksContext } from './filter-link';
import { OpenInLakeButton } from './open-in-lake-button';
import { PrincipalStatus } from './principal-status';
import { RegionCoverage, RegionsControl } from './regions-control';
import { ScanStatus, type ScanProgress } from './scan-status';
import { useEventHistoryParams } from './use-event-history-params';

// Cloudscape's preferences dialog, with the drag and drop it reorders columns with, is loaded once
// the first page is answered: the first rows never wait for its code.
const EventHistoryPreferencesControl = lazy(() =>
  import('./event-history-preferences-control').then((module) => ({
    default: module.EventHistoryPreferencesControl,
  })),
);

/** Events compared side by side at most. */
const MAX_COMPARED = 5;

/** How far reading has got through the time range (newest first), over every region read. */
function progressOf(page: HistoryPage): ScanProgress {
  const positions = Object.values(page.at.regions);
  const scanned = positions.reduce((sum, position) => sum + position.consumed, 0);
  const calls = positions.reduce((sum, position) => sum + position.calls, 0);
  if (page.complete) return { pages: calls, scanned, coverage: 1, complete: true };
  const start = page.span.StartTime.getTime();
  const end = page.span.EndTime.getTime();
  // The merge takes the newest event first, so every region has been read down to the oldest event taken.
  const reached = positions
    .filter((position) => !position.done && position.oldest !== undefined)
    .map((position) => position.oldest ?? end);
  const oldest = reached.length > 0 ? Math.min(...reached) : end;
  const coverage = (end - oldest) / Math.max(1, end - start);
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
  const regions =
    view.regions === undefined ? [connection.region] : view.regions === 'all' ? [...REGIONS] : view.regions;
  const merged = regions.length > 1 || regions[0] !== connection.region;
  // A link's page anchor was counted with its page size; it keeps that size so the link shows the same rows.
  const size = (view.size ?? view.at?.size ?? preferences.pageSize) as 10 | 25 | 50;
  // A principal's sessions are looked up over a window fixed when the page opened (or by the link).
  const [openedAt] = useState(() => new Date().toISOString());
  const asOf = view.asOf ?? (view.principal !== undefined && view.range?.type !== 'absolute' ? openedAt : undefined);
  const principalSpan = resolveHistorySpan(view.range, asOf, new Date());
  const sessions = useQuery({
    ...principalQueries.sessions(connection, view.principal ?? '', {
      start: principalSpan.StartTime,
      end: principalSpan.EndTime,
    }),
    enabled: view.principal !== undefined,
  });
  const accessKeyIds = view.principal === undefined ? undefined : sessions.data?.accessKeyIds;
  const streams = historyStreams(regions, accessKeyIds);
  const anchorCursor = view.at ? decodeCursor(view.at.cursor) : undefined;
  const anchorFits =
    anchorCursor !== undefined &&
    streams.length === Object.keys(anchorCursor.regions).length &&
    streams.every((stream) => stream in anchorCursor.regions);
  const request: HistoryPageRequest = {
    filter,
    regions,
    page: view.page,
    size,
    scan: view.scan ?? 0,
    ...(asOf ? { asOf } : {}),
    ...(accessKeyIds ? { accessKeyIds } : {}),
    ...(view.at && anchorCursor && anchorFits ? { from: { page: view.at.page, cursor: anchorCursor } } : {}),
  };
  // "Scan further" continues the same page's walk when it is in memory instead of reading it again.
  const previousScan =
    request.scan > 0
      ? queryClient.getQueryData<HistoryPage>(
          eventQueries.historyPage(connection, { ...request, scan: request.scan - 1 }).queryKey,
        )
      : undefined;
  const options = eventQueries.historyPage(connection, request, previousScan);
  const query = useQuery({
    ...options,
    placeholderData: previousScan,
    // A principal's events wait for its sessions' keys.
    enabled: view.principal === undefined || accessKeyIds !== undefined,
  });
  const page = query.data;
  const rows = page?.rows ?? [];
  // Set after the first page's rows are painted (effects run after paint), so that the
  // preferences' code is requested only then; once set, the control stays while later pages load.
  const [answered, setAnswered] = useState(false);
  const settled = !query.isPending;
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => {
      setAnswered(true);
    }, 0);
    return () => {
      clearTimeout(timer);
    };
  }, [settled]);
  const progress: ScanProgress = page ? progressOf(page) : { pages: 0, scanned: 0, coverage: 0, complete: false };
  const { server, local } = splitAttributes(view.filters);
  const navigate = useNavigate();
  // Events picked for comparison, kept across pages of this view: ID -> region it was read from.
  const [selection, setSelection] = useState<[string, string][]>([]);
  const pageIds = new Set(rows.map((row) => row.event.EventId ?? ''));
  const changeSelection = (picked: readonly WalkEvent[]) => {
    const kept = selection.filter(([id]) => !pageIds.has(id));
    const added = picked.map((row): [string, string] => [row.event.EventId ?? '', row.region]);
    setSelection([...kept, ...added].slice(0, MAX_COMPARED));
  };
  const compareHref = paths.compareEvents(
    selection.map(([eventId, region]) => (merged && region !== '' ? { eventId, region } : { eventId })),
  );
  const knownSources = [...new Set(rows.map((row) => row.event.EventSource ?? '').filter((source) => source !== ''))];
  const windowEnd = page?.span.EndTime.toISOString();
  const fixedEnd = view.range?.type === 'absolute' ? undefined : (asOf ?? windowEnd);

  // Page starts met while reading this view, so Previous and page numbers open without reading again.
  // Filled while rendering results that arrived; entries only ever get added, so rendering stays repeatable.
  const [anchors] = useState(() => new Map<string, Map<number, WalkCursor>>());
  const anchorKey = JSON.stringify([filter, regions, size, fixedEnd ?? view.range]);
  let known = anchors.get(anchorKey);
  if (!known) {
    known = new Map();
    anchors.set(anchorKey, known);
  }
  if (page) for (const [number, cursor] of Object.entries(page.known)) known.set(Number(number), cursor);
  const hasNext = page !== undefined && !page.partial && !page.complete && known.has(view.page + 1);
  const pagesCount = Math.max(view.page, ...[...known.keys()].filter((number) => number <= view.page + 1));

  /** Keeps the window fixed from now on, seeding the cache so the current page is not read again. */
  const fixWindow = (): string | undefined => {
    if (view.asOf || !fixedEnd || !page) return view.asOf ?? fixedEnd;
    queryClient.setQueryData(eventQueries.historyPage(connection, { ...request, asOf: fixedEnd }).queryKey, page);
    return fixedEnd;
  };

  const goToPage = (target: number) => {
    const asOf = fixWindow();
    const starts = [...known.entries()].filter(([number]) => number <= target && number > 1);
    const [anchorPage, cursor] = starts.sort(([a], [b]) => b - a)[0] ?? [];
    setView({
      page: target,
      size,
      ...(asOf ? { asOf } : {}),
      ...(anchorPage !== undefined && cursor ? { at: { page: anchorPage, size, cursor: encodeCursor(cursor) } } : {}),
    });
  };

  const scanFurther = () => {
    const asOf = fixWindow();
    setView({
      page: view.page,
      size,
      ...(view.at ? { at: view.at } : {}),
      ...(asOf ? { asOf } : {}),
      scan: (view.scan ?? 0) + 1,
    });
  };

  const refresh = () => {
    setView({});
    void queryClient.resetQueries({ queryKey: eventQueries.historyPages(backendIdOf(connection)) });
  };

  const empty = query.isError ? (
    <QueryError
      error={query.error}
      onRetry={() => {
        // A link whose page anchor the backend no longer accepts starts again from the newest event.
        if (view.at) goToPage(1);
        else void query.refetch();
      }}
    />
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
          {page?.partial ? (
            <Button onClick={scanFurther} loading={query.isFetching}>
              Scan further
            </Button>
          ) : null}
        </SpaceBetween>
      </SpaceBetween>
    </Box>
  );

  const matchedSoFar = page?.matched ?? 0;
  const scope = merged
    ? view.regions === 'all'
      ? 'Management events in all Regions'
      : `Management events in ${regions.join(', ')}`
    : 'Management events in this Region';

  return (
    <PageLayout breadcrumbs={[{ text: 'Event history', href: paths.eventHistory() }]} contentType="table">
      <FilterLinksContext
        value={{
          hrefFor: (next) =>
            paths.eventHistory({
              filters: withFilter(view.filters, next),
              ...(view.range ? { range: view.range } : {}),
              ...(view.regions ? { regions: view.regions } : {}),
            }),
          apply: (next) => {
            setView({ filters: withFilter(view.filters, next) });
          },
        }}
      >
        <SpaceBetween size="m">
          <EventHistoryTable
            rows={rows}
            regionColumn={merged}
            loading={query.isPending}
            preferences={{ ...preferences, pageSize: size }}
            header={{
              counter: page ? `(${String(matchedSoFar)}${page.complete ? '' : '+'})` : undefined,
              description:
                `${scope}: ${describeTimeRange(view.range).toLowerCase()}` +
                (view.principal !== undefined ? ` by ${view.principal}` : '') +
                (fixedEnd && asOf ? ` up to ${asOf}` : '') +
                ', newest first.',
              actions: (
                <SpaceBetween direction="horizontal" size="xs">
                  <Button iconName="refresh" ariaLabel="Refresh events" loading={query.isFetching} onClick={refresh} />
                  <Button
                    disabled={selection.length < 2}
                    href={compareHref}
                    onFollow={(event) => {
                      event.preventDefault();
                      void navigate(compareHref);
                    }}
                  >
                    {`Compare (${String(selection.length)})`}
                  </Button>
                  <OpenInLakeButton filters={view.filters} range={view.range} />
                  <DownloadEvents
                    loaded={rows.map((row) => row.event)}
                    progress={progress}
                    loadAll={async (signal) =>
                      (
                        await readAllMatches(
                          connection,
                          {
                            filter,
                            regions,
                            ...(fixedEnd ? { asOf: fixedEnd } : {}),
                            ...(accessKeyIds ? { accessKeyIds } : {}),
                          },
                          signal,
                        )
                      ).map((row) => row.event)
                    }
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
                  principal={view.principal}
                  onPrincipalChange={(principal) => {
                    setView({ principal });
                  }}
                  regionsControl={
                    <RegionsControl
                      current={connection.region}
                      value={view.regions}
                      onChange={(next) => {
                        setView({ regions: next });
                      }}
                    />
                  }
                />
                {page ? (
                  <ScanStatus
                    serverKey={server?.key}
                    localKeys={local.map((extra) => extra.key)}
                    progress={progress}
                    matched={matchedSoFar}
                    partial={page.partial}
                    scanning={query.isFetching}
                    onScanFurther={scanFurther}
                  />
                ) : null}
                {view.principal !== undefined ? (
                  <PrincipalStatus
                    principal={view.principal}
                    sessions={sessions.data}
                    error={sessions.error}
                    loading={sessions.isPending}
                  />
                ) : null}
                {page && (merged || accessKeyIds !== undefined) ? <RegionCoverage page={page} /> : null}
              </SpaceBetween>
            }
            pagination={
              <Pagination
                currentPageIndex={view.page}
                pagesCount={pagesCount}
                openEnd={hasNext}
                disabled={query.isPending}
                onChange={({ detail }) => {
                  goToPage(detail.currentPageIndex);
                }}
                ariaLabels={{
                  nextPageLabel: 'Next page',
                  previousPageLabel: 'Previous page',
                  pageLabel: (number) => `Page ${String(number)}`,
                }}
              />
            }
            preferencesControl={
              answered ? (
                <Suspense fallback={null}>
                  <EventHistoryPreferencesControl
                    value={{ ...preferences, pageSize: size }}
                    onConfirm={(next) => {
                      setPreferences(next);
                      // Pages are counted in page size: a new size starts the view again at page 1.
                      if (next.pageSize !== size) setView({});
                    }}
                  />
                </Suspense>
              ) : undefined
            }
            empty={empty}
            selectedIds={selection.map(([id]) => id)}
            selectionFull={selection.length >= MAX_COMPARED}
            onSelectionChange={changeSelection}
          />
        </SpaceBetween>
      </FilterLinksContext>
    </PageLayout>
  );
}
