import { asStoredEntry, LoadTally, type EmulatorStorage, type StoredEntry } from './storage';

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
        ids.push(`${entry.collection}\u0000${entry.key}`);
        values.push(entry.value === undefined ? undefined : copy(entry));
      }
      return Promise.resolve();
    },
    clear: () => {
      live.clear();
      ids = [];
      values = [];
      return Promise.resolve();
    },
  };
}
