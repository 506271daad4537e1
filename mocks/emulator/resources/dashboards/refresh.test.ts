// Dashboard refreshes through the SDK (SEMANTICS.md §18.8, §18.10, §18.13): a manual refresh runs
// one query per widget that DescribeQuery finds by widget alias and RefreshId, one refresh at a
// time, the QueryParameterValues checks, StartQuery with a widget alias, and scheduled refreshes
// on the test clock, with their failure reason.
import {
  CreateDashboardCommand,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  DescribeQueryCommand,
  GetDashboardCommand,
  GetQueryResultsCommand,
  InvalidParameterException,
  LookupEventsCommand,
  QueryIdNotFoundException,
  RestoreEventDataStoreCommand,
  ServiceQuotaExceededException,
  StartDashboardRefreshCommand,
  StartQueryCommand,
  type RequestWidget,
} from '@aws-sdk/client-cloudtrail';
import { beforeAll, expect, test } from 'vitest';
import { emulator, emulatorClient, testClock, warmLakeEngine } from '../../../node';
import { HOUR, MINUTE, SECOND } from '../../clock';

const MANAGEMENT_EVENTS = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';

const client = () => emulatorClient();
// StartDashboardRefresh declares no ValidationException, so the SDK has no class for it (§18.1).
const VALIDATION = { name: 'ValidationException' };

beforeAll(warmLakeEngine);

function widgets(store: string): RequestWidget[] {
  return [
    {
      QueryStatement: `SELECT eventName, COUNT(*) AS eventCount FROM ${store} WHERE eventTime > '?' AND eventTime < '?' GROUP BY eventName ORDER BY eventCount DESC, eventName LIMIT 5`,
      QueryParameters: ['$StartTime$', '$EndTime$'],
      ViewProperties: { Height: '2', Width: '4', Title: 'Top events', View: 'Table' },
    },
    {
      QueryStatement: `SELECT DATE_TRUNC('?', eventTime) AS eventDate, COUNT(*) AS eventCount FROM ${store} WHERE eventTime > '?' AND eventTime < '?' GROUP BY 1 ORDER BY 1`,
      QueryParameters: ['$Period$', '$StartTime$', '$EndTime$'],
      ViewProperties: {
        Height: '2',
        Width: '4',
        Title: 'Activity',
        View: 'LineChart',
        XAxisColumn: 'eventDate',
        YAxisColumn: 'eventCount',
      },
    },
  ];
}

async function createDashboard(Name: string, store = MANAGEMENT_EVENTS, hourly = false): Promise<string> {
  const created = await client().send(
    new CreateDashboardCommand({
      Name,
      Widgets: widgets(store),
      ...(hourly ? { RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 1 }, Status: 'ENABLED' } } : {}),
    }),
  );
  return created.DashboardArn ?? '';
}

const refresh = (DashboardId: string, QueryParameterValues?: Record<string, string>) =>
  client().send(new StartDashboardRefreshCommand({ DashboardId, QueryParameterValues }));

/** Rows of a finished query as [key, value] pairs. */
async function rowsOf(QueryId: string): Promise<[string, string][][]> {
  const page = await client().send(new GetQueryResultsCommand({ QueryId }));
  expect(page.QueryStatus).toBe('FINISHED');
  return (page.QueryResultRows ?? []).map((row) =>
    row.map((column): [string, string] => Object.entries(column)[0] ?? ['', '']),
  );
}

/** The CloudTrail records of an operation in history, newest first, parsed. */
async function recordsOf(eventName: string): Promise<Record<string, unknown>[]> {
  const found = await client().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }] }),
  );
  return (found.Events ?? []).map((event) => JSON.parse(event.CloudTrailEvent ?? '{}') as Record<string, unknown>);
}

