// Lake queries through the SDK (SEMANTICS.md §10, §11): StartQuery's checks, the lifecycle on the
// clock, statistics against values computed here from the stores' records, the result format,
// paging, the concurrency limit, cancel, aliases, ListQueries, retention, and the events a
// channel ingests.
import {
  CancelQueryCommand,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  DescribeQueryCommand,
  EventDataStoreARNInvalidException,
  EventDataStoreNotFoundException,
  GenerateQueryCommand,
  GetQueryResultsCommand,
  InactiveEventDataStoreException,
  InactiveQueryException,
  InvalidDateRangeException,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidQueryStatementException,
  ListQueriesCommand,
  MaxConcurrentQueriesException,
  QueryIdNotFoundException,
  StartQueryCommand,
  UpdateEventDataStoreCommand,
  type GetQueryResultsResponse,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, resetTestEmulator, TEST_START, testClock } from '../../../node';
import { DAY, SECOND } from '../../clock';
import { ADMIN_ACCESS_KEY } from '../../identities';
import type { EventEntry } from '../../records';
import { recordBytes, retainedRecords } from '../event-data-stores/event-data-store';

const ACCOUNT = '123456789012';
const MANAGEMENT_EVENTS = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const MANAGEMENT_EVENTS_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/${MANAGEMENT_EVENTS}`;
const INTEGRATIONS_AUDIT = 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';
const PAYMENTS_CHANNEL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57`;

const client = () => emulatorClient();
const start = (QueryStatement: string) => client().send(new StartQueryCommand({ QueryStatement }));
const describe = (QueryId: string) => client().send(new DescribeQueryCommand({ QueryId }));
const results = (QueryId: string, extra: { NextToken?: string; MaxQueryResults?: number } = {}) =>
  client().send(new GetQueryResultsCommand({ QueryId, ...extra }));

/** Starts a query and moves the clock past its run; returns its ID. */
async function run(statement: string): Promise<string> {
  const { QueryId = '' } = await start(statement);
  testClock.advance(16 * SECOND);
  return QueryId;
}

/** Every row of a finished query, as arrays of [key, value] pairs, following NextToken. */
async function allRows(queryId: string, pageSize?: number): Promise<[string, string][][]> {
  const rows: [string, string][][] = [];
  let NextToken: string | undefined;
  do {
    const page: GetQueryResultsResponse = await results(queryId, {
      ...(NextToken === undefined ? {} : { NextToken }),
      ...(pageSize === undefined ? {} : { MaxQueryResults: pageSize }),
    });
    expect(page.QueryStatus).toBe('FINISHED');
    for (const row of page.QueryResultRows ?? [])
      rows.push(row.map((column): [string, string] => Object.entries(column)[0] ?? ['', '']));
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return rows;
}

function managementRecords(): EventEntry[] {
  return retainedRecords(emulator.state, MANAGEMENT_EVENTS, testClock.now());
}

test('a query queues, runs and finishes on the clock, with the rows DuckDB computed', async () => {
  const snapshot = managementRecords();
  const { QueryId = '', EventDataStoreOwnerAccountId } = await start(
    `SELECT eventName, count(*) AS calls FROM ${MANAGEMENT_EVENTS} GROUP BY eventName ORDER BY calls DESC, eventName`,
  );
  expect(QueryId).toMatch(/^[a-f0-9-]{36}$/);
  expect(EventDataStoreOwnerAccountId).toBe(ACCOUNT);
  expect((await describe(QueryId)).QueryStatus).toBe('QUEUED');
  expect((await results(QueryId)).QueryResultRows).toEqual([]);
  testClock.advance(300);
  const running = await describe(QueryId);
  expect(running.QueryStatus).toBe('RUNNING');
  expect(running.QueryString).toContain('GROUP BY eventName');
  testClock.advance(15 * SECOND);
  expect((await describe(QueryId)).QueryStatus).toBe('FINISHED');

  const counts = new Map<string, number>();
  for (const entry of snapshot) counts.set(entry.eventName, (counts.get(entry.eventName) ?? 0) + 1);
  const expected = [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, calls]) => [
      ['eventName', name],
      ['calls', String(calls)],
    ]);
  expect(await allRows(QueryId)).toEqual(expected);
});

