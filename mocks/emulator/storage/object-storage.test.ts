// S3 object bytes in each storage backend (SEMANTICS.md §17.12): written with the entries of a
// call, read and listed back in UTF-8 byte order, deleted, cleared; the data directory's files are
// the truth and keys never leave it; IndexedDB keeps a version-1 database's entries on upgrade.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fileStorage } from './file';
import { indexedDbStorage } from './indexeddb';
import { memoryStorage } from './memory';
import { compareUtf8, objectEntryKey, OBJECTS, type EmulatorStorage, type StoredEntry } from './storage';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tempDirectory() {
  const directory = mkdtempSync(join(tmpdir(), 'cloudtrail-objects-'));
  directories.push(directory);
  return directory;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => (data ? new TextDecoder().decode(data) : undefined);
const object = (bucket: string, key: string, data?: string): StoredEntry => ({
  collection: OBJECTS,
  key: objectEntryKey(bucket, key),
  ...(data === undefined ? {} : { bytes: bytes(data) }),
});

const backends: [string, () => EmulatorStorage][] = [
  ['memory', () => memoryStorage()],
  ['data directory', () => fileStorage(tempDirectory())],
  ['IndexedDB', () => indexedDbStorage(new IDBFactory(), 'objects-test', IDBKeyRange)],
];

describe.each(backends)('%s', (_name, make) => {
  test('writes objects with entries, reads and lists them in UTF-8 order, deletes and clears them', async () => {
    const storage = make();
    await storage.write([
      object('bucket', 'logs/b.json.gz', 'b'),
      { collection: 'trails', key: 'arn', value: { name: 'x' } },
      object('bucket', 'logs/\u{1F600}.gz', 'emoji'),
      object('bucket', 'logs/\uFB00.gz', 'ligature'),
      object('bucket', 'logs/2025/06/02/a.json.gz', 'a'),
      object('bucket', 'other.txt', 'o'),
      object('bucket2', 'logs/elsewhere', 'e'),
    ]);
    expect(text((await storage.readObject('bucket', 'logs/b.json.gz'))?.bytes)).toBe('b');
    expect(await storage.readObject('bucket', 'logs/missing')).toBeUndefined();
    expect(await storage.readObject('missing-bucket', 'logs/b.json.gz')).toBeUndefined();
    expect(await storage.listObjects('bucket', 'logs/')).toEqual([
      'logs/2025/06/02/a.json.gz',
      'logs/b.json.gz',
      'logs/\uFB00.gz',
      'logs/\u{1F600}.gz',
    ]);
    expect(await storage.listObjects('bucket', '')).toHaveLength(5);
    expect(await storage.listObjects('bucket', 'logs/2025/06')).toEqual(['logs/2025/06/02/a.json.gz']);
    expect(await storage.listObjects('bucket', 'nothing/')).toEqual([]);
    expect(await storage.listObjects('bucket2', '')).toEqual(['logs/elsewhere']);

    // Object entries never come back from load; the other entries do.
    const { entries } = await storage.load();
    expect(entries.map((entry) => entry.collection)).toEqual(['trails']);

    await storage.write([object('bucket', 'logs/b.json.gz', 'replaced'), object('bucket', 'other.txt')]);
    expect(text((await storage.readObject('bucket', 'logs/b.json.gz'))?.bytes)).toBe('replaced');
    expect(await storage.readObject('bucket', 'other.txt')).toBeUndefined();
    expect(await storage.listObjects('bucket', 'o')).toEqual([]);

    await storage.clear();
    expect(await storage.listObjects('bucket', '')).toEqual([]);
    expect(await storage.readObject('bucket', 'logs/b.json.gz')).toBeUndefined();
  });

  test('refuses keys that could not be a path inside the store', async () => {
    const storage = make();
    for (const key of ['../escape', 'a/../../b', 'a//b', './a', 'dir/', '', 'nul\u0000byte'])
      await expect(storage.write([object('bucket', key, 'x')])).rejects.toThrow();
    await expect(storage.write([object('..', 'key', 'x')])).rejects.toThrow();
    expect(await storage.readObject('bucket', '../escape')).toBeUndefined();
    expect(await storage.listObjects('bucket', '')).toEqual([]);
  });
});

test('compareUtf8 orders strings as their UTF-8 bytes', () => {
  const words = ['\u{1F600}', '\uFB00', 'b', 'a', '\u00e9', 'ab', ''];
  const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  expect([...words].sort(compareUtf8)).toEqual(byBytes);
});

test('the data directory keeps objects as plain files: a file edited or removed by hand reads so', async () => {
  const directory = tempDirectory();
  const storage = fileStorage(directory);
  await storage.write([object('bucket', 'AWSLogs/1/file.json.gz', 'original'), object('bucket', 'keep', 'k')]);
  const path = join(directory, 's3', 'bucket', 'AWSLogs', '1', 'file.json.gz');
  expect(readFileSync(path, 'utf8')).toBe('original');
  expect(existsSync(join(directory, 's3', '..', 'escape'))).toBe(false);

  writeFileSync(path, 'tampered');
  const read = await storage.readObject('bucket', 'AWSLogs/1/file.json.gz');
  expect(text(read?.bytes)).toBe('tampered');
  expect(read?.modified).toEqual(expect.any(Number));

  // A file put there by hand is an object too.
  writeFileSync(join(directory, 's3', 'bucket', 'AWSLogs', 'by-hand.txt'), 'hand');
  expect(await storage.listObjects('bucket', 'AWSLogs/')).toEqual(['AWSLogs/1/file.json.gz', 'AWSLogs/by-hand.txt']);

  unlinkSync(path);
  expect(await storage.readObject('bucket', 'AWSLogs/1/file.json.gz')).toBeUndefined();
  expect(await storage.listObjects('bucket', '')).toEqual(['AWSLogs/by-hand.txt', 'keep']);

  // The journal is untouched by objects, and a reload finds them where they are.
  const reloaded = fileStorage(directory);
  expect((await reloaded.load()).report.skipped).toBe(0);
  expect(text((await reloaded.readObject('bucket', 'keep'))?.bytes)).toBe('k');
});

test('IndexedDB upgrades a version-1 database and keeps its entries', async () => {
  const factory = new IDBFactory();
  await new Promise<void>((resolve, reject) => {
    const request = factory.open('upgrade-test', 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('entries', { keyPath: ['collection', 'key'] });
      store.put({ collection: 'trails', key: 'arn', value: { name: 'kept' } });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  const storage = indexedDbStorage(factory, 'upgrade-test', IDBKeyRange);
  const { entries } = await storage.load();
  expect(entries).toEqual([{ collection: 'trails', key: 'arn', value: { name: 'kept' } }]);
  await storage.write([object('bucket', 'k', 'v')]);
  expect(text((await storage.readObject('bucket', 'k'))?.bytes)).toBe('v');
});
