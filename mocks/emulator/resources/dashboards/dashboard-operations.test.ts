// Dashboards through the SDK (SEMANTICS.md §18.2-18.9, §18.11, §18.13, §18.15): create, read,
// list, update and delete, §18.4's check order, widgets and their placeholders, schedules, the
// Highlights, the built-ins, status on the clock, quotas, tags and policies on dashboards, and the
// self-records.
import {
  AddTagsCommand,
  CreateDashboardCommand,
  CreateEventDataStoreCommand,
  DeleteDashboardCommand,
  DeleteEventDataStoreCommand,
  DeleteResourcePolicyCommand,
  GetDashboardCommand,
  GetResourcePolicyCommand,
  ListDashboardsCommand,
  ListTagsCommand,
  LookupEventsCommand,
  PutResourcePolicyCommand,
  RemoveTagsCommand,
  UpdateDashboardCommand,
  type CreateDashboardRequest,
  type RequestWidget,
  type Tag,
} from '@aws-sdk/client-cloudtrail';
import { beforeAll, expect, test } from 'vitest';
import { createHandlers } from '../../../handlers';
import { emulator, emulatorClient, server, testClock, testEmulatorOptions, warmLakeEngine } from '../../../node';
import { SECOND } from '../../clock';
import { createEmulator } from '../../create-emulator';
import { DEFAULT_ACCOUNT, PARTNER_ACCESS_KEY } from '../../identities';
import { memoryStorage } from '../../storage/memory';
import { configureDashboardTimings, MAX_CUSTOM_DASHBOARDS_PER_REGION } from './dashboard';
import { HIGHLIGHTS_WIDGETS, MANAGED_DASHBOARDS } from './managed-dashboards';
import { findPlaceholders, substitutePlaceholders } from './widgets';