test('statistics: events and bytes scanned within the eventTime bounds, events matched before grouping', async () => {
  const now = testClock.now();
  const from = now - 6 * DAY;
  const to = now - 1 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  const QueryId = await run(
    `SELECT eventSource, count(*) FROM ${MANAGEMENT_EVENTS} WHERE eventTime >= '${iso(from)}' AND eventTime < '${iso(to)}' AND readOnly = true GROUP BY eventSource`,
  );
  const inRange = managementRecords().filter((entry) => entry.time * SECOND >= from && entry.time * SECOND < to);
  const statistics = (await describe(QueryId)).QueryStatistics;
  expect(inRange.length).toBeGreaterThan(200);
  expect(statistics?.EventsScanned).toBe(inRange.length);
  expect(statistics?.BytesScanned).toBe(inRange.reduce((sum, entry) => sum + recordBytes(emulator.state, entry), 0));
  expect(statistics?.EventsMatched).toBe(inRange.filter((entry) => entry.readOnly === 'true').length);
  expect(statistics?.ExecutionTimeInMillis).toBe(
    Math.round(400 + ((statistics?.BytesScanned ?? 0) / (20 * 1024 * 1024)) * 1000),
  );
  expect(statistics?.CreationTime?.getTime()).toBe(now);
  const page = await results(QueryId);
  expect(page.QueryStatistics?.BytesScanned).toBe(statistics?.BytesScanned);
  const readOnly = inRange.filter((entry) => entry.readOnly === 'true');
  expect(page.QueryStatistics?.TotalResultsCount).toBe(new Set(readOnly.map((entry) => entry.eventSource)).size);
});

test('statistics: a count with a WHERE matches what it counts, and a count with a LIMIT or HAVING still its WHERE', async () => {
  const now = testClock.now();
  const from = now - 6 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  const where = `WHERE eventTime >= '${iso(from)}' AND readOnly = true`;
  const readOnly = managementRecords().filter((entry) => entry.time * SECOND >= from && entry.readOnly === 'true');
  expect(readOnly.length).toBeGreaterThan(200);
  const counted = await run(`SELECT count(*) AS n FROM ${MANAGEMENT_EVENTS} ${where}`);
  expect((await describe(counted)).QueryStatistics?.EventsMatched).toBe(readOnly.length);
  expect(await allRows(counted)).toEqual([[['n', String(readOnly.length)]]]);
  // Neither answer is the number of events its WHERE matched.
  for (const statement of [
    `SELECT count(*) FROM ${MANAGEMENT_EVENTS} ${where} LIMIT 0`,
    `SELECT count(*) FROM ${MANAGEMENT_EVENTS} ${where} HAVING count(*) < 0`,
  ]) {
    const queryId = await run(statement);
    // What the query read: the store as StartQuery found it (the calls since are not read-only).
    const matched = managementRecords().filter((entry) => entry.time * SECOND >= from && entry.readOnly === 'true');
    expect((await describe(queryId)).QueryStatistics?.EventsMatched).toBe(matched.length);
    expect(await allRows(queryId)).toEqual([]);
  }
});

