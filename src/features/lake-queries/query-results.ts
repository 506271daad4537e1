// GetQueryResults rows as a table: CloudTrail sends each row as a list of single-key maps in
// select-list order (`[{"eventName":"PutObject"},{"calls":"42"}]`, mocks/emulator/SEMANTICS.md §10.3).
import type { QueryResultsPage } from '@/api/lake-queries';
import { toCsv } from '@/lib/csv';

export interface ResultTable {
  /** Column names as CloudTrail keys them; two columns may share a name (`a.arn, b.arn`). */
  columns: string[];
  /** Values by column position; NULL arrives as "". */
  rows: string[][];
}

/** The rows of every page read so far, flattened; the first row names the columns. */
export function resultTableOf(pages: readonly QueryResultsPage[]): ResultTable {
  const rows: string[][] = [];
  let columns: string[] | undefined;
  for (const page of pages)
    for (const row of page.QueryResultRows ?? []) {
      columns ??= row.map((cell) => Object.keys(cell)[0] ?? '');
      rows.push(row.map((cell) => Object.values(cell)[0] ?? ''));
    }
  return { columns: columns ?? [], rows };
}

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
