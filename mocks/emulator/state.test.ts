// Transactions of the world: what a failed call did is undone, its queued writes included.
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { buildRecord } from '../factories';
import { emulator, emulatorClient, testClock } from '../node';
import { EVENT_DATA_STORES } from './resources/event-data-stores/event-data-store';

test('a rolled-back call leaves the world, the ids and the queued writes as they were', async () => {
  const { state } = emulator;
  const before = state.fingerprint();
  const sequence = state.sequence;
  const ids = state.ids.state;
  const record = buildRecord({ at: testClock.now() });

  state.begin();
  state.put(EVENT_DATA_STORES, 'phantom', { id: 'phantom' });
  state.nextOrder(EVENT_DATA_STORES);
  state.ingest(record);
  state.ids.uuid();
  state.rollback();

  expect(state.fingerprint()).toBe(before);
  expect(state.sequence).toBe(sequence);
  expect(state.ids.state).toBe(ids);
  expect(state.entry(record.eventID)).toBeUndefined();
  expect(state.takePending()).toEqual([]);
  // History no longer lists it either.
  const { Events = [] } = await emulatorClient().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: record.eventID }] }),
  );
  expect(Events).toEqual([]);
});

test('a committed call keeps what it did', () => {
  const { state } = emulator;
  const record = buildRecord({ at: testClock.now() });
  state.begin();
  state.ingest(record);
  state.commit();
  expect(state.entry(record.eventID)).toBeDefined();
  expect(state.takePending().map((entry) => entry.key)).toContain(record.eventID);
});