test('an unbounded query scans the whole store; an OR leaves the range open', async () => {
  for (const statement of [
    `SELECT count(*) FROM ${MANAGEMENT_EVENTS}`,
    `SELECT count(*) FROM ${MANAGEMENT_EVENTS} WHERE eventTime > '2025-06-01 00:00:00' OR eventName = 'x'`,
  ]) {
    const all = managementRecords();
    const bytes = all.reduce((sum, entry) => sum + recordBytes(emulator.state, entry), 0);
    const statistics = (await describe(await run(statement))).QueryStatistics;
    expect(statistics?.EventsScanned).toBe(all.length);
    expect(statistics?.BytesScanned).toBe(bytes);
  }
  const all = managementRecords();
  const counted = await run(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`);
  expect(await allRows(counted)).toEqual([[['_col0', String(all.length)]]]);
});

test('results: keys as §10.3 names them and values of every column type as strings', async () => {
  const QueryId = await run(
    `SELECT eventID, eventTime, userIdentity.arn, userIdentity, requestParameters, readOnly, resources,
       errorCode AS code, element_at(resources, 1).arn AS first_arn, 1 + 1, 5 / 2
     FROM ${MANAGEMENT_EVENTS}
     WHERE eventSource = 's3.amazonaws.com' AND requestParameters IS NOT NULL AND cardinality(resources) > 0
       AND errorCode IS NULL AND readOnly = false
     LIMIT 1`,
  );
  const [row] = await allRows(QueryId);
  expect(row?.map(([key]) => key)).toEqual([
    'eventID',
    'eventTime',
    'arn',
    'userIdentity',
    'requestParameters',
    'readOnly',
    'resources',
    'code',
    'first_arn',
    '_col9',
    '_col10',
  ]);
  const values = Object.fromEntries(row ?? []);
  const entry = emulator.state.entry(values.eventID ?? '');
  const record = JSON.parse(emulator.state.jsonOf(entry ?? never())) as {
    eventTime: string;
    userIdentity: { type: string; principalId: string; arn: string };
    requestParameters: Record<string, unknown>;
    resources: { ARN: string; type: string }[];
  };
  expect(values.eventTime).toBe(`${record.eventTime.slice(0, 10)} ${record.eventTime.slice(11, 19)}.000`);
  expect(values.arn).toBe(record.userIdentity.arn);
  expect(values.userIdentity).toContain(
    `{type=${record.userIdentity.type}, principalid=${record.userIdentity.principalId}, arn=${record.userIdentity.arn}`,
  );
  // Map values are strings; nested objects become compact JSON text (§11).
  const entries = Object.entries(record.requestParameters).map(
    ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  for (const text of entries) expect(values.requestParameters).toContain(text);
  expect(values.readOnly).toBe('false');
  expect(values.resources).toMatch(/^\[\{accountid=/);
  expect(values.resources).toContain(`arn=${record.resources[0]?.ARN ?? ''}`);
  expect(values.code).toBe('');
  expect(values.first_arn).toBe(record.resources[0]?.ARN);
  expect(values._col9).toBe('2');
  expect(values._col10).toBe('2');
});

function never(): never {
  throw new Error('expected a value');
}

test('without ORDER BY, rows come newest first, then by eventID descending', async () => {
  const snapshot = managementRecords();
  const QueryId = await run(`SELECT eventID, eventTime FROM ${MANAGEMENT_EVENTS} LIMIT 50`);
  const rows = await allRows(QueryId);
  const expected = snapshot
    .sort((a, b) => b.time - a.time || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0))
    .slice(0, 50)
    .map((entry) => entry.eventId);
  expect(rows.map((row) => row[0]?.[1])).toEqual(expected);
});

test('GetQueryResults pages with a NextToken bound to its query', async () => {
  const QueryId = await run(`SELECT eventID FROM ${MANAGEMENT_EVENTS} ORDER BY eventID LIMIT 25`);
  const first = await results(QueryId, { MaxQueryResults: 10 });
  expect(first.QueryResultRows).toHaveLength(10);
  expect(first.QueryStatistics).toMatchObject({ ResultsCount: 10, TotalResultsCount: 25 });
  expect(first.NextToken).toBeDefined();
  expect(await allRows(QueryId, 10)).toEqual(await allRows(QueryId));
  const other = await run(`SELECT eventID FROM ${MANAGEMENT_EVENTS} LIMIT 25`);
  await expect(results(other, { NextToken: first.NextToken ?? '' })).rejects.toBeInstanceOf(InvalidNextTokenException);
  await expect(results(QueryId, { NextToken: 'not-a-token' })).rejects.toBeInstanceOf(InvalidNextTokenException);
});

test('StartQuery checks: one of statement and alias, one SELECT, store references', async () => {
  await expect(client().send(new StartQueryCommand({}))).rejects.toBeInstanceOf(InvalidParameterException);
  await expect(
    client().send(new StartQueryCommand({ QueryStatement: 'SELECT 1', QueryAlias: 'generated-x' })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
  await expect(client().send(new StartQueryCommand({ QueryAlias: 'never-generated' }))).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
  const syntax = start(`SELECT eventName\nFROM ${MANAGEMENT_EVENTS}\nWHERE eventName = `);
  await expect(syntax).rejects.toBeInstanceOf(InvalidQueryStatementException);
  await expect(syntax).rejects.toThrow(/line 3:/);
  await expect(start('SELECT 1')).rejects.toBeInstanceOf(InvalidQueryStatementException);
  await expect(start(`DELETE FROM ${MANAGEMENT_EVENTS}`)).rejects.toBeInstanceOf(InvalidQueryStatementException);
  await expect(start(`SELECT * FROM read_csv('/etc/passwd')`)).rejects.toBeInstanceOf(InvalidQueryStatementException);
  await expect(start('SELECT * FROM arn:aws:s3:::bucket')).rejects.toBeInstanceOf(EventDataStoreARNInvalidException);
  await expect(start('SELECT * FROM 00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
    EventDataStoreNotFoundException,
  );
  // Nothing was started by the rejected calls: the store lists only its seeded queries.
  const listed = await client().send(new ListQueriesCommand({ EventDataStore: MANAGEMENT_EVENTS }));
  expect(
    listed.Queries?.every((query) => query.CreationTime && query.CreationTime.getTime() <= testClock.now() - 60_000),
  ).toBe(true);
});

test('a semantic error ends the query FAILED with its message and nothing scanned', async () => {
  const QueryId = await run(`SELECT no_such_column FROM ${MANAGEMENT_EVENTS}`);
  const described = await describe(QueryId);
  expect(described.QueryStatus).toBe('FAILED');
  expect(described.ErrorMessage).toMatch(/no_such_column/);
  expect(described.QueryStatistics).toMatchObject({ EventsScanned: 0, BytesScanned: 0, EventsMatched: 0 });
  const page = await results(QueryId);
  expect(page.QueryStatus).toBe('FAILED');
  expect(page.ErrorMessage).toBe(described.ErrorMessage);
  expect(page.QueryResultRows).toBeUndefined();
});

test('a store pending deletion cannot be queried, nor its queries read', async () => {
  const QueryId = await run(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`);
  await client().send(
    new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS, TerminationProtectionEnabled: false }),
  );
  await client().send(new DeleteEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS }));
  await expect(start(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`)).rejects.toBeInstanceOf(
    InactiveEventDataStoreException,
  );
  await expect(results(QueryId)).rejects.toBeInstanceOf(InactiveEventDataStoreException);
  // Once purged, its queries are gone.
  testClock.advance(8 * DAY);
  await expect(describe(QueryId)).rejects.toBeInstanceOf(QueryIdNotFoundException);
});

test('at most 10 queries queue or run at once; CancelQuery frees a place', async () => {
  const ids: string[] = [];
  for (let index = 0; index < 10; index++)
    ids.push((await start(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`)).QueryId ?? '');
  await expect(start(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`)).rejects.toBeInstanceOf(
    MaxConcurrentQueriesException,
  );
  const cancelled = await client().send(new CancelQueryCommand({ QueryId: ids[0] ?? '' }));
  expect(cancelled).toMatchObject({ QueryId: ids[0], QueryStatus: 'CANCELLED' });
  await expect(start(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`)).resolves.toHaveProperty('QueryId');
  await expect(client().send(new CancelQueryCommand({ QueryId: ids[0] ?? '' }))).rejects.toBeInstanceOf(
    InactiveQueryException,
  );
});

