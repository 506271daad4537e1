// What a trail's batches take (SEMANTICS.md §17.9): the routing function rule by rule, then
// through the emulator, with the batch contents read where delivery will find them.
import {
  AddTagsCommand,
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  TrailNotFoundException,
  type AdvancedEventSelector,
  type EventSelector,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { buildRecord } from '../../../factories';
import { emulator, emulatorClient, testClock, TEST_START } from '../../../node';
import { SECOND, toRecordTime } from '../../clock';
import { toEventEntry, type ActivityAuditLogRecord, type CloudTrailRecord, type EmulatorRecord } from '../../records';
import { takesRecord } from '../event-data-stores/routing';
import { batchTarget } from './delivery';
import { DEFAULT_EVENT_SELECTORS, trailArn, type StoredTrail } from './trail';

const NOW = Date.UTC(2025, 5, 2, 12);
const ACCOUNT = '123456789012';

function trail(overrides: Partial<StoredTrail> = {}): StoredTrail {
  return {
    arn: trailArn('us-east-1', ACCOUNT, 'audit'),
    name: 'audit',
    account: ACCOUNT,
    homeRegion: 'us-east-1',
    order: 1,
    createdAt: NOW - 3600 * SECOND,
    s3BucketName: 'acme-trail-logs',
    includeGlobalServiceEvents: true,
    isMultiRegionTrail: false,
    logFileValidationEnabled: false,
    eventSelectors: DEFAULT_EVENT_SELECTORS,
    hasCustomEventSelectors: false,
    insightSelectors: [],
    isLogging: true,
    startLoggingTime: NOW - 600 * SECOND,
    ...overrides,
  };
}

function takes(target: StoredTrail, record: EmulatorRecord, at = NOW) {
  return takesRecord(
    { kind: 'trail', trail: target },
    { entry: toEventEntry(record, JSON.stringify(record)), record: () => record, at },
  );
}

const record = (overrides: Partial<CloudTrailRecord> = {}) => buildRecord({ at: NOW - 30 * SECOND, ...overrides });

const s3Object = (bucket: string, readOnly = true) =>
  record({
    eventSource: 's3.amazonaws.com',
    eventName: readOnly ? 'GetObject' : 'PutObject',
    eventCategory: 'Data',
    managementEvent: false,
    readOnly,
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/reports/q1.csv` },
      { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
  });

test('logging at the moment: after StartLogging, up to and including StopLogging, never before', () => {
  expect(takes(trail(), record())).toBe(true);
  expect(takes(trail({ isLogging: false, startLoggingTime: undefined }), record())).toBe(false);
  expect(takes(trail({ startLoggingTime: NOW + 1 }), record())).toBe(false);
  const stopped = trail({ isLogging: false, stopLoggingTime: NOW });
  expect(takes(stopped, record(), NOW)).toBe(true);
  expect(takes(stopped, record(), NOW + 1)).toBe(false);
});

test('account and region: the home region, or every region for a multi-region trail', () => {
  expect(takes(trail(), record({ recipientAccountId: '444455556666' }))).toBe(false);
  expect(takes(trail(), record({ awsRegion: 'eu-west-1' }))).toBe(false);
  expect(takes(trail({ isMultiRegionTrail: true }), record({ awsRegion: 'eu-west-1' }))).toBe(true);
});

test('global service events need IncludeGlobalServiceEvents', () => {
  for (const eventSource of [
    'iam.amazonaws.com',
    'sts.amazonaws.com',
    'cloudfront.amazonaws.com',
    'signin.amazonaws.com',
  ]) {
    expect(takes(trail(), record({ eventSource }))).toBe(true);
    expect({
      eventSource,
      taken: takes(trail({ includeGlobalServiceEvents: false }), record({ eventSource })),
    }).toEqual({
      eventSource,
      taken: false,
    });
  }
  expect(takes(trail({ includeGlobalServiceEvents: false }), record())).toBe(true);
});

test('categories: never ActivityAuditLog or Insight', () => {
  const outside: ActivityAuditLogRecord = {
    eventVersion: '1.0',
    eventCategory: 'ActivityAuditLog',
    eventType: 'ActivityLog',
    eventID: 'aaaaaaaa-0000-4000-8000-000000000001',
    eventTime: '2025-06-02T11:59:00Z',
    awsRegion: 'us-east-1',
    recipientAccountId: ACCOUNT,
    metadata: {
      ingestionTime: '2025-06-02T11:59:00Z',
      channelARN: 'arn:aws:cloudtrail:us-east-1:123456789012:channel/x',
    },
    eventData: {},
  };
  const everything: AdvancedEventSelector[] = [
    { FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] },
  ];
  expect(takes(trail(), outside)).toBe(false);
  expect(takes(trail({ advancedEventSelectors: everything, eventSelectors: undefined }), outside)).toBe(false);
  expect(takes(trail(), record({ eventCategory: 'Insight' }))).toBe(false);
});

test('basic selectors: management events by ReadWriteType and excluded sources; an absent readOnly is a write', () => {
  const only = (selector: EventSelector) => trail({ eventSelectors: [selector] });
  expect(takes(only({ ReadWriteType: 'ReadOnly' }), record({ readOnly: true }))).toBe(true);
  expect(takes(only({ ReadWriteType: 'ReadOnly' }), record({ readOnly: false }))).toBe(false);
  expect(takes(only({ ReadWriteType: 'WriteOnly' }), record({ readOnly: false }))).toBe(true);
  expect(takes(only({ ReadWriteType: 'WriteOnly' }), record({ readOnly: undefined }))).toBe(true);
  expect(takes(only({ ReadWriteType: 'ReadOnly' }), record({ readOnly: undefined }))).toBe(false);
  expect(takes(only({ IncludeManagementEvents: false }), record())).toBe(false);
  const kms = record({ eventSource: 'kms.amazonaws.com' });
  expect(takes(only({ ExcludeManagementEventSources: ['kms.amazonaws.com'] }), kms)).toBe(false);
  expect(takes(only({ ExcludeManagementEventSources: ['kms.amazonaws.com'] }), record())).toBe(true);
  // Network activity never matches basic selectors.
  expect(takes(trail(), record({ eventCategory: 'NetworkActivity' }))).toBe(false);
});

test('basic selectors: data events by resource type and value (S3 prefix, "all" values), with ReadWriteType', () => {
  const data = (Values: string[], ReadWriteType: EventSelector['ReadWriteType'] = 'All') =>
    trail({
      eventSelectors: [
        { ReadWriteType, IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values }] },
      ],
    });
  expect(takes(trail(), s3Object('acme'))).toBe(false);
  expect(takes(data(['arn:aws:s3']), s3Object('acme'))).toBe(true);
  expect(takes(data(['arn:aws:s3:::']), s3Object('acme'))).toBe(true);
  expect(takes(data(['arn:aws:s3:::acme/']), s3Object('acme'))).toBe(true);
  expect(takes(data(['arn:aws:s3:::acme/reports/']), s3Object('acme'))).toBe(true);
  expect(takes(data(['arn:aws:s3:::acme/other/']), s3Object('acme'))).toBe(false);
  expect(takes(data(['arn:aws:s3:::acme-2/']), s3Object('acme'))).toBe(false);
  expect(takes(data(['arn:aws:s3'], 'WriteOnly'), s3Object('acme'))).toBe(false);
  expect(takes(data(['arn:aws:s3'], 'WriteOnly'), s3Object('acme', false))).toBe(true);
  const lambda = record({
    eventCategory: 'Data',
    eventSource: 'lambda.amazonaws.com',
    eventName: 'Invoke',
    resources: [{ type: 'AWS::Lambda::Function', ARN: 'arn:aws:lambda:us-east-1:123456789012:function:pay' }],
  });
  const lambdas = (Values: string[]) =>
    trail({ eventSelectors: [{ DataResources: [{ Type: 'AWS::Lambda::Function', Values }] }] });
  expect(takes(lambdas(['arn:aws:lambda']), lambda)).toBe(true);
  expect(takes(lambdas(['arn:aws:lambda:us-east-1:123456789012:function:pay']), lambda)).toBe(true);
  expect(takes(lambdas(['arn:aws:lambda:us-east-1:123456789012:function:pa']), lambda)).toBe(false);
});

test('advanced selectors: §8.5 matching, including network activity and channel data events', () => {
  const advanced = (selectors: AdvancedEventSelector[]) =>
    trail({ advancedEventSelectors: selectors, eventSelectors: undefined });
  const writes = advanced([
    {
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'readOnly', Equals: ['false'] },
      ],
    },
  ]);
  expect(takes(writes, record({ readOnly: false }))).toBe(true);
  expect(takes(writes, record({ readOnly: true }))).toBe(false);
  const network = advanced([
    {
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['NetworkActivity'] },
        { Field: 'eventSource', Equals: ['kms.amazonaws.com'] },
      ],
    },
  ]);
  expect(
    takes(
      network,
      record({ eventCategory: 'NetworkActivity', eventSource: 'kms.amazonaws.com', eventType: 'AwsVpceEvent' }),
    ),
  ).toBe(true);
  const channels = advanced([
    {
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::CloudTrail::Channel'] },
      ],
    },
  ]);
  const audit = record({
    eventCategory: 'Data',
    eventSource: 'cloudtrail-data.amazonaws.com',
    eventName: 'PutAuditEvents',
    resources: [
      {
        accountId: ACCOUNT,
        type: 'AWS::CloudTrail::Channel',
        ARN: 'arn:aws:cloudtrail:us-east-1:123456789012:channel/x',
      },
    ],
  });
  expect(takes(channels, audit)).toBe(true);
  expect(takes(trail(), audit)).toBe(false);
});

// Through the emulator.

const AUDIT_ARN = trailArn('us-east-1', ACCOUNT, 'audit');

function batch(region: string, arn = AUDIT_ARN) {
  return emulator.state.contents(batchTarget(emulator.state, arn, region)).map((entry) => entry.eventName);
}

test('live records go to the batch of (trail, region); the trail logs its own StartLogging and StopLogging', async () => {
  // Between delivery ticks, so nothing is delivered while the test looks.
  testClock.set(TEST_START + 10 * SECOND);
  const client = emulatorClient();
  await client.send(
    new CreateTrailCommand({ Name: 'audit', S3BucketName: 'acme-trail-logs', IsMultiRegionTrail: true }),
  );
  expect(batch('us-east-1')).toEqual([]);
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await emulator.ingest([
    buildRecord({ at: testClock.now(), eventName: 'RunInstances', awsRegion: 'eu-west-1' }),
    buildRecord({ at: testClock.now(), eventName: 'CreateUser', eventSource: 'iam.amazonaws.com' }),
  ]);
  await emulatorClient({ region: 'eu-west-1' }).send(new GetTrailStatusCommand({ Name: AUDIT_ARN }));
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  expect(batch('us-east-1')).toEqual(['StartLogging', 'CreateUser', 'StopLogging']);
  expect(batch('eu-west-1')).toEqual(['RunInstances', 'GetTrailStatus']);
  // Once stopped, nothing more is taken.
  testClock.advance(SECOND);
  await emulator.ingest([buildRecord({ at: testClock.now(), eventName: 'TerminateInstances' })]);
  expect(batch('us-east-1')).not.toContain('TerminateInstances');
});

test('a single-region trail without global service events takes neither other regions nor IAM', async () => {
  testClock.set(TEST_START + 10 * SECOND);
  const client = emulatorClient();
  await client.send(
    new CreateTrailCommand({ Name: 'audit', S3BucketName: 'acme-trail-logs', IncludeGlobalServiceEvents: false }),
  );
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  await emulator.ingest([
    buildRecord({ at: testClock.now(), eventName: 'RunInstances', awsRegion: 'eu-west-1' }),
    buildRecord({ at: testClock.now(), eventName: 'CreateUser', eventSource: 'iam.amazonaws.com' }),
    buildRecord({ at: testClock.now(), eventName: 'DescribeInstances' }),
  ]);
  expect(batch('us-east-1')).toEqual(['StartLogging', 'DescribeInstances']);
  expect(batch('eu-west-1')).toEqual([]);
});

test('a Terraform-style sequence: create with tags, advanced selectors, Insights, logging, reads, stop, delete', async () => {
  testClock.set(TEST_START + 10 * SECOND);
  const client = emulatorClient({ userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5' });
  const created = await client.send(
    new CreateTrailCommand({
      Name: 'audit',
      S3BucketName: 'acme-trail-logs',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      TagsList: [{ Key: 'managed-by', Value: 'terraform' }],
    }),
  );
  expect(created.TrailARN).toBe(AUDIT_ARN);
  const selectors: AdvancedEventSelector[] = [
    { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    {
      Name: 'Log all S3 objects',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      ],
    },
  ];
  expect(
    (await client.send(new PutEventSelectorsCommand({ TrailName: 'audit', AdvancedEventSelectors: selectors })))
      .AdvancedEventSelectors,
  ).toEqual(selectors);
  expect(
    (
      await client.send(
        new PutInsightSelectorsCommand({
          TrailName: 'audit',
          InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }],
        }),
      )
    ).InsightSelectors,
  ).toEqual([{ InsightType: 'ApiCallRateInsight' }]);
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  const status = await client.send(new GetTrailStatusCommand({ Name: 'audit' }));
  expect(status).toMatchObject({ IsLogging: true, TimeLoggingStopped: '' });
  expect(status.StartLoggingTime?.getTime()).toBe(testClock.now());
  const { trailList } = await client.send(new DescribeTrailsCommand({ trailNameList: ['audit'] }));
  expect(trailList).toEqual([
    expect.objectContaining({
      Name: 'audit',
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      HasCustomEventSelectors: true,
      HasInsightSelectors: true,
    }),
  ]);
  expect((await client.send(new GetEventSelectorsCommand({ TrailName: 'audit' }))).AdvancedEventSelectors).toEqual(
    selectors,
  );
  await emulator.ingest([{ ...s3Object('acme-data'), eventTime: toRecordTime(testClock.now()) }]);
  expect(batch('us-east-1')).toContain('GetObject');
  const { ResourceTagList } = await client.send(new ListTagsCommand({ ResourceIdList: [AUDIT_ARN] }));
  expect(ResourceTagList).toEqual([{ ResourceId: AUDIT_ARN, TagsList: [{ Key: 'managed-by', Value: 'terraform' }] }]);
  await client.send(new AddTagsCommand({ ResourceId: AUDIT_ARN, TagsList: [{ Key: 'env', Value: 'prod' }] }));
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  expect((await client.send(new GetTrailStatusCommand({ Name: 'audit' }))).IsLogging).toBe(false);
  await client.send(new DeleteTrailCommand({ Name: 'audit' }));
  await expect(client.send(new GetTrailStatusCommand({ Name: 'audit' }))).rejects.toBeInstanceOf(
    TrailNotFoundException,
  );
});
