/**
 * One saved value: `value` undefined deletes the key. Collections group values of one kind
 * (`meta`, `records`, `eventDataStores`, ...); keys are unique within a collection.
 */
export interface StoredEntry {
  collection: string;
  key: string;
  value?: unknown;
}

/**
 * Where the emulator keeps its state. The core writes every change through `write` before it
 * answers the call that made it, so an answered call survives a reload, a restart or a kill.
 * Values are plain JSON.
 */
export interface EmulatorStorage {
  /** The live value of every key, in no particular order. */
  load(): Promise<StoredEntry[]>;
  /** Applies the entries in order; durable once the promise resolves. */
  write(entries: readonly StoredEntry[]): Promise<void>;
  /** Forgets everything. */
  clear(): Promise<void>;
}

/** Folds entries into their live values: later entries win and deletions remove. */
export function foldEntries(entries: Iterable<StoredEntry>): Map<string, StoredEntry> {
  const live = new Map<string, StoredEntry>();
  for (const entry of entries) {
    const id = `${entry.collection}\u0000${entry.key}`;
    if (entry.value === undefined) live.delete(id);
    else live.set(id, entry);
  }
  return live;
}
