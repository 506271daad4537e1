// GenerateQuery through the SDK (SEMANTICS.md §10.4).
import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  EventDataStoreARNInvalidException,
  EventDataStoreNotFoundException,
  GenerateQueryCommand,
  GenerateResponseException,
  InvalidParameterException,
  ListEventDataStoresCommand,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock } from '../../../node';
import { DAY, SECOND } from '../../clock';
import { SEEDED_EVENT_DATA_STORES } from '../event-history/seed/seed-pool';
import { QUERY_ALIASES, type StoredQueryAlias } from './generate-query';

const [MANAGEMENT_EVENTS, INTEGRATIONS_AUDIT] = SEEDED_EVENT_DATA_STORES as readonly [
  (typeof SEEDED_EVENT_DATA_STORES)[number],
  (typeof SEEDED_EVENT_DATA_STORES)[number],
];

const generate = (Prompt: string, store: string = MANAGEMENT_EVENTS.id) =>
  emulatorClient().send(new GenerateQueryCommand({ EventDataStores: [store], Prompt }));

test('turns a prompt into a query on the store, saved under a new alias', async () => {
  const answer = await generate('show me the top errors');
  expect(answer.QueryStatement).toContain(`FROM ${MANAGEMENT_EVENTS.id}`);
  expect(answer.QueryStatement).toContain('errorCode');
  expect(answer.QueryAlias).toMatch(/^[a-zA-Z][a-zA-Z0-9._-]*$/);
  expect(answer.EventDataStoreOwnerAccountId).toBe('123456789012');
  const saved = emulator.state.table<StoredQueryAlias>(QUERY_ALIASES).get(answer.QueryAlias ?? '');
  expect(saved).toMatchObject({ prompt: 'show me the top errors', queryStatement: answer.QueryStatement });
});

test('is deterministic: the same prompt gives the same statement under a new alias', async () => {
  const first = await generate('who deleted resources');
  const second = await generate('who deleted resources');
  expect(second.QueryStatement).toBe(first.QueryStatement);
  expect(second.QueryAlias).not.toBe(first.QueryAlias);
});

test('writes for the store kind: events from outside AWS are read through eventData', async () => {
  const answer = await generate('events from outside AWS by source', INTEGRATIONS_AUDIT.id);
  expect(answer.QueryStatement).toContain('eventData.eventSource');
  expect(answer.QueryStatement).toContain(`FROM ${INTEGRATIONS_AUDIT.id}`);
});

test('a prompt no template covers is GenerateResponseException', async () => {
  await expect(generate('compose a haiku about penguins')).rejects.toBeInstanceOf(GenerateResponseException);
});

test('names the store like any store member', async () => {
  await expect(generate('top errors', 'not-a-store')).rejects.toBeInstanceOf(EventDataStoreARNInvalidException);
  await expect(generate('top errors', '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
    EventDataStoreNotFoundException,
  );
  await expect(generate('no')).rejects.toBeInstanceOf(InvalidParameterException);
});

test("a purged store's generated queries go with it", async () => {
  const client = emulatorClient();
  const { EventDataStoreArn = '' } = await client.send(
    new CreateEventDataStoreCommand({ Name: 'short-lived', TerminationProtectionEnabled: false }),
  );
  testClock.advance(5 * SECOND);
  const { QueryAlias = '' } = await generate('top errors', EventDataStoreArn);
  expect(emulator.state.table(QUERY_ALIASES).has(QueryAlias)).toBe(true);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: EventDataStoreArn }));
  testClock.advance(8 * DAY);
  await client.send(new ListEventDataStoresCommand({}));
  expect(emulator.state.table(QUERY_ALIASES).has(QueryAlias)).toBe(false);
});
