// What event data stores hold (SEMANTICS.md §8.4, §9, §14): routing of new records with no
// backfill, the seeded stores, retention, and usage, observed through the store's usage.
import type { CloudTrailRecord } from '../../records';
import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  ListEventDataStoresCommand,
  LookupEventsCommand,
  RestoreEventDataStoreCommand,
  StartEventDataStoreIngestionCommand,
  StopEventDataStoreIngestionCommand,
  UpdateEventDataStoreCommand,
  type AdvancedEventSelector,
  type CreateEventDataStoreRequest,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { buildRecord } from '../../../factories';
import { createHandlers } from '../../../handlers';
import { emulator, emulatorClient, server, TEST_ANCHOR, testClock, testEmulatorOptions } from '../../../node';
import { seededChannelRecords } from '../channels/seed-channels';
import { DAY, SECOND } from '../../clock';
import { createEmulator, type Emulator } from '../../create-emulator';
import { DEFAULT_SEED } from '../../random';
import { recordTimeSeconds, serializeRecord } from '../../records';
import { DEFAULT_SEEDED_EVENTS, seedHistory } from '../event-history/seed/seed-history';
import { memoryStorage } from '../../storage/memory';
import { eventDataStoreUsage } from './event-data-store';

const MANAGEMENT_EVENTS_ID = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const INTEGRATIONS_AUDIT_ID = 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';

/** Only buildRecord's default records (ec2 calls), so the test's own API calls never count. */
const EC2_ONLY: AdvancedEventSelector[] = [
  {
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Management'] },
      { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] },
    ],
  },
];

function usage(arnOrId: string, world: Emulator = emulator) {
  return eventDataStoreUsage(world.state, arnOrId.split('/').pop() ?? '', testClock.now());
}

/** Creates a deletable store and waits until it is ENABLED. */
async function enabledStore(input: Partial<CreateEventDataStoreRequest> = {}, region?: string) {
  const output = await emulatorClient({ region }).send(
    new CreateEventDataStoreCommand({ Name: 'routed', TerminationProtectionEnabled: false, ...input }),
  );
  testClock.advance(3 * SECOND);
  return output.EventDataStoreArn ?? '';
}

/** Ingests a record of buildRecord (an ec2 read in us-east-1) at the current time. */
function ingestNow(overrides: Parameters<typeof buildRecord>[0] = {}, world: Emulator = emulator) {
  return world.state.ingest(buildRecord({ at: testClock.now(), ...overrides }));
}

/**
 * The seeded Management records since management-events was created (anchor − 60 days), including
 * the service-linked channel's creation and the seed calls after the store's own (which created
 * integrations-audit, the two integration channels and LaunchDarkly's policy).
 */
function seededManagementRecords() {
  const seeded = seedHistory({ seed: DEFAULT_SEED, anchor: TEST_ANCHOR, events: DEFAULT_SEEDED_EVENTS });
  const since = (TEST_ANCHOR - 60 * DAY) / SECOND;
  const records = [];
  for (let index = 0; index < seeded.count; index++) {
    const record = seeded.record(index);
    if (record.eventCategory === 'Management' && recordTimeSeconds(record.eventTime) >= since) records.push(record);
  }
  for (const record of seededChannelRecords(DEFAULT_SEED, TEST_ANCHOR))
    if (record.eventCategory === 'Management') records.push(record);
  const seedCalls = [...emulator.state.allEntries()]
    .filter(
      (entry) =>
        ['CreateEventDataStore', 'CreateChannel', 'PutResourcePolicy', 'CreateTrail', 'StartLogging'].includes(
          entry.eventName,
        ) && entry.time < TEST_ANCHOR / SECOND,
    )
    .map((entry) => JSON.parse(emulator.state.jsonOf(entry)) as CloudTrailRecord);
  expect(seedCalls.map((record) => record.eventName).sort()).toEqual([
    'CreateChannel',
    'CreateChannel',
    'CreateEventDataStore',
    'CreateEventDataStore',
    'CreateTrail',
    'PutResourcePolicy',
    'StartLogging',
  ]);
  // Not its own creation: no backfill.
  for (const record of seedCalls) if (recordTimeSeconds(record.eventTime) > since) records.push(record);
  return records;
}

