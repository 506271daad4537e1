// Persistence: a new emulator over the same storage answers as the old one did, for each of the
// three storage implementations; damage is skipped, counted and healed; the data directory is read
// as a stream and compacted segment by segment.
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createHandlers } from '../../handlers';
import { emulatorClient, server, TEST_START, testEmulatorOptions } from '../../node';
import { DAY, manualClock } from '../clock';
import { createEmulator } from '../create-emulator';
import { fileStorage, segmentFileName } from './file';
import { indexedDbStorage } from './indexeddb';
import { memoryStorage } from './memory';
import { describeLoadReport, StorageFullError, type EmulatorStorage, type StoredEntry } from './storage';

const directories: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
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

// --- Damage: skipped, counted, healed ----------------------------------------------------------

const journalOf = (directory: string) => join(directory, 'journal.jsonl');

/** Appends one of each kind of damage to the data directory's journal, the torn line last. */
function damage(directory: string) {
  const journal = journalOf(directory);
  appendFileSync(journal, 'null\n');
  appendFileSync(journal, '{"collection":"records","value":1}\n'); // no key
  appendFileSync(journal, '{"collection":"","key":"x","value":1}\n'); // empty collection name
  appendFileSync(journal, '["records","x",1]\n');
  appendFileSync(journal, '42\n');
  appendFileSync(journal, 'not json at all\n');
  appendFileSync(
    journal,
    Buffer.concat([Buffer.from('{"collection":"records","key":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]),
  );
  appendFileSync(journal, '{"collection":"records","key":"x","val');
}

test('a damaged data directory still loads: good entries survive and each kind of damage is counted', async () => {
  const directory = tempDirectory();
  await serve(fileStorage(directory));
  await emulatorClient({ accessKeyId: TEST_KEY }).send(new LookupEventsCommand({ MaxResults: 2 }));
  const { entries: good } = await fileStorage(directory).load();
  damage(directory);

  const { entries, report } = await fileStorage(directory).load();
  expect(report.skippedReasons).toEqual({ 'wrong shape': 5, 'not JSON': 1, 'invalid UTF-8': 1, 'torn line': 1 });
  expect(report.skipped).toBe(8);
  expect(report.entries).toBe(entries.length);
  expect(entries).toHaveLength(good.length);
  expect(describeLoadReport(report)).toMatch(
    /^Loaded [\d,]+ entries \([\d.]+ KB\) in [\d,.]+ m?s; skipped 8 damaged entries: 1 invalid UTF-8, 1 not JSON, 1 torn line, 5 wrong shape$/,
  );

  // The start healed the directory: nothing damaged is left, and the emulator answers as before.
  expect((await fileStorage(directory).load()).report.skipped).toBe(0);
  await serve(fileStorage(directory));
  const calls = await recordedCalls();
  expect(calls.some((record) => JSON.stringify(record.requestParameters) === '{"maxResults":2}')).toBe(true);
});

test('damaged IndexedDB rows are skipped, counted and removed', async () => {
  const factory = new IDBFactory();
  const storage = indexedDbStorage(factory, 'cloudtrail-emulator');
  await serve(storage);
  await emulatorClient({ accessKeyId: TEST_KEY }).send(new LookupEventsCommand({ MaxResults: 2 }));
  const { entries: good } = await storage.load();

  // Rows written behind the storage's back: the store's key path only takes objects with a valid
  // [collection, key], so these are the shapes that can exist.
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open('cloudtrail-emulator');
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(new Error('open failed'));
    };
  });
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction('entries', 'readwrite');
    const store = transaction.objectStore('entries');
    store.put({ collection: 7, key: 'number collection', value: 1 });
    store.put({ collection: '', key: 'empty collection', value: 1 });
    store.put({ collection: 'records', key: 'no value' });
    store.put({ collection: ['records'], key: 'array collection', value: 1 });
    store.put({ collection: 'records', key: ['array key'], value: 1 });
    transaction.oncomplete = () => {
      resolve();
    };
    transaction.onerror = () => {
      reject(new Error('put failed'));
    };
  });
  db.close();

  const { entries, report } = await storage.load();
  expect(report.skippedReasons).toEqual({ 'wrong shape': 5 });
  expect(report.skipped).toBe(5);
  expect(entries).toHaveLength(good.length);
  expect((await storage.load()).report.skipped).toBe(0);
  await serve(storage);
  const calls = await recordedCalls();
  expect(calls.some((record) => JSON.stringify(record.requestParameters) === '{"maxResults":2}')).toBe(true);
});

