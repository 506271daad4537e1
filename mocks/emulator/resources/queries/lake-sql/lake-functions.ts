// The functions a Lake query may call (SEMANTICS.md §10.5) and what each becomes in DuckDB. Only
// these reach the engine: an unknown function ends the query FAILED ("Function 'x' not
// registered", as Trino says), and DuckDB functions that read files, load extensions or look
// outside the engine are refused outright (FORBIDDEN_FUNCTION).
import { BIGINT, BOOLEAN, DATE, DOUBLE, JSON_TYPE, TIMESTAMP, UNKNOWN, VARCHAR, type LakeType } from './lake-types';

/** How a call is translated. */
export type LakeFunction =
  | {
      /** Called as `name(args)` in DuckDB. */
      readonly kind: 'call';
      readonly duckdb: string;
      readonly aggregate?: boolean;
      /** Only valid with OVER. */
      readonly window?: boolean;
      readonly arity: readonly [number, number];
      readonly result: (args: readonly LakeType[]) => LakeType;
    }
  | {
      /** Written by the translator itself (NULL semantics, clock, argument order). */
      readonly kind: 'special';
      readonly arity: readonly [number, number];
      readonly result: (args: readonly LakeType[]) => LakeType;
    };

const ANY = Number.POSITIVE_INFINITY;

function argument(index: number): (args: readonly LakeType[]) => LakeType {
  return (args) => args[index] ?? UNKNOWN;
}

function fixed(type: LakeType): () => LakeType {
  return () => type;
}

/** The first argument whose type is known: coalesce, if, greatest. */
function firstKnown(from: number): (args: readonly LakeType[]) => LakeType {
  return (args) => args.slice(from).find((type) => type.kind !== 'unknown') ?? UNKNOWN;
}

function elementOf(type: LakeType | undefined): LakeType {
  if (type?.kind === 'map') return type.value;
  if (type?.kind === 'array') return type.element;
  return UNKNOWN;
}

function call(
  duckdb: string,
  arity: readonly [number, number],
  result: (args: readonly LakeType[]) => LakeType,
  extra: { aggregate?: boolean; window?: boolean } = {},
): LakeFunction {
  return { kind: 'call', duckdb, arity, result, ...extra };
}

function special(arity: readonly [number, number], result: (args: readonly LakeType[]) => LakeType): LakeFunction {
  return { kind: 'special', arity, result };
}

/** Provided by the engine layer as `trino_<name>` (Trino semantics written as macros and UDFs). */
const TRINO_PREFIXED: Record<string, [readonly [number, number], (args: readonly LakeType[]) => LakeType]> = {
  element_at: [[2, 2], (args) => elementOf(args[0])],
  cardinality: [[1, 1], fixed(BIGINT)],
  date_add: [[3, 3], argument(2)],
  date_diff: [[3, 3], fixed(BIGINT)],
  date_format: [[2, 2], fixed(VARCHAR)],
  day_of_week: [[1, 1], fixed(BIGINT)],
  dow: [[1, 1], fixed(BIGINT)],
  day_of_month: [[1, 1], fixed(BIGINT)],
  day_of_year: [[1, 1], fixed(BIGINT)],
  doy: [[1, 1], fixed(BIGINT)],
  week_of_year: [[1, 1], fixed(BIGINT)],
  week: [[1, 1], fixed(BIGINT)],
  year_of_week: [[1, 1], fixed(BIGINT)],
  yow: [[1, 1], fixed(BIGINT)],
  millisecond: [[1, 1], fixed(BIGINT)],
  approx_distinct: [[1, 2], fixed(BIGINT)],
  regexp_like: [[2, 2], fixed(BOOLEAN)],
  from_iso8601_timestamp: [[1, 1], fixed(TIMESTAMP)],
  array_distinct: [[1, 1], argument(0)],
  array_max: [[1, 1], (args) => elementOf(args[0])],
  array_min: [[1, 1], (args) => elementOf(args[0])],
  slice: [[3, 3], argument(0)],
  json_extract_scalar: [[2, 2], fixed(VARCHAR)],
  json_extract: [[2, 2], fixed(JSON_TYPE)],
  json_parse: [[1, 1], fixed(JSON_TYPE)],
  json_format: [[1, 1], fixed(VARCHAR)],
  json_array_length: [[1, 1], fixed(BIGINT)],
  json_array_get: [[2, 2], fixed(JSON_TYPE)],
  json_array_contains: [[2, 2], fixed(BOOLEAN)],
  is_json_scalar: [[1, 1], fixed(BOOLEAN)],
};

