// Tags of event data stores through the SDK (SEMANTICS.md §13 "Tags", §15): create, add, remove,
// list, limits, and how resource ARNs resolve by type.
import {
  AddTagsCommand,
  ChannelNotFoundException,
  CloudTrailARNInvalidException,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  EventDataStoreARNInvalidException,
  EventDataStoreNotFoundException,
  InactiveEventDataStoreException,
  InvalidTagParameterException,
  ListTagsCommand,
  RemoveTagsCommand,
  ResourceNotFoundException,
  ResourceTypeNotSupportedException,
  TagsLimitExceededException,
  type Tag,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { createHandlers } from '../../../handlers';
import { emulatorClient, server, testClock, testEmulatorOptions } from '../../../node';
import { SECOND } from '../../clock';
import { createEmulator } from '../../create-emulator';
import { memoryStorage } from '../../storage/memory';

const MANAGEMENT_EVENTS_ARN =
  'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const INTEGRATIONS_AUDIT_ARN =
  'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';

const tags = (count: number, prefix = 'key'): Tag[] =>
  Array.from({ length: count }, (_, index) => ({ Key: `${prefix}-${String(index)}`, Value: String(index) }));

async function tagsOf(arn: string) {
  const { ResourceTagList } = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [arn] }));
  return ResourceTagList?.[0]?.TagsList;
}

test('a store created with tags lists them', async () => {
  const TagsList = [
    { Key: 'team', Value: 'security' },
    { Key: 'env', Value: 'prod' },
  ];
  const output = await emulatorClient().send(new CreateEventDataStoreCommand({ Name: 'tagged', TagsList }));
  expect(output.TagsList).toEqual(TagsList);
  expect(await tagsOf(output.EventDataStoreArn ?? '')).toEqual(TagsList);
});

test('AddTags merges by key and RemoveTags removes by key', async () => {
  const client = emulatorClient();
  await client.send(
    new AddTagsCommand({
      ResourceId: MANAGEMENT_EVENTS_ARN,
      TagsList: [
        { Key: 'team', Value: 'security' },
        { Key: 'env', Value: 'prod' },
      ],
    }),
  );
  await client.send(
    new AddTagsCommand({
      ResourceId: MANAGEMENT_EVENTS_ARN,
      TagsList: [
        { Key: 'env', Value: 'staging' },
        { Key: 'owner', Value: 'jordan' },
      ],
    }),
  );
  expect(await tagsOf(MANAGEMENT_EVENTS_ARN)).toEqual([
    { Key: 'team', Value: 'security' },
    { Key: 'env', Value: 'staging' },
    { Key: 'owner', Value: 'jordan' },
  ]);
  await client.send(
    new RemoveTagsCommand({ ResourceId: MANAGEMENT_EVENTS_ARN, TagsList: [{ Key: 'team' }, { Key: 'absent' }] }),
  );
  expect(await tagsOf(MANAGEMENT_EVENTS_ARN)).toEqual([
    { Key: 'env', Value: 'staging' },
    { Key: 'owner', Value: 'jordan' },
  ]);
});

test('lists the tags of several resources in the order asked', async () => {
  const client = emulatorClient();
  await client.send(new AddTagsCommand({ ResourceId: INTEGRATIONS_AUDIT_ARN, TagsList: [{ Key: 'a', Value: '1' }] }));
  const { ResourceTagList } = await client.send(
    new ListTagsCommand({ ResourceIdList: [INTEGRATIONS_AUDIT_ARN, MANAGEMENT_EVENTS_ARN] }),
  );
  expect(ResourceTagList).toEqual([
    { ResourceId: INTEGRATIONS_AUDIT_ARN, TagsList: [{ Key: 'a', Value: '1' }] },
    { ResourceId: MANAGEMENT_EVENTS_ARN, TagsList: [] },
  ]);
});

test('a resource holds at most 50 tags', async () => {
  const client = emulatorClient();
  await client.send(new AddTagsCommand({ ResourceId: MANAGEMENT_EVENTS_ARN, TagsList: tags(49) }));
  // Replacing a value does not add a tag.
  await client.send(
    new AddTagsCommand({ ResourceId: MANAGEMENT_EVENTS_ARN, TagsList: [...tags(1), ...tags(1, 'new')] }),
  );
  await expect(
    client.send(new AddTagsCommand({ ResourceId: MANAGEMENT_EVENTS_ARN, TagsList: tags(1, 'more') })),
  ).rejects.toBeInstanceOf(TagsLimitExceededException);
  expect(await tagsOf(MANAGEMENT_EVENTS_ARN)).toHaveLength(50);
});

