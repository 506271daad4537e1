// Event history as one newest-first walk over one or more regions' LookupEvents pages. The walk is
// a pure state machine: the caller supplies the fetch (paced per region in src/api) and the filter
// applied in the browser. A position in the walk (a cursor) is small enough for a URL, so a link
// reopens a page where it starts instead of reading history again from the newest event.
import type { Event } from '@aws-sdk/client-cloudtrail';

/** Where one region's stream stands: the LookupEvents call to repeat and how many of its events were taken. */
export interface RegionPosition {
  /** NextToken of the call being consumed; undefined for the first call. */
  token?: string;
  /** Events of that call already taken. */
  skip: number;
  /** Events taken from this region since the start of the walk. */
  consumed: number;
  /** LookupEvents calls whose events were entered since the start of the walk. */
  calls: number;
  /** The region has nothing more in the time range. */
  done: boolean;
  /** EventTime (epoch ms) of the last event taken, if any. */
  oldest?: number;
}

/** A position in the walk, with how many events matched before it. */
export interface WalkCursor {
  matched: number;
  regions: Record<string, RegionPosition>;
}

export interface WalkEvent {
  event: Event;
  /** The region whose history returned the event. */
  region: string;
}

export type FetchEvents = (
  region: string,
  token: string | undefined,
) => Promise<{ events: Event[]; nextToken?: string }>;

/** The start of a walk over regions. */
export function startCursor(regions: readonly string[]): WalkCursor {
  return {
    matched: 0,
    regions: Object.fromEntries(regions.map((region) => [region, { skip: 0, consumed: 0, calls: 0, done: false }])),
  };
}

interface Stream {
  region: string;
  position: RegionPosition;
  /** Events of the current call not taken yet; undefined until the call is (re)made. */
  buffer?: Event[];
  next?: string;
}

/** The walker's whole state, kept in memory so a partial read can continue exactly where it stopped. */
export interface WalkState {
  streams: Stream[];
  matched: number;
  /** LookupEvents calls made by this walk (budgeted). */
  used: number;
  rows: WalkEvent[];
  known: Record<number, WalkCursor>;
}

export interface WalkRequest {
  /** Where to start, and which page that position begins. */
  from: WalkCursor;
  fromPage: number;
  /** The page wanted (>= fromPage) and the page size. */
  page: number;
  size: number;
  /** LookupEvents calls the walk may make in all before it stops with a partial result. */
  budget: number;
  accept: (item: WalkEvent) => boolean;
  fetch: FetchEvents;
  /** The state of an earlier walk of the same request that stopped at its budget. */
  resume?: WalkState;
}

export interface WalkResult {
  /** The matching events of the page wanted, newest first. */
  rows: WalkEvent[];
  /** Page start positions passed on the way, by page number (the next page's when the page is full). */
  known: Record<number, WalkCursor>;
  /** Where the walk stands now. */
  at: WalkCursor;
  /** Events matched before the walk's position. */
  matched: number;
  /** Every region's history was read to its end. */
  complete: boolean;
  /** The budget ran out before the page was full; `state` continues it. */
  partial: boolean;
  state: WalkState;
  /** LookupEvents calls made in all by this walk. */
  used: number;
}

function snapshot(streams: readonly Stream[], matched: number): WalkCursor {
  return {
    matched,
    regions: Object.fromEntries(streams.map((stream) => [stream.region, { ...stream.position }])),
  };
}

/** Newest first; events of one second in descending event ID, then by region, so the merge is stable. */
function newer(a: WalkEvent, b: WalkEvent): boolean {
  const at = a.event.EventTime?.getTime() ?? 0;
  const bt = b.event.EventTime?.getTime() ?? 0;
  if (at !== bt) return at > bt;
  const ai = a.event.EventId ?? '';
  const bi = b.event.EventId ?? '';
  if (ai !== bi) return ai > bi;
  return a.region < b.region;
}

/** After the current call is used up, move to the next call or finish the region. */
function settle(stream: Stream): void {
  if (stream.buffer?.length !== 0) return;
  if (stream.next) stream.position = { ...stream.position, token: stream.next, skip: 0 };
  else stream.position = { ...stream.position, done: true };
  stream.buffer = undefined;
  stream.next = undefined;
}

/**
 * Walks forward from a cursor, merging regions newest first, until the page wanted is full, every
 * region is read, or the budget of calls is spent. The same request always gives the same result.
 */
