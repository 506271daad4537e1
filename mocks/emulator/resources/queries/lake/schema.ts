// The Lake tables (SEMANTICS.md §11) and how a serialized record becomes a row of one.
//
// Loading goes through a flat staging table: every leaf of a record is one plain column
// (strings, numbers, booleans and lists of strings, which Arrow carries cheaply), and one INSERT
// … SELECT rebuilds the structs, maps and lists of the real table in SQL. On duckdb-wasm this was
// the fastest bulk path measured, several times faster than building nested Arrow vectors.
import { sha256Base64 } from '../../../hash';
import type { LakeColumn } from '../../../lake-engine/engine';

/** The kinds of event data store, as the Lake layer names them. */
export type StoreKind = 'cloudtrail' | 'activity' | 'config' | 'insights';

/** A column or struct field of a Lake table. */
export type LakeField =
  | { readonly name: string; readonly type: 'varchar' | 'boolean' | 'timestamp' | 'map' }
  | { readonly name: string; readonly type: 'struct'; readonly fields: readonly LakeField[] }
  /** An array of structs of strings (resources). */
  | { readonly name: string; readonly type: 'struct[]'; readonly fields: readonly string[] }
  /** The serialized record itself, and base64(SHA-256) of it (§11 Decision). */
  | { readonly name: string; readonly type: 'json' | 'checksum' };

const varchar = (...names: string[]): LakeField[] => names.map((name) => ({ name, type: 'varchar' }));
const of = (name: string, type: 'boolean' | 'timestamp' | 'map'): LakeField => ({ name, type });
const struct = (name: string, fields: readonly LakeField[]): LakeField => ({ name, type: 'struct', fields });

const USER_IDENTITY = struct('useridentity', [
  ...varchar('type', 'principalid', 'arn', 'accountid', 'accesskeyid', 'username'),
  struct('sessioncontext', [
    struct('attributes', [of('creationdate', 'timestamp'), ...varchar('mfaauthenticated')]),
    struct('sessionissuer', varchar('type', 'principalid', 'arn', 'accountid', 'username')),
    struct('webidfederationdata', [...varchar('federatedprovider'), of('attributes', 'map')]),
    ...varchar('sourceidentity', 'ec2roledelivery', 'ec2issuedinvpc'),
  ]),
  struct('onbehalfof', varchar('userid', 'identitystorearn')),
  struct('inscopeof', varchar('sourcearn', 'sourceaccount', 'issuertype', 'credentialsissuedto')),
  ...varchar('invokedby', 'identityprovider'),
]);

const CLOUDTRAIL: readonly LakeField[] = [
  ...varchar('eventversion'),
  USER_IDENTITY,
  of('eventtime', 'timestamp'),
  ...varchar('eventsource', 'eventname', 'awsregion', 'sourceipaddress', 'useragent', 'errorcode', 'errormessage'),
  of('requestparameters', 'map'),
  of('responseelements', 'map'),
  of('additionaleventdata', 'map'),
  ...varchar('requestid', 'eventid'),
  of('readonly', 'boolean'),
  { name: 'resources', type: 'struct[]', fields: ['accountid', 'type', 'arn', 'arnprefix'] },
  ...varchar('eventtype', 'apiversion'),
  of('managementevent', 'boolean'),
  ...varchar('recipientaccountid', 'sharedeventid', 'annotation', 'vpcendpointid', 'vpcendpointaccountid'),
  of('serviceeventdetails', 'map'),
  of('addendum', 'map'),
  of('edgedevicedetails', 'map'),
  of('insightdetails', 'map'),
  ...varchar('eventcategory'),
  struct('tlsdetails', varchar('tlsversion', 'ciphersuite', 'clientprovidedhostheader')),
  ...varchar('sessioncredentialfromconsole'),
  { name: 'eventjson', type: 'json' },
  { name: 'eventjsonchecksum', type: 'checksum' },
];

const ENVELOPE: readonly LakeField[] = [
  ...varchar('eventversion', 'eventcategory', 'eventtype', 'eventid', 'awsregion', 'recipientaccountid'),
  of('eventtime', 'timestamp'),
];

