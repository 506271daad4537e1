// The Trino types of the Lake schemas (SEMANTICS.md §11), as far as the translator needs them:
// resolving column references, naming types in Trino's error messages and refusing the mixed-type
// comparisons Trino refuses (§10.5: `readOnly = 'false'` fails).

import { LAKE_SCHEMAS as TABLE_SCHEMAS, type LakeField, type StoreKind } from '../lake/schema';

export type { StoreKind } from '../lake/schema';

export type LakeType =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'varchar'; readonly length?: number }
  | { readonly kind: 'boolean' | 'integer' | 'bigint' | 'double' | 'timestamp' | 'date' | 'time' | 'json' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'interval'; readonly yearMonth: boolean }
  | { readonly kind: 'map'; readonly key: LakeType; readonly value: LakeType }
  | { readonly kind: 'array'; readonly element: LakeType }
  | { readonly kind: 'row'; readonly fields: ReadonlyMap<string, LakeType> };

export const UNKNOWN: LakeType = { kind: 'unknown' };
export const VARCHAR: LakeType = { kind: 'varchar' };
export const BOOLEAN: LakeType = { kind: 'boolean' };
export const INTEGER: LakeType = { kind: 'integer' };
export const BIGINT: LakeType = { kind: 'bigint' };
export const DOUBLE: LakeType = { kind: 'double' };
export const TIMESTAMP: LakeType = { kind: 'timestamp' };
export const DATE: LakeType = { kind: 'date' };
export const JSON_TYPE: LakeType = { kind: 'json' };
const STRING_MAP: LakeType = { kind: 'map', key: VARCHAR, value: VARCHAR };

/** A row type from `[name, type]` pairs; names are lower case, as the schemas write them. */
export function row(...fields: [string, LakeType][]): LakeType {
  return { kind: 'row', fields: new Map(fields) };
}

/** The translator's type of a Lake table column: maps of strings, structs as rows. */
function typeOf(field: LakeField): LakeType {
  switch (field.type) {
    case 'varchar':
    case 'json':
    case 'checksum':
      return VARCHAR;
    case 'boolean':
      return BOOLEAN;
    case 'timestamp':
      return TIMESTAMP;
    case 'map':
      return STRING_MAP;
    case 'struct':
      return row(...field.fields.map((inner): [string, LakeType] => [inner.name, typeOf(inner)]));
    case 'struct[]':
      return { kind: 'array', element: row(...field.fields.map((name): [string, LakeType] => [name, VARCHAR])) };
  }
}

/** The columns of each kind of store, lower case (§11), typed from the tables' own schema. */
export const LAKE_SCHEMAS: Readonly<Record<StoreKind, ReadonlyMap<string, LakeType>>> = {
  cloudtrail: columnTypes('cloudtrail'),
  activity: columnTypes('activity'),
  insights: columnTypes('insights'),
  config: columnTypes('config'),
};

function columnTypes(kind: StoreKind): ReadonlyMap<string, LakeType> {
  return new Map(TABLE_SCHEMAS[kind].map((field): [string, LakeType] => [field.name, typeOf(field)]));
}

/** Kinds whose tables may hold columns beyond LAKE_SCHEMAS: an unknown column is not an error. */
export const OPEN_SCHEMAS: ReadonlySet<StoreKind> = new Set(['config']);

/** Trino's name of a type, as its error messages write it (`varchar(5)`, `timestamp(3)`). */
export function typeName(type: LakeType): string {
  switch (type.kind) {
    case 'unknown':
      return 'unknown';
    case 'varchar':
      return type.length === undefined ? 'varchar' : `varchar(${String(type.length)})`;
    case 'decimal':
      return `decimal(${String(type.precision)},${String(type.scale)})`;
    case 'timestamp':
      return 'timestamp(3)';
    case 'interval':
      return type.yearMonth ? 'interval year to month' : 'interval day to second';
    case 'map':
      return `map(${typeName(type.key)}, ${typeName(type.value)})`;
    case 'array':
      return `array(${typeName(type.element)})`;
    case 'row':
      return `row(${[...type.fields].map(([name, field]) => `${name} ${typeName(field)}`).join(', ')})`;
    default:
      return type.kind;
  }
}

const NUMERIC = new Set(['integer', 'bigint', 'double', 'decimal']);

/** Whether values of the type are numbers. */
export function isNumeric(type: LakeType): boolean {
  return NUMERIC.has(type.kind);
}

/**
 * Whether Trino can compare two types (after its implicit coercions): numbers with numbers,
 * dates with timestamps, equal kinds otherwise. An unknown side is given the benefit of the doubt.
 */
export function comparable(left: LakeType, right: LakeType): boolean {
  if (left.kind === 'unknown' || right.kind === 'unknown') return true;
  if (isNumeric(left) && isNumeric(right)) return true;
  const temporal = new Set(['date', 'timestamp']);
  if (temporal.has(left.kind) && temporal.has(right.kind)) return true;
  // JSON compares only with JSON: Trino has no implicit cast from strings or numbers to it.
  if (left.kind !== right.kind) return false;
  if (left.kind === 'array' && right.kind === 'array') return comparable(left.element, right.element);
  if (left.kind === 'map' && right.kind === 'map')
    return comparable(left.key, right.key) && comparable(left.value, right.value);
  return true;
}
