// Event data stores through the SDK (SEMANTICS.md §8): defaults, rules and errors of each
// operation, statuses over the manual clock, quotas, deletion and restore, and persistence.
import {
  ConflictException,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  EventDataStoreAlreadyExistsException,
  EventDataStoreARNInvalidException,
  EventDataStoreMaxLimitExceededException,
  EventDataStoreNotFoundException,
  EventDataStoreTerminationProtectedException,
  GetEventDataStoreCommand,
  InactiveEventDataStoreException,
  InvalidEventDataStoreCategoryException,
  InvalidEventDataStoreStatusException,
  InvalidEventSelectorsException,
  InvalidKmsKeyIdException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidParameterException,
  ListEventDataStoresCommand,
  LookupEventsCommand,
  OrganizationsNotInUseException,
  RestoreEventDataStoreCommand,
  StartEventDataStoreIngestionCommand,
  StopEventDataStoreIngestionCommand,
  UpdateEventDataStoreCommand,
  type BillingMode,
  type CloudTrailClient,
  type CreateEventDataStoreRequest,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { createHandlers } from '../../../handlers';
import { emulatorClient, server, TEST_ANCHOR, TEST_START, testClock, testEmulatorOptions } from '../../../node';
import { DAY, SECOND } from '../../clock';
import { createEmulator } from '../../create-emulator';
import { PARTNER_ACCESS_KEY } from '../../identities';
import { memoryStorage } from '../../storage/memory';

const MANAGEMENT_EVENTS_ID = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const MANAGEMENT_EVENTS_ARN = `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${MANAGEMENT_EVENTS_ID}`;
const INTEGRATIONS_AUDIT_ARN =
  'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';
const ACTIVITY_SELECTORS = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];

/** Creates a store that may be deleted; each call in a test needs its own name. */
async function createStore(input: Partial<CreateEventDataStoreRequest> = {}, client = emulatorClient()) {
  const output = await client.send(
    new CreateEventDataStoreCommand({ Name: 'audit-store', TerminationProtectionEnabled: false, ...input }),
  );
  return output.EventDataStoreArn ?? '';
}

async function getStore(reference: string, client = emulatorClient()) {
  return client.send(new GetEventDataStoreCommand({ EventDataStore: reference }));
}

async function statusOf(reference: string, client = emulatorClient()) {
  return (await getStore(reference, client)).Status;
}

async function listNames(client = emulatorClient()) {
  const { EventDataStores } = await client.send(new ListEventDataStoresCommand({}));
  return (EventDataStores ?? []).map((store) => store.Name);
}

/** Creates single-region stores named `<prefix>-<n>` until `count` exist. */
async function createMany(count: number, prefix: string, client = emulatorClient()) {
  const arns: string[] = [];
  for (let index = 0; index < count; index++)
    arns.push(await createStore({ Name: `${prefix}-${String(index)}`, MultiRegionEnabled: false }, client));
  return arns;
}