const ACTIVITY: readonly LakeField[] = [
  ...ENVELOPE,
  struct('addendum', varchar('reason', 'updatedfields', 'originaluid', 'originaleventid')),
  struct('metadata', varchar('ingestiontime', 'channelarn')),
  struct('eventdata', [
    ...varchar('version'),
    struct('useridentity', [...varchar('type', 'principalid'), of('details', 'map')]),
    ...varchar('useragent', 'eventsource', 'eventname', 'eventtime', 'uid'),
    of('requestparameters', 'map'),
    of('responseelements', 'map'),
    ...varchar('errorcode', 'errormessage', 'sourceipaddress', 'recipientaccountid'),
    of('additionaleventdata', 'map'),
  ]),
];

/**
 * Configuration-item stores: the envelope, the configuration item as `eventData` (the members the
 * documented samples read; configuration and its kin as maps of JSON text) and the record's JSON.
 */
const CONFIGURATION_ITEMS: readonly LakeField[] = [
  ...ENVELOPE,
  struct('eventdata', [
    ...varchar(
      'configurationitemversion',
      'configurationitemcapturetime',
      'configurationitemstatus',
      'configurationstateid',
      'accountid',
      'resourcetype',
      'resourceid',
      'resourcename',
      'arn',
      'awsregion',
      'availabilityzone',
      'resourcecreationtime',
    ),
    of('configuration', 'map'),
    of('supplementaryconfiguration', 'map'),
    of('tags', 'map'),
    ...varchar('relationships'),
  ]),
  { name: 'eventjson', type: 'json' },
];

/** Insights stores add the insight's own two columns to the envelope (§18.12). */
const INSIGHTS: readonly LakeField[] = [...ENVELOPE, ...varchar('sharedeventid'), of('insightdetails', 'map')];

/**
 * The columns of a store kind's table, in order (§11). The one
 * truth for both the tables and the translator's column types (lake-sql/lake-types.ts).
 */
export const LAKE_SCHEMAS: Readonly<Record<StoreKind, readonly LakeField[]>> = {
  cloudtrail: CLOUDTRAIL,
  activity: ACTIVITY,
  config: CONFIGURATION_ITEMS,
  insights: INSIGHTS,
};

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function sqlType(field: LakeField): string {
  switch (field.type) {
    case 'varchar':
    case 'json':
    case 'checksum':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'map':
      return 'MAP(VARCHAR, VARCHAR)';
    case 'struct':
      return `STRUCT(${field.fields.map((inner) => `${quoteIdentifier(inner.name)} ${sqlType(inner)}`).join(', ')})`;
    case 'struct[]':
      return `STRUCT(${field.fields.map((name) => `${quoteIdentifier(name)} VARCHAR`).join(', ')})[]`;
  }
}

