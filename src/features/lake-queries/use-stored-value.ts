import { useSyncExternalStore } from 'react';
import type { z } from 'zod';

// One entry of localStorage or sessionStorage as React state: every component reading the key sees
// every write, and other tabs' writes to localStorage arrive through the storage event.
const listeners = new Set<() => void>();
const parsed = new Map<string, { raw: string | null; value: unknown }>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function read<T>(storage: Storage, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = storage.getItem(key);
  const cacheKey = `${storage === localStorage ? 'local' : 'session'}:${key}`;
  const cached = parsed.get(cacheKey);
  // The same text gives the same object, as useSyncExternalStore requires of snapshots.
  if (cached?.raw === raw) return cached.value as T;
  let value = fallback;
  try {
    const result = schema.safeParse(JSON.parse(raw ?? 'null'));
    if (result.success) value = result.data;
  } catch {
    // A damaged entry reads as the fallback; the next write replaces it.
  }
  parsed.set(cacheKey, { raw, value });
  return value;
}

/** Reads and writes one stored value; what is stored goes through the schema, so damage falls back. */
export function useStoredValue<T>(storage: Storage, key: string, schema: z.ZodType<T>, fallback: T) {
  const value = useSyncExternalStore(subscribe, () => read(storage, key, schema, fallback));
  const write = (next: T) => {
    storage.setItem(key, JSON.stringify(next));
    for (const listener of listeners) listener();
  };
  return [value, write] as const;
}
