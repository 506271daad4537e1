// Only the Trino dialect is imported, so the formatter's other dialects stay out of the bundle.
import { formatDialect, trino } from 'sql-formatter';

// Store references are one token to CloudTrail (a hyphenated UUID or an ARN,
// mocks/emulator/SEMANTICS.md §10.1) but arithmetic to a formatter, which would space out their
// hyphens; as "parameters" they are kept verbatim. `$EDS_ID` is the placeholder of sample queries.
const STORE_REFERENCE = String.raw`arn:[A-Za-z0-9:/._-]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\$EDS_ID`;

/** The statement laid out in Trino style with upper-case keywords; throws when the formatter cannot parse it. */
export function formatSql(sql: string): string {
  return formatDialect(sql, {
    dialect: trino,
    keywordCase: 'upper',
    paramTypes: { custom: [{ regex: STORE_REFERENCE }] },
  });
}
