// Retention (README.md, "Retention"; SEMANTICS.md §7, §8.4): records leave Event history after 90
// days and a store after its retention period, and are then removed from storage too.
import { CreateEventDataStoreCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { createHandlers } from '../handlers';
import { emulatorClient, server, testClock, testEmulatorOptions } from '../node';
import { DAY, SECOND } from './clock';
import { createEmulator } from './create-emulator';
import { eventDataStoreUsage } from './resources/event-data-stores/event-data-store';
import { memoryStorage } from './storage/memory';

// The partner account holds no seeded store (management-events keeps the admin account's
// management records for a year), so its records are held only by what a test creates.
const KEY = 'ASIAEMU0PARTNER00005';

async function world() {
  const storage = memoryStorage();
  const emulator = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(emulator));
  const storedRecords = async () =>
    new Set((await storage.load()).entries.filter((entry) => entry.collection === 'records').map((entry) => entry.key));
  return { emulator, storedRecords };
}

async function ownCalls() {
  const { Events = [] } = await emulatorClient({ accessKeyId: KEY }).send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: KEY }] }),
  );
  return Events.map((event) => event.EventId ?? '');
}

test('a record leaves history after 90 days and is then deleted from storage', async () => {
  const { storedRecords } = await world();
  await ownCalls();
  const [first = ''] = await ownCalls(); // the first call's record, listed by the second
  expect(first).not.toBe('');
  expect(await storedRecords()).toContain(first);

  testClock.advance(89 * DAY);
  expect(await ownCalls()).toContain(first);
  expect(await storedRecords()).toContain(first);

  testClock.advance(2 * DAY);
  expect(await ownCalls()).not.toContain(first);
  expect(await storedRecords()).not.toContain(first);
});

test('a record leaves a store after its retention and storage after history too', async () => {
  const { emulator, storedRecords } = await world();
  const client = emulatorClient({ accessKeyId: KEY });
  const { EventDataStoreArn = '' } = await client.send(
    new CreateEventDataStoreCommand({ Name: 'week', RetentionPeriod: 7, MultiRegionEnabled: false }),
  );
  const id = EventDataStoreArn.split('/').pop() ?? '';
  testClock.advance(5 * SECOND); // ENABLED
  await ownCalls(); // routed into the store
  const [call = ''] = await ownCalls();
  expect(call).not.toBe('');
  const held = () => eventDataStoreUsage(emulator.state, id, testClock.now()).events;
  const inStore = () => emulator.state.contents(id).some((entry) => entry.eventId === call);
  expect(inStore()).toBe(true);
  const before = held();

  testClock.advance(8 * DAY);
  await ownCalls();
  expect(inStore()).toBe(false);
  expect(held()).toBeLessThan(before + 2);
  // Still in history's 90 days, so still stored.
  expect(await storedRecords()).toContain(call);

  testClock.advance(83 * DAY);
  await ownCalls();
  expect(await storedRecords()).not.toContain(call);
});

test('a restarted emulator applies retention to what it loads', async () => {
  const storage = memoryStorage();
  const first = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(first));
  await ownCalls();
  const [call = ''] = await ownCalls();
  expect(first.state.entry(call)).toBeDefined();
  testClock.advance(91 * DAY);
  const restarted = await createEmulator(testEmulatorOptions({ storage }));
  expect(restarted.state.entry(call)).toBeUndefined();
  const keys = (await storage.load()).entries.map((entry) => entry.key);
  expect(keys).not.toContain(call);
});