/** CREATE TABLE for a store of this kind. */
export function createTableSql(table: string, kind: StoreKind): string {
  const columns = LAKE_SCHEMAS[kind].map((field) => `${quoteIdentifier(field.name)} ${sqlType(field)}`);
  return `CREATE TABLE ${quoteIdentifier(table)} (${columns.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// Flattening

/** One staging value: a string, number (epoch ms), boolean, list of strings, or NULL. */
export type FlatValue = string | number | boolean | readonly (string | null)[] | null;

type StagingType = LakeColumn['type'];

/** The staging columns of a kind, and the SELECT list that rebuilds the table's columns. */
interface Layout {
  readonly staging: readonly StagingType[];
  readonly select: string;
}

const layouts = new Map<StoreKind, Layout>();

function stagingName(index: number): string {
  return `s${String(index)}`;
}

function layoutOf(kind: StoreKind): Layout {
  let layout = layouts.get(kind);
  if (layout) return layout;
  const staging: StagingType[] = [];
  const slot = (type: StagingType): string => stagingName(staging.push(type) - 1);
  const expression = (field: LakeField): string => {
    switch (field.type) {
      case 'varchar':
      case 'json':
      case 'checksum':
        return slot('varchar');
      case 'boolean':
        return slot('boolean');
      case 'timestamp':
        return `make_timestamp(CAST(${slot('double')} * 1000 AS BIGINT))`;
      case 'map': {
        const keys = slot('varchar[]');
        return `CASE WHEN ${keys} IS NULL THEN NULL ELSE map(${keys}, ${slot('varchar[]')}) END`;
      }
      case 'struct': {
        const present = slot('boolean');
        const members = field.fields.map((inner) => `${sqlString(inner.name)}: ${expression(inner)}`);
        return `CASE WHEN ${present} THEN {${members.join(', ')}} END`;
      }
      case 'struct[]': {
        const lists = field.fields.map(() => slot('varchar[]'));
        return `CASE WHEN ${lists[0] ?? 'NULL'} IS NULL THEN NULL ELSE CAST(list_zip(${lists.join(', ')}) AS ${sqlType(field)}) END`;
      }
    }
  };
  const select = LAKE_SCHEMAS[kind].map((field) => `${expression(field)} AS ${quoteIdentifier(field.name)}`).join(', ');
  layout = { staging, select };
  layouts.set(kind, layout);
  return layout;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A JSON value as text in a string column or map (§11): strings as is, the rest as JSON. */
function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

type JsonRecord = Record<string, unknown>;

function isObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const lowerCase = new Map<string, string>();

/** A key's lower-case form, cached: records repeat the same few hundred keys. */
function lower(key: string): string {
  let name = lowerCase.get(key);
  if (name === undefined) {
    name = key.toLowerCase();
    if (lowerCase.size < 10_000) lowerCase.set(key, name);
  }
  return name;
}

const fieldIndexes = new WeakMap<readonly unknown[], Map<string, number>>();

/**
 * The members of `object` that `names` name, in `names` order, matched case-insensitively (Lake
 * column names are lower-case, record keys camelCase); the first of two spellings wins.
 */
function membersOf(object: JsonRecord, names: readonly string[]): unknown[] {
  let index = fieldIndexes.get(names);
  if (!index) {
    index = new Map(names.map((name, position) => [name, position]));
    fieldIndexes.set(names, index);
  }
  const values = new Array<unknown>(names.length);
  for (const key in object) {
    const position = index.get(lower(key));
    if (position !== undefined && values[position] === undefined) values[position] = object[key];
  }
  return values;
}

const fieldNames = new WeakMap<readonly LakeField[], readonly string[]>();

function namesOf(fields: readonly LakeField[]): readonly string[] {
  let names = fieldNames.get(fields);
  if (!names) {
    names = fields.map((field) => field.name);
    fieldNames.set(fields, names);
  }
  return names;
}

// A record's eventTime (and sessionContext creationDate): ISO 8601 with a zone, to the ms.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

function epochMillis(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** base64(SHA-256(text)) for eventjsonchecksum. */
export type Checksum = (text: string) => string;

function flattenField(field: LakeField, value: unknown, json: string, out: FlatValue[], checksum: Checksum): void {
  switch (field.type) {
    case 'varchar':
      out.push(textOf(value));
      return;
    case 'json':
      out.push(json);
      return;
    case 'checksum':
      out.push(checksum(json));
      return;
    case 'boolean':
      out.push(typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null);
      return;
    case 'timestamp':
      out.push(epochMillis(value));
      return;
    case 'map':
      if (isObject(value)) {
        const entries = Object.entries(value);
        out.push(
          entries.map(([key]) => key),
          entries.map(([, inner]) => textOf(inner)),
        );
      } else out.push(null, null);
      return;
    case 'struct':
      flattenFields(field.fields, value, json, out, checksum);
      return;
    case 'struct[]': {
      if (!Array.isArray(value)) {
        field.fields.forEach(() => out.push(null));
        return;
      }
      const elements = value.map((element) => (isObject(element) ? membersOf(element, field.fields) : []));
      field.fields.forEach((_, position) => out.push(elements.map((element) => textOf(element[position]))));
      return;
    }
  }
}

/** A struct: its presence flag, then its fields (all NULL when `value` is not an object). */
function flattenFields(
  fields: readonly LakeField[],
  value: unknown,
  json: string,
  out: FlatValue[],
  checksum: Checksum,
  flag = true,
): void {
  const values = isObject(value) ? membersOf(value, namesOf(fields)) : undefined;
  if (flag) out.push(values !== undefined);
  fields.forEach((field, position) => {
    flattenField(field, values?.[position], json, out, checksum);
  });
}

/**
 * One serialized record as a staging row of its kind's table: struct presence flags, leaves,
 * maps as key and value lists, timestamps in epoch ms. Absent fields and JSON nulls are NULL.
 */
export function flattenRecord(kind: StoreKind, json: string, checksum: Checksum = sha256Base64): FlatValue[] {
  const out: FlatValue[] = [];
  flattenFields(LAKE_SCHEMAS[kind], JSON.parse(json), json, out, checksum, false);
  return out;
}

/** Serialized records of one kind as staging columns (for `LakeEngine.createTableFromColumns`). */
export function stagingColumns(
  kind: StoreKind,
  jsons: readonly string[],
  checksum: Checksum = sha256Base64,
): LakeColumn[] {
  const { staging } = layoutOf(kind);
  const columns = staging.map(() => new Array<FlatValue>(jsons.length));
  jsons.forEach((json, row) => {
    flattenRecord(kind, json, checksum).forEach((value, index) => {
      const column = columns[index];
      if (column) column[row] = value;
    });
  });
  return staging.map((type, index) => {
    const name = stagingName(index);
    // The layout fixes each slot's type, and flattenField fills it with values of that type.
    const values = columns[index] ?? [];
    return { name, type, values } as LakeColumn;
  });
}

/** INSERT … SELECT from a staging table of this kind into a Lake table. */
export function insertFromStagingSql(table: string, kind: StoreKind, staging: string): string {
  return `INSERT INTO ${quoteIdentifier(table)} SELECT ${layoutOf(kind).select} FROM ${quoteIdentifier(staging)}`;
}

const STAGING_SQL_TYPES: Readonly<Record<StagingType, string>> = {
  varchar: 'VARCHAR',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  'varchar[]': 'VARCHAR[]',
};

/**
 * A lone surrogate: Arrow strings carry it as U+FFFD (TextEncoder), while duckdb-wasm writes SQL
 * text as UTF-8 its own way. (A NUL cannot be in SQL text at all.)
 */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** A staging value as a typed SQL literal; undefined when a string cannot be one exactly. */
function literalOf(value: FlatValue, type: StagingType): string | undefined {
  if (value === null) return `NULL::${STAGING_SQL_TYPES[type]}`;
  if (typeof value === 'string')
    return value.includes('\0') || LONE_SURROGATE.test(value) ? undefined : sqlString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    // Integers (epoch ms) exactly as BIGINT then DOUBLE; anything else as DOUBLE's own parse.
    return Number.isSafeInteger(value) && !Object.is(value, -0)
      ? `${String(value)}::DOUBLE`
      : `'${Object.is(value, -0) ? '-0' : String(value)}'::DOUBLE`;
  const items: string[] = [];
  for (const item of value) {
    const text = item === null ? 'NULL' : literalOf(item, 'varchar');
    if (text === undefined) return undefined;
    items.push(text);
  }
  return `[${items.join(', ')}]::VARCHAR[]`;
}

/** The staging columns of a few records as typed SQL lists; undefined when a value cannot be an exact literal. */
function literalColumns(kind: StoreKind, jsons: readonly string[], checksum: Checksum): string[] | undefined {
  const lists: string[] = [];
  for (const column of stagingColumns(kind, jsons, checksum)) {
    const values: string[] = [];
    for (const value of column.values) {
      const text = literalOf(value, column.type);
      if (text === undefined) return undefined;
      values.push(text);
    }
    lists.push(`[${values.join(', ')}]::${STAGING_SQL_TYPES[column.type]}[]`);
  }
  return lists;
}

/**
 * INSERT … SELECT of a few records for `table`, prepared as `statement`: each staging column's
 * values come as one typed list parameter ($1, $2, …), unnested side by side, so the rows are
 * those of the staging path without a staging table. DuckDB plans the long SELECT of a kind's
 * layout once; each append (executeAppendSql) then costs 9 ms for three records instead of 15
 * planned anew (duckdb-wasm in Node). Worth it for a handful of records only (each value adds to
 * the statement), such as the calls a query just made.
 */
export function prepareAppendSql(statement: string, table: string, kind: StoreKind): string {
  const { select, staging } = layoutOf(kind);
  const columns = staging.map(
    (type, index) => `unnest($${String(index + 1)}::${STAGING_SQL_TYPES[type]}[]) AS ${stagingName(index)}`,
  );
  return `PREPARE ${statement} AS INSERT INTO ${quoteIdentifier(table)} SELECT ${select} FROM (SELECT ${columns.join(', ')}) AS "lake_rows__"`;
}

/**
 * Runs a prepareAppendSql statement on a few records. Undefined when a value cannot be an exact
 * SQL literal (a NUL, a lone surrogate); the staging path takes those.
 */
export function executeAppendSql(
  statement: string,
  kind: StoreKind,
  jsons: readonly string[],
  checksum: Checksum = sha256Base64,
): string | undefined {
  const lists = literalColumns(kind, jsons, checksum);
  return lists === undefined ? undefined : `EXECUTE ${statement}(${lists.join(', ')})`;
}