export async function walkToPage(request: WalkRequest): Promise<WalkResult> {
  const { fromPage, page, size, budget, accept, fetch } = request;
  const state: WalkState = request.resume ?? {
    streams: Object.entries(request.from.regions).map(([region, position]) => ({ region, position: { ...position } })),
    matched: request.from.matched,
    used: 0,
    rows: [],
    known: { [fromPage]: request.from },
  };
  const baseMatched = request.from.matched - (fromPage - 1) * size;
  const pageOf = (matched: number) => Math.floor((matched - baseMatched) / size) + 1;
  const finish = (partial: boolean): WalkResult => {
    const at = snapshot(state.streams, state.matched);
    return {
      rows: state.rows,
      known: state.known,
      at,
      matched: state.matched,
      complete: state.streams.every((stream) => stream.position.done),
      partial,
      state,
      used: state.used,
    };
  };
  for (;;) {
    const needing = state.streams.filter((stream) => !stream.position.done && stream.buffer === undefined);
    if (needing.length > 0) {
      if (state.used >= budget) return finish(true);
      state.used += needing.length;
      const answers = await Promise.all(needing.map((stream) => fetch(stream.region, stream.position.token)));
      needing.forEach((stream, index) => {
        const answer = answers[index] ?? { events: [] };
        // A call whose events were partly taken was counted when it was first entered.
        if (stream.position.skip === 0) stream.position = { ...stream.position, calls: stream.position.calls + 1 };
        stream.buffer = answer.events.slice(stream.position.skip);
        stream.next = answer.nextToken;
        settle(stream);
      });
      continue;
    }
    let best: Stream | undefined;
    let bestItem: WalkEvent | undefined;
    for (const stream of state.streams) {
      const head = stream.buffer?.[0];
      if (!head) continue;
      const item = { event: head, region: stream.region };
      if (!bestItem || newer(item, bestItem)) {
        best = stream;
        bestItem = item;
      }
    }
    if (!best || !bestItem) return finish(false);
    best.buffer?.shift();
    best.position = {
      ...best.position,
      skip: best.position.skip + 1,
      consumed: best.position.consumed + 1,
      oldest: bestItem.event.EventTime?.getTime() ?? best.position.oldest,
    };
    settle(best);
    if (!accept(bestItem)) continue;
    if (pageOf(state.matched) === page) state.rows.push(bestItem);
    state.matched++;
    if ((state.matched - baseMatched) % size === 0) {
      const nextPage = pageOf(state.matched);
      const done = state.streams.every((stream) => stream.position.done);
      if (!done) state.known[nextPage] = snapshot(state.streams, state.matched);
      if (nextPage > page) return finish(false);
    }
  }
}

/** The events a cursor has read in each region, and whether each region is finished. */
export function coverageOf(
  cursor: WalkCursor,
): { region: string; read: number; calls: number; done: boolean; oldest?: number }[] {
  return Object.entries(cursor.regions).map(([region, position]) => ({
    region,
    read: position.consumed,
    calls: position.calls,
    done: position.done,
    ...(position.oldest === undefined ? {} : { oldest: position.oldest }),
  }));
}

// A cursor in a URL: base64url of compact JSON. Parsing checks every field, so a crafted value is
// rejected rather than trusted.
type CompactPosition = [token: string, skip: number, consumed: number, calls: number, done: 0 | 1, oldest: number];

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** A cursor as URL-safe text. */
export function encodeCursor(cursor: WalkCursor): string {
  const regions = Object.fromEntries(
    Object.entries(cursor.regions).map(([region, position]): [string, CompactPosition] => [
      region,
      [
        position.token ?? '',
        position.skip,
        position.consumed,
        position.calls,
        position.done ? 1 : 0,
        position.oldest ?? 0,
      ],
    ]),
  );
  return toBase64Url(JSON.stringify({ m: cursor.matched, r: regions }));
}

const count = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The cursor a text stands for, or undefined when it is not one. */
export function decodeCursor(text: string): WalkCursor | undefined {
  const json = fromBase64Url(text);
  if (json === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { m, r } = raw as { m?: unknown; r?: unknown };
  if (!count(m) || typeof r !== 'object' || r === null) return undefined;
  const regions: Record<string, RegionPosition> = {};
  for (const [region, value] of Object.entries(r)) {
    // A stream is a region, or a region and an access key (`us-east-1#ASIA...`).
    if (!/^[a-z]{2}(-[a-z]+)+-\d(#[A-Z0-9]{16,128})?$/.test(region) || !Array.isArray(value) || value.length !== 6)
      return undefined;
    const [token, skip, consumed, calls, done, oldest] = value as unknown[];
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    if (!count(skip) || !count(consumed) || !count(calls) || !count(oldest) || (done !== 0 && done !== 1))
      return undefined;
    regions[region] = {
      ...(token === '' ? {} : { token }),
      skip,
      consumed,
      calls,
      done: done === 1,
      ...(oldest === 0 ? {} : { oldest }),
    };
  }
  if (Object.keys(regions).length === 0) return undefined;
  return { matched: m, regions };
}
