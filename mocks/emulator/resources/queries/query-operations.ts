// StartQuery, DescribeQuery, GetQueryResults, ListQueries and CancelQuery (SEMANTICS.md §10). A
// query is translated from CloudTrail Lake's Trino dialect (lake-sql/), run on the Lake engine at
// StartQuery over a snapshot of its stores (lake-mirror.ts), and then shown on the clock.
import type {
  CancelQueryRequest,
  CancelQueryResponse,
  DescribeQueryRequest,
  DescribeQueryResponse,
  GetQueryResultsRequest,
  GetQueryResultsResponse,
  ListQueriesRequest,
  ListQueriesResponse,
  StartQueryRequest,
  StartQueryResponse,
} from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import {
  InactiveEventDataStoreException,
  InactiveQueryException,
  InvalidDateRangeException,
  InvalidNextTokenException,
  InvalidParameterException,
  MaxConcurrentQueriesException,
  QueryIdNotFoundException,
  ServiceError,
  UnsupportedOperationException,
} from '../../errors';
import { fingerprint, tokenSigner } from '../../next-token';
import type { EmulatorState } from '../../state';
import {
  EVENT_DATA_STORES,
  eventDataStoreStatus,
  isPurged,
  resolveEventDataStore,
  type StoredEventDataStore,
} from '../event-data-stores/event-data-store';
import { QUERY_ALIASES, type StoredQueryAlias } from './generate-query';
import { lakeKind, lakeMirror, lakeTableName, snapshotViewName, type ScanRange } from './lake-mirror';
import type { TranslatedQuery } from './lake-sql/translate';
import type { LakeRows } from './lake/lake-database';
import {
  describeStatistics,
  executionMillis,
  isActive,
  isExpired,
  MAX_CONCURRENT_QUERIES,
  QUERIES,
  queryStatus,
  queryTiming,
  resultStatistics,
  type QueryOutcome,
  type StoredQuery,
} from './query';

const DEFAULT_MAX_QUERY_RESULTS = 1000;
const DEFAULT_LIST_QUERIES_RESULTS = 100;

function queriesIn(state: EmulatorState, account: string, region: string): StoredQuery[] {
  return [...state.table<StoredQuery>(QUERIES).values()].filter(
    (query) => query.account === account && query.region === region,
  );
}

function storeOf(state: EmulatorState, arn: string): StoredEventDataStore | undefined {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  return state.table<StoredEventDataStore>(EVENT_DATA_STORES).get(id);
}

/** The query with this ID in the caller's account and region, unexpired, its stores not purged (§10.3). */
function findQuery(context: RequestContext, queryId: string): StoredQuery {
  const query = context.state.table<StoredQuery>(QUERIES).get(queryId);
  const gone =
    !query ||
    query.account !== context.account ||
    query.region !== context.region ||
    isExpired(query, context.now) ||
    query.storeArns.some((arn) => {
      const store = storeOf(context.state, arn);
      return !store || isPurged(store, context.now);
    });
  if (gone) throw new QueryIdNotFoundException(`The query ID '${queryId}' was not found.`);
  return query;
}