test('creates a store with CloudTrail defaults and echoes them back', async () => {
  const output = await emulatorClient().send(new CreateEventDataStoreCommand({ Name: 'audit-store' }));
  expect(output.EventDataStoreArn).toMatch(
    /^arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(output).toMatchObject({
    Name: 'audit-store',
    Status: 'CREATED',
    AdvancedEventSelectors: [
      { Name: 'Default management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    ],
    MultiRegionEnabled: true,
    OrganizationEnabled: false,
    RetentionPeriod: 366,
    TerminationProtectionEnabled: true,
    BillingMode: 'EXTENDABLE_RETENTION_PRICING',
    TagsList: [],
  });
  expect(output.KmsKeyId).toBeUndefined();
  expect(output.CreatedTimestamp).toEqual(new Date(TEST_START));
  expect(output.UpdatedTimestamp).toEqual(new Date(TEST_START));
});

test('gives fixed retention pricing a default retention of 2557 days', async () => {
  const output = await emulatorClient().send(
    new CreateEventDataStoreCommand({ Name: 'fixed-store', BillingMode: 'FIXED_RETENTION_PRICING' }),
  );
  expect(output.RetentionPeriod).toBe(2557);
});

test.each<[BillingMode, number]>([
  ['EXTENDABLE_RETENTION_PRICING', 7],
  ['EXTENDABLE_RETENTION_PRICING', 3653],
  ['FIXED_RETENTION_PRICING', 7],
  ['FIXED_RETENTION_PRICING', 2557],
])('with %s, accepts a retention of %i days', async (BillingMode, RetentionPeriod) => {
  const output = await emulatorClient().send(
    new CreateEventDataStoreCommand({ Name: 'retained', BillingMode, RetentionPeriod }),
  );
  expect(output.RetentionPeriod).toBe(RetentionPeriod);
});

test.each<[BillingMode, number]>([
  ['EXTENDABLE_RETENTION_PRICING', 6],
  ['EXTENDABLE_RETENTION_PRICING', 3654],
  ['FIXED_RETENTION_PRICING', 6],
  ['FIXED_RETENTION_PRICING', 2558],
])('with %s, rejects a retention of %i days', async (BillingMode, RetentionPeriod) => {
  await expect(createStore({ BillingMode, RetentionPeriod })).rejects.toBeInstanceOf(InvalidParameterException);
});

test('lets billing move from fixed to extendable retention pricing but not back', async () => {
  const client = emulatorClient();
  const arn = await createStore({ BillingMode: 'FIXED_RETENTION_PRICING' });
  const updated = await client.send(
    new UpdateEventDataStoreCommand({
      EventDataStore: arn,
      BillingMode: 'EXTENDABLE_RETENTION_PRICING',
      RetentionPeriod: 3000,
    }),
  );
  expect(updated).toMatchObject({ BillingMode: 'EXTENDABLE_RETENTION_PRICING', RetentionPeriod: 3000 });
  await expect(
    client.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, BillingMode: 'FIXED_RETENTION_PRICING' })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('checks an updated retention against the billing mode the store ends up with', async () => {
  const arn = await createStore({ BillingMode: 'FIXED_RETENTION_PRICING' });
  await expect(
    emulatorClient().send(new UpdateEventDataStoreCommand({ EventDataStore: arn, RetentionPeriod: 3000 })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('shows the seeded stores in us-east-1 with their settings', async () => {
  expect(await listNames()).toEqual(['management-events', 'integrations-audit']);
  const store = await getStore(MANAGEMENT_EVENTS_ARN);
  expect(store).toMatchObject({
    Name: 'management-events',
    Status: 'ENABLED',
    MultiRegionEnabled: true,
    RetentionPeriod: 366,
    TerminationProtectionEnabled: true,
    BillingMode: 'EXTENDABLE_RETENTION_PRICING',
    AdvancedEventSelectors: [
      { Name: 'Default management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    ],
  });
  expect(store.CreatedTimestamp).toEqual(new Date(TEST_ANCHOR - 60 * DAY));
  expect(await getStore(INTEGRATIONS_AUDIT_ARN)).toMatchObject({
    Name: 'integrations-audit',
    Status: 'ENABLED',
    MultiRegionEnabled: false,
    AdvancedEventSelectors: ACTIVITY_SELECTORS,
  });
});

test('shows FederationStatus DISABLED without federation details', async () => {
  const store = await getStore(MANAGEMENT_EVENTS_ID);
  expect(store.FederationStatus).toBe('DISABLED');
  expect(store.FederationRoleArn).toBeUndefined();
  expect(store.PartitionKeys).toBeUndefined();
});

test('a new store is CREATED for three seconds, then ENABLED', async () => {
  const arn = await createStore();
  testClock.advance(3 * SECOND - 1);
  expect(await statusOf(arn)).toBe('CREATED');
  testClock.advance(1);
  expect(await statusOf(arn)).toBe('ENABLED');
});

test('a store created with StartIngestion false settles as STOPPED_INGESTION', async () => {
  const arn = await createStore({ StartIngestion: false });
  expect(await statusOf(arn)).toBe('CREATED');
  testClock.advance(3 * SECOND);
  expect(await statusOf(arn)).toBe('STOPPED_INGESTION');
});

test('rejects StartIngestion false for a kind whose ingestion cannot stop', async () => {
  await expect(
    createStore({ AdvancedEventSelectors: ACTIVITY_SELECTORS, StartIngestion: false }),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('stopping and starting pass through their transitional statuses and move UpdatedTimestamp', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  testClock.advance(3 * SECOND);
  await client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }));
  const stopping = await getStore(arn);
  expect(stopping.Status).toBe('STOPPING_INGESTION');
  expect(stopping.UpdatedTimestamp).toEqual(new Date(TEST_START + 3 * SECOND));
  testClock.advance(2 * SECOND);
  expect(await statusOf(arn)).toBe('STOPPED_INGESTION');

  await client.send(new StartEventDataStoreIngestionCommand({ EventDataStore: arn }));
  expect(await statusOf(arn)).toBe('STARTING_INGESTION');
  testClock.advance(2 * SECOND);
  const started = await getStore(arn);
  expect(started.Status).toBe('ENABLED');
  // Timers do not move UpdatedTimestamp; the Start call did.
  expect(started.UpdatedTimestamp).toEqual(new Date(TEST_START + 5 * SECOND));
});

test('stopping needs ENABLED and starting needs STOPPED_INGESTION', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  await expect(client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InvalidEventDataStoreStatusException,
  );
  testClock.advance(3 * SECOND);
  await expect(client.send(new StartEventDataStoreIngestionCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InvalidEventDataStoreStatusException,
  );
  await client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }));
  await expect(client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InvalidEventDataStoreStatusException,
  );
});

test('start and stop are refused for a kind without them before the status is checked', async () => {
  const client = emulatorClient();
  // CREATED, so a status check alone would also fail; the category check comes first.
  const arn = await createStore({ AdvancedEventSelectors: ACTIVITY_SELECTORS });
  await expect(client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InvalidEventDataStoreCategoryException,
  );
  await expect(
    client.send(new StartEventDataStoreIngestionCommand({ EventDataStore: INTEGRATIONS_AUDIT_ARN })),
  ).rejects.toBeInstanceOf(InvalidEventDataStoreCategoryException);
});

test('refuses to delete a store with termination protection', async () => {
  const client = emulatorClient();
  await expect(
    client.send(new DeleteEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN })),
  ).rejects.toBeInstanceOf(EventDataStoreTerminationProtectedException);
  await client.send(
    new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN, TerminationProtectionEnabled: false }),
  );
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN }));
  expect(await statusOf(MANAGEMENT_EVENTS_ARN)).toBe('PENDING_DELETION');
});