/** Aggregates that are functions of the set of values only, hence deterministic in DuckDB too. */
const AGGREGATES: Record<string, LakeFunction> = {
  count: call('count', [0, 1], fixed(BIGINT), { aggregate: true }),
  sum: call('sum', [1, 1], argument(0), { aggregate: true }),
  min: call('min', [1, 1], argument(0), { aggregate: true }),
  max: call('max', [1, 1], argument(0), { aggregate: true }),
  avg: call('avg', [1, 1], fixed(DOUBLE), { aggregate: true }),
  count_if: call('count_if', [1, 1], fixed(BIGINT), { aggregate: true }),
  bool_and: call('bool_and', [1, 1], fixed(BOOLEAN), { aggregate: true }),
  bool_or: call('bool_or', [1, 1], fixed(BOOLEAN), { aggregate: true }),
  every: call('bool_and', [1, 1], fixed(BOOLEAN), { aggregate: true }),
  // Trino's choice is arbitrary; the smallest value is one that every engine and thread count agree on.
  arbitrary: call('min', [1, 1], argument(0), { aggregate: true }),
  any_value: call('min', [1, 1], argument(0), { aggregate: true }),
  max_by: call('max_by', [2, 2], argument(0), { aggregate: true }),
  min_by: call('min_by', [2, 2], argument(0), { aggregate: true }),
  array_agg: call('array_agg', [1, 1], (args) => ({ kind: 'array', element: args[0] ?? UNKNOWN }), { aggregate: true }),
  stddev: call('stddev_samp', [1, 1], fixed(DOUBLE), { aggregate: true }),
  stddev_samp: call('stddev_samp', [1, 1], fixed(DOUBLE), { aggregate: true }),
  stddev_pop: call('stddev_pop', [1, 1], fixed(DOUBLE), { aggregate: true }),
  variance: call('var_samp', [1, 1], fixed(DOUBLE), { aggregate: true }),
  var_samp: call('var_samp', [1, 1], fixed(DOUBLE), { aggregate: true }),
  var_pop: call('var_pop', [1, 1], fixed(DOUBLE), { aggregate: true }),
  // An exact percentile that is one of the values, as approx_percentile's answer is.
  approx_percentile: call('quantile_disc', [2, 2], argument(0), { aggregate: true }),
};

const WINDOW: Record<string, LakeFunction> = {
  row_number: call('row_number', [0, 0], fixed(BIGINT), { window: true }),
  rank: call('rank', [0, 0], fixed(BIGINT), { window: true }),
  dense_rank: call('dense_rank', [0, 0], fixed(BIGINT), { window: true }),
  percent_rank: call('percent_rank', [0, 0], fixed(DOUBLE), { window: true }),
  cume_dist: call('cume_dist', [0, 0], fixed(DOUBLE), { window: true }),
  ntile: call('ntile', [1, 1], fixed(BIGINT), { window: true }),
  lag: call('lag', [1, 3], argument(0), { window: true }),
  lead: call('lead', [1, 3], argument(0), { window: true }),
  first_value: call('first_value', [1, 1], argument(0), { window: true }),
  last_value: call('last_value', [1, 1], argument(0), { window: true }),
  nth_value: call('nth_value', [2, 2], argument(0), { window: true }),
};