test('a cancelled query keeps the statistics it had at cancel and returns no rows', async () => {
  const { QueryId = '' } = await start(`SELECT * FROM ${MANAGEMENT_EVENTS}`);
  testClock.advance(300);
  const full = managementRecords().reduce((sum, entry) => sum + recordBytes(emulator.state, entry), 0);
  const runMillis = Math.round(400 + (full / (20 * 1024 * 1024)) * 1000);
  testClock.advance(Math.floor(runMillis / 2));
  await client().send(new CancelQueryCommand({ QueryId }));
  const atCancel = (await describe(QueryId)).QueryStatistics;
  testClock.advance(20 * SECOND);
  const later = await describe(QueryId);
  expect(later.QueryStatus).toBe('CANCELLED');
  expect(later.QueryStatistics).toEqual(atCancel);
  expect(atCancel?.BytesScanned).toBeGreaterThan(0);
  expect(atCancel?.BytesScanned).toBeLessThan(full);
  expect((await results(QueryId)).QueryResultRows).toEqual([]);
  await expect(client().send(new CancelQueryCommand({ QueryId }))).rejects.toBeInstanceOf(InactiveQueryException);
});

test('ListQueries: the store’s queries of the last 7 days, newest first, filtered by time and status', async () => {
  const first = await run(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`);
  const second = await run(`SELECT eventName FROM ${MANAGEMENT_EVENTS} LIMIT 1`);
  const third = (await start(`SELECT eventName FROM ${MANAGEMENT_EVENTS} LIMIT 2`)).QueryId;
  const listed = await client().send(new ListQueriesCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN }));
  expect(listed.Queries?.slice(0, 3).map((query) => [query.QueryId, query.QueryStatus])).toEqual([
    [third, 'QUEUED'],
    [second, 'FINISHED'],
    [first, 'FINISHED'],
  ]);
  const finished = await client().send(
    new ListQueriesCommand({
      EventDataStore: MANAGEMENT_EVENTS,
      QueryStatus: 'FINISHED',
      MaxResults: 1,
      StartTime: new Date(TEST_START),
    }),
  );
  expect(finished.Queries?.map((query) => query.QueryId)).toEqual([second]);
  const next = await client().send(
    new ListQueriesCommand({
      EventDataStore: MANAGEMENT_EVENTS,
      QueryStatus: 'FINISHED',
      MaxResults: 1,
      StartTime: new Date(TEST_START),
      NextToken: finished.NextToken ?? '',
    }),
  );
  expect(next.Queries?.map((query) => query.QueryId)).toEqual([first]);
  await expect(
    client().send(
      new ListQueriesCommand({
        EventDataStore: MANAGEMENT_EVENTS,
        StartTime: new Date(testClock.now()),
        EndTime: new Date(testClock.now() - DAY),
      }),
    ),
  ).rejects.toBeInstanceOf(InvalidDateRangeException);
  const other = await client().send(new ListQueriesCommand({ EventDataStore: INTEGRATIONS_AUDIT }));
  expect(other.Queries).toEqual([]);
});

test('queries and results are kept 7 days', async () => {
  const QueryId = await run(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`);
  testClock.advance(6 * DAY);
  expect((await describe(QueryId)).QueryStatus).toBe('FINISHED');
  testClock.advance(DAY);
  await expect(describe(QueryId)).rejects.toBeInstanceOf(QueryIdNotFoundException);
  await expect(results(QueryId)).rejects.toBeInstanceOf(QueryIdNotFoundException);
});

