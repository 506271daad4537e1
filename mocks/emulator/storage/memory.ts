import {
  asStoredEntry,
  compareUtf8,
  LoadTally,
  objectEntryKey,
  objectKeyProblem,
  OBJECTS,
  splitObjectEntryKey,
  type EmulatorStorage,
  type StoredEntry,
} from './storage';

/**
 * A deep copy of a plain JSON value. Stored values are plain JSON, and structuredClone costs
 * microseconds per call, which the thousands of records a PutAuditEvents batch writes add up.
 */
function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Storage for tests: state lives as long as the object. Values are copied so callers cannot alias them. */
export function memoryStorage(): EmulatorStorage {
  const live = new Map<string, StoredEntry>();
  // Writes since the last load, in order: a write only copies and appends (a PutAuditEvents batch
  // writes a hundred records), and a load, once per emulator, applies them to the live entries.
  let ids: string[] = [];
  let values: (StoredEntry | undefined)[] = [];
  // S3 objects by `<bucket>/<key>`, written at once (reads follow the write that made them).
  const objects = new Map<string, Uint8Array>();
  return {
    // Entries of the wrong shape (only a caller that bypassed the types can write one) are
    // skipped and counted, as the other backends do with damage.
    load: () => {
      const started = performance.now();
      ids.forEach((id, index) => {
        const value = values[index];
        if (value === undefined) live.delete(id);
        else live.set(id, value);
      });
      ids = [];
      values = [];
      const tally = new LoadTally();
      const entries: StoredEntry[] = [];
      for (const stored of live.values()) {
        const entry = asStoredEntry(stored);
        if (entry && entry.value !== undefined) entries.push(copy(entry));
        else tally.skip('wrong shape');
      }
      return Promise.resolve({ entries, report: tally.report(entries.length, 0, performance.now() - started) });
    },
    write: (entries) => {
      for (const entry of entries) {
        if (entry.collection === OBJECTS) {
          const { bucket, key } = splitObjectEntryKey(entry.key);
          const problem = objectKeyProblem(bucket, key);
          if (problem) return Promise.reject(new Error(problem));
          if (entry.bytes === undefined) objects.delete(entry.key);
          else objects.set(entry.key, entry.bytes.slice());
          continue;
        }
        ids.push(`${entry.collection}\u0000${entry.key}`);
        values.push(entry.value === undefined ? undefined : copy(entry));
      }
      return Promise.resolve();
    },
    clear: () => {
      live.clear();
      objects.clear();
      ids = [];
      values = [];
      return Promise.resolve();
    },
    readObject: (bucket, key) => {
      const bytes = objectKeyProblem(bucket, key) ? undefined : objects.get(objectEntryKey(bucket, key));
      return Promise.resolve(bytes ? { bytes: bytes.slice() } : undefined);
    },
    listObjects: (bucket, prefix) => {
      const start = objectEntryKey(bucket, prefix);
      const keys = [...objects.keys()]
        .filter((id) => id.startsWith(start))
        .map((id) => id.slice(bucket.length + 1))
        .sort(compareUtf8);
      return Promise.resolve(keys);
    },
  };
}