test('a refresh starts one query per widget, found by widget alias and RefreshId, with the placeholders filled', async () => {
  await createDashboard('ops-overview');
  const started = testClock.now();
  const { RefreshId = '' } = await refresh('ops-overview');
  expect(RefreshId).toMatch(/^\d{13}$/);
  expect(RefreshId).toBe(String(started));
  expect((await client().send(new GetDashboardCommand({ DashboardId: 'ops-overview' }))).LastRefreshId).toBe(RefreshId);

  testClock.advance(16 * SECOND);
  const end = new Date(started).toISOString();
  const start = new Date(started - 24 * HOUR).toISOString();
  const shown = {
    'Widget-ops-overview-1': 'SELECT eventName',
    'Widget-ops-overview-2': "DATE_TRUNC('hour', eventTime)",
  };
  for (const [QueryAlias, expected] of Object.entries(shown)) {
    const described = await client().send(new DescribeQueryCommand({ QueryAlias, RefreshId }));
    expect(described.QueryStatus).toBe('FINISHED');
    // $StartTime$/$EndTime$ default to the last 24 hours, $Period$ to hour for a day (§18.10 rule 3).
    expect(described.QueryString).toContain(`eventTime > '${start}' AND eventTime < '${end}'`);
    expect(described.QueryString).toContain(expected);
    const rows = await rowsOf(described.QueryId ?? '');
    expect(rows.length).toBeGreaterThan(0);
    // The same statement started by hand gives the same rows.
    const { QueryId = '' } = await client().send(new StartQueryCommand({ QueryStatement: described.QueryString }));
    testClock.advance(16 * SECOND);
    expect(await rowsOf(QueryId)).toEqual(rows);
  }
  // The alias alone names its latest query; RefreshId needs an alias; another refresh finds nothing.
  const latest = await client().send(new DescribeQueryCommand({ QueryAlias: 'Widget-ops-overview-1' }));
  expect(latest.QueryString).toContain(start);
  const first = await client().send(new DescribeQueryCommand({ QueryAlias: 'Widget-ops-overview-1', RefreshId }));
  await expect(client().send(new DescribeQueryCommand({ QueryId: first.QueryId, RefreshId }))).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
  await expect(
    client().send(new DescribeQueryCommand({ QueryAlias: 'Widget-ops-overview-1', RefreshId: '1000000000000' })),
  ).rejects.toBeInstanceOf(QueryIdNotFoundException);

  // Each widget query is CloudTrail's own StartQuery (§18.13).
  const startQueries = (await recordsOf('StartQuery')).filter(
    (record) => (record.userIdentity as { type?: string }).type === 'AWSService',
  );
  expect(startQueries.map((record) => (record.requestParameters as { queryAlias: string }).queryAlias).sort()).toEqual([
    'Widget-ops-overview-1',
    'Widget-ops-overview-2',
  ]);
  const record = startQueries.find(
    (candidate) => (candidate.requestParameters as { queryAlias: string }).queryAlias === 'Widget-ops-overview-1',
  );
  expect(record).toMatchObject({
    userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
    sourceIPAddress: 'cloudtrail.amazonaws.com',
    userAgent: 'cloudtrail.amazonaws.com',
    requestParameters: { queryAlias: 'Widget-ops-overview-1', queryParameters: [start, end] },
    responseElements: { queryId: first.QueryId },
  });
  const [refreshRecord] = await recordsOf('StartDashboardRefresh');
  expect(refreshRecord?.responseElements).toEqual({ refreshId: RefreshId });
});

test('only one refresh of a dashboard runs at a time', async () => {
  await createDashboard('one-at-a-time');
  const first = await refresh('one-at-a-time');
  await expect(refresh('one-at-a-time')).rejects.toBeInstanceOf(ServiceQuotaExceededException);
  // Another dashboard is not held back.
  await createDashboard('another-one');
  expect((await refresh('another-one')).RefreshId).toMatch(/^\d{13}$/);
  testClock.advance(16 * SECOND);
  const second = await refresh('one-at-a-time');
  expect(Number(second.RefreshId)).toBeGreaterThan(Number(first.RefreshId));
});

test('QueryParameterValues are checked; a managed dashboard needs $EventDataStoreId$', async () => {
  await createDashboard('checked-values');
  const rejected: Record<string, string>[] = [
    { $EventDataStoreId$: MANAGEMENT_EVENTS },
    { $Period$: 'fortnight' },
    { $StartTime$: 'yesterday' },
    { $StartTime$: '2025-06-02T10:00:00Z', $EndTime$: '2025-06-01T10:00:00Z' },
  ];
  for (const values of rejected) await expect(refresh('checked-values', values)).rejects.toMatchObject(VALIDATION);
  await expect(refresh('AWSCloudTrail-Overview')).rejects.toMatchObject(VALIDATION);
  await expect(refresh('AWSCloudTrail-Overview', { $Period$: 'hour' })).rejects.toMatchObject(VALIDATION);

  const { RefreshId } = await refresh('AWSCloudTrail-Overview', {
    $EventDataStoreId$: MANAGEMENT_EVENTS,
    $StartTime$: '2025-06-01T12:00:00.00Z',
    $EndTime$: '2025-06-02T12:00:00.00Z',
    $Period$: 'hour',
  });
  testClock.advance(16 * SECOND);
  const described = await client().send(
    new DescribeQueryCommand({ QueryAlias: 'Widget-AWSCloudTrail-Overview-1', RefreshId }),
  );
  expect(described.QueryString).toContain(`FROM ${MANAGEMENT_EVENTS}`);
  expect(described.QueryString).toContain("'2025-06-01T12:00:00.00Z'");
  expect(described.QueryStatus).toBe('FINISHED');
});