test('refuses to delete a store while it is CREATED or in transition', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  await expect(client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    ConflictException,
  );
  testClock.advance(3 * SECOND);
  await client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }));
  await expect(client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    ConflictException,
  );
  testClock.advance(2 * SECOND);
  // A stopped store can be deleted.
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  expect(await statusOf(arn)).toBe('PENDING_DELETION');
});

test('a store pending deletion is still listed and shown, and refuses changes', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  testClock.advance(3 * SECOND);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  const store = await getStore(arn);
  expect(store.Status).toBe('PENDING_DELETION');
  expect(store.UpdatedTimestamp).toEqual(new Date(TEST_START + 3 * SECOND));
  expect(await listNames()).toContain('audit-store');

  await expect(client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InactiveEventDataStoreException,
  );
  await expect(
    client.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, RetentionPeriod: 30 })),
  ).rejects.toBeInstanceOf(InactiveEventDataStoreException);
  await expect(client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InvalidEventDataStoreStatusException,
  );
  await expect(client.send(new StartEventDataStoreIngestionCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    InvalidEventDataStoreStatusException,
  );
});

test('restores a store pending deletion as ENABLED, with the Create fields', async () => {
  const client = emulatorClient();
  const arn = await createStore({ StartIngestion: false, RetentionPeriod: 90 });
  testClock.advance(3 * SECOND);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  testClock.advance(DAY);
  const restored = await client.send(new RestoreEventDataStoreCommand({ EventDataStore: arn }));
  expect(restored).toMatchObject({
    EventDataStoreArn: arn,
    Name: 'audit-store',
    Status: 'ENABLED',
    RetentionPeriod: 90,
  });
  expect(restored.UpdatedTimestamp).toEqual(new Date(TEST_START + 3 * SECOND + DAY));
  expect(restored.CreatedTimestamp).toEqual(new Date(TEST_START));
  expect(await statusOf(arn)).toBe('ENABLED');
});

