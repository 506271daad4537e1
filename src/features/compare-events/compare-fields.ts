// Events side by side: each record flattened to dotted paths, and which paths differ.

/** A record's leaves by dotted path (`userIdentity.arn`, `resources.0.ARN`); values as text. */
export function flattenRecord(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    if (entries.length === 0) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, child] of entries) flattenRecord(child, prefix === '' ? key : `${prefix}.${key}`, into);
    return into;
  }
  into.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  return into;
}

/** The record of an event, or an empty object when it is not JSON. */
export function parseRecord(json: string | undefined): unknown {
  try {
    return JSON.parse(json ?? '{}') as unknown;
  } catch {
    return {};
  }
}

export interface ComparedField {
  path: string;
  /** One value per event; undefined where the event has no such field. */
  values: (string | undefined)[];
  differs: boolean;
}

/** Every field of any record, in first-seen order, with each event's value and whether they differ. */
export function compareRecords(records: readonly unknown[]): ComparedField[] {
  const flat = records.map((record) => flattenRecord(record));
  const paths = [...new Set(flat.flatMap((fields) => [...fields.keys()]))];
  return paths.map((path) => {
    const values = flat.map((fields) => fields.get(path));
    return { path, values, differs: new Set(values).size > 1 };
  });
}