test('the seeded management store holds every seeded Management record since its creation', () => {
  const expected = seededManagementRecords();
  expect(expected.length).toBeGreaterThan(3000);
  const bytes = expected.reduce((sum, record) => sum + Buffer.byteLength(serializeRecord(record)), 0);
  expect(usage(MANAGEMENT_EVENTS_ID)).toEqual({ events: expected.length, bytes });
});

test('the seeded integrations store holds only its channels’ events and takes no CloudTrail events', async () => {
  const channelEvents = seededChannelRecords(DEFAULT_SEED, TEST_ANCHOR).filter(
    (record) => record.eventCategory === 'ActivityAuditLog',
  ).length;
  expect(usage(INTEGRATIONS_AUDIT_ID).events).toBe(channelEvents);
  await emulatorClient().send(new LookupEventsCommand({ MaxResults: 1 }));
  ingestNow();
  expect(usage(INTEGRATIONS_AUDIT_ID).events).toBe(channelEvents);
});

test('new records of every region reach the seeded multi-region store', async () => {
  const before = usage(MANAGEMENT_EVENTS_ID).events;
  await emulatorClient({ region: 'ap-south-1' }).send(new LookupEventsCommand({ MaxResults: 1 }));
  ingestNow({ awsRegion: 'eu-central-1' });
  expect(usage(MANAGEMENT_EVENTS_ID).events).toBe(before + 2);
});

test('a new store takes nothing before it is ENABLED, not even its own creation record', async () => {
  const client = emulatorClient();
  const { EventDataStoreArn = '' } = await client.send(new CreateEventDataStoreCommand({ Name: 'fresh' }));
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  ingestNow();
  expect(usage(EventDataStoreArn).events).toBe(0);
  testClock.advance(3 * SECOND);
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  ingestNow();
  expect(usage(EventDataStoreArn).events).toBe(2);
});

test('a store never takes its own DeleteEventDataStore record', async () => {
  const arn = await enabledStore();
  await emulatorClient().send(new LookupEventsCommand({ MaxResults: 1 }));
  expect(usage(arn).events).toBe(1);
  await emulatorClient().send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  expect(usage(arn).events).toBe(1);
});

test('no backfill: a record that happened before the store started ingesting is not taken', async () => {
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  ingestNow({ at: testClock.now() - 4 * SECOND });
  expect(usage(arn).events).toBe(0);
  ingestNow();
  expect(usage(arn).events).toBe(1);
});

test('a single-region store takes only records of its region; a multi-region one takes all', async () => {
  const single = await enabledStore({ Name: 'single', MultiRegionEnabled: false, AdvancedEventSelectors: EC2_ONLY });
  const multi = await enabledStore({ Name: 'multi', AdvancedEventSelectors: EC2_ONLY });
  ingestNow({ awsRegion: 'eu-west-1' });
  ingestNow({ awsRegion: 'us-east-1' });
  expect(usage(single).events).toBe(1);
  expect(usage(multi).events).toBe(2);
});

test("a store homed in another region takes that region's records", async () => {
  const arn = await enabledStore({ MultiRegionEnabled: false, AdvancedEventSelectors: EC2_ONLY }, 'eu-west-1');
  ingestNow({ awsRegion: 'eu-west-1' });
  ingestNow({ awsRegion: 'us-east-1' });
  expect(usage(arn).events).toBe(1);
});

test('records of another account never reach the store', async () => {
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  ingestNow({ recipientAccountId: '444455556666' });
  expect(usage(arn).events).toBe(0);
});

test('a stopped store takes nothing until it is ENABLED again, and the gap stays', async () => {
  const client = emulatorClient();
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  await client.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }));
  ingestNow(); // STOPPING_INGESTION: ingestion stopped at the call
  testClock.advance(2 * SECOND);
  ingestNow(); // STOPPED_INGESTION
  await client.send(new StartEventDataStoreIngestionCommand({ EventDataStore: arn }));
  ingestNow(); // STARTING_INGESTION: not yet
  expect(usage(arn).events).toBe(0);
  testClock.advance(2 * SECOND);
  ingestNow();
  expect(usage(arn).events).toBe(1);
});

