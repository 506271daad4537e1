// A Lake query as the emulator keeps it (SEMANTICS.md §10): computed in full at StartQuery from a
// snapshot of its stores, then shown on the clock (QUEUED, RUNNING, then FINISHED or FAILED), so
// that every later call sees the same rows and statistics, including after a restart.
import type { QueryStatistics, QueryStatisticsForDescribeQuery, QueryStatus } from '@aws-sdk/client-cloudtrail';
import { DAY } from '../../clock';
import type { EmulatorState, QueryTiming } from '../../state';

/** The entity collection of queries, keyed by QueryId. */
export const QUERIES = 'queries';

/** Queries and their results are kept this long (§10.4). */
export const QUERY_RETENTION = 7 * DAY;

/** QUEUED or RUNNING queries an account may have in a region (§10.1, §15). */
export const MAX_CONCURRENT_QUERIES = 10;

export const DEFAULT_QUERY_TIMING: QueryTiming = {
  queuedMillis: 300,
  baseMillis: 400,
  bytesPerSecond: 20 * 1024 * 1024,
  maxMillis: 15_000,
};

/** How the query ended once its run time is over. */
export type QueryOutcome =
  | { readonly kind: 'finished'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }
  /** `scanned`: a runtime error (statistics count what was read); else a semantic one (nothing read). */
  | { readonly kind: 'failed'; readonly message: string; readonly scanned: boolean }
  /** A query of the seeded past, run when first read (query-operations.ts). */
  | { readonly kind: 'deferred' };

/** A query as saved; times are epoch ms. */
export interface StoredQuery {
  readonly queryId: string;
  readonly account: string;
  readonly region: string;
  readonly statement: string;
  /** The alias it was started from (GenerateQuery's, with its prompt, or a dashboard widget's). */
  readonly alias?: string;
  readonly prompt?: string;
  /** A dashboard query (§18.10): the dashboard whose widget it ran, and the refresh that started it. */
  readonly dashboardArn?: string;
  readonly refreshId?: string;
  /** ARNs of the stores its FROM clauses name (ListQueries, purges). */
  readonly storeArns: readonly string[];
  readonly createdAt: number;
  /** QUEUED until createdAt + queuedMillis, then RUNNING for executionMillis. */
  readonly queuedMillis: number;
  readonly executionMillis: number;
  readonly eventsScanned: number;
  readonly bytesScanned: number;
  readonly eventsMatched: number;
  readonly outcome: QueryOutcome;
  readonly deliveryS3Uri?: string;
  /** Set by CancelQuery; the query is CANCELLED from then on. */
  readonly cancelledAt?: number;
}

export function queryTiming(state: EmulatorState): QueryTiming {
  return { ...DEFAULT_QUERY_TIMING, ...state.services.queryTiming };
}

/** Run time on the clock: a base plus the bytes read at the engine's assumed speed, capped (§10.1). */
export function executionMillis(timing: QueryTiming, bytesScanned: number): number {
  return Math.min(timing.maxMillis, Math.round(timing.baseMillis + (bytesScanned / timing.bytesPerSecond) * 1000));
}

function runStart(query: StoredQuery): number {
  return query.createdAt + query.queuedMillis;
}

function runEnd(query: StoredQuery): number {
  return runStart(query) + query.executionMillis;
}

/** The query's status at `now`. */
export function queryStatus(query: StoredQuery, now: number): QueryStatus {
  if (query.cancelledAt !== undefined && now >= query.cancelledAt) return 'CANCELLED';
  if (now < runStart(query)) return 'QUEUED';
  if (now < runEnd(query)) return 'RUNNING';
  return query.outcome.kind === 'failed' ? 'FAILED' : 'FINISHED';
}

export function isActive(status: QueryStatus): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** Share of the run done at `now` (frozen at cancel): statistics grow linearly while RUNNING (§10.2). */
function shareDone(query: StoredQuery, now: number): number {
  const at = query.cancelledAt === undefined ? now : Math.min(now, query.cancelledAt);
  if (at < runStart(query)) return 0;
  if (at >= runEnd(query)) return 1;
  return (at - runStart(query)) / query.executionMillis;
}

/** DescribeQuery's statistics at `now` (§10.2). */
export function describeStatistics(query: StoredQuery, now: number): QueryStatisticsForDescribeQuery {
  const semanticFailure = query.outcome.kind === 'failed' && !query.outcome.scanned;
  const share = semanticFailure ? 0 : shareDone(query, now);
  const status = queryStatus(query, now);
  const elapsed = Math.max(0, Math.min(now, query.cancelledAt ?? now) - runStart(query));
  return {
    EventsMatched: status === 'FINISHED' ? query.eventsMatched : Math.floor(query.eventsMatched * share),
    EventsScanned: Math.floor(query.eventsScanned * share),
    BytesScanned: Math.floor(query.bytesScanned * share),
    ExecutionTimeInMillis: Math.min(elapsed, query.executionMillis),
    CreationTime: new Date(query.createdAt),
  };
}

/** GetQueryResults' statistics for a page of `pageRows` rows (§10.2). */
export function resultStatistics(query: StoredQuery, now: number, pageRows: number): QueryStatistics {
  const total =
    queryStatus(query, now) === 'FINISHED' && query.outcome.kind === 'finished' ? query.outcome.rows.length : 0;
  return {
    ResultsCount: pageRows,
    TotalResultsCount: total,
    BytesScanned: describeStatistics(query, now).BytesScanned ?? 0,
  };
}

/** Whether a query is past its 7 days (§10.4). */
export function isExpired(query: StoredQuery, now: number): boolean {
  return now - query.createdAt >= QUERY_RETENTION;
}
