import type { EmulatorStorage, StoredEntry } from './storage';

/** Storage for tests: state lives as long as the object. Values are copied so callers cannot alias them. */
export function memoryStorage(): EmulatorStorage {
  const live = new Map<string, StoredEntry>();
  return {
    load: () => Promise.resolve([...live.values()].map((entry) => structuredClone(entry))),
    write: (entries) => {
      for (const entry of entries) {
        const id = `${entry.collection}\u0000${entry.key}`;
        if (entry.value === undefined) live.delete(id);
        else live.set(id, structuredClone(entry));
      }
      return Promise.resolve();
    },
    clear: () => {
      live.clear();
      return Promise.resolve();
    },
  };
}
