// LookupEvents through the SDK: order, paging and the window (SEMANTICS.md §7).
import {
  InvalidEventCategoryException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  LookupEventsCommand,
  paginateLookupEvents,
  ThrottlingException,
  type Event,
  type EventCategory,
  type LookupAttributeKey,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, TEST_ANCHOR, TEST_START, testClock } from '../../../node';
import { DAY } from '../../clock';

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

// ---- Lookup attributes (SEMANTICS.md §7: exact, case-sensitive, one at a time) ----

const HISTORY_END = new Date(TEST_ANCHOR);

async function lookup(key: LookupAttributeKey, value: string, client = emulatorClient()) {
  const events: Event[] = [];
  for await (const page of paginateLookupEvents(
    { client },
    { LookupAttributes: [{ AttributeKey: key, AttributeValue: value }], EndTime: HISTORY_END },
  ))
    events.push(...(page.Events ?? []));
  return events;
}

function recordOf(event: Event) {
  return JSON.parse(event.CloudTrailEvent ?? '{}') as {
    eventID: string;
    awsRegion: string;
    errorCode?: string;
    readOnly?: boolean;
    userIdentity: { accessKeyId?: string };
    resources?: { type: string; ARN?: string }[];
  };
}

test.each([
  ['EventName', 'DeleteBucket', (event: Event) => event.EventName === 'DeleteBucket'],
  ['EventSource', 'kms.amazonaws.com', (event: Event) => event.EventSource === 'kms.amazonaws.com'],
  ['Username', 'dev-jordan', (event: Event) => event.Username === 'dev-jordan'],
  ['ReadOnly', 'false', (event: Event) => event.ReadOnly === 'false' && recordOf(event).readOnly === false],
  ['AccessKeyId', 'ASIAEMU0SSOSESSION03', (event: Event) => event.AccessKeyId === 'ASIAEMU0SSOSESSION03'],
  [
    'ResourceType',
    'AWS::S3::Bucket',
    (event: Event) => event.Resources?.some((r) => r.ResourceType === 'AWS::S3::Bucket') === true,
  ],
] as const)('filters by %s', async (key, value, matches) => {
  const events = await lookup(key, value);
  expect(events.length).toBeGreaterThan(0);
  expect(events.every(matches)).toBe(true);
});

test('filters by EventId to exactly that event', async () => {
  const [sample] =
    (await emulatorClient().send(new LookupEventsCommand({ MaxResults: 1, EndTime: HISTORY_END }))).Events ?? [];
  const events = await lookup('EventId', sample?.EventId ?? '');
  expect(events.map((event) => event.EventId)).toEqual([sample?.EventId]);
});

test('filters by ResourceName, matching the projected name or the full ARN of any resource', async () => {
  const byName = await lookup('ResourceName', 'acme-test-bucket-jordan');
  expect(byName.length).toBeGreaterThan(0);
  expect(
    byName.every((event) => event.Resources?.some((resource) => resource.ResourceName === 'acme-test-bucket-jordan')),
  ).toBe(true);
  const byArn = await lookup('ResourceName', 'arn:aws:s3:::acme-test-bucket-jordan');
  expect(byArn.map((event) => event.EventId)).toEqual(
    byName
      .filter((event) => recordOf(event).resources?.some((r) => r.ARN === 'arn:aws:s3:::acme-test-bucket-jordan'))
      .map((event) => event.EventId),
  );
});

test('matches values exactly and case-sensitively', async () => {
  expect(await lookup('EventName', 'deletebucket')).toEqual([]);
  expect(await lookup('Username', 'dev-jord')).toEqual([]);
  expect(await lookup('EventSource', 'kms.amazonaws.com ')).toEqual([]);
});

test('finds who deleted a bucket and when', async () => {
  const deletions = await lookup('EventName', 'DeleteBucket');
  const scratch = deletions.find(
    (event) =>
      event.Resources?.some((resource) => resource.ResourceName === 'acme-test-bucket-jordan') &&
      !recordOf(event).errorCode,
  );
  expect(scratch?.Username).toBe('dev-jordan');
  expect(scratch?.EventTime).toBeInstanceOf(Date);
});

// ---- Errors, in CloudTrail's order ----