test('restoring a store that is not pending deletion fails', async () => {
  await expect(
    emulatorClient().send(new RestoreEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN })),
  ).rejects.toBeInstanceOf(InvalidEventDataStoreStatusException);
});

test('purges a deleted store seven days after its deletion', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  testClock.advance(3 * SECOND);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  testClock.advance(7 * DAY - 1);
  expect(await statusOf(arn)).toBe('PENDING_DELETION');
  testClock.advance(1);
  await expect(getStore(arn)).rejects.toBeInstanceOf(EventDataStoreNotFoundException);
  expect(await listNames()).not.toContain('audit-store');
  await expect(client.send(new RestoreEventDataStoreCommand({ EventDataStore: arn }))).rejects.toBeInstanceOf(
    EventDataStoreNotFoundException,
  );
});

test('allows ten stores per region, counting the seeded ones', async () => {
  // us-east-1 already counts management-events and integrations-audit.
  await createMany(8, 'store');
  await expect(createStore({ Name: 'one-too-many', MultiRegionEnabled: false })).rejects.toBeInstanceOf(
    EventDataStoreMaxLimitExceededException,
  );
});

test('a store pending deletion leaves the quota, and restoring it must fit again', async () => {
  const client = emulatorClient();
  const [first] = await createMany(8, 'store');
  testClock.advance(3 * SECOND);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: first }));
  await createStore({ Name: 'replacement', MultiRegionEnabled: false });
  await expect(client.send(new RestoreEventDataStoreCommand({ EventDataStore: first }))).rejects.toBeInstanceOf(
    EventDataStoreMaxLimitExceededException,
  );
});

test('a multi-region store homed elsewhere counts against every region', async () => {
  const west = emulatorClient({ region: 'us-west-2' });
  // management-events (multi-region, homed in us-east-1) is the first of us-west-2's ten.
  await createMany(9, 'west', west);
  await expect(createStore({ Name: 'west-extra', MultiRegionEnabled: false }, west)).rejects.toBeInstanceOf(
    EventDataStoreMaxLimitExceededException,
  );
});

test('a multi-region store must fit the quota of every region', async () => {
  await createMany(8, 'east');
  const west = emulatorClient({ region: 'us-west-2' });
  await expect(createStore({ Name: 'everywhere' }, west)).rejects.toBeInstanceOf(
    EventDataStoreMaxLimitExceededException,
  );
  await expect(createStore({ Name: 'west-only', MultiRegionEnabled: false }, west)).resolves.toMatch(/us-west-2/);
});

test('making a store multi-region over some region quota is an invalid parameter', async () => {
  await createMany(8, 'east');
  const west = emulatorClient({ region: 'us-west-2' });
  const arn = await createStore({ Name: 'west-only', MultiRegionEnabled: false }, west);
  await expect(
    west.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, MultiRegionEnabled: true })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('organization stores are refused: no account is in an organization', async () => {
  await expect(createStore({ OrganizationEnabled: true })).rejects.toBeInstanceOf(OrganizationsNotInUseException);
  await expect(
    emulatorClient().send(
      new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN, OrganizationEnabled: true }),
    ),
  ).rejects.toBeInstanceOf(OrganizationsNotInUseException);
});