/** A query whose store is being deleted cannot be read (§10.3). */
function checkStoresActive(context: RequestContext, query: StoredQuery): void {
  for (const arn of query.storeArns) {
    const store = storeOf(context.state, arn);
    if (store && eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
      throw new InactiveEventDataStoreException(`The event data store '${arn}' is pending deletion.`);
  }
}

/** A dashboard widget a QueryAlias names (§18.3, §18.10 StartQuery). */
export interface WidgetAliasTarget {
  readonly dashboardArn: string;
  /** How many placeholders its statement holds, hence how many values StartQuery must send. */
  readonly placeholders: number;
  /** Its statement with these values in its placeholders, in order. */
  substitute(values: readonly string[]): string;
}

/** Finds the widget a QueryAlias names in an account and region, if any. */
export type WidgetAliasResolver = (
  state: EmulatorState,
  account: string,
  region: string,
  alias: string,
) => WidgetAliasTarget | undefined;

// Widgets belong to the dashboards resource, which starts queries through this module: it lends
// its lookup to each world rather than this module importing it (no import cycle).
const widgetAliasResolvers = new WeakMap<EmulatorState, WidgetAliasResolver>();

/** Lets StartQuery accept the QueryAlias of a dashboard widget in this world (§18.10). */
export function resolveWidgetAliasesWith(state: EmulatorState, resolver: WidgetAliasResolver): void {
  widgetAliasResolvers.set(state, resolver);
}

/** What a query runs and where it came from (§10.1 rule 1, §18.10). */
export interface QuerySource {
  readonly statement: string;
  readonly alias?: string;
  readonly prompt?: string;
  readonly dashboardArn?: string;
  readonly refreshId?: string;
  readonly deliveryS3Uri?: string;
}

/**
 * The statement a StartQuery names: directly, through a GenerateQuery alias (§10.1 rule 1), or
 * through a dashboard widget's alias with the values of its placeholders (§18.10).
 */
function statementOf(input: StartQueryRequest, context: RequestContext): QuerySource {
  if ((input.QueryStatement === undefined) === (input.QueryAlias === undefined))
    throw new InvalidParameterException('Specify exactly one of QueryStatement and QueryAlias.');
  const delivery = input.DeliveryS3Uri === undefined ? {} : { deliveryS3Uri: input.DeliveryS3Uri };
  if (input.QueryStatement !== undefined) return { statement: input.QueryStatement, ...delivery };
  const name = input.QueryAlias ?? '';
  const alias = context.state.table<StoredQueryAlias>(QUERY_ALIASES).get(name);
  if (alias && alias.account === context.account && alias.region === context.region)
    return { statement: alias.queryStatement, alias: alias.alias, prompt: alias.prompt, ...delivery };
  const widget = widgetAliasResolvers.get(context.state)?.(context.state, context.account, context.region, name);
  if (!widget) throw new InvalidParameterException(`The query alias '${name}' was not found.`);
  const values = input.QueryParameters ?? [];
  if (values.length !== widget.placeholders)
    throw new InvalidParameterException(
      `The query alias '${name}' takes ${String(widget.placeholders)} query parameters; ${String(values.length)} were given.`,
    );
  return { statement: widget.substitute(values), alias: name, dashboardArn: widget.dashboardArn, ...delivery };
}

/** What running a statement on the engine found: the outcome and the statistics (§10.2). */
interface Execution {
  readonly outcome: QueryOutcome;
  readonly eventsScanned: number;
  readonly bytesScanned: number;
  readonly eventsMatched: number;
}

/** DuckDB's binder, catalog and parser errors are about the statement: nothing was read (§10.2). */
function isSemanticError(message: string): boolean {
  return /^(Binder|Catalog|Parser|Not implemented) Error/i.test(message);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const COUNT_ALL = 'SELECT count(*) ';

/**
 * EventsMatched read from a query's own answer, when the query is its EventsMatched count with an
 * alias and the translator's ORDER BY ALL (`SELECT count(*) FROM … WHERE …`, the commonest Lake
 * question): its one row holds the count, and counting again would scan the store a second time.
 * Undefined otherwise.
 */
function countOfMatched(translated: TranslatedQuery, result: LakeRows): number | undefined {
  const [matched, ...others] = translated.matchedSql;
  if (matched === undefined || others.length > 0 || result.columns.length !== 1 || result.rows.length !== 1)
    return undefined;
  const at = matched.indexOf(COUNT_ALL);
  if (at < 0) return undefined;
  const alias = /^AS "(?:[^"]|"")*" /.exec(translated.sql.slice(at + COUNT_ALL.length))?.[0];
  if (
    alias === undefined ||
    translated.sql !== `${matched.slice(0, at)}${COUNT_ALL}${alias}${matched.slice(at + COUNT_ALL.length)} ORDER BY ALL`
  )
    return undefined;
  const text = result.rows[0]?.[0] ?? '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Runs a translated statement over its stores as they are now, or, for a query of the seeded past,
 * as they were at `snapshotAt` (records up to that eventTime).
 */
async function execute(
  state: EmulatorState,
  translated: TranslatedQuery,
  stores: ReadonlyMap<string, StoredEventDataStore>,
  now: number,
  snapshotAt?: number,
): Promise<Execution> {
  const opening = lakeMirror(state);
  if (!opening) throw new UnsupportedOperationException('This emulator was started without a Lake query engine.');
  const mirror = await opening;
  const { database } = mirror;
  const boundTime = async (sql: string) => (await database.number(`SELECT epoch_ms(CAST((${sql}) AS TIMESTAMP))`)) ?? 0;
  let eventsScanned = 0;
  let bytesScanned = 0;
  let eventsMatched = 0;
  try {
    for (const [table, store] of stores) {
      const index = await mirror.sync(state, store, now);
      if (snapshotAt !== undefined) await mirror.snapshotView(table, store, snapshotAt);
      const scan = translated.scans.find((candidate) => candidate.table === table);
      let upper = scan?.upper ? { time: await boundTime(scan.upper.sql), inclusive: scan.upper.inclusive } : undefined;
      if (snapshotAt !== undefined && (upper === undefined || upper.time > snapshotAt))
        upper = { time: snapshotAt, inclusive: true };
      const range: ScanRange = {
        ...(scan?.lower ? { lower: { time: await boundTime(scan.lower.sql), inclusive: scan.lower.inclusive } } : {}),
        ...(upper ? { upper } : {}),
      };
      const scanned = index.scan(range);
      eventsScanned += scanned.events;
      bytesScanned += scanned.bytes;
    }
    if (translated.failure !== undefined)
      return {
        outcome: { kind: 'failed', message: translated.failure, scanned: false },
        eventsScanned,
        bytesScanned,
        eventsMatched,
      };
    const result = await database.run(translated.sql);
    const counted = countOfMatched(translated, result);
    if (counted !== undefined) eventsMatched = counted;
    else for (const sql of translated.matchedSql) eventsMatched += (await database.number(sql)) ?? 0;
    return {
      outcome: { kind: 'finished', columns: result.columns, rows: result.rows },
      eventsScanned,
      bytesScanned,
      eventsMatched,
    };
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const message = errorMessage(error);
    return {
      outcome: { kind: 'failed', message, scanned: !isSemanticError(message) },
      eventsScanned,
      bytesScanned,
      eventsMatched: 0,
    };
  }
}

/**
 * Translates a statement for `context`, resolving each store it reads once (§10.1 rule 3). The
 * translator (a Trino grammar, about 1 MB) is loaded on the first query, as the engine is.
 */
async function translate(
  statement: string,
  context: RequestContext,
  snapshotAt?: number,
): Promise<{ translated: TranslatedQuery; stores: Map<string, StoredEventDataStore> }> {
  const { translateLakeQuery } = await import('./lake-sql/translate');
  const stores = new Map<string, StoredEventDataStore>();
  const resolved = new Map<string, StoredEventDataStore>();
  const translated = translateLakeQuery(statement, {
    now: snapshotAt ?? context.now,
    resolveStore: (reference) => {
      // Resolved once per reference: each store joins the self-record's resources once.
      const store = resolved.get(reference) ?? resolveEventDataStore(context, reference);
      resolved.set(reference, store);
      if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
        throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is pending deletion.`);
      stores.set(lakeTableName(store.id), store);
      return {
        table: snapshotAt === undefined ? lakeTableName(store.id) : snapshotViewName(store.id, snapshotAt),
        kind: lakeKind(store.kind),
      };
    },
  });
  return { translated, stores };
}

function timedQuery(state: EmulatorState, base: Omit<StoredQuery, 'queuedMillis' | 'executionMillis'>): StoredQuery {
  const timing = queryTiming(state);
  const semantic = base.outcome.kind === 'failed' && !base.outcome.scanned;
  return {
    ...base,
    queuedMillis: timing.queuedMillis,
    executionMillis: semantic ? timing.baseMillis : executionMillis(timing, base.bytesScanned),
  };
}

/** A query checked and resolved (§10.1 rules 2-3), ready to run. */
export interface PreparedQuery {
  readonly source: QuerySource;
  readonly translated: TranslatedQuery;
  readonly stores: ReadonlyMap<string, StoredEventDataStore>;
}

/**
 * Checks a statement and resolves its stores for `context` (§10.1 rules 2-3): the part of
 * StartQuery that a dashboard refresh runs for every widget before it starts any (§18.10).
 */
export async function prepareQuery(source: QuerySource, context: RequestContext): Promise<PreparedQuery> {
  if (!context.state.services.lakeEngine)
    throw new UnsupportedOperationException('This emulator was started without a Lake query engine.');
  const { translated, stores } = await translate(source.statement, context);
  return { source, translated, stores };
}

/** Runs a prepared query on the engine and saves it (§10.1 rules 5-6, execution). */
export async function runPreparedQuery(prepared: PreparedQuery, context: RequestContext): Promise<StartQueryResponse> {
  const { state } = context;
  const { source, translated, stores } = prepared;
  const execution = await execute(state, translated, stores, context.now);
  const queryId = context.newResourceId();
  const query = timedQuery(state, {
    queryId,
    account: context.account,
    region: context.region,
    statement: source.statement,
    ...(source.alias === undefined ? {} : { alias: source.alias }),
    ...(source.prompt === undefined ? {} : { prompt: source.prompt }),
    ...(source.dashboardArn === undefined ? {} : { dashboardArn: source.dashboardArn }),
    ...(source.refreshId === undefined ? {} : { refreshId: source.refreshId }),
    storeArns: [...stores.values()].map((store) => store.arn),
    createdAt: context.now,
    ...execution,
    ...(source.deliveryS3Uri === undefined ? {} : { deliveryS3Uri: source.deliveryS3Uri }),
  });
  state.put(QUERIES, queryId, query);
  const owner = [...stores.values()][0]?.account ?? context.account;
  return { QueryId: queryId, EventDataStoreOwnerAccountId: owner };
}

/** Whether any query a dashboard refresh started is still QUEUED or RUNNING (§18.10 rule 5). */
export function dashboardRefreshRunning(context: RequestContext, dashboardArn: string): boolean {
  return queriesIn(context.state, context.account, context.region).some(
    (query) =>
      query.dashboardArn === dashboardArn && query.refreshId !== undefined && isActive(queryStatus(query, context.now)),
  );
}

export async function startQuery(input: StartQueryRequest, context: RequestContext): Promise<StartQueryResponse> {
  const prepared = await prepareQuery(statementOf(input, context), context);
  // Decision (§18.10 rule 7): dashboard queries do not count toward the limit.
  const active = queriesIn(context.state, context.account, context.region).filter(
    (query) => query.dashboardArn === undefined && isActive(queryStatus(query, context.now)),
  );
  if (active.length >= MAX_CONCURRENT_QUERIES)
    throw new MaxConcurrentQueriesException(
      `You already have ${String(MAX_CONCURRENT_QUERIES)} queries running or queued. Wait for one to finish, or cancel one.`,
    );
  return runPreparedQuery(prepared, context);
}

/**
 * A query of the seeded past is run the first time it is read, over its stores as they were when
 * it started, and saved from then on.
 */
async function materialized(context: RequestContext, query: StoredQuery): Promise<StoredQuery> {
  if (query.outcome.kind !== 'deferred') return query;
  const { translated, stores } = await translate(query.statement, context, query.createdAt);
  const execution = await execute(context.state, translated, stores, context.now, query.createdAt);
  const done = timedQuery(context.state, { ...query, ...execution });
  context.state.put(QUERIES, query.queryId, done);
  return done;
}

/**
 * The query a DescribeQuery names: by ID, or the latest started from an alias (§10.4), or the one a
 * dashboard refresh started for a widget alias (§18.10).
 */
function describedQuery(input: DescribeQueryRequest, context: RequestContext): StoredQuery {
  if ((input.QueryId === undefined) === (input.QueryAlias === undefined))
    throw new InvalidParameterException('Specify exactly one of QueryId and QueryAlias.');
  if (input.QueryId !== undefined) {
    if (input.RefreshId !== undefined) throw new InvalidParameterException('RefreshId is used only with QueryAlias.');
    return findQuery(context, input.QueryId);
  }
  const latest = queriesIn(context.state, context.account, context.region)
    .filter(
      (query) =>
        query.alias === input.QueryAlias &&
        (input.RefreshId === undefined || query.refreshId === input.RefreshId) &&
        !isExpired(query, context.now),
    )
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  if (!latest)
    throw new QueryIdNotFoundException(
      input.RefreshId === undefined
        ? `No query was started from the alias '${input.QueryAlias ?? ''}'.`
        : `No query was started from the alias '${input.QueryAlias ?? ''}' by the refresh '${input.RefreshId}'.`,
    );
  return findQuery(context, latest.queryId);
}

function deliveryStatus(query: StoredQuery, now: number): DescribeQueryResponse['DeliveryStatus'] {
  switch (queryStatus(query, now)) {
    case 'FINISHED':
      return 'SUCCESS';
    case 'FAILED':
    case 'TIMED_OUT':
      return 'FAILED';
    case 'CANCELLED':
      return 'CANCELLED';
    default:
      return 'PENDING';
  }
}

export async function describeQuery(
  input: DescribeQueryRequest,
  context: RequestContext,
): Promise<DescribeQueryResponse> {
  const query = await materialized(context, describedQuery(input, context));
  const status = queryStatus(query, context.now);
  return {
    QueryId: query.queryId,
    QueryString: query.statement,
    QueryStatus: status,
    QueryStatistics: describeStatistics(query, context.now),
    ...(status === 'FAILED' && query.outcome.kind === 'failed' ? { ErrorMessage: query.outcome.message } : {}),
    ...(query.deliveryS3Uri === undefined
      ? {}
      : { DeliveryS3Uri: query.deliveryS3Uri, DeliveryStatus: deliveryStatus(query, context.now) }),
    ...(query.prompt === undefined ? {} : { Prompt: query.prompt }),
    EventDataStoreOwnerAccountId: query.account,
  };
}

interface ResultsToken {
  q: string;
  /** Rows already returned. */
  o: number;
}

function isResultsToken(value: unknown): value is ResultsToken {
  if (typeof value !== 'object' || value === null) return false;
  const token = value as Record<string, unknown>;
  return typeof token.q === 'string' && typeof token.o === 'number' && Number.isSafeInteger(token.o) && token.o >= 0;
}

export async function getQueryResults(
  input: GetQueryResultsRequest,
  context: RequestContext,
): Promise<GetQueryResultsResponse> {
  const found = findQuery(context, input.QueryId ?? '');
  checkStoresActive(context, found);
  const query = await materialized(context, found);
  const signer = tokenSigner(context.state.config.seed);
  let offset = 0;
  if (input.NextToken !== undefined) {
    const token = signer.verify(input.NextToken);
    if (!isResultsToken(token) || token.q !== query.queryId)
      throw new InvalidNextTokenException('The NextToken is not valid for this query.');
    offset = token.o;
  }
  const status = queryStatus(query, context.now);
  if (status === 'FAILED' && query.outcome.kind === 'failed')
    return {
      QueryStatus: status,
      QueryStatistics: resultStatistics(query, context.now, 0),
      ErrorMessage: query.outcome.message,
    };
  const rows = status === 'FINISHED' && query.outcome.kind === 'finished' ? query.outcome.rows : [];
  const columns = query.outcome.kind === 'finished' ? query.outcome.columns : [];
  const limit = input.MaxQueryResults ?? DEFAULT_MAX_QUERY_RESULTS;
  const page = rows.slice(offset, offset + limit);
  const next = offset + page.length;
  return {
    QueryStatus: status,
    QueryStatistics: resultStatistics(query, context.now, page.length),
    QueryResultRows: page.map((row) => columns.map((column, index) => ({ [column]: row[index] ?? '' }))),
    ...(next < rows.length ? { NextToken: signer.sign({ q: query.queryId, o: next } satisfies ResultsToken) } : {}),
  };
}

interface ListToken {
  f: string;
  o: number;
}

function isListToken(value: unknown): value is ListToken {
  if (typeof value !== 'object' || value === null) return false;
  const token = value as Record<string, unknown>;
  return typeof token.f === 'string' && typeof token.o === 'number' && Number.isSafeInteger(token.o) && token.o >= 0;
}

export function listQueries(input: ListQueriesRequest, context: RequestContext): ListQueriesResponse {
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
    throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is pending deletion.`);
  const start = input.StartTime?.getTime();
  const end = input.EndTime?.getTime();
  if (start !== undefined && end !== undefined && start > end)
    throw new InvalidDateRangeException('The StartTime must not be after the EndTime.');
  const matching = queriesIn(context.state, context.account, context.region)
    .filter(
      (query) =>
        query.storeArns.includes(store.arn) &&
        !isExpired(query, context.now) &&
        (start === undefined || query.createdAt >= start) &&
        (end === undefined || query.createdAt <= end) &&
        (input.QueryStatus === undefined || queryStatus(query, context.now) === input.QueryStatus),
    )
    .sort((a, b) => b.createdAt - a.createdAt || (a.queryId < b.queryId ? 1 : -1));
  const signer = tokenSigner(context.state.config.seed);
  const bound = fingerprint({ store: store.arn, start, end, status: input.QueryStatus });
  let offset = 0;
  if (input.NextToken !== undefined) {
    const token = signer.verify(input.NextToken);
    if (!isListToken(token) || token.f !== bound) throw new InvalidNextTokenException('The NextToken is not valid.');
    offset = token.o;
  }
  const limit = input.MaxResults ?? DEFAULT_LIST_QUERIES_RESULTS;
  const page = matching.slice(offset, offset + limit);
  const next = offset + page.length;
  return {
    Queries: page.map((query) => ({
      QueryId: query.queryId,
      QueryStatus: queryStatus(query, context.now),
      CreationTime: new Date(query.createdAt),
    })),
    ...(next < matching.length ? { NextToken: signer.sign({ f: bound, o: next } satisfies ListToken) } : {}),
  };
}

export function cancelQuery(input: CancelQueryRequest, context: RequestContext): CancelQueryResponse {
  const query = findQuery(context, input.QueryId ?? '');
  const status = queryStatus(query, context.now);
  if (!isActive(status))
    throw new InactiveQueryException(`The query '${query.queryId}' is ${status} and can no longer be cancelled.`);
  context.state.put(QUERIES, query.queryId, { ...query, cancelledAt: context.now } satisfies StoredQuery);
  return { QueryId: query.queryId, QueryStatus: 'CANCELLED', EventDataStoreOwnerAccountId: query.account };
}