test('a generated query runs by its alias, and DescribeQuery finds the latest run by alias with its prompt', async () => {
  const generated = await client().send(
    new GenerateQueryCommand({ EventDataStores: [MANAGEMENT_EVENTS], Prompt: 'show me the top errors' }),
  );
  const QueryAlias = generated.QueryAlias ?? '';
  await client().send(new StartQueryCommand({ QueryAlias }));
  testClock.advance(SECOND);
  const { QueryId } = await client().send(new StartQueryCommand({ QueryAlias }));
  testClock.advance(16 * SECOND);
  const described = await client().send(new DescribeQueryCommand({ QueryAlias }));
  expect(described).toMatchObject({
    QueryId,
    QueryString: generated.QueryStatement,
    Prompt: 'show me the top errors',
    QueryStatus: 'FINISHED',
  });
  await expect(client().send(new DescribeQueryCommand({ QueryAlias, QueryId: QueryId ?? '' }))).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
});

test('a store of another kind is queried in its own schema: events a channel ingested are found', async () => {
  const marker = 'lake-query-test-order';
  const response = await fetch(
    `https://cloudtrail-data.us-east-1.amazonaws.com/PutAuditEvents?channelArn=${encodeURIComponent(PAYMENTS_CHANNEL)}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `AWS4-HMAC-SHA256 Credential=${ADMIN_ACCESS_KEY}/20250101/us-east-1/cloudtrail-data/aws4_request, SignedHeaders=host, Signature=x`,
      },
      body: JSON.stringify({
        auditEvents: [
          {
            id: 'one',
            eventData: JSON.stringify({
              version: '1.0',
              userIdentity: { type: 'CustomerUser', principalId: 'alice', details: { email: 'alice@example.com' } },
              eventSource: 'payments.example.com',
              eventName: marker,
              eventTime: new Date(testClock.now()).toISOString(),
              UID: 'uid-1',
              recipientAccountId: ACCOUNT,
              requestParameters: { amount: 42 },
            }),
          },
        ],
      }),
    },
  );
  expect(response.status).toBe(200);
  const QueryId = await run(
    `SELECT eventData.eventName, element_at(eventData.userIdentity.details, 'email') AS email,
       element_at(eventData.requestParameters, 'amount') AS amount, metadata.channelArn
     FROM ${INTEGRATIONS_AUDIT} WHERE eventData.eventName = '${marker}'`,
  );
  expect(await allRows(QueryId)).toEqual([
    [
      ['eventName', marker],
      ['email', 'alice@example.com'],
      ['amount', '42'],
      ['channelArn', PAYMENTS_CHANNEL],
    ],
  ]);
});

test('records added after a query are seen by the next one, not by it', async () => {
  const before = await run(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`);
  await client().send(new CreateEventDataStoreCommand({ Name: 'lake-query-new-store' }));
  const after = await run(`SELECT count(*) FROM ${MANAGEMENT_EVENTS}`);
  const [[beforeCount]] = (await allRows(before)) as [[[string, string]]];
  const [[afterCount]] = (await allRows(after)) as [[[string, string]]];
  // CreateEventDataStore and the first query's StartQuery and DescribeQuery/GetQueryResults calls are management events.
  expect(Number(afterCount[1])).toBeGreaterThan(Number(beforeCount[1]));
  expect(Number(afterCount[1])).toBe(managementRecords().length - countCallsAfter(after));
});