const ACCOUNT = DEFAULT_ACCOUNT;
const STORE_ID = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const STORE_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/${STORE_ID}`;
const arnOf = (name: string, region = 'us-east-1', account = ACCOUNT) =>
  `arn:aws:cloudtrail:${region}:${account}:dashboard/${name}`;
const VIEW = { Height: '2', Width: '4', Title: 'Top errors', View: 'Table' };

const widget = (statement = `SELECT eventName FROM ${STORE_ID}`, parameters?: string[]): RequestWidget => ({
  QueryStatement: statement,
  ...(parameters ? { QueryParameters: parameters } : {}),
  ViewProperties: VIEW,
});

/** A widget with the documented time bounds. */
const BOUNDED = widget(
  `SELECT eventName, COUNT(*) AS n FROM ${STORE_ID} WHERE eventTime > '?' AND eventTime < '?' GROUP BY eventName`,
  ['$StartTime$', '$EndTime$'],
);

function client(region = 'us-east-1') {
  return emulatorClient({ region });
}

async function create(input: Partial<CreateDashboardRequest> = {}, region = 'us-east-1') {
  return client(region).send(new CreateDashboardCommand({ Name: 'ops', ...input }));
}

/** The error a call fails with: name, message and HTTP status. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error).toBeDefined();
  return { name: error?.name, message: error?.message, status: error?.$metadata?.httpStatusCode };
}

/** The newest self-record of an operation, as LookupEvents shows it. */
async function lastRecord(eventName: string) {
  const { Events = [] } = await client().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }] }),
  );
  return JSON.parse(Events[0]?.CloudTrailEvent ?? '{}') as Record<string, unknown>;
}

const tags = (count: number, prefix = 'key'): Tag[] =>
  Array.from({ length: count }, (_, index) => ({ Key: `${prefix}-${String(index)}`, Value: String(index) }));

beforeAll(warmLakeEngine);

test('CreateDashboard answers the dashboard with widget aliases; GetDashboard adds status and timestamps', async () => {
  const TagsList = [{ Key: 'team', Value: 'security' }];
  const created = await create({ Widgets: [widget(), BOUNDED], TagsList });
  expect(created).toMatchObject({
    DashboardArn: arnOf('ops'),
    Name: 'ops',
    Type: 'CUSTOM',
    TagsList,
    TerminationProtectionEnabled: false,
    Widgets: [
      { QueryAlias: 'Widget-ops-1', QueryStatement: widget().QueryStatement, ViewProperties: VIEW },
      { QueryAlias: 'Widget-ops-2', QueryParameters: ['$StartTime$', '$EndTime$'], ViewProperties: VIEW },
    ],
  });
  expect(created.RefreshSchedule).toBeUndefined();
  const got = await client().send(new GetDashboardCommand({ DashboardId: 'ops' }));
  expect(got).toMatchObject({
    DashboardArn: arnOf('ops'),
    Type: 'CUSTOM',
    Status: 'CREATED',
    TerminationProtectionEnabled: false,
    CreatedTimestamp: new Date(testClock.now() - (testClock.now() % 1000)),
  });
  expect(got.Widgets).toEqual(created.Widgets);
  expect(got).not.toHaveProperty('Name');
  expect(got.LastRefreshId).toBeUndefined();
  // By ARN too.
  await expect(client().send(new GetDashboardCommand({ DashboardId: arnOf('ops') }))).resolves.toMatchObject({
    DashboardArn: arnOf('ops'),
  });
  const { ResourceTagList } = await client().send(new ListTagsCommand({ ResourceIdList: [arnOf('ops')] }));
  expect(ResourceTagList?.[0]?.TagsList).toEqual(TagsList);
});

test.each([
  ['too short', 'ab'],
  ['a character outside [A-Za-z0-9_-]', 'my.dashboard'],
  ['too long', 'd'.repeat(129)],
])('a name %s is ValidationException', async (_case, Name) => {
  expect(await failure(create({ Name }))).toMatchObject({ name: 'ValidationException' });
});

test.each(['AWSCloudTrail-Mine', 'AWSCloudTrail-Overview'])(
  'the name %s is reserved (ValidationException)',
  async (Name) => {
    expect(await failure(create({ Name }))).toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/^Dashboard names that begin with AWSCloudTrail- are reserved\.$/) as unknown,
    });
  },
);

test('§18.4 check order: name, tags, schedule, widget count, widgets, then the name taken and the quota', async () => {
  const badSchedule = { Frequency: { Unit: 'HOURS' as const, Value: 5 } };
  const eleven = Array.from({ length: 11 }, () => widget('not sql'));
  // 1 before 2.
  expect(await failure(create({ Name: 'AWSCloudTrail-X', TagsList: [{ Key: 'aws:x', Value: 'v' }] }))).toMatchObject({
    name: 'ValidationException',
  });
  // 2 before 3.
  expect(
    await failure(create({ TagsList: [{ Key: 'aws:x', Value: 'v' }], RefreshSchedule: badSchedule })),
  ).toMatchObject({ name: 'InvalidTagParameterException' });
  // 3 before 4.
  expect(await failure(create({ RefreshSchedule: badSchedule, Widgets: eleven }))).toMatchObject({
    name: 'ValidationException',
  });
  // The count before each widget.
  expect(await failure(create({ Widgets: eleven }))).toMatchObject({
    name: 'ServiceQuotaExceededException',
    message: expect.stringMatching(/at most 10 widgets/) as unknown,
  });
  // Widgets before the name taken.
  await create();
  expect(await failure(create({ Widgets: [widget('not sql')] }))).toMatchObject({
    name: 'InvalidQueryStatementException',
  });
  expect(await failure(create())).toMatchObject({
    name: 'ConflictException',
    message: expect.stringMatching(/^Dashboard ops already exists\.$/) as unknown,
  });
});

test.each<[string, Tag[]]>([
  ['51 tags', tags(51)],
  [
    'a key given twice',
    [
      { Key: 'env', Value: 'a' },
      { Key: 'env', Value: 'b' },
    ],
  ],
  ['the aws: prefix', [{ Key: 'aws:createdBy', Value: 'me' }]],
  ['a key over 128 characters', [{ Key: 'k'.repeat(129), Value: 'v' }]],
])('CreateDashboard with %s is InvalidTagParameterException', async (_case, TagsList) => {
  expect(await failure(create({ TagsList }))).toMatchObject({ name: 'InvalidTagParameterException' });
  await expect(create({ TagsList: tags(50) })).resolves.toMatchObject({ Name: 'ops' });
});

test.each([
  ['HOURS 5', { Frequency: { Unit: 'HOURS', Value: 5 } }],
  ['DAYS 2', { Frequency: { Unit: 'DAYS', Value: 2 } }],
  ['a Frequency without Value', { Frequency: { Unit: 'HOURS' } }],
  ['TimeOfDay 24:00', { Frequency: { Unit: 'DAYS', Value: 1 }, TimeOfDay: '24:00' }],
  ['TimeOfDay 12:60', { Frequency: { Unit: 'DAYS', Value: 1 }, TimeOfDay: '12:60' }],
  ['ENABLED without a Frequency', { Status: 'ENABLED' }],
] as const)('a refresh schedule with %s is ValidationException', async (_case, RefreshSchedule) => {
  expect(await failure(create({ RefreshSchedule }))).toMatchObject({ name: 'ValidationException' });
});

test('a schedule is stored complete: ENABLED with a frequency unless told, TimeOfDay 00:00 by default', async () => {
  const hourly = await create({ RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 1 } } });
  expect(hourly.RefreshSchedule).toEqual({
    Frequency: { Unit: 'HOURS', Value: 1 },
    Status: 'ENABLED',
    TimeOfDay: '00:00',
  });
  const off = await create({
    Name: 'daily',
    RefreshSchedule: { Frequency: { Unit: 'DAYS', Value: 1 }, Status: 'DISABLED', TimeOfDay: '07:30' },
  });
  expect(off.RefreshSchedule).toEqual({
    Frequency: { Unit: 'DAYS', Value: 1 },
    Status: 'DISABLED',
    TimeOfDay: '07:30',
  });
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'daily' }))).resolves.toMatchObject({
    RefreshSchedule: off.RefreshSchedule,
  });
});

test('placeholders: quoted and bare ones count, in literals, quoted identifiers and comments they do not', () => {
  const statement = `SELECT DATE_TRUNC('?', eventTime), '?x', "a?" FROM ? -- why?\n WHERE x = ? /* ? */ AND y = 'it''s?'`;
  expect(findPlaceholders(statement).map((found) => found.quoted)).toEqual([true, false, false]);
  expect(substitutePlaceholders(statement, ['hour', STORE_ID, '3'])).toBe(
    `SELECT DATE_TRUNC('hour', eventTime), '?x', "a?" FROM ${STORE_ID} -- why?\n WHERE x = 3 /* ? */ AND y = 'it''s?'`,
  );
});

test.each<[string, RequestWidget, string]>([
  [
    'fewer parameters than placeholders',
    widget(BOUNDED.QueryStatement, ['$StartTime$']),
    'InvalidQueryStatementException',
  ],
  ['parameters without placeholders', widget(undefined, ['$Period$']), 'InvalidQueryStatementException'],
  [
    '$EventDataStoreId$ in a custom widget',
    widget('SELECT eventName FROM ?', ['$EventDataStoreId$']),
    'InvalidQueryStatementException',
  ],
  [
    'an unknown $...$ token',
    widget(`SELECT eventName FROM ${STORE_ID} WHERE eventTime > '?'`, ['$Yesterday$']),
    'InvalidQueryStatementException',
  ],
  ['a syntax error', widget(`SELEC eventName FROM ${STORE_ID}`), 'InvalidQueryStatementException'],
  ['no store', widget('SELECT 1'), 'InvalidQueryStatementException'],
  ["the docs' stand-in FROM eds", widget('SELECT eventName FROM eds'), 'EventDataStoreNotFoundException'],
  [
    'a malformed store ARN',
    widget(`SELECT eventName FROM "arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/nope"`),
    'EventDataStoreNotFoundException',
  ],
  [
    'an unknown store',
    widget('SELECT eventName FROM 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'),
    'EventDataStoreNotFoundException',
  ],
  [
    'a store of another region',
    widget(`SELECT eventName FROM "${STORE_ARN.replace('us-east-1', 'eu-west-1')}"`),
    'EventDataStoreNotFoundException',
  ],
])('a widget with %s is refused', async (_case, bad, name) => {
  const caught = await failure(create({ Widgets: [widget(), bad] }));
  expect(caught.name).toBe(name);
  // The translator's and the placeholder checks' messages name the widget.
  expect(caught.message).toMatch(name === 'InvalidQueryStatementException' ? /^Widget 2: / : /./);
  await create();
  expect(
    await failure(client().send(new UpdateDashboardCommand({ DashboardId: 'ops', Widgets: [bad] }))),
  ).toMatchObject({ name: name });
});

test('a widget reading a store pending deletion is InactiveEventDataStoreException', async () => {
  const { EventDataStoreArn: arn = '' } = await client().send(
    new CreateEventDataStoreCommand({ Name: 'doomed', TerminationProtectionEnabled: false }),
  );
  testClock.advance(3 * SECOND);
  await client().send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  expect(await failure(create({ Widgets: [widget(`SELECT eventName FROM "${arn}"`)] }))).toMatchObject({
    name: 'InactiveEventDataStoreException',
  });
});

test('widgets that pass: literal parameters, quoted time tokens, several stores, semantic errors left for the run', async () => {
  const created = await create({
    Widgets: [
      widget('SELECT eventName FROM ?', [STORE_ID]),
      BOUNDED,
      widget(
        `SELECT DATE_TRUNC('?', eventTime) AS t, COUNT(*) AS n FROM ${STORE_ID} WHERE eventTime > '?' GROUP BY 1`,
        ['$Period$', '$StartTime$'],
      ),
      widget(
        `SELECT a.eventName FROM ${STORE_ID} a JOIN e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80 b ON a.eventId = b.eventId`,
      ),
      widget(`SELECT noSuchColumn FROM "${STORE_ARN}"`),
    ],
  });
  expect(created.Widgets).toHaveLength(5);
});

test('the Highlights: enabled by CreateDashboard, managed, protected, every 6 hours, once', async () => {
  const created = await create({ Name: 'AWSCloudTrail-Highlights' });
  expect(created).toMatchObject({
    DashboardArn: arnOf('AWSCloudTrail-Highlights'),
    Type: 'MANAGED',
    TerminationProtectionEnabled: true,
    RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 6 }, Status: 'ENABLED', TimeOfDay: '00:00' },
  });
  expect(created.Widgets?.map((item) => item.QueryAlias)).toEqual(
    HIGHLIGHTS_WIDGETS.map((_, index) => `Widget-AWSCloudTrail-Highlights-${String(index + 1)}`),
  );
  expect(created.Widgets?.map((item) => item.QueryStatement)).toEqual(
    HIGHLIGHTS_WIDGETS.map((item) => item.QueryStatement),
  );
  expect(await failure(create({ Name: 'AWSCloudTrail-Highlights' }))).toMatchObject({ name: 'ConflictException' });
  // It does not count toward the custom quota, and cannot lose its protection by deletion.
  expect(
    await failure(client().send(new DeleteDashboardCommand({ DashboardId: 'AWSCloudTrail-Highlights' }))),
  ).toMatchObject({
    name: 'ConflictException',
    message: expect.stringMatching(
      /^Dashboard AWSCloudTrail-Highlights cannot be deleted because termination protection is enabled\.$/,
    ) as unknown,
  });
  expect(
    await failure(
      client().send(new UpdateDashboardCommand({ DashboardId: 'AWSCloudTrail-Highlights', Widgets: [widget()] })),
    ),
  ).toMatchObject({ name: 'ValidationException' });
  expect(
    await failure(
      client().send(
        new UpdateDashboardCommand({
          DashboardId: 'AWSCloudTrail-Highlights',
          RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 12 } },
        }),
      ),
    ),
  ).toMatchObject({ name: 'ValidationException' });
  const updated = await client().send(
    new UpdateDashboardCommand({
      DashboardId: 'AWSCloudTrail-Highlights',
      RefreshSchedule: { Status: 'DISABLED' },
      TerminationProtectionEnabled: false,
    }),
  );
  expect(updated.RefreshSchedule).toEqual({
    Frequency: { Unit: 'HOURS', Value: 6 },
    Status: 'DISABLED',
    TimeOfDay: '00:00',
  });
  await client().send(new DeleteDashboardCommand({ DashboardId: 'AWSCloudTrail-Highlights' }));
  const { Dashboards = [] } = await client().send(new ListDashboardsCommand({ NamePrefix: 'AWSCloudTrail-H' }));
  expect(Dashboards).toEqual([]);
});

test('the Highlights refuses widgets and other frequencies, and needs a management events store', async () => {
  expect(await failure(create({ Name: 'AWSCloudTrail-Highlights', Widgets: [widget()] }))).toMatchObject({
    name: 'ValidationException',
  });
  expect(
    await failure(
      create({ Name: 'AWSCloudTrail-Highlights', RefreshSchedule: { Frequency: { Unit: 'DAYS', Value: 1 } } }),
    ),
  ).toMatchObject({ name: 'ValidationException' });
  // eu-west-1 has no store of its own (the seeded multi-region store is homed in us-east-1).
  expect(await failure(create({ Name: 'AWSCloudTrail-Highlights' }, 'eu-west-1'))).toMatchObject({
    name: 'EventDataStoreNotFoundException',
  });
  await expect(
    create({
      Name: 'AWSCloudTrail-Highlights',
      RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 6 }, TimeOfDay: '00:15' },
    }),
  ).resolves.toMatchObject({ RefreshSchedule: { Status: 'ENABLED', TimeOfDay: '00:15' } });
});

test('the 14 built-ins are there without creation, read-only, and keep their dates', async () => {
  expect(MANAGED_DASHBOARDS).toHaveLength(14);
  const { Dashboards = [] } = await client('eu-west-2').send(new ListDashboardsCommand({ Type: 'MANAGED' }));
  expect(Dashboards.map((item) => item.DashboardArn)).toEqual(
    MANAGED_DASHBOARDS.map((managed) => arnOf(managed.name, 'eu-west-2')).sort(),
  );
  const overview = await client().send(new GetDashboardCommand({ DashboardId: 'AWSCloudTrail-Overview' }));
  expect(overview).toMatchObject({
    DashboardArn: arnOf('AWSCloudTrail-Overview'),
    Type: 'MANAGED',
    Status: 'CREATED',
    TerminationProtectionEnabled: true,
    CreatedTimestamp: new Date('2024-12-01T00:00:00Z'),
    UpdatedTimestamp: new Date('2024-12-01T00:00:00Z'),
  });
  expect(overview.RefreshSchedule).toBeUndefined();
  expect(overview.Widgets?.[0]).toMatchObject({ QueryAlias: 'Widget-AWSCloudTrail-Overview-1' });
  expect(overview.Widgets).toHaveLength(MANAGED_DASHBOARDS[0]?.widgets.length ?? 0);
  expect(
    await failure(
      client().send(
        new UpdateDashboardCommand({ DashboardId: 'AWSCloudTrail-Overview', TerminationProtectionEnabled: false }),
      ),
    ),
  ).toMatchObject({ name: 'UnsupportedOperationException' });
  expect(
    await failure(client().send(new DeleteDashboardCommand({ DashboardId: arnOf('AWSCloudTrail-Overview') }))),
  ).toMatchObject({ name: 'UnsupportedOperationException' });
});

test.each([
  ['an unknown name', 'nothing-here'],
  ['an ARN of another region', arnOf('ops', 'eu-west-1')],
  ['an ARN of another account', arnOf('ops', 'us-east-1', '444455556666')],
  ['a malformed ARN', 'arn:aws:cloudtrail:us-east-1:123456789012:dashboard/a'],
  ['a store ARN', STORE_ARN],
])('DashboardId naming %s is ResourceNotFoundException', async (_case, DashboardId) => {
  await create();
  expect(await failure(client().send(new GetDashboardCommand({ DashboardId })))).toMatchObject({
    name: 'ResourceNotFoundException',
  });
  expect(await failure(client().send(new DeleteDashboardCommand({ DashboardId })))).toMatchObject({
    name: 'ResourceNotFoundException',
  });
});

test('dashboards are per account and region', async () => {
  await create();
  expect(await failure(client('eu-west-1').send(new GetDashboardCommand({ DashboardId: 'ops' })))).toMatchObject({
    name: 'ResourceNotFoundException',
  });
  expect(
    await failure(
      emulatorClient({ accessKeyId: PARTNER_ACCESS_KEY }).send(new GetDashboardCommand({ DashboardId: 'ops' })),
    ),
  ).toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(create({}, 'eu-west-1')).resolves.toMatchObject({ DashboardArn: arnOf('ops', 'eu-west-1') });
});

test(`at most ${String(MAX_CUSTOM_DASHBOARDS_PER_REGION)} custom dashboards per region; the Highlights does not count`, async () => {
  for (let index = 0; index < MAX_CUSTOM_DASHBOARDS_PER_REGION; index++) await create({ Name: `d-${String(index)}` });
  expect(await failure(create({ Name: 'one-more' }))).toMatchObject({
    name: 'ServiceQuotaExceededException',
    message: expect.stringMatching(/100 custom dashboards/) as unknown,
  });
  await expect(create({ Name: 'AWSCloudTrail-Highlights' })).resolves.toMatchObject({ Type: 'MANAGED' });
  await expect(create({ Name: 'one-more' }, 'eu-west-1')).resolves.toMatchObject({ Type: 'CUSTOM' });
  const { Dashboards = [] } = await client().send(new ListDashboardsCommand({ Type: 'CUSTOM' }));
  expect(Dashboards).toHaveLength(MAX_CUSTOM_DASHBOARDS_PER_REGION);
});

test('UpdateDashboard replaces widgets, merges the schedule, and sends nothing back unchanged when nothing is sent', async () => {
  await create({ Widgets: [widget(), BOUNDED], RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 6 } } });
  testClock.advance(5 * SECOND);
  const same = await client().send(new UpdateDashboardCommand({ DashboardId: 'ops' }));
  expect(same.UpdatedTimestamp).toEqual(same.CreatedTimestamp);
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Status: 'CREATED',
  });

  const updated = await client().send(
    new UpdateDashboardCommand({
      DashboardId: arnOf('ops'),
      Widgets: [BOUNDED],
      RefreshSchedule: { Status: 'DISABLED' },
    }),
  );
  expect(updated).toMatchObject({
    Name: 'ops',
    Type: 'CUSTOM',
    Widgets: [{ QueryAlias: 'Widget-ops-1', QueryStatement: BOUNDED.QueryStatement }],
    RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 6 }, Status: 'DISABLED', TimeOfDay: '00:00' },
    TerminationProtectionEnabled: false,
  });
  expect((updated.UpdatedTimestamp?.getTime() ?? 0) - (updated.CreatedTimestamp?.getTime() ?? 0)).toBe(5000);
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Status: 'UPDATED',
    Widgets: updated.Widgets,
  });
  expect(
    await failure(
      client().send(
        new UpdateDashboardCommand({ DashboardId: 'ops', Widgets: Array.from({ length: 11 }, () => widget()) }),
      ),
    ),
  ).toMatchObject({ name: 'ServiceQuotaExceededException' });
  expect(
    await failure(
      client().send(
        new UpdateDashboardCommand({ DashboardId: 'ops', RefreshSchedule: { Frequency: { Unit: 'DAYS', Value: 7 } } }),
      ),
    ),
  ).toMatchObject({ name: 'ValidationException' });
});

test('UpdateDashboard cannot enable a schedule that has no frequency', async () => {
  await create();
  expect(
    await failure(
      client().send(new UpdateDashboardCommand({ DashboardId: 'ops', RefreshSchedule: { Status: 'ENABLED' } })),
    ),
  ).toMatchObject({ name: 'ValidationException' });
  await client().send(
    new UpdateDashboardCommand({
      DashboardId: 'ops',
      RefreshSchedule: { Frequency: { Unit: 'DAYS', Value: 1 }, Status: 'DISABLED' },
    }),
  );
  const enabled = await client().send(
    new UpdateDashboardCommand({ DashboardId: 'ops', RefreshSchedule: { Status: 'ENABLED', TimeOfDay: '06:45' } }),
  );
  expect(enabled.RefreshSchedule).toEqual({
    Frequency: { Unit: 'DAYS', Value: 1 },
    Status: 'ENABLED',
    TimeOfDay: '06:45',
  });
});

test('DeleteDashboard: refused while protected, then gone with its tags and policy; the name is free again', async () => {
  await create({ TerminationProtectionEnabled: true, TagsList: [{ Key: 'a', Value: 'b' }] });
  expect(await failure(client().send(new DeleteDashboardCommand({ DashboardId: 'ops' })))).toMatchObject({
    name: 'ConflictException',
    message: expect.stringMatching(
      /^Dashboard ops cannot be deleted because termination protection is enabled\.$/,
    ) as unknown,
  });
  await client().send(new PutResourcePolicyCommand({ ResourceArn: arnOf('ops'), ResourcePolicy: DASHBOARD_POLICY }));
  await client().send(new UpdateDashboardCommand({ DashboardId: 'ops', TerminationProtectionEnabled: false }));
  await expect(client().send(new DeleteDashboardCommand({ DashboardId: arnOf('ops') }))).resolves.toBeDefined();
  expect(await failure(client().send(new GetDashboardCommand({ DashboardId: 'ops' })))).toMatchObject({
    name: 'ResourceNotFoundException',
  });
  expect(emulator.state.table('tags').has(arnOf('ops'))).toBe(false);
  expect(emulator.state.table('resourcePolicies').has(arnOf('ops'))).toBe(false);
  await create();
  const { ResourceTagList = [] } = await client().send(new ListTagsCommand({ ResourceIdList: [arnOf('ops')] }));
  expect(ResourceTagList[0]?.TagsList).toEqual([]);
  expect(await failure(client().send(new GetResourcePolicyCommand({ ResourceArn: arnOf('ops') })))).toMatchObject({
    name: 'ResourcePolicyNotFoundException',
  });
});

test('with a status delay, CREATING and UPDATING show first and refuse Update and Delete (ConflictException)', async () => {
  configureDashboardTimings(emulator.state, { statusDelay: 10 * SECOND });
  await create();
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Status: 'CREATING',
  });
  expect(
    await failure(
      client().send(new UpdateDashboardCommand({ DashboardId: 'ops', TerminationProtectionEnabled: true })),
    ),
  ).toMatchObject({ name: 'ConflictException' });
  expect(await failure(client().send(new DeleteDashboardCommand({ DashboardId: 'ops' })))).toMatchObject({
    name: 'ConflictException',
  });
  testClock.advance(10 * SECOND);
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Status: 'CREATED',
  });
  await client().send(new UpdateDashboardCommand({ DashboardId: 'ops', TerminationProtectionEnabled: false }));
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Status: 'UPDATING',
  });
  testClock.advance(10 * SECOND);
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Status: 'UPDATED',
  });
});

test('ListDashboards: sorted by name, filtered by NamePrefix and Type, paged with tokens bound to the filters', async () => {
  for (const Name of ['beta', 'alpha', 'Zulu', 'alpha-2']) await create({ Name });
  await create({ Name: 'AWSCloudTrail-Highlights' });
  const { Dashboards: all = [] } = await client().send(new ListDashboardsCommand({}));
  const names = all.map((item) => item.DashboardArn?.split('/')[1] ?? '');
  expect(names).toEqual([...names].sort());
  expect(names).toHaveLength(14 + 1 + 4);
  expect(all.find((item) => item.DashboardArn === arnOf('AWSCloudTrail-Highlights'))?.Type).toBe('MANAGED');
  const { Dashboards: prefixed = [] } = await client().send(new ListDashboardsCommand({ NamePrefix: 'alp' }));
  expect(prefixed).toEqual([
    { DashboardArn: arnOf('alpha'), Type: 'CUSTOM' },
    { DashboardArn: arnOf('alpha-2'), Type: 'CUSTOM' },
  ]);
  // Case-sensitive.
  const { Dashboards: none = [] } = await client().send(new ListDashboardsCommand({ NamePrefix: 'ALP' }));
  expect(none).toEqual([]);

  const pages: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client().send(new ListDashboardsCommand({ MaxResults: 4, NextToken }));
    expect(page.Dashboards?.length).toBeLessThanOrEqual(4);
    pages.push(...(page.Dashboards ?? []).map((item) => item.DashboardArn ?? ''));
    NextToken = page.NextToken;
  } while (NextToken);
  expect(pages).toEqual(all.map((item) => item.DashboardArn));

  const first = await client().send(new ListDashboardsCommand({ MaxResults: 2 }));
  expect(
    await failure(client().send(new ListDashboardsCommand({ Type: 'CUSTOM', NextToken: first.NextToken }))),
  ).toMatchObject({ name: 'InvalidNextTokenException' });
  expect(
    await failure(client('eu-west-1').send(new ListDashboardsCommand({ NextToken: first.NextToken }))),
  ).toMatchObject({ name: 'InvalidNextTokenException' });
  expect(await failure(client().send(new ListDashboardsCommand({ NextToken: 'garbage-token' })))).toMatchObject({
    name: 'InvalidNextTokenException',
  });
  for (const MaxResults of [0, 1001])
    expect(await failure(client().send(new ListDashboardsCommand({ MaxResults })))).toMatchObject({
      name: 'ValidationException',
    });
  expect(await failure(client().send(new ListDashboardsCommand({ NamePrefix: 'ab' })))).toMatchObject({
    name: 'ValidationException',
  });
});

test('self-records: widgets and schedules in lower camel case, ViewProperties keys as sent, the dashboard as resource', async () => {
  await create({
    Widgets: [BOUNDED],
    RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 1 }, Status: 'ENABLED' },
    TagsList: [{ Key: 'team', Value: 'x' }],
  });
  const record = await lastRecord('CreateDashboard');
  expect(record).toMatchObject({
    eventName: 'CreateDashboard',
    readOnly: false,
    resources: [{ accountId: ACCOUNT, type: 'AWS::CloudTrail::Dashboard', ARN: arnOf('ops') }],
    requestParameters: {
      name: 'ops',
      widgets: [
        { queryStatement: BOUNDED.QueryStatement, queryParameters: ['$StartTime$', '$EndTime$'], viewProperties: VIEW },
      ],
      refreshSchedule: { frequency: { unit: 'HOURS', value: 1 }, status: 'ENABLED' },
      tagsList: [{ key: 'team', value: 'x' }],
    },
    responseElements: {
      dashboardArn: arnOf('ops'),
      type: 'CUSTOM',
      widgets: [{ queryAlias: 'Widget-ops-1', viewProperties: VIEW }],
    },
  });
  await failure(create({ Widgets: [widget('nope')] }));
  expect(await lastRecord('CreateDashboard')).toMatchObject({
    errorCode: 'InvalidQueryStatementException',
    requestParameters: { widgets: [{ viewProperties: VIEW }] },
    responseElements: null,
  });
  await client().send(new GetDashboardCommand({ DashboardId: 'ops' }));
  expect(await lastRecord('GetDashboard')).toMatchObject({
    readOnly: true,
    requestParameters: { dashboardId: 'ops' },
    responseElements: null,
    resources: [{ type: 'AWS::CloudTrail::Dashboard', ARN: arnOf('ops') }],
  });
});

const DASHBOARD_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'cloudtrail:StartDashboardRefresh',
      Resource: arnOf('ops'),
      Condition: { StringEquals: { 'AWS:SourceArn': arnOf('ops'), 'AWS:SourceAccount': ACCOUNT } },
    },
  ],
});

test('tags on dashboards: merged, limited, by ARN in their region; the built-ins have none and keep none', async () => {
  await create({ TagsList: tags(49) });
  await client().send(
    new AddTagsCommand({ ResourceId: arnOf('ops'), TagsList: [{ Key: 'key-0', Value: 'new' }, ...tags(1, 'x')] }),
  );
  expect(
    await failure(client().send(new AddTagsCommand({ ResourceId: arnOf('ops'), TagsList: tags(1, 'y') }))),
  ).toMatchObject({ name: 'TagsLimitExceededException' });
  await client().send(new RemoveTagsCommand({ ResourceId: arnOf('ops'), TagsList: [{ Key: 'key-1' }] }));
  const { ResourceTagList = [] } = await client().send(
    new ListTagsCommand({ ResourceIdList: [arnOf('ops'), arnOf('AWSCloudTrail-Overview')] }),
  );
  expect(ResourceTagList[0]?.TagsList).toHaveLength(49);
  expect(ResourceTagList[0]?.TagsList?.[0]).toEqual({ Key: 'key-0', Value: 'new' });
  expect(ResourceTagList[1]).toEqual({ ResourceId: arnOf('AWSCloudTrail-Overview'), TagsList: [] });
  expect(
    await failure(
      client().send(new AddTagsCommand({ ResourceId: arnOf('AWSCloudTrail-Overview'), TagsList: tags(1) })),
    ),
  ).toMatchObject({ name: 'OperationNotPermittedException' });
  expect(
    await failure(
      client().send(new RemoveTagsCommand({ ResourceId: arnOf('AWSCloudTrail-Overview'), TagsList: tags(1) })),
    ),
  ).toMatchObject({ name: 'OperationNotPermittedException' });
  expect(
    await failure(client().send(new AddTagsCommand({ ResourceId: arnOf('ops', 'eu-west-1'), TagsList: tags(1) }))),
  ).toMatchObject({
    name: 'CloudTrailARNInvalidException',
    message: expect.stringMatching(/Region in ARN is wrong/) as unknown,
  });
  expect(
    await failure(client().send(new AddTagsCommand({ ResourceId: arnOf('nothing'), TagsList: tags(1) }))),
  ).toMatchObject({ name: 'ResourceNotFoundException' });
  expect(await failure(client().send(new ListTagsCommand({ ResourceIdList: [arnOf('nothing')] })))).toMatchObject({
    name: 'ResourceNotFoundException',
  });
});

test('resource policies on dashboards: the documented shape is stored; built-ins and unknown dashboards refuse', async () => {
  await create();
  await expect(
    client().send(new PutResourcePolicyCommand({ ResourceArn: arnOf('ops'), ResourcePolicy: DASHBOARD_POLICY })),
  ).resolves.toMatchObject({ ResourceArn: arnOf('ops'), ResourcePolicy: DASHBOARD_POLICY });
  await expect(client().send(new GetResourcePolicyCommand({ ResourceArn: arnOf('ops') }))).resolves.toMatchObject({
    ResourcePolicy: DASHBOARD_POLICY,
  });
  await client().send(new DeleteResourcePolicyCommand({ ResourceArn: arnOf('ops') }));
  expect(await failure(client().send(new GetResourcePolicyCommand({ ResourceArn: arnOf('ops') })))).toMatchObject({
    name: 'ResourcePolicyNotFoundException',
  });
  expect(
    await failure(
      client().send(
        new PutResourcePolicyCommand({
          ResourceArn: arnOf('AWSCloudTrail-Overview'),
          ResourcePolicy: DASHBOARD_POLICY,
        }),
      ),
    ),
  ).toMatchObject({ name: 'OperationNotPermittedException' });
  expect(
    await failure(client().send(new GetResourcePolicyCommand({ ResourceArn: arnOf('AWSCloudTrail-Overview') }))),
  ).toMatchObject({ name: 'OperationNotPermittedException' });
  expect(
    await failure(
      client().send(new PutResourcePolicyCommand({ ResourceArn: arnOf('missing'), ResourcePolicy: DASHBOARD_POLICY })),
    ),
  ).toMatchObject({ name: 'ResourceNotFoundException' });
  expect(
    await failure(
      client().send(
        new PutResourcePolicyCommand({ ResourceArn: arnOf('ops', 'eu-west-1'), ResourcePolicy: DASHBOARD_POLICY }),
      ),
    ),
  ).toMatchObject({ name: 'ResourceNotFoundException' });
});

const statement = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    Statement: {
      Effect: 'Allow',
      Principal: { Service: ['cloudtrail.amazonaws.com'] },
      Action: ['CloudTrail:startDashboardRefresh'],
      Resource: '*',
      ...overrides,
    },
  });

test.each([
  ['an AWS principal', statement({ Principal: { AWS: ACCOUNT } })],
  ['another service', statement({ Principal: { Service: 'lambda.amazonaws.com' } })],
  ['two services', statement({ Principal: { Service: ['cloudtrail.amazonaws.com', 'lambda.amazonaws.com'] } })],
  ['another action', statement({ Action: 'cloudtrail:StartQuery' })],
  ['a wildcard action', statement({ Action: 'cloudtrail:*' })],
  ['an Effect other than Allow or Deny', statement({ Effect: 'Maybe' })],
  ['another condition key', statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } })],
  ['another condition operator', statement({ Condition: { ArnLike: { 'AWS:SourceArn': arnOf('ops') } } })],
  ['NotAction', statement({ NotAction: 'cloudtrail:StartQuery' })],
  ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
  [
    '21 statements',
    JSON.stringify({ Statement: Array.from({ length: 21 }, () => JSON.parse(statement({})) as unknown) }),
  ],
  ['text that is not JSON', '{'],
])('a dashboard policy with %s is ResourcePolicyNotValidException', async (_case, ResourcePolicy) => {
  await create();
  expect(
    await failure(client().send(new PutResourcePolicyCommand({ ResourceArn: arnOf('ops'), ResourcePolicy }))),
  ).toMatchObject({ name: 'ResourcePolicyNotValidException' });
});

test('a dashboard policy with one-element lists, a case-insensitive action and StringLike passes', async () => {
  await create();
  const ResourcePolicy = statement({ Condition: { StringLike: { 'aws:sourcearn': [arnOf('*')] } } });
  await expect(
    client().send(new PutResourcePolicyCommand({ ResourceArn: arnOf('ops'), ResourcePolicy })),
  ).resolves.toMatchObject({ ResourcePolicy });
});

test('dashboards survive a restart', async () => {
  const storage = memoryStorage();
  server.use(...createHandlers(await createEmulator(testEmulatorOptions({ storage }))));
  await create({ Widgets: [BOUNDED], RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 12 } } });
  server.use(...createHandlers(await createEmulator(testEmulatorOptions({ storage }))));
  await expect(client().send(new GetDashboardCommand({ DashboardId: 'ops' }))).resolves.toMatchObject({
    Widgets: [{ QueryAlias: 'Widget-ops-1', QueryStatement: BOUNDED.QueryStatement }],
    RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 12 }, Status: 'ENABLED' },
  });
});