test('memory storage skips and counts entries of the wrong shape', async () => {
  const storage = memoryStorage();
  await storage.write([
    { collection: 'meta', key: 'ids', value: 3 },
    { collection: '', key: 'x', value: 1 },
    { collection: 5, key: 'y', value: 1 } as unknown as StoredEntry,
  ]);
  const { entries, report } = await storage.load();
  expect(entries).toEqual([{ collection: 'meta', key: 'ids', value: 3 }]);
  expect(report).toMatchObject({ entries: 1, skipped: 2, skippedReasons: { 'wrong shape': 2 }, bytes: 0 });
});

// --- Streaming, segments and compaction -------------------------------------------------------

/** Entries with multi-byte text and one value longer than any small chunk. */
function sampleEntries(): StoredEntry[] {
  return Array.from({ length: 40 }, (_, i) => ({
    collection: i % 3 === 0 ? 'records' : 'eventDataStores',
    key: `kéy-${String(i)}-😀`,
    value: { text: `värde ${'ü€'.repeat(i)}`, long: i === 17 ? 'x'.repeat(5000) : undefined, i },
  }));
}

/** Entries as plain objects, sorted: a data directory's records read their value when accessed. */
const byKey = (entries: readonly StoredEntry[]) =>
  entries
    .map(({ collection, key, value }) => ({ collection, key, value }))
    .sort((a, b) => `${a.collection}/${a.key}`.localeCompare(`${b.collection}/${b.key}`));

describe('reading the journal as a stream', () => {
  test.each([1, 2, 3, 7, 64, 4096, 1 << 20])('gives the same entries with %i-byte chunks', async (chunkBytes) => {
    const directory = tempDirectory();
    const expected = sampleEntries();
    await fileStorage(directory).write(expected);
    // Damage between good lines must not cost the line after it.
    appendFileSync(journalOf(directory), Buffer.from([0xc3, 0x28, 0x0a])); // invalid UTF-8
    await fileStorage(directory).write([{ collection: 'meta', key: 'ids', value: 9 }]);
    appendFileSync(journalOf(directory), '{"collection":"meta","key":"torn","value":"é'); // torn

    const { entries, report } = await fileStorage(directory, { chunkBytes }).load();
    expect(byKey(entries)).toEqual(
      byKey([...(JSON.parse(JSON.stringify(expected)) as StoredEntry[]), { collection: 'meta', key: 'ids', value: 9 }]),
    );
    expect(report.skippedReasons).toEqual({ 'invalid UTF-8': 1, 'torn line': 1 });
    expect(report.bytes).toBeGreaterThan(5000);
  });
});

test('appends after a torn line that was never compacted start on a line of their own', async () => {
  const directory = tempDirectory();
  await fileStorage(directory).write([{ collection: 'meta', key: 'a', value: 1 }]);
  appendFileSync(journalOf(directory), '{"collection":"meta","key":"torn"');
  // A storage that writes before loading (the torn line is still there).
  await fileStorage(directory).write([{ collection: 'meta', key: 'b', value: 2 }]);
  const { entries, report } = await fileStorage(directory).load();
  expect(byKey(entries).map((entry) => entry.key)).toEqual(['a', 'b']);
  expect(report.skippedReasons).toEqual({ 'not JSON': 1 });
});

/** The journal's segment files, oldest first. */
function segmentFiles(directory: string) {
  const number = (name: string) => Number(/^journal\.(\d+)\.jsonl$/.exec(name)?.[1] ?? 0);
  return readdirSync(directory)
    .filter((name) => name.startsWith('journal'))
    .sort((a, b) => number(a) - number(b));
}

function directoryBytes(directory: string) {
  return segmentFiles(directory).reduce((sum, name) => sum + statSync(join(directory, name)).size, 0);
}

const record = (i: number, value: unknown = { json: `{"eventID":"${String(i)}","padding":"${'p'.repeat(200)}"}` }) => ({
  collection: 'records',
  key: `event-${String(i).padStart(5, '0')}`,
  value,
});

test('deleted records give their space back on the next load', async () => {
  const directory = tempDirectory();
  const storage = fileStorage(directory);
  for (let i = 0; i < 1000; i += 100) {
    await storage.write(Array.from({ length: 100 }, (_, j) => record(i + j)));
  }
  await storage.write(Array.from({ length: 990 }, (_, i) => ({ collection: 'records', key: record(i).key })));
  const before = directoryBytes(directory);

  const { entries } = await fileStorage(directory).load();
  expect(entries.map((entry) => entry.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => record(990 + i).key));
  const after = directoryBytes(directory);
  expect(after).toBeLessThan(before / 50);
  expect(readFileSync(journalOf(directory), 'utf8').split('\n').filter(Boolean)).toHaveLength(10);
  // The compacted directory loads the same entries.
  expect(byKey((await fileStorage(directory).load()).entries)).toEqual(byKey(entries));
});

