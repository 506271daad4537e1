import {
  DescribeQueryCommand,
  GetQueryResultsCommand,
  ListEventDataStoresCommand,
  LookupEventsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient, TEST_ANCHOR, testClock } from '../../../mocks/node';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import type { UrlAttributeFilter } from '@/lib/event-history-url';
import { eventHistoryLakeQuery, lakeStoreForEventHistory } from './event-history-lake-query';

const DAY = 86_400_000;
/** Longer than any query runs on the emulator's clock (mocks/emulator/SEMANTICS.md §10.1). */
const PAST_ANY_RUN = 16_000;
const STORE_ID = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';

function store(overrides: Partial<EventDataStoreDetails> = {}): EventDataStoreDetails {
  return {
    EventDataStoreArn: `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${STORE_ID}`,
    Name: 'management-events',
    Status: 'ENABLED',
    AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
    ...overrides,
  };
}

test('writes the view as a statement bounded to its time range, newest first', () => {
  const sql = eventHistoryLakeQuery({
    store: store(),
    region: 'us-east-1',
    filters: [
      { key: 'EventName', value: 'DeleteBucket' },
      { key: 'ReadOnly', value: 'false' },
    ],
    range: { type: 'absolute', startDate: '2025-05-01T00:00:00.500Z', endDate: '2025-06-01T10:30:00.900+02:00' },
    now: new Date(TEST_ANCHOR),
  });
  // LookupEvents reads whole seconds: the start rounds up, the end down.
  expect(sql).toBe(
    [
      'SELECT eventTime, eventName, userIdentity.arn, eventSource, sourceIPAddress, errorCode',
      `FROM ${STORE_ID}`,
      "WHERE eventTime >= '2025-05-01 00:00:01'",
      "  AND eventTime <= '2025-06-01 08:30:00'",
      "  AND awsRegion = 'us-east-1'",
      "  AND eventName = 'DeleteBucket'",
      '  AND readOnly = false',
      'ORDER BY eventTime DESC',
    ].join('\n'),
  );
});

test('bounds a relative range, or no range (90 days), at the moment given', () => {
  const now = new Date(TEST_ANCHOR);
  const week = eventHistoryLakeQuery({
    store: store(),
    region: 'eu-west-1',
    filters: [],
    range: { type: 'relative', amount: 1, unit: 'week' },
    now,
  });
  expect(week).toContain("WHERE eventTime >= '2025-05-26 12:00:00'\n  AND eventTime <= '2025-06-02 12:00:00'");
  expect(week).toContain("awsRegion = 'eu-west-1'");
  const whole = eventHistoryLakeQuery({ store: store(), region: 'us-east-1', filters: [], range: undefined, now });
  expect(whole).toContain("WHERE eventTime >= '2025-03-04 12:00:00'\n  AND eventTime <= '2025-06-02 12:00:00'");
});

test('quotes every value, so none can end its string literal', () => {
  const sql = eventHistoryLakeQuery({
    store: store(),
    region: 'us-east-1',
    filters: [
      { key: 'Username', value: "o'brien' OR '1'='1" },
      { key: 'ResourceName', value: "100%_a\\b'" },
    ],
    range: undefined,
    now: new Date(TEST_ANCHOR),
  });
  expect(sql).toContain("END = 'o''brien'' OR ''1''=''1'");
  // In LIKE patterns, %, _ and \ are escaped to stand for themselves.
  expect(sql).toContain(
    "any_match(resources, r -> coalesce(r.arn, r.arnPrefix) = '100%_a\\b''' OR coalesce(r.arn, r.arnPrefix) LIKE '%/100\\%\\_a\\\\b''' ESCAPE '\\'",
  );
});

test('keeps to management events when the store takes other events too', () => {
  const mixed = store({
    AdvancedEventSelectors: [
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] },
    ],
  });
  const now = new Date(TEST_ANCHOR);
  expect(eventHistoryLakeQuery({ store: mixed, region: 'us-east-1', filters: [], range: undefined, now })).toContain(
    "AND eventCategory = 'Management'",
  );
  expect(
    eventHistoryLakeQuery({ store: store(), region: 'us-east-1', filters: [], range: undefined, now }),
  ).not.toContain('eventCategory');
});

test('queries the first enabled store that takes management events', () => {
  const activity = store({
    Name: 'integrations',
    AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
  });
  const dataOnly = store({
    Name: 'data',
    AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }],
  });
  const stopped = store({ Name: 'stopped', Status: 'STOPPED_INGESTION' });
  const enabled = store({ Name: 'enabled' });
  expect(lakeStoreForEventHistory([activity, dataOnly, stopped, enabled, store()])?.Name).toBe('enabled');
  expect(lakeStoreForEventHistory([activity, dataOnly, stopped])).toBeUndefined();
});

