// Query results (the table src/api/lake-queries.ts reads from GetQueryResults, whose rows are
// single-key maps in select-list order, mocks/emulator/SEMANTICS.md §10.3) as CSV and JSON files.
import type { ResultTable } from '@/api/lake-queries';
import { toCsv } from '@/lib/csv';

/** The results as CSV: a header row of column names, formula-looking cells neutralised. */
export function resultsToCsv(table: ResultTable): string {
  return toCsv(table.columns, table.rows);
}

/**
 * The results as JSON: one object per row, keyed by column name. A repeated name gets a suffix
 * (`arn`, `arn_2`), so no value is lost.
 */
export function resultsToJson(table: ResultTable): string {
  const seen = new Map<string, number>();
  const keys = table.columns.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${String(count)}`;
  });
  const objects = table.rows.map((row) => Object.fromEntries(keys.map((key, index) => [key, row[index] ?? ''])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}