test('writes roll over into segments and compaction rewrites only the segments that changed', async () => {
  const directory = tempDirectory();
  const storage = fileStorage(directory, { segmentBytes: 4096 });
  for (let i = 0; i < 60; i += 6) await storage.write(Array.from({ length: 6 }, (_, j) => record(i + j)));
  const segments = segmentFiles(directory);
  expect(segments.length).toBeGreaterThan(3);
  expect(segments[0]).toBe(segmentFileName(0));
  expect(segments).toContain(segmentFileName(1));

  // Replace one record of the first segment and delete one of the second: only those two
  // segments (and the newest, which holds the changes) are rewritten.
  const first = readFileSync(join(directory, segments[0] ?? ''), 'utf8');
  const second = readFileSync(join(directory, segments[1] ?? ''), 'utf8');
  const firstKey = (JSON.parse(first.split('\n')[0] ?? '') as StoredEntry).key;
  const secondKey = (JSON.parse(second.split('\n')[0] ?? '') as StoredEntry).key;
  await storage.write([
    { collection: 'records', key: firstKey, value: { replaced: true } },
    { collection: 'records', key: secondKey },
  ]);
  const inodes = new Map(segmentFiles(directory).map((name) => [name, statSync(join(directory, name)).ino]));

  const reopened = fileStorage(directory, { segmentBytes: 4096 });
  const { entries, report } = await reopened.load();
  expect(report.skipped).toBe(0);
  expect(entries).toHaveLength(59);
  expect(entries.find((entry) => entry.key === firstKey)?.value).toEqual({ replaced: true });
  expect(entries.find((entry) => entry.key === secondKey)).toBeUndefined();
  const rewritten = segmentFiles(directory).filter((name) => statSync(join(directory, name)).ino !== inodes.get(name));
  expect(rewritten).toEqual([segments[0], segments[1], segmentFiles(directory).at(-1)]);

  // Later writes keep going, and everything loads back in order.
  await reopened.write([{ collection: 'records', key: firstKey, value: { replaced: 2 } }]);
  const again = await fileStorage(directory, { segmentBytes: 4096 }).load();
  expect(again.entries).toHaveLength(59);
  expect(again.entries.find((entry) => entry.key === firstKey)?.value).toEqual({ replaced: 2 });

  await reopened.clear();
  expect(segmentFiles(directory)).toEqual([]);
  expect((await reopened.load()).entries).toEqual([]);
});

test('a journal written by an earlier version (one journal.jsonl) loads unchanged', async () => {
  const directory = tempDirectory();
  writeFileSync(journalOf(directory), `${JSON.stringify(record(1))}\n${JSON.stringify(record(2))}\n`);
  const { entries, report } = await fileStorage(directory).load();
  expect(entries).toHaveLength(2);
  expect(report).toMatchObject({ entries: 2, skipped: 0, skippedReasons: {} });
  expect(segmentFiles(directory)).toEqual(['journal.jsonl']);
});

// --- Records by reference ---------------------------------------------------------------------

test('a data directory serves stored records read back by reference, after compaction moved them', async () => {
  const directory = tempDirectory();
  const clock = manualClock(TEST_START);
  const start = async () => {
    const emulator = await createEmulator(testEmulatorOptions({ storage: fileStorage(directory), clock }));
    server.use(...createHandlers(emulator));
    return emulator;
  };
  /** This file's calls as LookupEvents returns them: eventID → CloudTrailEvent. */
  const served = async () => {
    const { Events } = await emulatorClient({ accessKeyId: TEST_KEY }).send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: TEST_KEY }] }),
    );
    return new Map((Events ?? []).map((event) => [event.EventId ?? '', event.CloudTrailEvent ?? '']));
  };
  const offsetIn = (key: string) =>
    readFileSync(journalOf(directory)).indexOf(`{"collection":"records","key":"${key}"`);

  // Two calls a day apart.
  await start();
  await emulatorClient({ accessKeyId: TEST_KEY }).send(new LookupEventsCommand({ MaxResults: 2 }));
  clock.advance(DAY);
  await emulatorClient({ accessKeyId: TEST_KEY }).send(new LookupEventsCommand({ MaxResults: 3 }));
  const before = await served();
  expect(before.size).toBe(2);
  const [older, newer] = [...before.keys()].sort((a, b) =>
    (JSON.parse(before.get(a) ?? '') as { eventTime: string }).eventTime <
    (JSON.parse(before.get(b) ?? '') as { eventTime: string }).eventTime
      ? -1
      : 1,
  ) as [string, string];

  // A damaged first line: compaction drops it, so every line after it moves.
  writeFileSync(journalOf(directory), Buffer.concat([Buffer.from('not json\n'), readFileSync(journalOf(directory))]));
  const offsetBefore = offsetIn(newer);
  const second = await start();
  expect(second.state.entry(newer)?.source).toMatchObject({ segment: 0, offset: offsetIn(newer) });
  expect(offsetIn(newer)).toBeLessThan(offsetBefore);
  const afterCompaction = await served();
  expect(afterCompaction.get(older)).toBe(before.get(older));
  expect(afterCompaction.get(newer)).toBe(before.get(newer));

  // A retention delete while running (what `applyRetention` persists for a record held by
  // nothing) appends a deletion: the newer record is still read from where the load found it.
  const storage = fileStorage(directory);
  const third = await createEmulator(testEmulatorOptions({ storage, clock }));
  server.use(...createHandlers(third));
  const entry = third.state.entry(newer);
  if (!entry) throw new Error('the newer call was not loaded');
  const ref = entry.source;
  expect(typeof ref).toBe('object');
  await storage.write([{ collection: 'records', key: older }]);
  expect(readFileSync(journalOf(directory), 'utf8')).toContain(`{"collection":"records","key":"${older}"}`);
  expect(third.state.jsonOf(entry)).toBe(before.get(newer));
  expect(third.state.entry(newer)?.source).toBe(ref);
  expect((await served()).get(newer)).toBe(before.get(newer));

  // The next load compacts the deleted line away, and the newer record moves again.
  const offsetBeforeDeletion = offsetIn(newer);
  const fourth = await start();
  expect(offsetIn(newer)).toBeLessThan(offsetBeforeDeletion);
  expect(offsetIn(older)).toBe(-1);
  expect(fourth.state.entry(newer)?.source).toMatchObject({ offset: offsetIn(newer) });
  const afterDeletion = await served();
  expect(afterDeletion.has(older)).toBe(false);
  expect(afterDeletion.get(newer)).toBe(before.get(newer));
  expect(JSON.parse(afterDeletion.get(newer) ?? '')).toMatchObject({
    eventID: newer,
    requestParameters: { maxResults: 3 },
  });
});