/** Every row of a Lake query run on the test emulator, as `time|name|source|ip`. */
async function lakeRows(sql: string): Promise<string[]> {
  const client = emulatorClient();
  const { QueryId } = await client.send(new StartQueryCommand({ QueryStatement: sql }));
  testClock.advance(PAST_ANY_RUN);
  const described = await client.send(new DescribeQueryCommand({ QueryId }));
  // The whole answer on failure, ErrorMessage included.
  expect(described).toMatchObject({ QueryStatus: 'FINISHED' });
  const rows: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetQueryResultsCommand({ QueryId, NextToken: token }));
    for (const row of page.QueryResultRows ?? []) {
      const [time, name, , source, ip] = row.map((cell) => Object.values(cell)[0] ?? '');
      rows.push([new Date(`${time?.replace(' ', 'T') ?? ''}Z`).toISOString(), name, source, ip].join('|'));
    }
    token = page.NextToken;
  } while (token);
  return rows;
}

/** Every event LookupEvents finds for one attribute in a span, as `time|name|source|ip`. */
async function lookupRows(filter: UrlAttributeFilter, start: number, end: number): Promise<string[]> {
  const rows: string[] = [];
  let token: string | undefined;
  do {
    const page = await emulatorClient().send(
      new LookupEventsCommand({
        StartTime: new Date(start),
        EndTime: new Date(end),
        LookupAttributes: [{ AttributeKey: filter.key, AttributeValue: filter.value }],
        MaxResults: 50,
        NextToken: token,
      }),
    );
    for (const event of page.Events ?? []) {
      const record = JSON.parse(event.CloudTrailEvent ?? '{}') as { sourceIPAddress?: string };
      rows.push(
        [event.EventTime?.toISOString(), event.EventName, event.EventSource, record.sourceIPAddress ?? ''].join('|'),
      );
    }
    token = page.NextToken;
  } while (token);
  return rows;
}

/** What the statement for a filter finds in Lake, and what LookupEvents finds, over 30 days of the store. */
async function bothWays(filter: UrlAttributeFilter): Promise<{ lake: string[]; lookup: string[] }> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const managementEvents = output.EventDataStores?.find((candidate) => candidate.Name === 'management-events');
  // The store holds the last 60 days of the seeded past; the span ends before the test's own calls.
  const end = TEST_ANCHOR;
  const start = end - 30 * DAY;
  const sql = eventHistoryLakeQuery({
    store: store({ EventDataStoreArn: managementEvents?.EventDataStoreArn }),
    region: 'us-east-1',
    filters: [filter],
    range: { type: 'absolute', startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() },
    now: new Date(end),
  });
  const lookup = (await lookupRows(filter, start, end)).sort();
  return { lake: (await lakeRows(sql)).sort(), lookup };
}

test('finds in Lake the events LookupEvents finds for a user name or access key, whatever the identity', async () => {
  for (const filter of [
    { key: 'Username', value: 'dev-jordan' }, // an IAM user
    { key: 'Username', value: 'maria.garcia@example.com' }, // an assumed role's session
    { key: 'Username', value: 'root' }, // the root user, who has no userName
    { key: 'Username', value: 'ec2.amazonaws.com' }, // an AWS service
    { key: 'AccessKeyId', value: 'ASIAEMU0SSOSESSION03' },
  ] as const) {
    const { lake, lookup } = await bothWays(filter);
    expect(lookup.length).toBeGreaterThan(0);
    // The filter is compared too, so that a failure names it.
    expect({ filter, rows: lake }).toEqual({ filter, rows: lookup });
  }
});

test('finds in Lake the events LookupEvents finds for a resource type or name', async () => {
  for (const filter of [
    { key: 'ResourceType', value: 'AWS::S3::Bucket' },
    { key: 'ResourceName', value: 'terraform-admin' }, // the last part of a role's ARN
    { key: 'ResourceName', value: 'acme-test-bucket-jordan' }, // a bucket's name
    { key: 'ResourceName', value: `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${STORE_ID}` },
  ] as const) {
    const { lake, lookup } = await bothWays(filter);
    expect(lookup.length).toBeGreaterThan(0);
    expect({ filter, rows: lake }).toEqual({ filter, rows: lookup });
  }
});
