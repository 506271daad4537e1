import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDuckDbWasmNode } from '../../../lake-engine/duckdb-wasm-node';
import { LakeDatabase } from './lake-database';
import { TRINO_FUNCTIONS, TRINO_MAP_CARDINALITY } from './trino-functions';

let database: LakeDatabase;

beforeAll(async () => {
  database = await LakeDatabase.open(await openDuckDbWasmNode());
});

afterAll(async () => {
  await database.close();
});

/** The §10.3 text of one SQL expression ("" for NULL). */
async function value(expression: string): Promise<string> {
  const result = await database.run(`SELECT ${expression} AS v`);
  return result.rows[0]?.[0] ?? 'no row';
}

async function failure(expression: string): Promise<string> {
  return database.run(`SELECT ${expression} AS v`).then(
    () => 'no error',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

const T = "TIMESTAMP '2025-01-05 03:04:05.678'"; // a Sunday

test('every listed function exists in the database as trino_<name>', async () => {
  const defined = await database.run(
    "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_name LIKE 'trino\\_%' ESCAPE '\\' ORDER BY 1",
  );
  const names = defined.rows.map(([name]) => name);
  expect(names).toEqual([...TRINO_FUNCTIONS.map((name) => `trino_${name}`), TRINO_MAP_CARDINALITY].sort());
});

const VALUES: [string, string][] = [
  ["trino_element_at(map(['a', 'b'], ['1', '2']), 'b')", '2'],
  ["trino_element_at(map(['a'], ['1']), 'missing')", ''],
  ['trino_element_at([10, 20, 30], 1)', '10'],
  ['trino_element_at([10, 20, 30], -1)', '30'],
  ['trino_element_at([10, 20, 30], 4)', ''],
  ['trino_element_at([10, 20, 30], -4)', ''],
  ["trino_element_at([{'arn': 'x'}], 1).arn", 'x'],
  ['trino_element_at(CAST(NULL AS INTEGER[]), 1)', ''],
  ['trino_cardinality([1, NULL, 3])', '3'],
  ['trino_cardinality(CAST([] AS INTEGER[]))', '0'],
  ["trino_map_cardinality(map(['a', 'b'], ['1', '2']))", '2'],
  ['trino_map_cardinality(CAST(NULL AS MAP(VARCHAR, VARCHAR)))', ''],
  [`trino_date_add('millisecond', 5, ${T})`, '2025-01-05 03:04:05.683'],
  [`trino_date_add('second', -6, ${T})`, '2025-01-05 03:03:59.678'],
  [`trino_date_add('minute', 60, ${T})`, '2025-01-05 04:04:05.678'],
  [`trino_date_add('HOUR', 24, ${T})`, '2025-01-06 03:04:05.678'],
  [`trino_date_add('day', -5, ${T})`, '2024-12-31 03:04:05.678'],
  [`trino_date_add('week', 1, ${T})`, '2025-01-12 03:04:05.678'],
  ["trino_date_add('month', 1, TIMESTAMP '2025-01-31 00:00:00')", '2025-02-28 00:00:00.000'],
  [`trino_date_add('quarter', 1, ${T})`, '2025-04-05 03:04:05.678'],
  [`trino_date_add('year', -1, ${T})`, '2024-01-05 03:04:05.678'],
  [`trino_date_add('day', NULL, ${T})`, ''],
  ["trino_date_diff('day', TIMESTAMP '2025-01-01 10:00:00', TIMESTAMP '2025-01-03 09:59:59')", '1'],
  ["trino_date_diff('day', TIMESTAMP '2025-01-03 10:00:00', TIMESTAMP '2025-01-01 10:00:00')", '-2'],
  ["trino_date_diff('hour', TIMESTAMP '2025-01-01 10:30:00', TIMESTAMP '2025-01-01 12:29:59')", '1'],
  ["trino_date_diff('month', TIMESTAMP '2025-01-15 12:00:00', TIMESTAMP '2025-02-15 11:59:59')", '0'],
  // Joda (Trino) counts Jan 31 to Feb 28 as a whole month, and a leap day to Feb 28 as a year.
  ["trino_date_diff('month', TIMESTAMP '2025-01-31 00:00:00', TIMESTAMP '2025-02-28 00:00:00')", '1'],
  ["trino_date_diff('millisecond', TIMESTAMP '2025-01-01 00:00:00', TIMESTAMP '2025-01-01 00:00:01.5')", '1500'],
  ["trino_date_diff('year', DATE '2024-02-29', DATE '2025-02-28')", '1'],
  ["trino_date_diff('year', DATE '2024-03-01', DATE '2025-02-28')", '0'],
  [`trino_date_format(${T}, '%Y-%m-%d %H:%i:%s.%f')`, '2025-01-05 03:04:05.678000'],
  [
    `trino_date_format(${T}, '%a %b %e %l%p %W %M %j %k %c %y %T %r %h %I %S %d %%')`,
    'Sun Jan 5 3AM Sunday January 005 3 1 25 03:04:05 03:04:05 AM 03 03 05 05 %',
  ],
  ["trino_date_format(TIMESTAMP '2024-12-30 15:00:00', '%v %x %p %l')", '01 2025 PM 3'],
  [`trino_date_format(${T}, 'at %q%')`, 'at q%'],
  [`trino_day_of_week(${T})`, '7'],
  [`trino_dow(${T} + INTERVAL 1 DAY)`, '1'],
  [`trino_day_of_month(${T})`, '5'],
  ["trino_day_of_year(TIMESTAMP '2025-02-01 00:00:00')", '32'],
  ["trino_doy(DATE '2024-12-31')", '366'],
  ["trino_week_of_year(TIMESTAMP '2024-12-30 00:00:00')", '1'],
  ["trino_week(DATE '2021-01-03')", '53'],
  ["trino_year_of_week(TIMESTAMP '2024-12-30 00:00:00')", '2025'],
  ["trino_yow(DATE '2021-01-03')", '2020'],
  [`trino_millisecond(${T})`, '678'],
  ["trino_regexp_like('CreateBucket', 'Bucket')", 'true'],
  ["trino_regexp_like('CreateBucket', '^Bucket')", 'false'],
  ["trino_regexp_like('CreateBucket', '(?i)^create')", 'true'],
  ["trino_from_iso8601_timestamp('2025-05-14T09:26:41Z')", '2025-05-14 09:26:41.000'],
  ["trino_from_iso8601_timestamp('2025-05-14T11:26:41.123456+02:00')", '2025-05-14 09:26:41.123'],
  ["trino_from_iso8601_timestamp('2025-05-14T05:26-0400')", '2025-05-14 09:26:00.000'],
  ["trino_from_iso8601_timestamp('2025-05-14')", '2025-05-14 00:00:00.000'],
  ["trino_from_iso8601_timestamp('2025-05-14T09')", '2025-05-14 09:00:00.000'],
  ["trino_from_iso8601_timestamp('2025-05')", '2025-05-01 00:00:00.000'],
  ['trino_from_iso8601_timestamp(NULL)', ''],
  ['trino_array_distinct([3, 1, 3, NULL, 2, NULL, 1])', '[3, 1, null, 2]'],
  ["trino_array_distinct(['b', 'a', 'b'])", '[b, a]'],
  ['trino_array_distinct(CAST([] AS VARCHAR[]))', '[]'],
  ['trino_array_max([3, 1, 2])', '3'],
  ['trino_array_min([3, 1, 2])', '1'],
  ["trino_array_max(['b', 'c', 'a'])", 'c'],
  ['trino_array_max([3, NULL, 2])', ''],
  ['trino_array_min([3, NULL, 2])', ''],
  ['trino_array_max(CAST([] AS INTEGER[]))', ''],
  ['trino_slice([1, 2, 3, 4, 5], 2, 2)', '[2, 3]'],
  ['trino_slice([1, 2, 3, 4, 5], -2, 5)', '[4, 5]'],
  ['trino_slice([1, 2, 3, 4, 5], 4, 10)', '[4, 5]'],
  ['trino_slice([1, 2, 3, 4, 5], 6, 1)', '[]'],
  ['trino_slice([1, 2, 3, 4, 5], -6, 2)', '[]'],
  ['trino_slice([1, 2, 3, 4, 5], 1, 0)', '[]'],
];

// All in one statement, one column each: a query per case would cost more than the cases.
let values: Map<string, string>;

beforeAll(async () => {
  const result = await database.run(
    `SELECT ${VALUES.map(([expression], index) => `${expression} AS v${String(index)}`).join(', ')}`,
  );
  values = new Map(VALUES.map(([expression], index) => [expression, result.rows[0]?.[index] ?? 'no value']));
});

// One test over every case (a diff names the ones that differ): each test costs the shared setup's reset.
test('each function gives the value Trino gives', () => {
  expect(Object.fromEntries(values)).toEqual(Object.fromEntries(VALUES));
});

const FAILURES: [string, string][] = [
  ['trino_element_at([1, 2], 0)', 'Invalid Input Error: SQL array indices start at 1'],
  [
    "trino_date_add('fortnight', 1, TIMESTAMP '2025-01-01 00:00:00')",
    "Invalid Input Error: 'fortnight' is not a valid TIMESTAMP field",
  ],
  [
    "trino_date_diff('decade', DATE '2025-01-01', DATE '2035-01-01')",
    "Invalid Input Error: 'decade' is not a valid TIMESTAMP field",
  ],
  [`trino_date_format(${T}, '%D')`, 'Invalid Error: %D not supported in date format string'],
  ["trino_from_iso8601_timestamp('yesterday')", 'Invalid Error: Invalid format: "yesterday"'],
  ["trino_from_iso8601_timestamp('2025-02-30')", 'Invalid Error: Invalid format: "2025-02-30"'],
  ['trino_slice([1, 2], 0, 1)', 'Invalid Input Error: SQL array indices start at 1'],
  ['trino_slice([1, 2], 1, -1)', 'Invalid Input Error: length must be greater than or equal to 0'],
];

test('each function fails where Trino fails, with its message', async () => {
  const messages: Record<string, string> = {};
  for (const [expression] of FAILURES) messages[expression] = await failure(expression);
  expect(messages).toEqual(Object.fromEntries(FAILURES));
});

test('approx_distinct is an exact count of distinct non-NULL values, with or without an error bound', async () => {
  const result = await database.run(`
    SELECT trino_approx_distinct(x) AS one, trino_approx_distinct(x, 0.01) AS two
    FROM (VALUES ('a'), ('b'), ('a'), (NULL)) t(x)`);
  expect(result.rows).toEqual([['2', '2']]);
});

test('the JSON functions in SQL: types, NULLs and the §11 map encoding', async () => {
  const parameters = `map(['evaluations', 'GroupId'], ['[{"complianceType":"COMPLIANT","n":1}]', 'sg-1'])`;
  const result = await database.run(`
    SELECT trino_json_extract_scalar(trino_json_array_get(trino_element_at(${parameters}, 'evaluations'), 0), '$.complianceType') AS compliance,
           trino_json_extract_scalar(trino_element_at(${parameters}, 'GroupId'), '$') AS raw,
           trino_json_extract(trino_element_at(${parameters}, 'evaluations'), '$[0]') AS first,
           trino_json_array_length(trino_element_at(${parameters}, 'evaluations')) + 1 AS length_plus_one,
           trino_json_parse('{"b": 1, "a": [true]}') AS parsed,
           trino_json_format(trino_json_parse('[1, "x"]')) AS formatted,
           trino_json_array_contains('[1, 2, "3"]', 2) AS has_two,
           trino_json_array_contains('[1, 2, "3"]', 3) AS has_three,
           trino_json_array_contains('[1, 2, "3"]', '3') AS has_text_three,
           trino_json_array_contains('[true]', true) AS has_true,
           trino_json_array_contains('[1.5]', 1.5) AS has_decimal,
           trino_is_json_scalar('"x"') AND NOT trino_is_json_scalar('{}') AS scalars,
           trino_json_extract_scalar(NULL, '$.a') AS null_json,
           typeof(trino_json_array_length('[]')) AS length_type`);
  expect(Object.fromEntries(result.columns.map((column, index) => [column, result.rows[0]?.[index]]))).toEqual({
    compliance: 'COMPLIANT',
    raw: '',
    first: '{"complianceType":"COMPLIANT","n":1}',
    length_plus_one: '2',
    parsed: '{"a":[true],"b":1}',
    formatted: '[1,"x"]',
    has_two: 'true',
    has_three: 'false',
    has_text_three: 'true',
    has_true: 'true',
    has_decimal: 'true',
    scalars: 'true',
    null_json: '',
    length_type: 'BIGINT',
  });
});

// A UDF's exception reaches DuckDB as an "Invalid Error" carrying the message Trino gives.
test('JSON function errors fail the query with Trino’s message', async () => {
  expect(await failure("trino_json_parse('{oops')")).toBe("Invalid Error: Cannot convert value to JSON: '{oops'");
  expect(await failure("trino_json_extract_scalar('{}', 'a.b')")).toBe("Invalid Error: Invalid JSON path: 'a.b'");
  expect(await failure("trino_is_json_scalar('[1,')")).toBe('Invalid Error: Invalid JSON value: [1,');
});

test('json_extract_scalar over a column, row by row', async () => {
  const result = await database.run(`
    SELECT trino_json_extract_scalar(j, '$.a.b[1]') AS v FROM (VALUES
      ('{"a":{"b":["x","y"]}}'), ('{"a":{"b":["only"]}}'), (NULL), ('not json'), ('{"a":{"b":[1,2.50]}}')) t(j)`);
  expect(result.rows).toEqual([['y'], [''], [''], [''], ['2.50']]);
});

test('integer division as in Trino', async () => {
  expect(await value('7 / 2')).toBe('3');
  expect(await value('-7 / 2')).toBe('-3');
  expect(await value('7.0 / 2')).toBe('3.5');
});
