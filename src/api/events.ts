import {
  LookupEventsCommand,
  type CloudTrailClient,
  type Event,
  type LookupAttributeKey,
  type LookupEventsCommandInput,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { queryOptions } from '@tanstack/react-query';
import { LOOKUP_EVENTS_PER_SECOND } from '@/lib/cloudtrail-limits';
import { resolveTimeRange, type TimeRange } from '@/lib/time-range';
import {
  walkToPage,
  startCursor,
  type WalkEvent,
  type WalkResult,
  type WalkState,
  type WalkCursor,
} from '@/lib/event-walk';
import { clientFor, trialClientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';

export interface AttributeFilter {
  key: LookupAttributeKey;
  value: string;
}

/** What Event history shows: any number of attribute filters (CloudTrail takes one) and a time range. */
export interface EventFilter {
  attributes: readonly AttributeFilter[];
  range?: TimeRange;
}

/** Milliseconds between two LookupEvents calls to one backend; 0 turns pacing off. */
let lookupIntervalMs = 1000 / LOOKUP_EVENTS_PER_SECOND;

/**
 * Paces LookupEvents to CloudTrail's budget of 2 calls per second per account and Region, so the
 * console rarely meets ThrottlingException; the query client retries with backoff when it does.
 */
class Pacer {
  private next = 0;

  async take(signal?: AbortSignal): Promise<void> {
    if (lookupIntervalMs <= 0) return;
    // A monotonic clock: pacing follows elapsed time, not the wall clock (which may be changed).
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + lookupIntervalMs;
    if (at > now)
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, at - now);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason as Error);
        });
      });
  }
}

const pacers = new Map<BackendId, Pacer>();

function pacerFor(backend: BackendId): Pacer {
  let pacer = pacers.get(backend);
  if (!pacer) {
    pacer = new Pacer();
    pacers.set(backend, pacer);
  }
  return pacer;
}

/**
 * Sets the spacing of LookupEvents calls (default: CloudTrail's 2 calls per second). Component
 * tests turn pacing off with `intervalMs: 0`: their emulator does not throttle, and real-time waits
 * only slow them down.
 */
export function configureLookupPacing({ intervalMs }: { intervalMs: number }): void {
  lookupIntervalMs = intervalMs;
  pacers.clear();
}

// Clients for the regions other than the connection's own, kept per connection object.
const regionalClients = new WeakMap<Connection, Map<string, CloudTrailClient>>();

function regionalClientFor(connection: Connection, region: string): CloudTrailClient {
  if (region === connection.region) return clientFor(connection);
  let clients = regionalClients.get(connection);
  if (!clients) {
    clients = new Map();
    regionalClients.set(connection, clients);
  }
  let client = clients.get(region);
  if (!client) {
    client = trialClientFor({ ...connection, region });
    clients.set(region, client);
  }
  return client;
}

/** Calls LookupEvents, paced to CloudTrail's rate for the backend and region (the connection's, or `region`). */
export async function lookupEvents(
  connection: Connection,
  input: LookupEventsCommandInput,
  signal?: AbortSignal,
  region: string = connection.region,
): Promise<LookupEventsCommandOutput> {
  // The budget is per account and region: each region has its own pacer.
  await pacerFor(backendIdOf({ ...connection, region })).take(signal);
  return regionalClientFor(connection, region).send(new LookupEventsCommand(input), { abortSignal: signal });
}

/**
 * Reads the pages (newest first) of one attribute's events in a window of the connection's region,
 * handing each to `onPage`, until the pages end, `maxCalls` calls are made or `onPage` returns true
 * (it found what it looked for). `from` continues an earlier read at its next page. Returns the calls
 * made and the next page's token, when there is one.
 */
export async function lookupPages(
  connection: Connection,
  request: { filter: AttributeFilter; start: Date; end: Date; maxCalls: number; from?: string },
  onPage: (events: Event[]) => boolean | undefined,
  signal?: AbortSignal,
): Promise<{ calls: number; nextToken?: string }> {
  let calls = 0;
  let token = request.from;
  let done = false;
  do {
    const output = await lookupEvents(
      connection,
      {
        LookupAttributes: [{ AttributeKey: request.filter.key, AttributeValue: request.filter.value }],
        StartTime: request.start,
        EndTime: request.end,
        MaxResults: LOOKUP_PAGE_SIZE,
        NextToken: token,
      },
      signal,
    );
    calls++;
    done = onPage(output.Events ?? []) === true;
    token = output.NextToken;
  } while (!done && token !== undefined && calls < request.maxCalls);
  return token === undefined ? { calls } : { calls, nextToken: token };
}

/**
 * Sources CloudTrail records in us-east-1 whatever the caller's region (global service events). A
 * view over several regions reads them once, from us-east-1.
 */
export const GLOBAL_EVENT_SOURCES: readonly string[] = [
  'iam.amazonaws.com',
  'sts.amazonaws.com',
  'signin.amazonaws.com',
];

/** The region global service events are read from. */
export const GLOBAL_EVENTS_REGION = 'us-east-1';

