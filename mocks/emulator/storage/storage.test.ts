// Persistence: a new emulator over the same storage answers as the old one did, for each of the
// three storage implementations.
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createHandlers } from '../../handlers';
import { emulatorClient, server, testEmulatorOptions } from '../../node';
import { createEmulator } from '../create-emulator';
import { fileStorage } from './file';
import { indexedDbStorage } from './indexeddb';
import { memoryStorage } from './memory';
import type { EmulatorStorage } from './storage';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tempDirectory() {
  const directory = mkdtempSync(join(tmpdir(), 'cloudtrail-emulator-'));
  directories.push(directory);
  return directory;
}

/** Serves a new emulator over `storage` to the SDK. */
async function serve(storage: EmulatorStorage) {
  const emulator = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(emulator));
  return emulator;
}

// Calls made with this key are this file's own: no seeded record has it.
const TEST_KEY = 'AKIATESTPERSISTENCE1';

async function recordedCalls() {
  const { Events } = await emulatorClient({ accessKeyId: TEST_KEY }).send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: TEST_KEY }] }),
  );
  return (Events ?? []).map(
    (event) => JSON.parse(event.CloudTrailEvent ?? '{}') as { eventID: string; requestParameters: unknown },
  );
}

const implementations: [string, () => EmulatorStorage][] = [
  ['memory', () => memoryStorage()],
  ['a data directory', () => fileStorage(tempDirectory())],
  ['IndexedDB', () => indexedDbStorage(new IDBFactory(), 'cloudtrail-emulator')],
];

test.each(implementations)('keeps recorded calls in %s across a restart', async (_name, makeStorage) => {
  const storage = makeStorage();
  await serve(storage);
  await emulatorClient({ accessKeyId: TEST_KEY }).send(new LookupEventsCommand({ MaxResults: 3 }));
  const before = await recordedCalls();
  expect(before).toHaveLength(1);

  await serve(storage);
  const after = await recordedCalls();
  // The call before the restart and the lookup that listed it, both kept.
  expect(after).toHaveLength(2);
  expect(after.map((record) => record.eventID)).toContain(before[0]?.eventID);
  expect(after.find((record) => JSON.stringify(record.requestParameters) === '{"maxResults":3}')).toBeDefined();
  // The restarted emulator continues the id sequence instead of repeating it.
  expect(new Set(after.map((record) => record.eventID)).size).toBe(after.length);
});

test('keeps the seed of a data directory even when started with another', async () => {
  const directory = tempDirectory();
  await serve(fileStorage(directory));
  const first = await emulatorClient().send(
    new LookupEventsCommand({ MaxResults: 5, EndTime: new Date('2025-06-01') }),
  );
  const restarted = await createEmulator(testEmulatorOptions({ storage: fileStorage(directory), seed: 7 }));
  server.use(...createHandlers(restarted));
  const second = await emulatorClient().send(
    new LookupEventsCommand({ MaxResults: 5, EndTime: new Date('2025-06-01') }),
  );
  expect(second.Events?.map((event) => event.EventId)).toEqual(first.Events?.map((event) => event.EventId));
});

test('ignores a torn last line left by a killed process', async () => {
  const directory = tempDirectory();
  await serve(fileStorage(directory));
  await emulatorClient({ accessKeyId: TEST_KEY }).send(new LookupEventsCommand({ MaxResults: 2 }));
  appendFileSync(join(directory, 'journal.jsonl'), '{"collection":"records","key":"x","val');
  await serve(fileStorage(directory));
  const calls = await recordedCalls();
  expect(calls.some((record) => JSON.stringify(record.requestParameters) === '{"maxResults":2}')).toBe(true);
  expect(readFileSync(join(directory, 'journal.jsonl'), 'utf8')).not.toContain('"val\n');
});