test('a store pending deletion takes nothing; once restored it resumes without filling the gap', async () => {
  const client = emulatorClient();
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  ingestNow();
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  testClock.advance(SECOND);
  ingestNow();
  // Contents are kept while the store waits for its purge.
  expect(usage(arn).events).toBe(1);
  await client.send(new RestoreEventDataStoreCommand({ EventDataStore: arn }));
  ingestNow();
  expect(usage(arn).events).toBe(2);
});

test('new selectors apply only to records that arrive after the update', async () => {
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  ingestNow();
  await emulatorClient().send(
    new UpdateEventDataStoreCommand({
      EventDataStore: arn,
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventSource', Equals: ['s3.amazonaws.com'] },
          ],
        },
      ],
    }),
  );
  ingestNow();
  ingestNow({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' });
  expect(usage(arn).events).toBe(2);
});

test('a record lives for RetentionPeriod days after its eventTime', async () => {
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY, RetentionPeriod: 7 });
  ingestNow();
  testClock.advance(7 * DAY);
  expect(usage(arn).events).toBe(1);
  testClock.advance(SECOND);
  expect(usage(arn)).toEqual({ events: 0, bytes: 0 });
});

test('lowering retention drops older records at once, and raising it again does not bring them back', async () => {
  const client = emulatorClient();
  const now = testClock.now();
  const recent = seededManagementRecords().filter(
    (record) => recordTimeSeconds(record.eventTime) * SECOND >= now - 30 * DAY,
  ).length;
  const all = usage(MANAGEMENT_EVENTS_ID).events;
  expect(recent).toBeLessThan(all);

  // Each Update call's own record arrives in the store too.
  await client.send(new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ID, RetentionPeriod: 30 }));
  expect(usage(MANAGEMENT_EVENTS_ID).events).toBe(recent + 1);
  await client.send(new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ID, RetentionPeriod: 366 }));
  expect(usage(MANAGEMENT_EVENTS_ID).events).toBe(recent + 2);
});

test('usage counts the UTF-8 bytes of each serialized record', async () => {
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  ingestNow({ eventName: 'CreateTags', readOnly: false, requestParameters: { name: 'café ✓ 𝄞' } });
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateTags' }],
      MaxResults: 1,
    }),
  );
  const json = Events?.[0]?.CloudTrailEvent ?? '';
  expect(json).toContain('café ✓ 𝄞');
  expect(usage(arn)).toEqual({ events: 1, bytes: Buffer.byteLength(json, 'utf8') });
  expect(Buffer.byteLength(json, 'utf8')).toBeGreaterThan(json.length);
});

/** Serves a fresh emulator over `storage` to the SDK, as after a restart. */
async function serve(storage = memoryStorage()) {
  const world = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(world));
  return { world, storage };
}

test('a store keeps its records across a restart', async () => {
  const { world, storage } = await serve();
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY });
  ingestNow({}, world);
  ingestNow({ awsRegion: 'eu-west-1' }, world);
  // Records ingested outside a call are saved with the next call.
  await emulatorClient().send(new ListEventDataStoresCommand({}));
  const seeded = usage(MANAGEMENT_EVENTS_ID, world);

  const { world: restarted } = await serve(storage);
  expect(usage(arn, restarted)).toEqual(usage(arn, world));
  expect(usage(arn, restarted).events).toBe(2);
  expect(usage(MANAGEMENT_EVENTS_ID, restarted)).toEqual(seeded);
});

test('records that expired under a shorter retention stay gone after a restart', async () => {
  const client = emulatorClient();
  const { storage } = await serve();
  await client.send(new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ID, RetentionPeriod: 7 }));
  await client.send(new UpdateEventDataStoreCommand({ EventDataStore: MANAGEMENT_EVENTS_ID, RetentionPeriod: 366 }));
  const { world } = await serve(storage);
  const lastWeek = seededManagementRecords().filter(
    (record) => recordTimeSeconds(record.eventTime) * SECOND >= testClock.now() - 7 * DAY,
  ).length;
  expect(usage(MANAGEMENT_EVENTS_ID, world).events).toBe(lastWeek + 2);
});

test('a purged store holds nothing', async () => {
  const client = emulatorClient();
  const arn = await enabledStore({ AdvancedEventSelectors: EC2_ONLY, RetentionPeriod: 30 });
  ingestNow();
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  testClock.advance(7 * DAY);
  await client.send(new ListEventDataStoresCommand({}));
  expect(usage(arn)).toEqual({ events: 0, bytes: 0 });
});
