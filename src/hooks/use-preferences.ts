import { useState } from 'react';

const PREFIX = 'cloudtrail-console.preferences.';

/** What checks a saved value: a zod schema, or an object with the same `safeParse`. */
export interface PreferencesSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * A table's preferences, remembered per browser in localStorage under a per-table key. The saved
 * value goes through the schema, so a stale or edited entry falls back to the defaults.
 */
export function usePreferences<T>(table: string, schema: PreferencesSchema<T>, defaults: T) {
  const key = `${PREFIX}${table}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const parsed = schema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'));
      return parsed.success ? parsed.data : defaults;
    } catch {
      return defaults;
    }
  });
  const save = (next: T) => {
    localStorage.setItem(key, JSON.stringify(next));
    setValue(next);
  };
  return [value, save] as const;
}
