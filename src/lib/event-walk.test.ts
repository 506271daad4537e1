import type { Event } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  startCursor,
  walkToPage,
  type FetchEvents,
  type WalkEvent,
  type WalkRequest,
} from './event-walk';

/** A region's history, newest first, served `pageSize` events a call with a NextToken of the offset. */
function history(events: Record<string, Event[]>, pageSize = 3) {
  const calls: string[] = [];
  const fetch: FetchEvents = (region, token) => {
    calls.push(`${region}@${token ?? '0'}`);
    const all = events[region] ?? [];
    const offset = Number(token ?? 0);
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? String(offset + pageSize) : undefined;
    return Promise.resolve({ events: page, ...(next ? { nextToken: next } : {}) });
  };
  return { fetch, calls };
}

/** Events at minutes (newest first) named `<prefix><minute>`. */
function eventsAt(prefix: string, minutes: number[], extra: Partial<Event> = {}): Event[] {
  return minutes.map((minute) => ({
    EventId: `${prefix}${String(minute).padStart(3, '0')}`,
    EventName: `${prefix}${String(minute)}`,
    EventTime: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    ...extra,
  }));
}

const all = () => true;
const names = (rows: readonly WalkEvent[]) => rows.map((row) => row.event.EventName);

function request(overrides: Partial<WalkRequest> & Pick<WalkRequest, 'fetch'>): WalkRequest {
  return {
    from: startCursor(['us-east-1']),
    fromPage: 1,
    page: 1,
    size: 2,
    budget: 100,
    accept: all,
    ...overrides,
  };
}

test('merges regions into one newest-first timeline', async () => {
  const { fetch } = history({
    'us-east-1': eventsAt('use', [50, 40, 20, 10]),
    'eu-west-1': eventsAt('euw', [45, 30, 15]),
  });
  const result = await walkToPage(request({ fetch, from: startCursor(['us-east-1', 'eu-west-1']), size: 10 }));
  expect(names(result.rows)).toEqual(['use50', 'euw45', 'use40', 'euw30', 'use20', 'euw15', 'use10']);
  expect(result.rows.map((row) => row.region)).toEqual([
    'us-east-1',
    'eu-west-1',
    'us-east-1',
    'eu-west-1',
    'us-east-1',
    'eu-west-1',
    'us-east-1',
  ]);
  expect(result.complete).toBe(true);
});

test('a page opened from its cursor shows the same rows as when walked to, without reading earlier calls', async () => {
  const regions = {
    'us-east-1': eventsAt('use', [59, 57, 55, 53, 51, 49, 47, 45]),
    'eu-west-1': eventsAt('euw', [58, 54, 50, 46]),
  };
  const first = history(regions);
  const walked = await walkToPage(
    request({ fetch: first.fetch, from: startCursor(['us-east-1', 'eu-west-1']), page: 3, size: 3 }),
  );
  const cursor = walked.known[3];
  expect(cursor).toBeDefined();
  const reopened = history(regions);
  const restored = await walkToPage(
    request({
      fetch: reopened.fetch,
      from: decodeCursor(encodeCursor(cursor ?? startCursor([]))) ?? startCursor([]),
      fromPage: 3,
      page: 3,
      size: 3,
    }),
  );
  expect(names(restored.rows)).toEqual(names(walked.rows));
  expect(restored.matched).toBe(walked.matched);
  // Only the calls holding page 3 are repeated.
  expect(reopened.calls.length).toBeLessThan(first.calls.length);
  expect(reopened.calls).not.toContain('us-east-1@0');
});

test('applies the browser-side filter and stops at the budget with a partial page', async () => {
  const { fetch } = history({ 'us-east-1': eventsAt('e', [60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50]) }, 2);
  const odd = (item: WalkEvent) => (item.event.EventTime?.getUTCMinutes() ?? 0) % 5 === 0;
  const partial = await walkToPage(request({ fetch, accept: odd, size: 3, budget: 2 }));
  expect(partial.partial).toBe(true);
  expect(names(partial.rows)).toEqual(['e60']);
  const resumed = await walkToPage(request({ fetch, accept: odd, size: 3, budget: 4, resume: partial.state }));
  const fresh = await walkToPage(request({ fetch, accept: odd, size: 3, budget: 4 }));
  expect(names(resumed.rows)).toEqual(names(fresh.rows));
  expect(resumed.at).toEqual(fresh.at);
});

test('pages never repeat or skip an event', async () => {
  const { fetch } = history({
    'us-east-1': eventsAt('use', [30, 28, 26, 24, 22, 20]),
    'ap-south-1': eventsAt('aps', [29, 27, 25]),
  });
  const seen: (string | undefined)[] = [];
  let from = startCursor(['us-east-1', 'ap-south-1']);
  for (let page = 1; page <= 5; page++) {
    const result = await walkToPage(request({ fetch, from, fromPage: page, page, size: 2 }));
    seen.push(...names(result.rows));
    const next = result.known[page + 1];
    if (!next) break;
    from = next;
  }
  expect(seen).toEqual(['use30', 'aps29', 'use28', 'aps27', 'use26', 'aps25', 'use24', 'use22', 'use20']);
});

test('rejects a crafted cursor', () => {
  expect(decodeCursor('not a cursor')).toBeUndefined();
  expect(decodeCursor(btoa(JSON.stringify({ m: -1, r: {} })))).toBeUndefined();
  expect(decodeCursor(btoa(JSON.stringify({ m: 1, r: { '<script>': ['', 0, 0, 0, 0, 0] } })))).toBeUndefined();
  const cursor = {
    matched: 4,
    regions: { 'eu-west-1': { token: 'a.b', skip: 1, consumed: 5, calls: 2, done: false } },
  };
  expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
});