test('a store cannot be created with more than 50 tags', async () => {
  const client = emulatorClient();
  await expect(
    client.send(new CreateEventDataStoreCommand({ Name: 'too-many', TagsList: tags(51) })),
  ).rejects.toBeInstanceOf(InvalidTagParameterException);
  await expect(
    client.send(new CreateEventDataStoreCommand({ Name: 'enough', TagsList: tags(50) })),
  ).resolves.toMatchObject({ Name: 'enough' });
});

test.each<[string, Tag[]]>([
  [
    'a key given twice',
    [
      { Key: 'env', Value: 'a' },
      { Key: 'env', Value: 'b' },
    ],
  ],
  ['the reserved aws: prefix', [{ Key: 'aws:createdBy', Value: 'me' }]],
  ['a key over 128 characters', [{ Key: 'k'.repeat(129), Value: 'v' }]],
  ['a value over 256 characters', [{ Key: 'k', Value: 'v'.repeat(257) }]],
])('rejects %s', async (_case, TagsList) => {
  const client = emulatorClient();
  await expect(client.send(new AddTagsCommand({ ResourceId: MANAGEMENT_EVENTS_ARN, TagsList }))).rejects.toBeInstanceOf(
    InvalidTagParameterException,
  );
  await expect(client.send(new CreateEventDataStoreCommand({ Name: 'bad-tags', TagsList }))).rejects.toBeInstanceOf(
    InvalidTagParameterException,
  );
});

test('ListTags takes at most 20 ARNs', async () => {
  const client = emulatorClient();
  const twenty = Array.from({ length: 20 }, () => MANAGEMENT_EVENTS_ARN);
  await expect(client.send(new ListTagsCommand({ ResourceIdList: twenty }))).resolves.toMatchObject({
    ResourceTagList: expect.any(Array) as unknown,
  });
  await expect(
    client.send(new ListTagsCommand({ ResourceIdList: [...twenty, INTEGRATIONS_AUDIT_ARN] })),
  ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/at most 20/) as unknown });
});

test.each<[string, string, new (...args: never[]) => Error]>([
  ['text that is not an ARN', 'management-events', CloudTrailARNInvalidException],
  ['a store ID instead of an ARN', 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24', CloudTrailARNInvalidException],
  ['a resource of another service', 'arn:aws:s3:::acme-prod-logs', ResourceTypeNotSupportedException],
  ['a trail', 'arn:aws:cloudtrail:us-east-1:123456789012:trail/management-trail', ResourceNotFoundException],
  ['a dashboard', 'arn:aws:cloudtrail:us-east-1:123456789012:dashboard/overview', ResourceNotFoundException],
  [
    'a channel that does not exist',
    'arn:aws:cloudtrail:us-east-1:123456789012:channel/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
    ChannelNotFoundException,
  ],
  [
    'an unknown store',
    'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
    EventDataStoreNotFoundException,
  ],
  [
    'a store of another region',
    MANAGEMENT_EVENTS_ARN.replace('us-east-1', 'eu-west-1'),
    EventDataStoreNotFoundException,
  ],
  [
    'a malformed store ARN',
    'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/nope',
    EventDataStoreARNInvalidException,
  ],
])('AddTags on %s fails', async (_case, ResourceId, error) => {
  await expect(
    emulatorClient().send(new AddTagsCommand({ ResourceId, TagsList: [{ Key: 'k', Value: 'v' }] })),
  ).rejects.toBeInstanceOf(error);
});

test('tag calls on a store pending deletion are refused', async () => {
  const client = emulatorClient();
  const { EventDataStoreArn: arn = '' } = await client.send(
    new CreateEventDataStoreCommand({ Name: 'doomed', TerminationProtectionEnabled: false }),
  );
  testClock.advance(3 * SECOND);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  const TagsList = [{ Key: 'k', Value: 'v' }];
  await expect(client.send(new AddTagsCommand({ ResourceId: arn, TagsList }))).rejects.toBeInstanceOf(
    InactiveEventDataStoreException,
  );
  await expect(client.send(new RemoveTagsCommand({ ResourceId: arn, TagsList }))).rejects.toBeInstanceOf(
    InactiveEventDataStoreException,
  );
  await expect(client.send(new ListTagsCommand({ ResourceIdList: [arn] }))).rejects.toBeInstanceOf(
    InactiveEventDataStoreException,
  );
});

test('tags survive a restart', async () => {
  const storage = memoryStorage();
  server.use(...createHandlers(await createEmulator(testEmulatorOptions({ storage }))));
  await emulatorClient().send(
    new AddTagsCommand({ ResourceId: MANAGEMENT_EVENTS_ARN, TagsList: [{ Key: 'team', Value: 'security' }] }),
  );
  server.use(...createHandlers(await createEmulator(testEmulatorOptions({ storage }))));
  expect(await tagsOf(MANAGEMENT_EVENTS_ARN)).toEqual([{ Key: 'team', Value: 'security' }]);
});
