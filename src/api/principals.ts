// Principal stitching through LookupEvents: finding the STS event that issued an access key, and
// the other way round, the sessions (and so the access keys) a person or role opened in a time
// range. Every call goes through lookupEvents, paced to 2 a second per region.
import type { Event } from '@aws-sdk/client-cloudtrail';
import { queryOptions } from '@tanstack/react-query';
import {
  ISSUING_EVENT_NAMES,
  issuedAccessKeyOf,
  resolvePrincipalChain,
  sessionsIssuedTo,
  type IssuedSession,
  type IssuerFinder,
  type IssuerLookup,
  type IssuerSearch,
  type IssuingEventName,
  type PrincipalChain,
} from '@/lib/principal-chain';
import { backendIdOf, type Connection } from './connection';
import { eventQueries, lookupPages } from './events';

/** STS logs calls to its global endpoint in us-east-1, and regional-endpoint calls in their region. */
export const GLOBAL_STS_REGION = 'us-east-1';

/** LookupEvents pages one search for an issuing event reads at most (one event name, one region). */
export const ISSUER_SEARCH_CALLS = 6;

/** LookupEvents pages a search for a principal's sessions reads at most, over all event names and regions. */
export const SESSION_SEARCH_CALLS = 24;

/** How far before a range a session still in use may have been issued (STS's 12-hour maximum). */
const SESSION_LEAD_MS = 12 * 3_600_000;

function regionsFor(connection: Connection, region: string | undefined): string[] {
  return [...new Set([region ?? connection.region, GLOBAL_STS_REGION])];
}

interface ScanResult {
  search: Omit<IssuerSearch, 'accessKeyId' | 'found'>;
  events: Event[];
  match?: Event;
}

/** Reads `eventName` events in a window of one region, page by page, until `match` finds one or the budget ends. */
async function scanEventName(
  connection: Connection,
  eventName: IssuingEventName,
  region: string,
  window: { start: Date; end: Date },
  maxCalls: number,
  match: (event: Event) => boolean,
  signal?: AbortSignal,
): Promise<ScanResult> {
  const events: Event[] = [];
  let found: Event | undefined;
  const { calls, nextToken } = await lookupPages(
    { ...connection, region },
    { filter: { key: 'EventName', value: eventName }, start: window.start, end: window.end, maxCalls },
    (page) => {
      events.push(...page);
      found = page.find(match);
      return found !== undefined;
    },
    signal,
  );
  return {
    search: {
      eventName,
      region,
      start: window.start,
      end: window.end,
      calls,
      scanned: events.length,
      complete: nextToken === undefined || found !== undefined,
    },
    events,
    ...(found === undefined ? {} : { match: found }),
  };
}

/**
 * The event that issued an access key: LookupEvents by each issuing event name within the window,
 * in the call's region and in us-east-1, matching responseElements.credentials.accessKeyId.
 */
export async function findIssuingEvent(
  connection: Connection,
  request: Parameters<IssuerFinder>[0],
  signal?: AbortSignal,
): Promise<IssuerLookup> {
  const searches: IssuerSearch[] = [];
  for (const region of regionsFor(connection, request.region)) {
    for (const eventName of request.eventNames) {
      const result = await scanEventName(
        connection,
        eventName,
        region,
        request,
        ISSUER_SEARCH_CALLS,
        (event) => issuedAccessKeyOf(event) === request.accessKeyId,
        signal,
      );
      searches.push({ ...result.search, accessKeyId: request.accessKeyId, found: result.match !== undefined });
      if (result.match !== undefined) return { event: result.match, searches };
    }
  }
  return { searches };
}

/** Follows an event's identity back to the person or workload behind it (see resolvePrincipalChain). */
export function lookupPrincipalChain(
  connection: Connection,
  event: Event,
  signal?: AbortSignal,
): Promise<PrincipalChain> {
  return resolvePrincipalChain(event, (request) => findIssuingEvent(connection, request, signal));
}

/** The sessions a principal opened in a range, the access keys they and the principal used, and what was read. */
export interface PrincipalSessions {
  sessions: IssuedSession[];
  /** Every key to filter the principal's calls by: its own (seen calling STS) and its sessions'. */
  accessKeyIds: string[];
  searches: Omit<IssuerSearch, 'accessKeyId' | 'found'>[];
  /** Every search read its whole window. */
  complete: boolean;
}

/**
 * The sessions a person (user name, email, session name) or role (name or ARN) opened, chains
 * included, whose keys may act between `start` and `end`: issuing events are read from 12 hours
 * before `start` (a session lives at most that long) in the connection's region and us-east-1, up
 * to `maxCalls` LookupEvents pages in all.
 */
export async function findPrincipalSessions(
  connection: Connection,
  principal: string,
  range: { start: Date; end: Date },
  options: { signal?: AbortSignal; maxCalls?: number; regions?: readonly string[] } = {},
): Promise<PrincipalSessions> {
  const window = { start: new Date(range.start.getTime() - SESSION_LEAD_MS), end: range.end };
  const regions = options.regions ?? regionsFor(connection, undefined);
  const searches: PrincipalSessions['searches'] = [];
  const events: Event[] = [];
  let budget = options.maxCalls ?? SESSION_SEARCH_CALLS;
  const pairs = regions.flatMap((region) => ISSUING_EVENT_NAMES.map((eventName) => ({ region, eventName })));
  for (const [index, pair] of pairs.entries()) {
    if (budget <= 0) break;
    // Share what is left evenly among the searches still to run.
    const share = Math.max(1, Math.floor(budget / (pairs.length - index)));
    const result = await scanEventName(
      connection,
      pair.eventName,
      pair.region,
      window,
      share,
      () => false,
      options.signal,
    );
    budget -= result.search.calls;
    searches.push(result.search);
    events.push(...result.events);
  }
  const { sessions, ownKeys } = sessionsIssuedTo(events, principal);
  return {
    sessions,
    accessKeyIds: [...new Set([...ownKeys, ...sessions.map((session) => session.accessKeyId)])],
    searches,
    complete: searches.length === pairs.length && searches.every((search) => search.complete),
  };
}

export const principalQueries = {
  /** The principal chain of one event. */
  chain: (connection: Connection, event: Event) =>
    queryOptions({
      // The event itself is the input (its record is what is followed); its ID alone would not do for a hand-built one.
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'principal-chain', event],
      queryFn: ({ signal }) => lookupPrincipalChain(connection, event, signal),
      staleTime: Infinity,
    }),
  /** A principal's sessions and access keys in a range. */
  sessions: (connection: Connection, principal: string, range: { start: Date; end: Date }) =>
    queryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'principal-sessions', principal, range],
      queryFn: ({ signal }) => findPrincipalSessions(connection, principal, range, { signal }),
    }),
};
