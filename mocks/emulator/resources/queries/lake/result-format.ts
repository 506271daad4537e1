// Query results as text (SEMANTICS.md §10.3), written in SQL so that every engine returns the same
// strings and no engine value type (BigInt, epoch numbers, Arrow vectors) reaches JavaScript:
// booleans true/false, numbers decimal (doubles as Trino writes them), timestamps
// `YYYY-MM-DD HH:MM:SS.mmm`, maps `{k=v, k2=v2}`, arrays `[a, b]`, structs `{f=v}`, and a NULL
// inside a nested value `null`. The column types come from DESCRIBE, as DuckDB writes them.
import { DOUBLE_TEXT_UDF } from './trino-functions';

/** A DuckDB type, parsed from DuckDB's text of it. */
export type DuckDbType =
  | { readonly kind: 'scalar'; readonly name: string }
  | { readonly kind: 'list'; readonly element: DuckDbType }
  | { readonly kind: 'map'; readonly key: DuckDbType; readonly value: DuckDbType }
  | {
      readonly kind: 'struct';
      readonly fields: readonly { readonly name: string | undefined; readonly type: DuckDbType }[];
    };

/** Parses a type as DESCRIBE writes it, e.g. `STRUCT("type" VARCHAR, arn VARCHAR)[]`. */
export function parseDuckDbType(text: string): DuckDbType {
  let position = 0;
  const skipSpace = () => {
    while (text[position] === ' ') position++;
  };
  const fail = (): never => {
    throw new Error(`Unexpected DuckDB type: ${text}`);
  };
  /** An identifier: bare, or double-quoted with `""` escapes. */
  const identifier = (): string => {
    skipSpace();
    if (text[position] === '"') {
      let name = '';
      position++;
      for (;;) {
        const char = text[position];
        if (char === undefined) return fail();
        if (char === '"') {
          if (text[position + 1] !== '"') break;
          position++;
        }
        name += char;
        position++;
      }
      position++;
      return name;
    }
    const match = /^[A-Za-z_][\w$]*/.exec(text.slice(position));
    if (!match) return fail();
    position += match[0].length;
    return match[0];
  };
  /** Text up to the matching close parenthesis (for DECIMAL(p,s), ENUM(...), UNION(...)). */
  const parenthesized = (): string => {
    const start = position;
    let depth = 0;
    let quote: string | undefined;
    for (; position < text.length; position++) {
      const char = text[position];
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') quote = char;
      else if (char === '(') depth++;
      else if (char === ')' && --depth === 0) {
        position++;
        return text.slice(start, position);
      }
    }
    return fail();
  };
  const type = (): DuckDbType => {
    skipSpace();
    const name = identifier().toUpperCase();
    let parsed: DuckDbType;
    if (name === 'STRUCT' && text[position] === '(') {
      position++;
      const fields: { name: string | undefined; type: DuckDbType }[] = [];
      for (;;) {
        skipSpace();
        // A field is `name TYPE`; an unnamed one (from list_zip or row()) is just `TYPE`.
        const start = position;
        const first = identifier();
        skipSpace();
        const named =
          text[position] !== ',' && text[position] !== ')' && text[position] !== '[' && text[position] !== '(';
        if (named && !/^(?:WITH|PRECISION)$/i.test(text.slice(position).split(/[\s,()]/)[0] ?? '')) {
          fields.push({ name: first, type: type() });
        } else {
          position = start;
          fields.push({ name: undefined, type: type() });
        }
        skipSpace();
        if (text[position] === ',') position++;
        else if (text[position] === ')') {
          position++;
          break;
        } else fail();
      }
      parsed = { kind: 'struct', fields };
    } else if (name === 'MAP' && text[position] === '(') {
      position++;
      const key = type();
      skipSpace();
      if (text[position] !== ',') fail();
      position++;
      const value = type();
      skipSpace();
      if (text[position] !== ')') fail();
      position++;
      parsed = { kind: 'map', key, value };
    } else {
      let full = name;
      if (text[position] === '(') full += parenthesized();
      // Multi-word names: TIMESTAMP WITH TIME ZONE, TIME WITH TIME ZONE, DOUBLE PRECISION.
      const rest = /^(?: WITH TIME ZONE| PRECISION)/i.exec(text.slice(position));
      if (rest) {
        full += rest[0].toUpperCase();
        position += rest[0].length;
      }
      parsed = { kind: 'scalar', name: full };
    }
    // Lists `[]` and fixed-size arrays `[n]`, any number of times.
    for (;;) {
      const suffix = /^\[\d*\]/.exec(text.slice(position));
      if (!suffix) break;
      position += suffix[0].length;
      parsed = { kind: 'list', element: parsed };
    }
    return parsed;
  };
  const parsed = type();
  skipSpace();
  if (position !== text.length) fail();
  return parsed;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const TIMESTAMPS =
  /^(?:TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|DATETIME|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ)$/;
const DOUBLES = /^(?:DOUBLE|FLOAT|REAL|FLOAT4|FLOAT8|DOUBLE PRECISION)$/;

/**
 * SQL for the text of `value` (an expression of `type`), NULL when it is NULL. `depth` names the
 * lambda variables of nested lists and maps apart.
 */
function textSql(value: string, type: DuckDbType, depth: number): string {
  switch (type.kind) {
    case 'scalar':
      if (type.name === '"NULL"' || type.name === 'NULL') return 'CAST(NULL AS VARCHAR)';
      if (TIMESTAMPS.test(type.name)) return `strftime(CAST(${value} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%g')`;
      if (DOUBLES.test(type.name)) return `${DOUBLE_TEXT_UDF}(CAST(${value} AS VARCHAR))`;
      return `CAST(${value} AS VARCHAR)`;
    case 'list': {
      const item = `lake_x${String(depth)}__`;
      const items = `list_transform(${value}, lambda ${item}: ${nestedSql(item, type.element, depth + 1)})`;
      return `CASE WHEN ${value} IS NULL THEN NULL ELSE '[' || COALESCE(array_to_string(${items}, ', '), '') || ']' END`;
    }
    case 'map': {
      const entry = `lake_x${String(depth)}__`;
      const key = nestedSql(`struct_extract(${entry}, 'key')`, type.key, depth + 1);
      const val = nestedSql(`struct_extract(${entry}, 'value')`, type.value, depth + 1);
      const entries = `list_transform(map_entries(${value}), lambda ${entry}: ${key} || '=' || ${val})`;
      return `CASE WHEN ${value} IS NULL THEN NULL ELSE '{' || COALESCE(array_to_string(${entries}, ', '), '') || '}' END`;
    }
    case 'struct': {
      const parts = type.fields.map((field, index) => {
        const member = `struct_extract(${value}, ${field.name === undefined ? String(index + 1) : sqlString(field.name)})`;
        const label = field.name ?? `field${String(index)}`;
        return `${sqlString(`${label}=`)} || ${nestedSql(member, field.type, depth)}`;
      });
      return `CASE WHEN ${value} IS NULL THEN NULL ELSE '{' || ${parts.join(" || ', ' || ")} || '}' END`;
    }
  }
}

/** Inside a nested value a NULL is written `null`. */
function nestedSql(value: string, type: DuckDbType, depth: number): string {
  return `COALESCE(${textSql(value, type, depth)}, 'null')`;
}

/** SQL for the text of a column of `type` (DuckDB's text of it); NULL stays NULL. */
export function formatColumnSql(value: string, type: string): string {
  return textSql(value, parseDuckDbType(type), 1);
}