test.each([
  ['MaxResults 0', { MaxResults: 0 }, InvalidMaxResultsException],
  ['MaxResults 51', { MaxResults: 51 }, InvalidMaxResultsException],
  [
    'an EventCategory other than insight',
    { EventCategory: 'management' as EventCategory },
    InvalidEventCategoryException,
  ],
  [
    'two lookup attributes',
    {
      LookupAttributes: [
        { AttributeKey: 'EventName' as const, AttributeValue: 'A' },
        { AttributeKey: 'Username' as const, AttributeValue: 'b' },
      ],
    },
    InvalidLookupAttributesException,
  ],
  [
    'an unknown attribute key',
    { LookupAttributes: [{ AttributeKey: 'Region' as LookupAttributeKey, AttributeValue: 'x' }] },
    InvalidLookupAttributesException,
  ],
  [
    'an empty attribute value',
    { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: '' }] },
    InvalidLookupAttributesException,
  ],
  [
    'ReadOnly other than true or false',
    { LookupAttributes: [{ AttributeKey: 'ReadOnly' as const, AttributeValue: 'yes' }] },
    InvalidLookupAttributesException,
  ],
  [
    'a value over 2000 weighted characters',
    { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: '_'.repeat(1001) }] },
    InvalidLookupAttributesException,
  ],
  [
    'an Insights lookup by Username',
    {
      EventCategory: 'insight' as const,
      LookupAttributes: [{ AttributeKey: 'Username' as const, AttributeValue: 'root' }],
    },
    InvalidLookupAttributesException,
  ],
  [
    'StartTime after EndTime',
    { StartTime: new Date(TEST_ANCHOR), EndTime: new Date(TEST_ANCHOR - 1000) },
    InvalidTimeRangeException,
  ],
  ['a malformed NextToken', { NextToken: 'not-a-token' }, InvalidNextTokenException],
  // MaxResults is checked before the attributes.
  [
    'MaxResults before the attributes',
    {
      MaxResults: 51,
      LookupAttributes: [
        { AttributeKey: 'EventName' as const, AttributeValue: 'A' },
        { AttributeKey: 'Username' as const, AttributeValue: 'b' },
      ],
    },
    InvalidMaxResultsException,
  ],
])('rejects %s', async (_label, input, ErrorClass) => {
  await expect(emulatorClient().send(new LookupEventsCommand(input))).rejects.toBeInstanceOf(ErrorClass);
});

test('counts _, space, comma and newline twice toward the 2000-character value limit', async () => {
  const client = emulatorClient();
  const atLimit = { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: '_'.repeat(1000) }] };
  await expect(client.send(new LookupEventsCommand(atLimit))).resolves.toMatchObject({ Events: [] });
  const plain = { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: 'a'.repeat(2000) }] };
  await expect(client.send(new LookupEventsCommand(plain))).resolves.toMatchObject({ Events: [] });
});

test('returns no Insights events: the emulator records none', async () => {
  const { Events, NextToken } = await emulatorClient().send(new LookupEventsCommand({ EventCategory: 'insight' }));
  expect(Events).toEqual([]);
  expect(NextToken).toBeUndefined();
});

// ---- NextToken binding ----

test('rejects a NextToken replayed with a different filter', async () => {
  const client = emulatorClient();
  const first = await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  const replay = new LookupEventsCommand({
    MaxResults: 1,
    NextToken: first.NextToken,
    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateTrail' }],
  });
  await expect(client.send(replay)).rejects.toBeInstanceOf(InvalidNextTokenException);
});

test('rejects a NextToken replayed with another time range, region or account', async () => {
  const client = emulatorClient();
  const first = await client.send(new LookupEventsCommand({ MaxResults: 1, EndTime: HISTORY_END }));
  await expect(
    client.send(new LookupEventsCommand({ MaxResults: 1, NextToken: first.NextToken })),
  ).rejects.toBeInstanceOf(InvalidNextTokenException);
  await expect(
    emulatorClient({ region: 'eu-west-1' }).send(
      new LookupEventsCommand({ MaxResults: 1, EndTime: HISTORY_END, NextToken: first.NextToken }),
    ),
  ).rejects.toBeInstanceOf(InvalidNextTokenException);
  await expect(
    emulatorClient({ accessKeyId: 'ASIAEMU0PARTNER00005' }).send(
      new LookupEventsCommand({ MaxResults: 1, EndTime: HISTORY_END, NextToken: first.NextToken }),
    ),
  ).rejects.toBeInstanceOf(InvalidNextTokenException);
});

test('rejects a tampered NextToken', async () => {
  const client = emulatorClient();
  const first = await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  const token = first.NextToken ?? '';
  const [body = '', signature = ''] = token.split('.');
  const tampered = `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}.${signature}`;
  await expect(client.send(new LookupEventsCommand({ MaxResults: 1, NextToken: tampered }))).rejects.toBeInstanceOf(
    InvalidNextTokenException,
  );
});

test('accepts a different MaxResults with the same NextToken', async () => {
  const client = emulatorClient();
  const first = await client.send(new LookupEventsCommand({ MaxResults: 2, EndTime: HISTORY_END }));
  const next = await client.send(
    new LookupEventsCommand({ MaxResults: 5, EndTime: HISTORY_END, NextToken: first.NextToken }),
  );
  expect(next.Events).toHaveLength(5);
});

