// Channels through the SDK (SEMANTICS.md §12.1–12.3, §14, §15): create, read, list, update and
// delete, their rules and errors, service-linked refusals, tags, store protection, the seeded
// channels, and persistence.
import {
  AddTagsCommand,
  ChannelAlreadyExistsException,
  ChannelARNInvalidException,
  ChannelExistsForEDSException,
  ChannelMaxLimitExceededException,
  ChannelNotFoundException,
  CreateChannelCommand,
  CreateEventDataStoreCommand,
  DeleteChannelCommand,
  DeleteEventDataStoreCommand,
  EventDataStoreARNInvalidException,
  EventDataStoreNotFoundException,
  GetChannelCommand,
  GetResourcePolicyCommand,
  InactiveEventDataStoreException,
  InvalidEventDataStoreCategoryException,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidSourceException,
  InvalidTagParameterException,
  ListChannelsCommand,
  ListTagsCommand,
  LookupEventsCommand,
  OperationNotPermittedException,
  PutResourcePolicyCommand,
  RemoveTagsCommand,
  ResourceNotFoundException,
  TagsLimitExceededException,
  UpdateChannelCommand,
  UpdateEventDataStoreCommand,
  type CreateChannelRequest,
  type Tag,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { createHandlers } from '../../../handlers';
import { emulator, emulatorClient, server, TEST_ANCHOR, testClock, testEmulatorOptions } from '../../../node';
import { CHANNEL_SOURCES } from './partner-sources';
import { SECOND, DAY } from '../../clock';
import { createEmulator } from '../../create-emulator';
import { memoryStorage } from '../../storage/memory';

const ACCOUNT = '123456789012';
const INTEGRATIONS_AUDIT_ID = 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';
const INTEGRATIONS_AUDIT_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/${INTEGRATIONS_AUDIT_ID}`;
const MANAGEMENT_EVENTS_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24`;
const PAYMENTS_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57`;
const LAUNCHDARKLY_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/9a7f3c15-2e6b-4d80-b4c9-e1f5a2d7c603`;
const SECURITY_LAKE_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/8c1e5b2f-4a6d-4e93-9b07-d2f8c3a1e645`;
const CHANNEL_ARN =
  /^arn:aws:cloudtrail:us-east-1:123456789012:channel\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ACTIVITY_SELECTORS = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];

const toStore = (Location: string) => [{ Type: 'EVENT_DATA_STORE' as const, Location }];

async function createChannel(input: Partial<CreateChannelRequest> = {}, client = emulatorClient()) {
  return client.send(
    new CreateChannelCommand({
      Name: 'custom-app',
      Source: 'Custom',
      Destinations: toStore(INTEGRATIONS_AUDIT_ARN),
      ...input,
    }),
  );
}

/** A new ActivityAuditLog store; ENABLED once the clock passes its activation delay. */
async function createActivityStore(Name: string, input: { MultiRegionEnabled?: boolean } = {}) {
  const output = await emulatorClient().send(
    new CreateEventDataStoreCommand({
      Name,
      AdvancedEventSelectors: ACTIVITY_SELECTORS,
      MultiRegionEnabled: false,
      TerminationProtectionEnabled: false,
      ...input,
    }),
  );
  return output.EventDataStoreArn ?? '';
}

async function channelNames(client = emulatorClient()) {
  const { Channels } = await client.send(new ListChannelsCommand({}));
  return (Channels ?? []).map((channel) => channel.Name);
}

const tags = (count: number): Tag[] =>
  Array.from({ length: count }, (_, index) => ({ Key: `key-${String(index)}`, Value: String(index) }));

test('creates a Custom channel and returns its ARN, full destination ARNs and tags', async () => {
  const output = await createChannel({
    Destinations: toStore(INTEGRATIONS_AUDIT_ID),
    Tags: [{ Key: 'team', Value: 'payments' }],
  });
  expect(output.ChannelArn).toMatch(CHANNEL_ARN);
  expect(output).toMatchObject({
    Name: 'custom-app',
    Source: 'Custom',
    Destinations: [{ Type: 'EVENT_DATA_STORE', Location: INTEGRATIONS_AUDIT_ARN }],
    Tags: [{ Key: 'team', Value: 'payments' }],
  });
  const got = await emulatorClient().send(new GetChannelCommand({ Channel: output.ChannelArn }));
  expect(got).toMatchObject({
    ChannelArn: output.ChannelArn,
    Name: 'custom-app',
    Source: 'Custom',
    Destinations: [{ Type: 'EVENT_DATA_STORE', Location: INTEGRATIONS_AUDIT_ARN }],
    IngestionStatus: {},
  });
  expect(got.SourceConfig).toBeUndefined();
});

test('records CreateChannel with the channel and its destination store as resources', async () => {
  const { ChannelArn } = await createChannel();
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateChannel' }] }),
  );
  const record = JSON.parse(Events?.[0]?.CloudTrailEvent ?? '{}') as {
    resources: unknown[];
    responseElements: unknown;
  };
  expect(record.resources).toEqual([
    { accountId: ACCOUNT, type: 'AWS::CloudTrail::Channel', ARN: ChannelArn },
    { accountId: ACCOUNT, type: 'AWS::CloudTrail::EventDataStore', ARN: INTEGRATIONS_AUDIT_ARN },
  ]);
  expect(record.responseElements).toMatchObject({ channelArn: ChannelArn, name: 'custom-app' });
});

test.each(CHANNEL_SOURCES.filter((source) => source.source !== 'LaunchDarkly').map((source) => source.source))(
  'accepts the source %s',
  async (Source) => {
    expect((await createChannel({ Source })).Source).toBe(Source);
  },
);

test.each(['custom', 'CloudTrail', 'Okta', 'launchdarkly', 'Datadog'])(
  'refuses the source %s with InvalidSourceException',
  async (Source) => {
    await expect(createChannel({ Source })).rejects.toBeInstanceOf(InvalidSourceException);
  },
);

test('allows one channel per partner source in a region but any number of Custom channels', async () => {
  await expect(createChannel({ Name: 'ld-2', Source: 'LaunchDarkly' })).rejects.toBeInstanceOf(
    ChannelAlreadyExistsException,
  );
  await createChannel({ Name: 'okta', Source: 'OktaSystemLogEvents' });
  await expect(createChannel({ Name: 'okta-2', Source: 'OktaSystemLogEvents' })).rejects.toBeInstanceOf(
    ChannelAlreadyExistsException,
  );
  await createChannel({ Name: 'custom-1' });
  await createChannel({ Name: 'custom-2' });
});

test('channel names are unique per account and region, on create and on rename', async () => {
  await expect(createChannel({ Name: 'payments-app-audit' })).rejects.toBeInstanceOf(ChannelAlreadyExistsException);
  const { ChannelArn } = await createChannel({ Name: 'renamed-later' });
  await expect(
    emulatorClient().send(new UpdateChannelCommand({ Channel: ChannelArn, Name: 'launchdarkly-audit' })),
  ).rejects.toBeInstanceOf(ChannelAlreadyExistsException);
  // Renaming a channel to its own name is no conflict.
  await emulatorClient().send(new UpdateChannelCommand({ Channel: ChannelArn, Name: 'renamed-later' }));
});

test('the same name may be used in another region', async () => {
  const client = emulatorClient({ region: 'eu-west-1' });
  const { EventDataStoreArn } = await client.send(
    new CreateEventDataStoreCommand({
      Name: 'eu-activity',
      AdvancedEventSelectors: ACTIVITY_SELECTORS,
      MultiRegionEnabled: false,
    }),
  );
  const output = await createChannel(
    { Name: 'payments-app-audit', Destinations: toStore(EventDataStoreArn ?? '') },
    client,
  );
  expect(output.ChannelArn).toMatch(/^arn:aws:cloudtrail:eu-west-1:/);
  expect(await channelNames(client)).toEqual(['payments-app-audit']);
});

test.each<[string, () => Promise<unknown>, new (...args: never[]) => Error]>([
  [
    'an AWS_SERVICE destination',
    () => createChannel({ Destinations: [{ Type: 'AWS_SERVICE', Location: 'securitylake.amazonaws.com' }] }),
    InvalidParameterException,
  ],
  [
    'the same store twice, by ARN and by ID',
    () => createChannel({ Destinations: [...toStore(INTEGRATIONS_AUDIT_ARN), ...toStore(INTEGRATIONS_AUDIT_ID)] }),
    InvalidParameterException,
  ],
  ['no destinations', () => createChannel({ Destinations: [] }), InvalidParameterException],
  [
    'a location that is no store reference',
    () => createChannel({ Destinations: toStore('my-store') }),
    EventDataStoreARNInvalidException,
  ],
  [
    'an unknown store',
    () => createChannel({ Destinations: toStore('00000000-0000-4000-8000-000000000000') }),
    EventDataStoreNotFoundException,
  ],
  [
    'a store of CloudTrail events',
    () => createChannel({ Destinations: toStore(MANAGEMENT_EVENTS_ARN) }),
    InvalidEventDataStoreCategoryException,
  ],
  [
    'a multi-region ActivityAuditLog store',
    async () =>
      createChannel({ Destinations: toStore(await createActivityStore('multi', { MultiRegionEnabled: true })) }),
    InvalidEventDataStoreCategoryException,
  ],
])('refuses %s as a destination', async (_case, create, error) => {
  await expect(create()).rejects.toBeInstanceOf(error);
});

test('refuses a store pending deletion as a destination with InactiveEventDataStoreException', async () => {
  const arn = await createActivityStore('going-away');
  testClock.advance(3 * SECOND);
  await emulatorClient().send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  await expect(createChannel({ Destinations: toStore(arn) })).rejects.toBeInstanceOf(InactiveEventDataStoreException);
});

test('accepts a store that is still CREATED, and up to two hundred destinations are allowed by the model', async () => {
  const arn = await createActivityStore('brand-new');
  const output = await createChannel({ Destinations: [...toStore(arn), ...toStore(INTEGRATIONS_AUDIT_ARN)] });
  expect(output.Destinations?.map((destination) => destination.Location)).toEqual([arn, INTEGRATIONS_AUDIT_ARN]);
  const tooMany = Array.from({ length: 201 }, () => toStore(arn)[0] as { Type: 'EVENT_DATA_STORE'; Location: string });
  await expect(createChannel({ Name: 'too-many', Destinations: tooMany })).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
});

test('an account has at most 25 integration channels in a region; service-linked ones do not count', async () => {
  // The seed has two integration channels and one service-linked channel in us-east-1.
  for (let index = 0; index < 23; index++) await createChannel({ Name: `custom-${String(index)}` });
  await expect(createChannel({ Name: 'one-too-many' })).rejects.toBeInstanceOf(ChannelMaxLimitExceededException);
  await emulatorClient().send(new DeleteChannelCommand({ Channel: PAYMENTS_ARN }));
  await createChannel({ Name: 'fits-again' });
});

test('a channel takes 50 tags; more, duplicates or the aws: prefix are refused', async () => {
  await expect(createChannel({ Tags: tags(51) })).rejects.toBeInstanceOf(TagsLimitExceededException);
  await expect(createChannel({ Tags: [{ Key: 'aws:owner', Value: 'x' }] })).rejects.toBeInstanceOf(
    InvalidTagParameterException,
  );
  await expect(createChannel({ Tags: [{ Key: '', Value: 'x' }] })).rejects.toBeInstanceOf(InvalidTagParameterException);
  const { ChannelArn = '' } = await createChannel({ Tags: tags(49) });
  const client = emulatorClient();
  await client.send(new AddTagsCommand({ ResourceId: ChannelArn, TagsList: [{ Key: 'last', Value: '50' }] }));
  await expect(
    client.send(new AddTagsCommand({ ResourceId: ChannelArn, TagsList: [{ Key: 'extra', Value: '51' }] })),
  ).rejects.toBeInstanceOf(TagsLimitExceededException);
  await client.send(new RemoveTagsCommand({ ResourceId: ChannelArn, TagsList: [{ Key: 'last' }] }));
  const { ResourceTagList } = await client.send(new ListTagsCommand({ ResourceIdList: [ChannelArn] }));
  expect(ResourceTagList?.[0]?.TagsList).toEqual(tags(49));
});

test('tag calls on channels resolve like other channel references', async () => {
  const client = emulatorClient();
  const missing = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9`;
  await expect(
    client.send(new AddTagsCommand({ ResourceId: missing, TagsList: [{ Key: 'a', Value: 'b' }] })),
  ).rejects.toBeInstanceOf(ChannelNotFoundException);
  // ListTags does not declare ChannelNotFoundException.
  await expect(client.send(new ListTagsCommand({ ResourceIdList: [missing] }))).rejects.toBeInstanceOf(
    ResourceNotFoundException,
  );
  await expect(
    client.send(
      new AddTagsCommand({
        ResourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/not-a-uuid`,
        TagsList: [{ Key: 'a', Value: 'b' }],
      }),
    ),
  ).rejects.toBeInstanceOf(ChannelARNInvalidException);
});

test('gets, updates and deletes a channel by ARN or by ID', async () => {
  const { ChannelArn = '' } = await createChannel();
  const id = ChannelArn.slice(ChannelArn.lastIndexOf('/') + 1);
  const client = emulatorClient();
  expect((await client.send(new GetChannelCommand({ Channel: id }))).ChannelArn).toBe(ChannelArn);
  const store = await createActivityStore('second-store');
  const updated = await client.send(
    new UpdateChannelCommand({ Channel: id, Name: 'renamed', Destinations: toStore(store) }),
  );
  expect(updated).toMatchObject({
    ChannelArn,
    Name: 'renamed',
    Source: 'Custom',
    Destinations: [{ Type: 'EVENT_DATA_STORE', Location: store }],
  });
  await client.send(new DeleteChannelCommand({ Channel: id }));
  await expect(client.send(new GetChannelCommand({ Channel: ChannelArn }))).rejects.toBeInstanceOf(
    ChannelNotFoundException,
  );
});

test('UpdateChannel needs a Name or Destinations and checks destinations as CreateChannel does', async () => {
  const client = emulatorClient();
  await expect(client.send(new UpdateChannelCommand({ Channel: PAYMENTS_ARN }))).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
  await expect(
    client.send(new UpdateChannelCommand({ Channel: PAYMENTS_ARN, Destinations: toStore(MANAGEMENT_EVENTS_ARN) })),
  ).rejects.toBeInstanceOf(InvalidEventDataStoreCategoryException);
});

test.each<[string, string, new (...args: never[]) => Error]>([
  ['a malformed ARN', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/abc`, ChannelARNInvalidException],
  ['a store ARN', INTEGRATIONS_AUDIT_ARN, ChannelARNInvalidException],
  ['an unknown UUID', '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', ChannelNotFoundException],
  ['a channel of another region', PAYMENTS_ARN.replace('us-east-1', 'us-west-2'), ChannelNotFoundException],
  ['a channel of another account', PAYMENTS_ARN.replace(ACCOUNT, '444455556666'), ChannelNotFoundException],
])('GetChannel answers %s with the matching error', async (_case, Channel, error) => {
  await expect(emulatorClient().send(new GetChannelCommand({ Channel }))).rejects.toBeInstanceOf(error);
});

test('another account sees none of the default account’s channels', async () => {
  const partner = emulatorClient({ accessKeyId: 'ASIAEMU0PARTNER00005' });
  expect(await channelNames(partner)).toEqual([]);
  await expect(partner.send(new GetChannelCommand({ Channel: PAYMENTS_ARN }))).rejects.toBeInstanceOf(
    ChannelNotFoundException,
  );
});

test('ListChannels lists both kinds in creation order and pages with a NextToken', async () => {
  await createChannel({ Name: 'fourth' });
  const client = emulatorClient();
  expect(await channelNames()).toEqual([
    'payments-app-audit',
    'launchdarkly-audit',
    'aws-service-channel/securitylake/8c1e5b2f',
    'fourth',
  ]);
  const first = await client.send(new ListChannelsCommand({ MaxResults: 3 }));
  expect(first.Channels?.map((channel) => channel.ChannelArn)).toEqual([
    PAYMENTS_ARN,
    LAUNCHDARKLY_ARN,
    SECURITY_LAKE_ARN,
  ]);
  const second = await client.send(new ListChannelsCommand({ MaxResults: 3, NextToken: first.NextToken }));
  expect(second.Channels?.map((channel) => channel.Name)).toEqual(['fourth']);
  expect(second.NextToken).toBeUndefined();
  await expect(client.send(new ListChannelsCommand({ NextToken: 'not-a-token' }))).rejects.toBeInstanceOf(
    InvalidNextTokenException,
  );
  await expect(
    emulatorClient({ region: 'us-west-2' }).send(new ListChannelsCommand({ NextToken: first.NextToken })),
  ).rejects.toBeInstanceOf(InvalidNextTokenException);
});

test('DeleteChannel drops the channel’s policy and tags', async () => {
  const client = emulatorClient();
  await client.send(new AddTagsCommand({ ResourceId: LAUNCHDARKLY_ARN, TagsList: [{ Key: 'vendor', Value: 'ld' }] }));
  await client.send(new DeleteChannelCommand({ Channel: LAUNCHDARKLY_ARN }));
  await expect(client.send(new GetResourcePolicyCommand({ ResourceArn: LAUNCHDARKLY_ARN }))).rejects.toBeInstanceOf(
    ResourceNotFoundException,
  );
  await expect(client.send(new ListTagsCommand({ ResourceIdList: [LAUNCHDARKLY_ARN] }))).rejects.toBeInstanceOf(
    ResourceNotFoundException,
  );
  expect(emulator.state.table('resourcePolicies').has(LAUNCHDARKLY_ARN)).toBe(false);
  expect(emulator.state.table('tags').has(LAUNCHDARKLY_ARN)).toBe(false);
  // A partner Source is free again once its channel is gone.
  await createChannel({ Name: 'launchdarkly-2', Source: 'LaunchDarkly' });
});

test('the service-linked channel can be read but not updated, deleted, tagged or given a policy', async () => {
  const client = emulatorClient();
  expect(await client.send(new GetChannelCommand({ Channel: SECURITY_LAKE_ARN }))).toMatchObject({
    ChannelArn: SECURITY_LAKE_ARN,
    Name: 'aws-service-channel/securitylake/8c1e5b2f',
    Source: 'CloudTrail',
    SourceConfig: {
      ApplyToAllRegions: true,
      AdvancedEventSelectors: [
        { Name: 'Management events only', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      ],
    },
    Destinations: [{ Type: 'AWS_SERVICE', Location: 'securitylake.amazonaws.com' }],
  });
  const refusals = [
    client.send(new UpdateChannelCommand({ Channel: SECURITY_LAKE_ARN, Name: 'mine-now' })),
    client.send(new DeleteChannelCommand({ Channel: SECURITY_LAKE_ARN })),
    client.send(new AddTagsCommand({ ResourceId: SECURITY_LAKE_ARN, TagsList: [{ Key: 'a', Value: 'b' }] })),
    client.send(new RemoveTagsCommand({ ResourceId: SECURITY_LAKE_ARN, TagsList: [{ Key: 'a' }] })),
    client.send(new PutResourcePolicyCommand({ ResourceArn: SECURITY_LAKE_ARN, ResourcePolicy: '{"Statement":[]}' })),
  ];
  for (const refusal of refusals) await expect(refusal).rejects.toBeInstanceOf(OperationNotPermittedException);
  const { ResourceTagList } = await client.send(new ListTagsCommand({ ResourceIdList: [SECURITY_LAKE_ARN] }));
  expect(ResourceTagList?.[0]?.TagsList).toEqual([]);
});

test('a channel destination cannot be deleted or made multi-region', async () => {
  const client = emulatorClient();
  await client.send(
    new UpdateEventDataStoreCommand({ EventDataStore: INTEGRATIONS_AUDIT_ARN, TerminationProtectionEnabled: false }),
  );
  await expect(
    client.send(new DeleteEventDataStoreCommand({ EventDataStore: INTEGRATIONS_AUDIT_ARN })),
  ).rejects.toBeInstanceOf(ChannelExistsForEDSException);
  await expect(
    client.send(new UpdateEventDataStoreCommand({ EventDataStore: INTEGRATIONS_AUDIT_ARN, MultiRegionEnabled: true })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
  await client.send(new DeleteChannelCommand({ Channel: PAYMENTS_ARN }));
  await client.send(new DeleteChannelCommand({ Channel: LAUNCHDARKLY_ARN }));
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: INTEGRATIONS_AUDIT_ARN }));
});

test('the seed has the payments and LaunchDarkly channels with their ingestion status', async () => {
  const client = emulatorClient();
  const payments = await client.send(new GetChannelCommand({ Channel: PAYMENTS_ARN }));
  expect(payments).toMatchObject({
    Name: 'payments-app-audit',
    Source: 'Custom',
    Destinations: [{ Type: 'EVENT_DATA_STORE', Location: INTEGRATIONS_AUDIT_ARN }],
  });
  const paymentStatus = payments.IngestionStatus ?? {};
  expect(paymentStatus.LatestIngestionErrorCode).toBeUndefined();
  expect(paymentStatus.LatestIngestionSuccessEventID).toBe(paymentStatus.LatestIngestionAttemptEventID);
  expect(paymentStatus.LatestIngestionSuccessTime?.getTime()).toBeLessThan(TEST_ANCHOR);
  expect(paymentStatus.LatestIngestionSuccessTime?.getTime()).toBeGreaterThan(TEST_ANCHOR - 3 * DAY);

  const launchDarkly = await client.send(new GetChannelCommand({ Channel: LAUNCHDARKLY_ARN }));
  expect(launchDarkly).toMatchObject({ Name: 'launchdarkly-audit', Source: 'LaunchDarkly' });
  expect(launchDarkly.IngestionStatus?.LatestIngestionErrorCode).toBe('InvalidChecksum');
  expect(launchDarkly.IngestionStatus?.LatestIngestionAttemptTime?.getTime()).toBeLessThan(TEST_ANCHOR);
});

test('history shows how the seeded channels were created', async () => {
  const client = emulatorClient();
  const lookup = async (EventName: string) => {
    const { Events } = await client.send(
      new LookupEventsCommand({
        StartTime: new Date(TEST_ANCHOR - 50 * DAY),
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: EventName }],
      }),
    );
    return (Events ?? []).map((event) => JSON.parse(event.CloudTrailEvent ?? '{}') as Record<string, unknown>);
  };
  const [serviceLinked] = await lookup('CreateServiceLinkedChannel');
  expect(serviceLinked).toMatchObject({
    eventType: 'AwsServiceEvent',
    userIdentity: { accountId: ACCOUNT, invokedBy: 'AWS Internal' },
    eventTime: new Date(TEST_ANCHOR - 20 * DAY).toISOString().replace('.000Z', 'Z'),
    resources: [{ accountId: ACCOUNT, type: 'AWS::CloudTrail::Channel', ARN: SECURITY_LAKE_ARN }],
  });
  expect(Object.keys(serviceLinked?.userIdentity as object)).toEqual(['accountId', 'invokedBy']);
  const created = await lookup('CreateChannel');
  expect(created.map((record) => (record.requestParameters as { name: string }).name)).toEqual([
    'launchdarkly-audit',
    'payments-app-audit',
  ]);
  expect(await lookup('PutResourcePolicy')).toHaveLength(1);
});

test('channels, policies and tags survive a restart', async () => {
  const storage = memoryStorage();
  const first = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(first));
  const { ChannelArn = '' } = await createChannel({ Tags: [{ Key: 'k', Value: 'v' }] });
  const before = await emulatorClient().send(new GetChannelCommand({ Channel: ChannelArn }));

  const second = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(second));
  const after = await emulatorClient().send(new GetChannelCommand({ Channel: ChannelArn }));
  expect(after).toEqual({ ...before, $metadata: after.$metadata });
  expect(await channelNames()).toEqual([
    'payments-app-audit',
    'launchdarkly-audit',
    'aws-service-channel/securitylake/8c1e5b2f',
    'custom-app',
  ]);
  const { ResourceTagList } = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [ChannelArn] }));
  expect(ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'k', Value: 'v' }]);
  // Ids continue after the restart rather than repeating.
  expect((await createChannel({ Name: 'after-restart' })).ChannelArn).not.toBe(ChannelArn);
});
