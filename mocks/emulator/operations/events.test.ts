// LookupEvents through the SDK: order, paging and the window (SEMANTICS.md §7).
import { LookupEventsCommand, paginateLookupEvents, type Event } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient, TEST_ANCHOR } from '../../node';

function byNewest(a: Event, b: Event) {
  return (b.EventTime?.getTime() ?? 0) - (a.EventTime?.getTime() ?? 0);
}

test('returns seeded events newest first, 50 by default', async () => {
  const { Events, NextToken } = await emulatorClient().send(new LookupEventsCommand({}));
  expect(Events).toHaveLength(50);
  expect([...(Events ?? [])].sort(byNewest)).toEqual(Events);
  expect(NextToken).toEqual(expect.any(String));
});

test('pages with MaxResults and NextToken without duplicates or gaps', async () => {
  const client = emulatorClient();
  // Ending before the test's own calls, both lists see the same records.
  const EndTime = new Date(TEST_ANCHOR);
  const all = await client.send(new LookupEventsCommand({ MaxResults: 50, EndTime }));
  const walked: Event[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new LookupEventsCommand({ MaxResults: 7, EndTime, NextToken: token }));
    walked.push(...(page.Events ?? []));
    token = walked.length < 50 ? page.NextToken : undefined;
  } while (token);
  expect(walked.slice(0, 50).map((event) => event.EventId)).toEqual(all.Events?.map((event) => event.EventId));
});

test('walks the whole 90-day history with the SDK paginator', async () => {
  const ids = new Set<string>();
  let pages = 0;
  let previous: Event | undefined;
  for await (const page of paginateLookupEvents({ client: emulatorClient() }, {})) {
    pages++;
    for (const event of page.Events ?? []) {
      expect(ids.has(event.EventId ?? '')).toBe(false);
      ids.add(event.EventId ?? '');
      expect(previous?.EventTime?.getTime() ?? Infinity).toBeGreaterThanOrEqual(event.EventTime?.getTime() ?? 0);
      previous = event;
    }
  }
  expect(pages).toBeGreaterThan(20);
  expect(ids.size).toBeGreaterThan(1000);
});

test('projects each record as CloudTrail does', async () => {
  const { Events } = await emulatorClient().send(new LookupEventsCommand({ MaxResults: 50 }));
  for (const event of Events ?? []) {
    const record = JSON.parse(event.CloudTrailEvent ?? '{}') as {
      eventID: string;
      eventName: string;
      eventSource: string;
      eventTime: string;
      eventCategory: string;
      readOnly?: boolean;
    };
    expect(event.EventId).toBe(record.eventID);
    expect(event.EventName).toBe(record.eventName);
    expect(event.EventSource).toBe(record.eventSource);
    expect(event.EventTime?.toISOString().replace('.000Z', 'Z')).toBe(record.eventTime);
    expect(record.eventCategory).toBe('Management');
    expect(event.ReadOnly).toBe(record.readOnly === undefined ? undefined : String(record.readOnly));
    expect(Array.isArray(event.Resources)).toBe(true);
  }
});