test('walks pages exactly while new events arrive: no duplicates, no gaps, no newcomers', async () => {
  const client = emulatorClient();
  const before = await client.send(new LookupEventsCommand({ MaxResults: 50 }));
  const walked: Event[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new LookupEventsCommand({ MaxResults: 10, NextToken: token }));
    walked.push(...(page.Events ?? []));
    // New records arrive between pages: other calls, and the paging calls themselves.
    testClock.advance(1000);
    await client.send(new LookupEventsCommand({ MaxResults: 1, EventCategory: 'insight' }));
    token = walked.length < 60 ? page.NextToken : undefined;
  } while (token);
  // The walk began after `before` was answered, so it starts with that call's record and then
  // continues exactly as `before` did.
  expect(walked[0]?.EventName).toBe('LookupEvents');
  expect(walked.slice(1, 51).map((event) => event.EventId)).toEqual(before.Events?.map((event) => event.EventId));
  expect(new Set(walked.map((event) => event.EventId)).size).toBe(walked.length);
});

// ---- Window, regions ----

test('keeps only the last 90 days, clamping an earlier StartTime', async () => {
  const client = emulatorClient();
  const oldest = async () => {
    const events: Event[] = [];
    for await (const page of paginateLookupEvents(
      { client },
      { StartTime: new Date(TEST_ANCHOR - 200 * DAY), EndTime: HISTORY_END },
    ))
      events.push(...(page.Events ?? []));
    return events.at(-1)?.EventTime?.getTime() ?? 0;
  };
  const first = await oldest();
  expect(first).toBeGreaterThanOrEqual(TEST_START - 90 * DAY);
  testClock.advance(10 * DAY);
  const later = await oldest();
  expect(later).toBeGreaterThanOrEqual(TEST_START + 10 * DAY - 90 * DAY);
  expect(later).toBeGreaterThan(first);
});

test('includes events exactly at StartTime and EndTime', async () => {
  const client = emulatorClient();
  const [sample] = (await client.send(new LookupEventsCommand({ MaxResults: 1, EndTime: HISTORY_END }))).Events ?? [];
  const at = sample?.EventTime ?? new Date(0);
  const { Events } = await client.send(new LookupEventsCommand({ StartTime: at, EndTime: at }));
  expect(Events?.map((event) => event.EventId)).toContain(sample?.EventId);
  expect(Events?.every((event) => event.EventTime?.getTime() === at.getTime())).toBe(true);
});

test('returns nothing for a range wholly outside the window', async () => {
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({
      StartTime: new Date(TEST_ANCHOR - 400 * DAY),
      EndTime: new Date(TEST_ANCHOR - 300 * DAY),
    }),
  );
  expect(Events).toEqual([]);
});

test('shows each region only its own events', async () => {
  for (const region of ['us-west-2', 'eu-central-1']) {
    const { Events } = await emulatorClient({ region }).send(new LookupEventsCommand({ EndTime: HISTORY_END }));
    expect(Events?.length).toBeGreaterThan(0);
    expect(Events?.every((event) => recordOf(event).awsRegion === region)).toBe(true);
  }
});

test('never returns data events in history', async () => {
  const events = await lookup('EventSource', 's3.amazonaws.com');
  expect(
    events.some((event) => ['GetObject', 'PutObject', 'HeadObject', 'DeleteObject'].includes(event.EventName ?? '')),
  ).toBe(false);
  expect(events.length).toBeGreaterThan(0);
});

// ---- Throttling (SEMANTICS.md §7 check 1, §15) ----

test('throttles LookupEvents at 2 requests per second per account and region', async () => {
  await emulator.configure({ throttle: true });
  const client = emulatorClient();
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  await expect(client.send(new LookupEventsCommand({ MaxResults: 1 }))).rejects.toBeInstanceOf(ThrottlingException);
  // Another region has its own budget.
  await expect(
    emulatorClient({ region: 'eu-west-1' }).send(new LookupEventsCommand({ MaxResults: 1 })),
  ).resolves.toBeDefined();
  testClock.advance(500);
  await expect(client.send(new LookupEventsCommand({ MaxResults: 1 }))).resolves.toBeDefined();
  await expect(client.send(new LookupEventsCommand({ MaxResults: 1 }))).rejects.toBeInstanceOf(ThrottlingException);
});

test('records throttled calls too', async () => {
  await emulator.configure({ throttle: true });
  const client = emulatorClient({ accessKeyId: 'AKIATHROTTLEDCALLS01' });
  for (let call = 0; call < 3; call++)
    await client.send(new LookupEventsCommand({ MaxResults: 1 })).catch(() => undefined);
  testClock.advance(1000);
  const { Events } = await client.send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: 'AKIATHROTTLEDCALLS01' }],
    }),
  );
  // The three calls share a second, so their order among themselves is by eventID.
  const errorCodes = Events?.map((event) => String(recordOf(event).errorCode)).sort();
  expect(errorCodes).toEqual(['ThrottlingException', 'undefined', 'undefined']);
});