test.each([
  [
    'an alias name of a seeded key',
    'alias/prod-data',
    'arn:aws:kms:us-east-1:123456789012:key/3f6c1a9e-7b2d-4e58-a0c4-9d1e6b7f2a35',
  ],
  [
    'a key ID',
    '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
    'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  ],
  [
    'a key ARN',
    'arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
    'arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  ],
])('returns the key ARN for %s', async (_form, KmsKeyId, expected) => {
  const output = await emulatorClient().send(new CreateEventDataStoreCommand({ Name: 'encrypted', KmsKeyId }));
  expect(output.KmsKeyId).toBe(expected);
});

test('maps an alias to the same key whether named or given as an ARN', async () => {
  const client = emulatorClient();
  const byName = await client.send(new CreateEventDataStoreCommand({ Name: 'by-name', KmsKeyId: 'alias/lake-key' }));
  const byArn = await client.send(
    new CreateEventDataStoreCommand({ Name: 'by-arn', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/lake-key' }),
  );
  expect(byName.KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
  expect(byArn.KmsKeyId).toBe(byName.KmsKeyId);
});

test.each([
  ['a key of another region', 'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'],
  ['a bare word', 'my-key'],
  ['an ARN of another service', 'arn:aws:s3:us-east-1:123456789012:key/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'],
])('rejects %s as KmsKeyId', async (_case, KmsKeyId) => {
  await expect(createStore({ KmsKeyId })).rejects.toBeInstanceOf(InvalidKmsKeyIdException);
});

test('a KMS key can be added to a store but never changed', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  const added = await client.send(
    new UpdateEventDataStoreCommand({ EventDataStore: arn, KmsKeyId: 'alias/prod-data' }),
  );
  expect(added.KmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/3f6c1a9e-7b2d-4e58-a0c4-9d1e6b7f2a35');
  // The same key again, by its ID, is accepted and changes nothing.
  const same = await client.send(
    new UpdateEventDataStoreCommand({ EventDataStore: arn, KmsKeyId: '3f6c1a9e-7b2d-4e58-a0c4-9d1e6b7f2a35' }),
  );
  expect(same.KmsKeyId).toBe(added.KmsKeyId);
  await expect(
    client.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, KmsKeyId: 'alias/terraform-state' })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('an update with nothing to change is an invalid parameter', async () => {
  await expect(
    emulatorClient().send(new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
});

test('an update returns the new settings and keeps the creation time', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  testClock.advance(10 * SECOND);
  const updated = await client.send(
    new UpdateEventDataStoreCommand({
      EventDataStore: arn,
      Name: 'renamed-store',
      RetentionPeriod: 30,
      TerminationProtectionEnabled: true,
      MultiRegionEnabled: false,
      AdvancedEventSelectors: [
        {
          Name: 'Writes',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['false'] },
          ],
        },
      ],
    }),
  );
  expect(updated).toMatchObject({
    EventDataStoreArn: arn,
    Name: 'renamed-store',
    Status: 'ENABLED',
    RetentionPeriod: 30,
    TerminationProtectionEnabled: true,
    MultiRegionEnabled: false,
    FederationStatus: 'DISABLED',
    AdvancedEventSelectors: [
      {
        Name: 'Writes',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          { Field: 'readOnly', Equals: ['false'] },
        ],
      },
    ],
  });
  expect(updated.CreatedTimestamp).toEqual(new Date(TEST_START));
  expect(updated.UpdatedTimestamp).toEqual(new Date(TEST_START + 10 * SECOND));
  expect(await getStore(arn)).toMatchObject({ Name: 'renamed-store', RetentionPeriod: 30 });
});

test('selectors cannot change the kind of a store', async () => {
  await expect(
    emulatorClient().send(
      new UpdateEventDataStoreCommand({
        EventDataStore: MANAGEMENT_EVENTS_ARN,
        AdvancedEventSelectors: ACTIVITY_SELECTORS,
      }),
    ),
  ).rejects.toBeInstanceOf(InvalidEventSelectorsException);
});

test('names are unique among the stores of a region, pending deletion included', async () => {
  const client = emulatorClient();
  await expect(createStore({ Name: 'management-events' })).rejects.toBeInstanceOf(EventDataStoreAlreadyExistsException);
  const arn = await createStore({ Name: 'doomed' });
  testClock.advance(3 * SECOND);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  await expect(createStore({ Name: 'doomed' })).rejects.toBeInstanceOf(EventDataStoreAlreadyExistsException);
  await expect(
    client.send(new UpdateEventDataStoreCommand({ EventDataStore: INTEGRATIONS_AUDIT_ARN, Name: 'management-events' })),
  ).rejects.toBeInstanceOf(EventDataStoreAlreadyExistsException);
  // Another region has its own names.
  await expect(createStore({ Name: 'management-events' }, emulatorClient({ region: 'eu-west-1' }))).resolves.toMatch(
    /eu-west-1/,
  );
});

test('accepts a store by ARN or by ID', async () => {
  const byArn = await getStore(MANAGEMENT_EVENTS_ARN);
  const byId = await getStore(MANAGEMENT_EVENTS_ID);
  expect(byId).toEqual({ ...byArn, $metadata: byId.$metadata });
});

test.each(['not-a-store', 'arn:aws:cloudtrail:us-east-1:123456789012:trail/my-trail', 'eventdatastore/abc'])(
  'rejects %s as a store reference',
  async (reference) => {
    await expect(getStore(reference)).rejects.toBeInstanceOf(EventDataStoreARNInvalidException);
  },
);

test.each([
  ['an unknown ID', '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'],
  ['an ARN naming another region', MANAGEMENT_EVENTS_ARN.replace('us-east-1', 'eu-west-1')],
  ['an ARN naming another account', MANAGEMENT_EVENTS_ARN.replace('123456789012', '111122223333')],
])('does not find a store by %s', async (_case, reference) => {
  await expect(getStore(reference)).rejects.toBeInstanceOf(EventDataStoreNotFoundException);
});

test('a store is visible only in its home region, even when multi-region', async () => {
  const europe = emulatorClient({ region: 'eu-west-1' });
  await expect(getStore(MANAGEMENT_EVENTS_ID, europe)).rejects.toBeInstanceOf(EventDataStoreNotFoundException);
  await expect(getStore(MANAGEMENT_EVENTS_ARN, europe)).rejects.toBeInstanceOf(EventDataStoreNotFoundException);
  expect(await listNames(europe)).toEqual([]);
});

test('another account sees none of the default account stores', async () => {
  const partner = emulatorClient({ accessKeyId: PARTNER_ACCESS_KEY });
  expect(await listNames(partner)).toEqual([]);
  await expect(getStore(MANAGEMENT_EVENTS_ARN, partner)).rejects.toBeInstanceOf(EventDataStoreNotFoundException);
});

test('lists stores by ARN and name only, in creation order', async () => {
  const client = emulatorClient();
  const arn = await createStore({ Name: 'zz-first' });
  await createStore({ Name: 'aa-second' });
  const { EventDataStores, NextToken } = await client.send(new ListEventDataStoresCommand({}));
  expect(EventDataStores?.map((store) => store.Name)).toEqual([
    'management-events',
    'integrations-audit',
    'zz-first',
    'aa-second',
  ]);
  expect(EventDataStores?.[2]).toEqual({ EventDataStoreArn: arn, Name: 'zz-first' });
  expect(NextToken).toBeUndefined();
});

test('pages the list with MaxResults and NextToken', async () => {
  const client = emulatorClient();
  await createMany(3, 'store');
  const names: (string | undefined)[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(new ListEventDataStoresCommand({ MaxResults: 2, NextToken }));
    expect(page.EventDataStores?.length).toBeLessThanOrEqual(2);
    names.push(...(page.EventDataStores ?? []).map((store) => store.Name));
    NextToken = page.NextToken;
    pages++;
  } while (NextToken !== undefined);
  expect(pages).toBe(3);
  expect(names).toEqual(['management-events', 'integrations-audit', 'store-0', 'store-1', 'store-2']);
});

test('rejects a bad MaxResults or NextToken when listing', async () => {
  const client = emulatorClient();
  await expect(client.send(new ListEventDataStoresCommand({ MaxResults: 0 }))).rejects.toBeInstanceOf(
    InvalidMaxResultsException,
  );
  await expect(client.send(new ListEventDataStoresCommand({ MaxResults: 1001 }))).rejects.toBeInstanceOf(
    InvalidMaxResultsException,
  );
  await expect(client.send(new ListEventDataStoresCommand({ NextToken: 'garbage-token' }))).rejects.toBeInstanceOf(
    InvalidNextTokenException,
  );
  const { NextToken } = await client.send(new ListEventDataStoresCommand({ MaxResults: 1 }));
  await expect(
    emulatorClient({ region: 'eu-west-1' }).send(new ListEventDataStoresCommand({ NextToken })),
  ).rejects.toBeInstanceOf(InvalidNextTokenException);
});

test('records store calls with the store among the resources', async () => {
  const client = emulatorClient();
  const arn = await createStore();
  testClock.advance(SECOND);
  await getStore(arn);
  const { Events } = await client.send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }] }),
  );
  expect(Events?.map((event) => event.EventName)).toEqual(['GetEventDataStore', 'CreateEventDataStore']);
  const record = JSON.parse(Events?.[1]?.CloudTrailEvent ?? '{}') as { resources: unknown; responseElements: unknown };
  expect(record.resources).toEqual([{ accountId: '123456789012', type: 'AWS::CloudTrail::EventDataStore', ARN: arn }]);
  expect(record.responseElements).toMatchObject({ eventDataStoreArn: arn, status: 'CREATED' });
});

