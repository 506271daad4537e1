// A light reading of Lake SQL for the editor's completion and the page's warnings: which stores a
// query reads (and under which aliases), whether its WHERE bounds eventTime, whether it selects *.
// CloudTrail parses the query for real; this only has to be right for the usual shapes, and errs on
// the side of warning.

/**
 * The text with comments blanked and string literals emptied, at the same offsets, so that words
 * inside them (`'FROM x'`, `-- where eventTime > …`) are not read as SQL.
 */
export function maskSql(sql: string): string {
  let out = '';
  let index = 0;
  while (index < sql.length) {
    const rest = sql.slice(index);
    const comment = /^--[^\n]*/.exec(rest) ?? /^\/\*[\s\S]*?(?:\*\/|$)/.exec(rest);
    if (comment) {
      out += comment[0].replace(/[^\n]/g, ' ');
      index += comment[0].length;
      continue;
    }
    const literal = /^'(?:[^']|'')*(?:'|$)/.exec(rest);
    if (literal) {
      const text = literal[0];
      const closed = text.length > 1 && text.endsWith("'");
      out += `'${' '.repeat(Math.max(0, text.length - (closed ? 2 : 1)))}${closed ? "'" : ''}`;
      index += text.length;
      continue;
    }
    out += sql.charAt(index);
    index++;
  }
  return out;
}

/** Words that end a table reference rather than name its alias. */
const NOT_ALIASES = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'outer',
  'on',
  'using',
  'group',
  'order',
  'having',
  'limit',
  'union',
  'intersect',
  'except',
  'window',
]);

export interface TableReference {
  /** The store as written: an ID or an ARN, without quotes. */
  store: string;
  alias?: string;
}

// In table position a run of [A-Za-z0-9:/._-] is one token, quoted or not
// (mocks/emulator/SEMANTICS.md §10.1).
const TABLE_REFERENCE =
  /\b(?:from|join)\s+(?:"([A-Za-z0-9:/._-]+)"|([A-Za-z0-9:/._-]+))(?:\s+(?:as\s+)?([A-Za-z_][A-Za-z0-9_]*))?/gi;

/** The tables a query reads, with their aliases. */
export function tableReferences(sql: string): TableReference[] {
  const references: TableReference[] = [];
  for (const match of maskSql(sql).matchAll(TABLE_REFERENCE)) {
    const store = match[1] ?? match[2] ?? '';
    const alias = match[3];
    references.push(alias && !NOT_ALIASES.has(alias.toLowerCase()) ? { store, alias } : { store });
  }
  return references;
}

const COMPARISON = '(?:<=|>=|<>|!=|<|>|=)';
const EVENT_TIME = '(?:\\b[A-Za-z_][A-Za-z0-9_]*\\.)?\\beventtime\\b';
const BOUND = new RegExp(
  `${EVENT_TIME}\\s*(?:${COMPARISON}|\\bbetween\\b)|${COMPARISON}\\s*${EVENT_TIME}(?!\\s*\\()`,
  'i',
);

/**
 * Whether a WHERE clause compares eventTime, which lets CloudTrail scan only part of a store
 * (mocks/emulator/SEMANTICS.md §10.2). A bound under OR, or on another table of a join, is
 * counted too: the warning is a hint, CloudTrail's statistics say what was scanned.
 */
export function hasEventTimeBound(sql: string): boolean {
  const masked = maskSql(sql);
  for (const match of masked.matchAll(/\bwhere\b/gi)) {
    const clause = masked.slice(match.index + match[0].length);
    const end = /\b(?:group|order|having|limit|union|intersect|except)\b/i.exec(clause);
    if (BOUND.test(end ? clause.slice(0, end.index) : clause)) return true;
  }
  return false;
}

/** Whether the select list has `*` or `t.*`, which reads every column. */
export function selectsEverything(sql: string): boolean {
  return /(?:\bselect(?:\s+(?:all|distinct))?|,)\s*(?:[A-Za-z_][A-Za-z0-9_]*\.)?\*/i.test(maskSql(sql));
}

/** Where a Trino-style message (`line 2:15: …`) puts an error, if it says. */
export function errorPosition(message: string): { line: number; column: number } | undefined {
  const match = /\bline (\d+):(\d+)/i.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}