test('readRecord reads a record back by its ref and refuses a ref that points at no record', async () => {
  const directory = tempDirectory();
  await fileStorage(directory).write([
    { collection: 'meta', key: 'ids', value: 1 },
    record(1),
    { collection: 'meta', key: 'ids', value: 2 },
  ]);
  const storage = fileStorage(directory, { chunkBytes: 7 });
  const { entries } = await storage.load();
  const loaded = entries.find((entry) => entry.collection === 'records');
  // Compaction dropped the first meta line, so the record moved to the start of the file.
  expect(loaded?.ref).toEqual({ segment: 0, offset: 0, length: JSON.stringify(record(1)).length });
  expect(loaded?.value).toEqual(record(1).value);
  expect(storage.readRecord?.(loaded?.ref ?? { segment: 0, offset: 0, length: 0 })).toBe(
    (record(1).value as { json: string }).json,
  );
  // Appends leave it where it is.
  await storage.write([{ collection: 'records', key: record(1).key }, record(2)]);
  expect(storage.readRecord?.(loaded?.ref ?? { segment: 0, offset: 0, length: 0 })).toBe(
    (record(1).value as { json: string }).json,
  );
  const meta = { segment: 0, offset: (loaded?.ref?.length ?? 0) + 1, length: 5 };
  expect(() => storage.readRecord?.(meta)).toThrow(/No stored record at byte/);
  expect(() => storage.readRecord?.({ segment: 9, offset: 0, length: 5 })).toThrow(/No stored record/);
});

// --- A full browser quota ----------------------------------------------------------------------

test('a full IndexedDB quota rejects with StorageFullError, which says how to free space', async () => {
  const storage = indexedDbStorage(new IDBFactory(), 'cloudtrail-emulator');
  await storage.write([{ collection: 'meta', key: 'ids', value: 1 }]);
  // fake-indexeddb has no quota: abort the transaction as a browser does when the quota is hit.
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
    (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
    return {} as IDBRequest<IDBValidKey>;
  });
  const failed = storage.write([{ collection: 'records', key: 'x', value: { json: '{}' } }]);
  await expect(failed).rejects.toBeInstanceOf(StorageFullError);
  await expect(failed).rejects.toThrow(/storage for this site is full.*Reset emulator data.*clearing this site's data/);
  vi.restoreAllMocks();
  expect((await storage.load()).entries).toEqual([{ collection: 'meta', key: 'ids', value: 1 }]);
});

test('describeLoadReport reads as one log line', () => {
  expect(
    describeLoadReport({
      entries: 5_000_000,
      skipped: 3,
      skippedReasons: { 'wrong shape': 2, 'torn line': 1 },
      bytes: 4_100_000_000,
      milliseconds: 38_200,
    }),
  ).toBe('Loaded 5,000,000 entries (4.1 GB) in 38.2 s; skipped 3 damaged entries: 1 torn line, 2 wrong shape');
  expect(describeLoadReport({ entries: 1, skipped: 0, skippedReasons: {}, bytes: 0, milliseconds: 3.4 })).toBe(
    'Loaded 1 entry in 3 ms',
  );
});