const SCALARS: Record<string, LakeFunction> = {
  // Written by the translator (Trino's NULL semantics, argument order, the emulator clock).
  concat: special([1, ANY], ([first]) => (first?.kind === 'array' ? first : VARCHAR)),
  greatest: special([1, ANY], firstKnown(0)),
  least: special([1, ANY], firstKnown(0)),
  if: special([2, 3], firstKnown(1)),
  now: special([0, 0], fixed(TIMESTAMP)),
  date: special([1, 1], fixed(DATE)),
  replace: special([2, 3], fixed(VARCHAR)),
  regexp_replace: special([2, 3], fixed(VARCHAR)),
  regexp_extract: special([2, 3], fixed(VARCHAR)),
  array_position: special([2, 2], fixed(BIGINT)),
  from_unixtime: special([1, 1], fixed(TIMESTAMP)),
  to_iso8601: special([1, 1], fixed(VARCHAR)),
  from_iso8601_date: special([1, 1], fixed(DATE)),
  any_match: special([2, 2], fixed(BOOLEAN)),
  date_parse: special([2, 2], fixed(TIMESTAMP)),
  try: special([1, 1], argument(0)),
  all_match: special([2, 2], fixed(BOOLEAN)),
  none_match: special([2, 2], fixed(BOOLEAN)),
  // Same name and meaning in DuckDB.
  abs: call('abs', [1, 1], argument(0)),
  ceil: call('ceil', [1, 1], argument(0)),
  ceiling: call('ceil', [1, 1], argument(0)),
  floor: call('floor', [1, 1], argument(0)),
  round: call('round', [1, 2], argument(0)),
  truncate: call('trunc', [1, 1], argument(0)),
  sign: call('sign', [1, 1], argument(0)),
  sqrt: call('sqrt', [1, 1], fixed(DOUBLE)),
  power: call('power', [2, 2], fixed(DOUBLE)),
  pow: call('power', [2, 2], fixed(DOUBLE)),
  exp: call('exp', [1, 1], fixed(DOUBLE)),
  ln: call('ln', [1, 1], fixed(DOUBLE)),
  log10: call('log10', [1, 1], fixed(DOUBLE)),
  log2: call('log2', [1, 1], fixed(DOUBLE)),
  mod: call('mod', [2, 2], argument(1)),
  is_nan: call('isnan', [1, 1], fixed(BOOLEAN)),
  is_finite: call('isfinite', [1, 1], fixed(BOOLEAN)),
  lower: call('lower', [1, 1], fixed(VARCHAR)),
  upper: call('upper', [1, 1], fixed(VARCHAR)),
  length: call('length', [1, 1], fixed(BIGINT)),
  substr: call('substr', [2, 3], fixed(VARCHAR)),
  substring: call('substr', [2, 3], fixed(VARCHAR)),
  strpos: call('strpos', [2, 2], fixed(BIGINT)),
  reverse: call('reverse', [1, 1], argument(0)),
  trim: call('trim', [1, 2], fixed(VARCHAR)),
  ltrim: call('ltrim', [1, 2], fixed(VARCHAR)),
  rtrim: call('rtrim', [1, 2], fixed(VARCHAR)),
  lpad: call('lpad', [3, 3], fixed(VARCHAR)),
  rpad: call('rpad', [3, 3], fixed(VARCHAR)),
  split_part: call('split_part', [3, 3], fixed(VARCHAR)),
  split: call('string_split', [2, 2], fixed({ kind: 'array', element: VARCHAR })),
  starts_with: call('starts_with', [2, 2], fixed(BOOLEAN)),
  concat_ws: call('concat_ws', [2, ANY], fixed(VARCHAR)),
  chr: call('chr', [1, 1], fixed(VARCHAR)),
  codepoint: call('unicode', [1, 1], fixed(BIGINT)),
  levenshtein_distance: call('levenshtein', [2, 2], fixed(BIGINT)),
  hamming_distance: call('hamming', [2, 2], fixed(BIGINT)),
  regexp_extract_all: call('regexp_extract_all', [2, 3], fixed({ kind: 'array', element: VARCHAR })),
  nullif: call('nullif', [2, 2], argument(0)),
  coalesce: call('coalesce', [1, ANY], firstKnown(0)),
  date_trunc: special([2, 2], argument(1)),
  year: call('year', [1, 1], fixed(BIGINT)),
  quarter: call('quarter', [1, 1], fixed(BIGINT)),
  month: call('month', [1, 1], fixed(BIGINT)),
  day: call('day', [1, 1], fixed(BIGINT)),
  hour: call('hour', [1, 1], fixed(BIGINT)),
  minute: call('minute', [1, 1], fixed(BIGINT)),
  second: call('second', [1, 1], fixed(BIGINT)),
  last_day_of_month: call('last_day', [1, 1], fixed(DATE)),
  to_unixtime: call('epoch', [1, 1], fixed(DOUBLE)),
  contains: call('contains', [2, 2], fixed(BOOLEAN)),
  map_keys: call('map_keys', [1, 1], (args) => ({
    kind: 'array',
    element: args[0]?.kind === 'map' ? args[0].key : UNKNOWN,
  })),
  map_values: call('map_values', [1, 1], (args) => ({ kind: 'array', element: elementOf(args[0]) })),
  map: call('map', [0, 2], fixed(UNKNOWN)),
  array_join: call('array_to_string', [2, 2], fixed(VARCHAR)),
  array_sort: call('list_sort', [1, 1], argument(0)),
  transform: call('list_transform', [2, 2], fixed(UNKNOWN)),
  filter: call('list_filter', [2, 2], argument(0)),
};

const FUNCTIONS = new Map<string, LakeFunction>([
  ...Object.entries(AGGREGATES),
  ...Object.entries(WINDOW),
  ...Object.entries(SCALARS),
  ...Object.entries(TRINO_PREFIXED).map(([name, [arity, result]]): [string, LakeFunction] => [
    name,
    call(`trino_${name}`, arity, result, name === 'approx_distinct' ? { aggregate: true } : {}),
  ]),
]);

/** The rule for a Trino function name (case-insensitive), or undefined when it is not allowed. */
export function lakeFunction(name: string): LakeFunction | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}

/**
 * DuckDB functions that read files or URLs, load or install extensions, or look at the process,
 * the catalog or settings: refused with InvalidQueryStatementException before anything runs.
 */
export const FORBIDDEN_FUNCTION =
  /^(?:read_\w*|\w*_scan|glob|getenv|sniff_csv|parquet_\w*|load\w*|install\w*|query|query_table|duckdb_\w*|pragma_\w*|current_setting|getvariable|setvariable|which_secret|write_\w*|copy\w*|export\w*|import\w*|attach\w*|detach\w*|checkpoint|force_checkpoint|iceberg_\w*|delta_\w*|sqlite_\w*|postgres_\w*|mysql_\w*|http\w*|s3_\w*|text|system|shell\w*|file\w*|list_files|read|enable_\w*|disable_\w*|set_\w*)$/i;
