import {
  LookupEventsCommand,
  type CloudTrailClient,
  type Event,
  type LookupAttributeKey,
  type LookupEventsCommandInput,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { LOOKUP_EVENTS_PER_SECOND } from '@/lib/cloudtrail-limits';
import { resolveTimeRange, type TimeRange, type TimeSpan } from '@/lib/time-range';
import { clientFor } from './cloudtrail-client';
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

/** Calls LookupEvents, paced to CloudTrail's rate for the backend. */
export async function lookupEvents(
  connection: Connection,
  input: LookupEventsCommandInput,
  signal?: AbortSignal,
): Promise<LookupEventsCommandOutput> {
  await pacerFor(backendIdOf(connection)).take(signal);
  return clientFor(connection).send(new LookupEventsCommand(input), { abortSignal: signal });
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

/** A stretch of history read for a filter: one or more LookupEvents pages, and what matched. */
export interface EventPage {
  /** Events CloudTrail returned. */
  scanned: Event[];
  /** Those that match every filter. */
  matched: Event[];
  /** LookupEvents calls this stretch took. */
  calls: number;
  NextToken?: string;
  /** The instants resolved at the first page; later pages must repeat them (NextToken is bound to them). */
  span: TimeSpan;
  /** The time range in epoch milliseconds, for saying how much of it has been read. */
  window: { start: number; end: number };
}

type PageParam = { token: string; span: TimeSpan; window: EventPage['window'] } | undefined;

/** LookupEvents calls one stretch may make while looking for matches of browser-side filters. */
export const SCAN_CALLS_PER_PAGE = 5;

const HISTORY_MILLISECONDS = 90 * 86_400_000;

/**
 * Reads the next stretch of history for a filter. With one attribute that is one LookupEvents page;
 * with more, CloudTrail gets the most selective and the others are applied here, reading on (up to
 * SCAN_CALLS_PER_PAGE calls) until a page's worth matches.
 */
export async function lookupEventPage(
  connection: Connection,
  filter: EventFilter,
  pageParam: PageParam,
  signal?: AbortSignal,
): Promise<EventPage> {
  const now = new Date();
  // CloudTrail rejects a NextToken sent with different parameters (InvalidNextTokenException), so
  // later pages reuse page one's resolved times.
  const span = pageParam?.span ?? resolveTimeRange(filter.range, now);
  const window = pageParam?.window ?? {
    start: span.StartTime?.getTime() ?? now.getTime() - HISTORY_MILLISECONDS,
    end: span.EndTime?.getTime() ?? now.getTime(),
  };
  const { server, local } = splitAttributes(filter.attributes);
  const page: EventPage = { scanned: [], matched: [], calls: 0, span, window };
  let token = pageParam?.token;
  do {
    const output = await lookupEvents(
      connection,
      {
        ...span,
        MaxResults: LOOKUP_PAGE_SIZE,
        NextToken: token,
        ...(server ? { LookupAttributes: [{ AttributeKey: server.key, AttributeValue: server.value }] } : {}),
      },
      signal,
    );
    const events = output.Events ?? [];
    page.calls++;
    page.scanned.push(...events);
    page.matched.push(...events.filter((event) => local.every((extra) => eventMatches(event, extra))));
    token = output.NextToken;
  } while (token && page.matched.length < LOOKUP_PAGE_SIZE && page.calls < SCAN_CALLS_PER_PAGE);
  return { ...page, ...(token ? { NextToken: token } : {}) };
}

export const eventQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'events'] as const,
  /** Event history for a filter, one LookupEvents page per query page, newest first. */
  lookup: (connection: Connection, filter: EventFilter) =>
    infiniteQueryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'lookup', filter],
      queryFn: ({ pageParam, signal }) => lookupEventPage(connection, filter, pageParam, signal),
      initialPageParam: undefined as PageParam,
      getNextPageParam: (last): PageParam =>
        last.NextToken ? { token: last.NextToken, span: last.span, window: last.window } : undefined,
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