/** Serves a fresh emulator over `storage` to the SDK, as after a restart. */
async function serve(storage = memoryStorage()) {
  const emulator = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(emulator));
  return storage;
}

async function stopped(client: CloudTrailClient, arn: string) {
  await client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }));
  testClock.advance(2 * SECOND);
}

test('keeps stores and their statuses across a restart', async () => {
  const client = emulatorClient();
  const storage = await serve();
  const arn = await createStore({ Name: 'kept', RetentionPeriod: 45 });
  testClock.advance(3 * SECOND);
  await stopped(client, arn);
  await client.send(
    new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN, TerminationProtectionEnabled: false }),
  );
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN }));
  const before = await getStore(arn);

  await serve(storage);
  const after = await getStore(arn);
  expect(after).toEqual({ ...before, $metadata: after.$metadata });
  expect(after).toMatchObject({ Status: 'STOPPED_INGESTION', RetentionPeriod: 45 });
  expect(await statusOf(MANAGEMENT_EVENTS_ARN)).toBe('PENDING_DELETION');
  expect(await listNames()).toEqual(['management-events', 'integrations-audit', 'kept']);
  // Ids continue after a restart rather than repeating.
  const next = await createStore({ Name: 'after-restart' });
  expect(next).not.toBe(arn);
});

test('a store purged before a restart stays purged', async () => {
  const client = emulatorClient();
  const storage = await serve();
  await client.send(
    new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN, TerminationProtectionEnabled: false }),
  );
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN }));
  testClock.advance(7 * DAY);
  expect(await listNames()).toEqual(['integrations-audit']);

  await serve(storage);
  expect(await listNames()).toEqual(['integrations-audit']);
  await expect(getStore(MANAGEMENT_EVENTS_ARN)).rejects.toBeInstanceOf(EventDataStoreNotFoundException);
});