/** Whether an event comes from a global service. */
export function isGlobalEvent(event: Event): boolean {
  return GLOBAL_EVENT_SOURCES.includes(event.EventSource ?? '');
}

/** Checks that a backend answers, with the smallest LookupEvents call; throws what it answered. */
export async function checkConnection(client: CloudTrailClient): Promise<void> {
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
}

/** The page size the console asks CloudTrail for: its maximum. */
export const LOOKUP_PAGE_SIZE = 50;

// Fewer events carry a rarer attribute: an event ID names one event, a key one principal's calls,
// while ReadOnly splits history in two.
const SELECTIVITY: readonly LookupAttributeKey[] = [
  'EventId',
  'AccessKeyId',
  'ResourceName',
  'Username',
  'EventName',
  'ResourceType',
  'EventSource',
  'ReadOnly',
];

/** The attribute sent to CloudTrail (the most selective); the others are applied to returned pages. */
export function splitAttributes(attributes: readonly AttributeFilter[]): {
  server?: AttributeFilter;
  local: AttributeFilter[];
} {
  const sorted = [...attributes].sort((a, b) => SELECTIVITY.indexOf(a.key) - SELECTIVITY.indexOf(b.key));
  const [server, ...local] = sorted;
  return { server, local };
}

/** Whether an event has an attribute value, as CloudTrail matches it: exactly. */
export function eventMatches(event: Event, filter: AttributeFilter): boolean {
  switch (filter.key) {
    case 'EventId':
      return event.EventId === filter.value;
    case 'EventName':
      return event.EventName === filter.value;
    case 'EventSource':
      return event.EventSource === filter.value;
    case 'ReadOnly':
      return event.ReadOnly === filter.value;
    case 'Username':
      return event.Username === filter.value;
    case 'AccessKeyId':
      return event.AccessKeyId === filter.value;
    case 'ResourceType':
      return event.Resources?.some((resource) => resource.ResourceType === filter.value) ?? false;
    case 'ResourceName':
      return event.Resources?.some((resource) => resource.ResourceName === filter.value) ?? false;
    default:
      return false;
  }
}

/** LookupEvents calls a page may make, per stream, while looking for matches of browser-side filters. */
export const SCAN_CALLS_PER_PAGE = 5;

const HISTORY_MILLISECONDS = 90 * 86_400_000;

/** What one page of Event history needs: the filter, the regions, a fixed window and where to start. */
export interface HistoryPageRequest {
  filter: EventFilter;
  /** Regions read; more than one merges them and reads global services from us-east-1 only. */
  regions: readonly string[];
  /** The window's end for relative ranges (ISO); absent resolves it now, at the first read. */
  asOf?: string;
  page: number;
  size: number;
  /** A known start of page `from.page` (<= page). */
  from?: { page: number; cursor: WalkCursor };
  /** Times "Scan further" was asked for this page. */
  scan: number;
  /**
   * A principal's access keys (from its sessions): the page reads each key's calls in each region
   * (LookupEvents by AccessKeyId) and applies every attribute filter here.
   */
  accessKeyIds?: readonly string[];
}

/** The streams a request merges: one per region, or one per region and access key (`<region>#<key>`). */
export function historyStreams(regions: readonly string[], accessKeyIds?: readonly string[]): string[] {
  return accessKeyIds === undefined
    ? [...regions]
    : regions.flatMap((region) => accessKeyIds.map((key) => `${region}#${key}`));
}

/** The region of a stream. */
export function regionOfStream(stream: string): string {
  return stream.split('#')[0] ?? stream;
}

/** One page of Event history and what reading it covered. */
export interface HistoryPage extends WalkResult {
  /** The instants every call repeats (NextTokens are bound to them). */
  span: { StartTime: Date; EndTime: Date };
  /** The request's budget of LookupEvents calls. */
  budget: number;
}

/** The time window a request reads: a fixed end where there is one, else now. */
export function resolveHistorySpan(range: TimeRange | undefined, asOf: string | undefined, now: Date) {
  const end = asOf ? new Date(asOf) : now;
  const span = resolveTimeRange(range ?? { type: 'relative', amount: 90, unit: 'day' }, end);
  return { StartTime: span.StartTime ?? new Date(end.getTime() - HISTORY_MILLISECONDS), EndTime: span.EndTime ?? end };
}

/** The LookupEvents calls one page may make, per region read, before the result is shown as partial. */
export function historyPageBudget(
  request: Pick<HistoryPageRequest, 'page' | 'from' | 'scan' | 'regions' | 'accessKeyIds'>,
): number {
  const pages = request.page - (request.from?.page ?? 1) + 1 + request.scan;
  return SCAN_CALLS_PER_PAGE * Math.max(1, historyStreams(request.regions, request.accessKeyIds).length) * pages;
}

/** Whether a merged view keeps an event: global service events only from us-east-1. */
function keepInMerge(regions: readonly string[], item: WalkEvent): boolean {
  return regions.length === 1 || regionOfStream(item.region) === GLOBAL_EVENTS_REGION || !isGlobalEvent(item.event);
}

