// Pieces of CloudTrail Lake SQL (Trino syntax) that pages write into links to the query editor.

/** A string literal: in single quotes, each quote inside doubled, so no value can end it early. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A timestamp literal Lake compares eventTime with (`'2025-06-02 12:00:05'`, UTC), to the whole second. */
export function sqlTimestamp(epochSeconds: number): string {
  return `'${new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')}'`;
}