test('after a reset, a query sees exactly the new world’s records, none the old world added', async () => {
  const statement = `SELECT eventID, eventName FROM ${MANAGEMENT_EVENTS} ORDER BY eventID`;
  /** The records a query started now will see: eventIDs and names, as the statement orders them. */
  const expected = () =>
    managementRecords()
      .sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0))
      .map((entry): [string, string][] => [
        ['eventID', entry.eventId],
        ['eventName', entry.eventName],
      ]);
  const seeded = expected();
  // The old world's first query loads its records with those of the calls before it.
  const { EventDataStoreArn = '-' } = await client().send(
    new CreateEventDataStoreCommand({ Name: 'added-before-reset', RetentionPeriod: 7 }),
  );
  const added = expected();
  expect(added.length).toBeGreaterThan(seeded.length);
  expect(await allRows(await run(statement))).toEqual(added);

  await resetTestEmulator();
  const reset = expected();
  expect(reset).toEqual(seeded);
  const bytes = managementRecords().reduce((sum, entry) => sum + recordBytes(emulator.state, entry), 0);
  const afterReset = await run(statement);
  expect(await allRows(afterReset)).toEqual(reset);
  expect(managementRecords().filter((entry) => emulator.state.jsonOf(entry).includes(EventDataStoreArn))).toEqual([]);
  // Scan statistics of the new world's records too.
  const statistics = (await describe(afterReset)).QueryStatistics;
  expect(statistics?.EventsScanned).toBe(reset.length);
  expect(statistics?.BytesScanned).toBe(bytes);
});

/** Management events recorded after a query started (its own later calls), which it cannot see. */
function countCallsAfter(queryId: string): number {
  const started = managementRecords().find(
    (entry) => entry.eventName === 'StartQuery' && emulator.state.jsonOf(entry).includes(queryId),
  );
  if (!started) return 0;
  const position = emulator.state.contents(MANAGEMENT_EVENTS).indexOf(started);
  return emulator.state.contents(MANAGEMENT_EVENTS).length - position;
}

test('the seeded past’s StartQuery calls of the last 7 days are queries ListQueries shows and that can be read', async () => {
  const seededStarts = managementRecords()
    .filter((entry) => entry.eventName === 'StartQuery' && entry.time * SECOND >= testClock.now() - 7 * DAY)
    .map(
      (entry) =>
        JSON.parse(emulator.state.jsonOf(entry)) as {
          errorCode?: string;
          responseElements: { queryId: string } | null;
          requestParameters: { queryStatement: string };
        },
    )
    .filter((record) => record.errorCode === undefined);
  expect(seededStarts.length).toBeGreaterThan(0);
  const listed = await client().send(new ListQueriesCommand({ EventDataStore: MANAGEMENT_EVENTS }));
  expect(new Set(listed.Queries?.map((query) => query.QueryId))).toEqual(
    new Set(seededStarts.map((record) => record.responseElements?.queryId)),
  );
  const [latest] = seededStarts.slice(-1);
  const described = await describe(latest?.responseElements?.queryId ?? '');
  expect(described).toMatchObject({ QueryStatus: 'FINISHED', QueryString: latest?.requestParameters.queryStatement });
  expect(described.QueryStatistics?.EventsScanned).toBeGreaterThan(0);
  const page = await results(latest?.responseElements?.queryId ?? '');
  expect(page.QueryStatus).toBe('FINISHED');
  expect(page.QueryStatistics?.TotalResultsCount).toBe(page.QueryResultRows?.length);
});