/**
 * Reads one page of Event history: LookupEvents in each region (paced per region) with the most
 * selective attribute, the others applied here, merged newest first. `resume` continues a walk of
 * the same page that stopped at its budget, so "Scan further" does not read the same calls twice.
 */
export async function readHistoryPage(
  connection: Connection,
  request: HistoryPageRequest,
  resume?: HistoryPage,
  signal?: AbortSignal,
): Promise<HistoryPage> {
  const span = resume?.span ?? resolveHistorySpan(request.filter.range, request.asOf, new Date());
  const byKey = request.accessKeyIds !== undefined;
  const { server, local } = byKey
    ? { server: undefined, local: [...request.filter.attributes] }
    : splitAttributes(request.filter.attributes);
  const budget = historyPageBudget(request);
  const result = await walkToPage({
    from: request.from?.cursor ?? startCursor(historyStreams(request.regions, request.accessKeyIds)),
    fromPage: request.from?.page ?? 1,
    page: request.page,
    size: request.size,
    budget,
    accept: (item) => keepInMerge(request.regions, item) && local.every((extra) => eventMatches(item.event, extra)),
    fetch: async (stream, token) => {
      const [region = stream, key] = stream.split('#');
      const attribute = key !== undefined ? { key: 'AccessKeyId' as const, value: key } : server;
      const output = await lookupEvents(
        connection,
        {
          ...span,
          MaxResults: LOOKUP_PAGE_SIZE,
          NextToken: token,
          ...(attribute
            ? { LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }] }
            : {}),
        },
        signal,
        region,
      );
      return { events: output.Events ?? [], ...(output.NextToken ? { nextToken: output.NextToken } : {}) };
    },
    ...(resume?.partial ? { resume: structuredCloneState(resume.state) } : {}),
  });
  // Rows name their region; a stream's access key is not part of it.
  const rows = byKey ? result.rows.map((row) => ({ ...row, region: regionOfStream(row.region) })) : result.rows;
  return { ...result, rows, span, budget };
}

/** Every matching event of a view's window, in every region it reads (for downloads). */
export async function readAllMatches(
  connection: Connection,
  request: Pick<HistoryPageRequest, 'filter' | 'regions' | 'asOf' | 'accessKeyIds'>,
  signal?: AbortSignal,
): Promise<WalkEvent[]> {
  const page = await readHistoryPage(
    connection,
    { ...request, page: 1, size: Number.POSITIVE_INFINITY, scan: Number.POSITIVE_INFINITY },
    undefined,
    signal,
  );
  return page.rows;
}

function structuredCloneState(state: WalkState): WalkState {
  return {
    ...state,
    streams: state.streams.map((stream) => ({
      ...stream,
      position: { ...stream.position },
      ...(stream.buffer ? { buffer: [...stream.buffer] } : {}),
    })),
    rows: [...state.rows],
    known: { ...state.known },
  };
}

export const eventQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'events'] as const,
  /**
   * One page of Event history over one or more regions. `resume` (not part of the key) is the same
   * page's result with one scan less, when it is at hand; without it the page is read from `from`.
   */
  historyPages: (backend: BackendId) => [...eventQueries.all(backend), 'history-page'] as const,
  historyPage: (connection: Connection, request: HistoryPageRequest, resume?: HistoryPage) =>
    // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `resume` only saves calls: with or without it the request's result is the same
    queryOptions({
      queryKey: [...eventQueries.historyPages(backendIdOf(connection)), request],
      queryFn: ({ signal }) => readHistoryPage(connection, request, resume, signal),
      staleTime: Infinity,
    }),
  /** One event by its ID, from the last 90 days. */
  detail: (connection: Connection, eventId: string) =>
    queryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'detail', eventId],
      queryFn: async ({ signal }) => {
        const output = await lookupEvents(
          connection,
          { LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: eventId }], MaxResults: 1 },
          signal,
        );
        return output.Events?.[0] ?? null;
      },
    }),
  /** One event by its ID from a region's history (the connection's when `region` is absent). */
  detailIn: (connection: Connection, region: string | undefined, eventId: string) =>
    queryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'detail-in', region ?? connection.region, eventId],
      queryFn: async ({ signal }) => {
        const output = await lookupEvents(
          connection,
          { LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: eventId }], MaxResults: 1 },
          signal,
          region ?? connection.region,
        );
        return output.Events?.[0] ?? null;
      },
    }),
  /** Up to `limit` events with an attribute value within a span, newest first (one page). */
  related: (connection: Connection, attribute: AttributeFilter, span: { StartTime: Date; EndTime: Date }, limit = 20) =>
    queryOptions({
      queryKey: [
        ...eventQueries.all(backendIdOf(connection)),
        'related',
        attribute,
        span.StartTime.toISOString(),
        span.EndTime.toISOString(),
        limit,
      ],
      queryFn: async ({ signal }) => {
        const output = await lookupEvents(
          connection,
          {
            LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }],
            StartTime: span.StartTime,
            EndTime: span.EndTime,
            MaxResults: limit,
          },
          signal,
        );
        return output.Events ?? [];
      },
    }),
};
