// CloudTrail Lake queries: typed calls, query factories and mutation hooks. Statuses (DescribeQuery,
// ListQueries) sit under ['cloudtrail', backend, 'lake-queries', 'status'], which starting or
// cancelling a query refreshes; results sit apart, since the rows of an ended query never change.
import {
  CancelQueryCommand,
  DescribeQueryCommand,
  GenerateQueryCommand,
  GetQueryResultsCommand,
  ListQueriesCommand,
  SearchSampleQueriesCommand,
  StartQueryCommand,
  type CancelQueryCommandOutput,
  type DescribeQueryCommandOutput,
  type GenerateQueryCommandOutput,
  type GetQueryResultsCommandOutput,
  type Query,
  type QueryStatus,
  type SearchSampleQueriesSearchResult,
  type StartQueryCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { QUERY_RESULTS_PAGE, QUERY_RETENTION_DAYS } from '@/lib/cloudtrail-limits';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { useCloudTrailMutation } from './use-cloudtrail-mutation';

/** A query as DescribeQuery shows it: statement, status, statistics, error. */
export type QueryDetails = Omit<DescribeQueryCommandOutput, '$metadata'>;

/** One GetQueryResults page. */
export type QueryResultsPage = Omit<GetQueryResultsCommandOutput, '$metadata'>;

/** GetQueryResults rows as a table; CloudTrail sends each row as single-key maps in select-list order (§10.3). */
export interface ResultTable {
  /** Column names as CloudTrail keys them; two columns may share a name (`a.arn, b.arn`). */
  columns: string[];
  /** Values by column position; NULL arrives as "". */
  rows: string[][];
}

/** The rows of every page read so far, flattened; the first row names the columns. */
export function resultTableOf(pages: readonly QueryResultsPage[]): ResultTable {
  const rows: string[][] = [];
  let columns: string[] | undefined;
  for (const page of pages)
    for (const row of page.QueryResultRows ?? []) {
      columns ??= row.map((cell) => Object.keys(cell)[0] ?? '');
      rows.push(row.map((cell) => Object.values(cell)[0] ?? ''));
    }
  return { columns: columns ?? [], rows };
}

const ACTIVE_STATUSES: ReadonlySet<QueryStatus | undefined> = new Set(['QUEUED', 'RUNNING']);

/** Whether a query may still change status by itself (QUEUED or RUNNING); while it may, the console polls. */
export function isActiveQueryStatus(status: QueryStatus | undefined): boolean {
  return ACTIVE_STATUSES.has(status);
}

/** Statuses with rows to read: FINISHED, and TIMED_OUT with the rows computed so far. */
export function hasQueryResults(status: QueryStatus | undefined): boolean {
  return status === 'FINISHED' || status === 'TIMED_OUT';
}

/** How often a QUEUED or RUNNING query is described again. */
let pollMilliseconds = 1000;

/**
 * Sets how often a QUEUED or RUNNING query is described again (default: every second; must be
 * above 0, which TanStack Query takes as "never"). Component tests poll fast: their emulator's
 * clock only moves when a test advances it, so a fast poll only shortens their wait.
 */
export function configureQueryPolling({ intervalMs }: { intervalMs: number }): void {
  pollMilliseconds = intervalMs;
}

/** StartQuery with a statement. */
export function startQuery(connection: Connection, queryStatement: string): Promise<StartQueryCommandOutput> {
  return clientFor(connection).send(new StartQueryCommand({ QueryStatement: queryStatement }));
}

/** DescribeQuery by QueryId: status, statistics and, for FAILED, the error message. */
export function describeQuery(connection: Connection, queryId: string, signal?: AbortSignal): Promise<QueryDetails> {
  return clientFor(connection).send(new DescribeQueryCommand({ QueryId: queryId }), { abortSignal: signal });
}

/** One page of GetQueryResults, at the largest page size CloudTrail allows. */
export function getQueryResults(
  connection: Connection,
  queryId: string,
  nextToken: string | undefined,
  signal?: AbortSignal,
): Promise<QueryResultsPage> {
  return clientFor(connection).send(
    new GetQueryResultsCommand({ QueryId: queryId, NextToken: nextToken, MaxQueryResults: QUERY_RESULTS_PAGE.max }),
    { abortSignal: signal },
  );
}

/** CancelQuery: a QUEUED or RUNNING query becomes CANCELLED. */
export function cancelQuery(connection: Connection, queryId: string): Promise<CancelQueryCommandOutput> {
  return clientFor(connection).send(new CancelQueryCommand({ QueryId: queryId }));
}

/** The queries of a store that CloudTrail still keeps (7 days), newest first, following NextToken to the end. */
export async function listQueries(
  connection: Connection,
  eventDataStore: string,
  signal?: AbortSignal,
): Promise<Query[]> {
  const now = new Date();
  const startTime = new Date(now.getTime() - QUERY_RETENTION_DAYS * 86_400_000);
  const queries: Query[] = [];
  let token: string | undefined;
  do {
    const output = await clientFor(connection).send(
      new ListQueriesCommand({ EventDataStore: eventDataStore, StartTime: startTime, EndTime: now, NextToken: token }),
      { abortSignal: signal },
    );
    queries.push(...(output.Queries ?? []));
    token = output.NextToken;
  } while (token);
  return queries.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

/** SearchSampleQueries: CloudTrail's sample queries ranked by how well they match the phrase. */
export async function searchSampleQueries(
  connection: Connection,
  searchPhrase: string,
  signal?: AbortSignal,
): Promise<SearchSampleQueriesSearchResult[]> {
  const output = await clientFor(connection).send(new SearchSampleQueriesCommand({ SearchPhrase: searchPhrase }), {
    abortSignal: signal,
  });
  return output.SearchResults ?? [];
}

/** GenerateQuery: SQL for a plain-language prompt, over one store. */
export function generateQuery(
  connection: Connection,
  input: { prompt: string; eventDataStore: string },
): Promise<GenerateQueryCommandOutput> {
  return clientFor(connection).send(
    new GenerateQueryCommand({ Prompt: input.prompt, EventDataStores: [input.eventDataStore] }),
  );
}

export const lakeQueryQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'lake-queries'] as const,
  /** Everything that shows a query's status: descriptions and histories. */
  statuses: (backend: BackendId) => [...lakeQueryQueries.all(backend), 'status'] as const,
  /** One query by ID; polls while it is QUEUED or RUNNING, and never changes once it has ended. */
  describe: (connection: Connection, queryId: string) =>
    queryOptions({
      queryKey: [...lakeQueryQueries.statuses(backendIdOf(connection)), 'describe', queryId],
      queryFn: ({ signal }) => describeQuery(connection, queryId, signal),
      refetchInterval: (query) => (isActiveQueryStatus(query.state.data?.QueryStatus) ? pollMilliseconds : false),
      staleTime: (query) => (query.state.data && !isActiveQueryStatus(query.state.data.QueryStatus) ? Infinity : 0),
    }),
  /** A query's rows, one GetQueryResults page per query page; the rows of an ended query never change. */
  results: (connection: Connection, queryId: string) =>
    infiniteQueryOptions({
      queryKey: [...lakeQueryQueries.all(backendIdOf(connection)), 'results', queryId],
      queryFn: ({ pageParam, signal }) => getQueryResults(connection, queryId, pageParam, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.NextToken,
      staleTime: Infinity,
    }),
  /** A store's queries of the last 7 days, newest first. */
  history: (connection: Connection, eventDataStore: string) =>
    queryOptions({
      queryKey: [...lakeQueryQueries.statuses(backendIdOf(connection)), 'history', eventDataStore],
      queryFn: ({ signal }) => listQueries(connection, eventDataStore, signal),
    }),
  /** Sample queries for a search phrase. */
  samples: (connection: Connection, searchPhrase: string) =>
    queryOptions({
      queryKey: [...lakeQueryQueries.all(backendIdOf(connection)), 'samples', searchPhrase],
      queryFn: ({ signal }) => searchSampleQueries(connection, searchPhrase, signal),
      staleTime: Infinity,
    }),
};

/** Starts a query; the histories of its stores refresh. */
export function useStartQuery() {
  return useCloudTrailMutation(startQuery, lakeQueryQueries.statuses);
}

/** Cancels a QUEUED or RUNNING query. */
export function useCancelQuery() {
  return useCloudTrailMutation(cancelQuery, lakeQueryQueries.statuses);
}

/** Generates SQL from a prompt (CloudTrail saves it under a new alias, which no list shows). */
export function useGenerateQuery() {
  return useCloudTrailMutation(generateQuery, (backend) => [...lakeQueryQueries.all(backend), 'generated']);
}