test('StartQuery runs a widget alias with the values of its placeholders', async () => {
  await createDashboard('by-alias');
  const values = ['2025-06-01T00:00:00Z', '2025-06-02T00:00:00Z'];
  const { QueryId = '' } = await client().send(
    new StartQueryCommand({ QueryAlias: 'Widget-by-alias-1', QueryParameters: values }),
  );
  testClock.advance(16 * SECOND);
  const described = await client().send(new DescribeQueryCommand({ QueryAlias: 'Widget-by-alias-1' }));
  expect(described.QueryId).toBe(QueryId);
  expect(described.QueryString).toContain(`eventTime > '${values[0] ?? ''}' AND eventTime < '${values[1] ?? ''}'`);
  expect((await rowsOf(QueryId)).length).toBeGreaterThan(0);
  await expect(
    client().send(new StartQueryCommand({ QueryAlias: 'Widget-by-alias-2', QueryParameters: values })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('a schedule refreshes on the clock, once after downtime, as CloudTrail itself', async () => {
  const arn = await createDashboard('hourly', MANAGEMENT_EVENTS, true);
  // The test clock is at 12:30; the hourly schedule fires at 13:00.
  testClock.advance(29 * MINUTE);
  await emulator.tick();
  expect((await client().send(new GetDashboardCommand({ DashboardId: arn }))).LastRefreshId).toBeUndefined();

  testClock.advance(MINUTE + SECOND);
  await emulator.tick();
  const fired = testClock.now();
  const { LastRefreshId } = await client().send(new GetDashboardCommand({ DashboardId: arn }));
  expect(LastRefreshId).toBe(String(fired));
  const [record] = await recordsOf('StartDashboardRefresh');
  expect(record).toMatchObject({
    userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
    requestParameters: {
      dashboardId: arn,
      queryParameterValues: { $StartTime$: '2025-06-01T13:00:00.000Z', $EndTime$: '2025-06-02T13:00:00.000Z' },
    },
    responseElements: { refreshId: LastRefreshId },
  });

  // Five fire times pass while nothing runs: one catch-up refresh, for the latest.
  testClock.advance(5 * HOUR);
  await emulator.tick();
  await emulator.tick();
  const refreshes = await recordsOf('StartDashboardRefresh');
  expect(refreshes).toHaveLength(2);
  expect(refreshes[0]?.requestParameters).toMatchObject({
    queryParameterValues: { $EndTime$: '2025-06-02T18:00:00.000Z' },
  });
});

test('a scheduled refresh whose store is gone sets LastRefreshFailureReason; a later success clears it', async () => {
  const created = await client().send(
    new CreateEventDataStoreCommand({ Name: 'short-lived', TerminationProtectionEnabled: false }),
  );
  const storeId = (created.EventDataStoreArn ?? '').split('/').pop() ?? '';
  testClock.advance(3 * SECOND);
  const arn = await createDashboard('fragile', storeId, true);
  await client().send(new DeleteEventDataStoreCommand({ EventDataStore: storeId }));

  testClock.advance(30 * MINUTE);
  await emulator.tick();
  const failed = await client().send(new GetDashboardCommand({ DashboardId: arn }));
  expect(failed.LastRefreshFailureReason).toBe(`Event data store ${storeId} is inactive.`);
  expect(failed.LastRefreshId).toBeUndefined();
  const [record] = await recordsOf('StartDashboardRefresh');
  expect(record?.errorCode).toBe('InactiveEventDataStoreException');

  await client().send(new RestoreEventDataStoreCommand({ EventDataStore: storeId }));
  testClock.advance(HOUR);
  await emulator.tick();
  const recovered = await client().send(new GetDashboardCommand({ DashboardId: arn }));
  expect(recovered.LastRefreshFailureReason).toBeUndefined();
  expect(recovered.LastRefreshId).toBe(String(testClock.now()));
});
