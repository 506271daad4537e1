import { expect, test } from 'vitest';
import {
  isJsonScalar,
  javaDoubleText,
  jsonArrayContains,
  jsonArrayGet,
  jsonArrayLength,
  jsonExtract,
  jsonExtractScalar,
  jsonParse,
  parseJsonPath,
  trinoDoubleText,
} from './trino-json';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// Valid documents with awkward text: escapes, surrogate pairs, keys that need brackets, empty
// containers, whitespace everywhere. Numbers are written as JavaScript writes them, so that
// JSON.parse and JSON.stringify give the expected text (number text is tested on its own below).
const DOCUMENTS = [
  '{"a":{"b":[1,"two",{"c":null,"d":true}],"e":{}},"f":[],"g":-12.5}',
  ' { "k e y" : "v\\u00e9\\ud83d\\ude00" , "quo\\"te" : [ "\\\\", "\\/", "\\n\\t\\r\\b\\f" ] } ',
  '[[],[[]],{"x":[false,null,"null"]},"[1]",3.25,-0.5,0.125]',
  '{"a.b":{"[c]":"dots"},"😀":"emoji","":"empty key","a":{"b":"not this"}}',
  '"just a string"',
  '42',
  'true',
  'null',
  '{"requestParameters":{"bucketName":"b","tagSet":{"items":[{"key":"env","value":"prod"}]}}}',
];

/** JSONPath of each step, as a user would write it. */
function pathOf(steps: readonly (string | number)[]): string {
  return `$${steps
    .map((step) =>
      typeof step === 'number'
        ? `[${String(step)}]`
        : /^[A-Za-z_]\w*$/.test(step)
          ? `.${step}`
          : `["${step.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"]`,
    )
    .join('')}`;
}

/** Every value of a parsed document with the steps leading to it. */
function* walk(value: Json, steps: (string | number)[] = []): Generator<[(string | number)[], Json]> {
  yield [steps, value];
  if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* walk(item, [...steps, index]);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* walk(item, [...steps, key]);
}

function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key): [string, Json] => [key, sorted(value[key] ?? null)]),
    );
  return value;
}

const scalarText = (value: Json) =>
  value === null || typeof value === 'object' ? null : typeof value === 'string' ? value : String(value);

// Loops, not test.each: every test pays the shared setup's emulator reset.
const PARSED = DOCUMENTS.map((document) => [document, JSON.parse(document) as Json] as const);

test('json_extract_scalar and json_extract find every value as JSON.parse does', () => {
  for (const [document, parsed] of PARSED)
    for (const [steps, value] of walk(parsed)) {
      const path = pathOf(steps);
      expect({ document, path, scalar: jsonExtractScalar(document, path) }).toEqual({
        document,
        path,
        scalar: scalarText(value),
      });
      expect({ document, path, json: jsonExtract(document, path) }).toEqual({
        document,
        path,
        json: JSON.stringify(value),
      });
    }
});

test('a path that names nothing is NULL', () => {
  for (const [document, parsed] of PARSED)
    for (const [steps, value] of walk(parsed)) {
      const missing = Array.isArray(value) ? [...steps, value.length] : [...steps, 'no such key'];
      expect(jsonExtractScalar(document, pathOf(missing))).toBeNull();
      expect(jsonExtract(document, pathOf(missing))).toBeNull();
    }
});

test('json_parse sorts keys, is_json_scalar and json_array_length agree with JSON.parse', () => {
  for (const [document, parsed] of PARSED) {
    expect(jsonParse(document)).toBe(JSON.stringify(sorted(parsed)));
    for (const [steps, value] of walk(parsed)) {
      const text = JSON.stringify(value);
      expect({ path: pathOf(steps), scalar: isJsonScalar(text) }).toEqual({
        path: pathOf(steps),
        scalar: String(value === null || typeof value !== 'object'),
      });
      expect(jsonArrayLength(text)).toBe(Array.isArray(value) ? String(value.length) : null);
    }
  }
});

test('json_array_get and json_array_contains over every array', () => {
  for (const [, parsed] of PARSED)
    for (const [, value] of walk(parsed)) {
      if (!Array.isArray(value)) continue;
      const text = JSON.stringify(value);
      value.forEach((item, index) => {
        const expected = item !== null && typeof item === 'object' ? JSON.stringify(item) : scalarText(item);
        expect(jsonArrayGet(text, String(index))).toBe(expected);
        expect(jsonArrayGet(text, String(index - value.length))).toBe(expected);
      });
      const lookups: [string, string][] = value.flatMap((item): [string, string][] =>
        typeof item === 'string'
          ? [[item, 'VARCHAR']]
          : typeof item === 'boolean'
            ? [[String(item), 'BOOLEAN']]
            : typeof item === 'number'
              ? [[String(item), 'DOUBLE']]
              : [],
      );
      for (const [item, type] of lookups) expect(jsonArrayContains(text, item, type)).toBe('true');
      expect(jsonArrayGet(text, String(value.length))).toBeNull();
      expect(jsonArrayGet(text, String(-value.length - 1))).toBeNull();
      expect(jsonArrayContains(text, 'absent value', 'VARCHAR')).toBe('false');
    }
});

test('malformed JSON: NULL from the extractors, an error from json_parse and is_json_scalar', () => {
  for (const bad of [
    '',
    '{',
    '{"a":}',
    "{'a':1}",
    '{"a":01}',
    '[1,]',
    '{"a" 1}',
    'nul',
    '"unterminated',
    '"\u0001"',
    'NaN',
  ]) {
    expect((): unknown => JSON.parse(bad)).toThrow();
    expect(jsonExtractScalar(bad, '$.a')).toBeNull();
    expect(jsonExtract(bad, '$')).toBeNull();
    expect(jsonArrayLength(bad)).toBeNull();
    expect(jsonArrayGet(bad, '5')).toBeNull();
    expect(jsonArrayContains(bad, '7', 'INTEGER')).toBeNull();
    expect(() => jsonParse(bad)).toThrow(`Cannot convert value to JSON: '${bad}'`);
    expect(() => isJsonScalar(bad)).toThrow(`Invalid JSON value: ${bad}`);
  }
});

test('like Trino, reading stops at the value found: later text is not checked', () => {
  expect(jsonExtractScalar('{"a":"x", broken', '$.a')).toBe('x');
  expect(jsonExtract('[{"b":1}] trailing', '$[0]')).toBe('{"b":1}');
  expect(jsonArrayLength('[1,2] trailing')).toBe('2');
  expect(jsonArrayGet('["a", oops', '0')).toBe('a');
  expect(jsonArrayContains('[1, 2, oops', '2', 'INTEGER')).toBe('true');
  expect(jsonExtractScalar('{"b":1, broken', '$.a')).toBeNull();
});

test('numbers: the scalar keeps its text, re-serialized JSON writes doubles as Java does', () => {
  const json = '{"a":1.0,"b":1e2,"c":-0,"d":12345678901234567890,"e":0.00001,"f":1.5E7,"g":[2.50]}';
  expect(jsonExtractScalar(json, '$.a')).toBe('1.0');
  expect(jsonExtractScalar(json, '$.b')).toBe('1e2');
  expect(jsonExtractScalar(json, '$.d')).toBe('12345678901234567890');
  expect(jsonExtract(json, '$')).toBe(
    '{"a":1.0,"b":100.0,"c":0,"d":12345678901234567890,"e":1.0E-5,"f":1.5E7,"g":[2.5]}',
  );
  expect(jsonParse(json)).toBe(jsonExtract(json, '$'));
  expect(jsonArrayGet('[2.50, 7]', '0')).toBe('2.50');
  expect(jsonArrayContains('[1.0, 2]', '1', 'INTEGER')).toBe('false');
  expect(jsonArrayContains('[1.0, 2]', '1', 'DOUBLE')).toBe('true');
  expect(jsonArrayContains('[1.0, 2]', '1.0', 'DECIMAL(2,1)')).toBe('true');
  expect(jsonArrayContains('[12345678901234567890]', '12345678901234567890', 'HUGEINT')).toBe('true');
});

test('strings are written as Jackson writes them', () => {
  expect(jsonExtract('{"a":"\\u001f\\/\\"\\\\\\n\\u00e9"}', '$.a')).toBe('"\\u001F/\\"\\\\\\né"');
  expect(jsonExtractScalar('{"a":"\\ud83d\\ude00"}', '$.a')).toBe('😀');
});

test('json_parse merges duplicate keys (the last wins) and sorts; json_extract keeps them', () => {
  expect(jsonParse('{"b":1,"a":2,"b":3}')).toBe('{"a":2,"b":3}');
  expect(jsonExtract('{"b":1,"a":2,"b":3}', '$')).toBe('{"b":1,"a":2,"b":3}');
  // A path takes the first member of that name, as a streaming reader meets it.
  expect(jsonExtractScalar('{"b":1,"b":3}', '$.b')).toBe('1');
  expect(jsonArrayGet('[{"b":1,"a":2,"b":3}]', '0')).toBe('{"b":3,"a":2}');
});

test('a numeric step reads an array position or an object key; a name never reads an array', () => {
  expect(jsonExtractScalar('{"0":"key"}', '$[0]')).toBe('key');
  expect(jsonExtractScalar('["first"]', '$.0')).toBe('first');
  expect(jsonExtractScalar('["first"]', '$.x')).toBeNull();
  expect(jsonExtractScalar('{"a":"x"}', '$.a.b')).toBeNull();
});

test('JSONPath: $, .key, ["key"] and [n]; anything else fails as in Trino', () => {
  expect(parseJsonPath('$')).toEqual([]);
  expect(parseJsonPath('$.a[0]["b.c"]["q\\"uote"].d_1[key].x:y.été')).toEqual([
    'a',
    '0',
    'b.c',
    'q"uote',
    'd_1',
    'key',
    'x:y',
    'été',
  ]);
  for (const bad of [
    '',
    'a',
    ' $',
    '$.',
    '$..a',
    '$[',
    '$[x',
    '$["a"',
    '$["\\n"]',
    '$.a b',
    '$.a-b',
    '$[-1]',
    '$.*',
    '$[*]',
  ]) {
    expect(() => parseJsonPath(bad)).toThrow(`Invalid JSON path: '${bad}'`);
    expect(() => jsonExtractScalar('{}', bad)).toThrow('Invalid JSON path');
  }
});

test('NULL in, NULL out', () => {
  expect(jsonExtractScalar(null, '$')).toBeNull();
  expect(jsonExtractScalar('{}', null)).toBeNull();
  expect(jsonExtract(null, '$')).toBeNull();
  expect(jsonParse(null)).toBeNull();
  expect(jsonArrayLength(null)).toBeNull();
  expect(jsonArrayGet('[1]', null)).toBeNull();
  expect(jsonArrayContains('[1]', null, 'INTEGER')).toBeNull();
  expect(isJsonScalar(null)).toBeNull();
});

test('json_array_contains refuses a value type Trino has no overload for', () => {
  expect(() => jsonArrayContains('[1]', '2025-01-01', 'DATE')).toThrow(
    'Unexpected parameters (json, date) for function json_array_contains',
  );
});

const DOUBLES: [number, string][] = [
  [0, '0.0'],
  [-0, '-0.0'],
  [1, '1.0'],
  [0.1, '0.1'],
  [100, '100.0'],
  [1234567.5, '1234567.5'],
  [12345678, '1.2345678E7'],
  [0.001, '0.001'],
  [0.0001, '1.0E-4'],
  [-2.5e-10, '-2.5E-10'],
  [1e20, '1.0E20'],
  [Number.MAX_VALUE, '1.7976931348623157E308'],
  [Number.POSITIVE_INFINITY, 'Infinity'],
  [Number.NaN, 'NaN'],
];

test('doubles are written as Java writes them', () => {
  for (const [value, text] of DOUBLES) {
    expect(javaDoubleText(value)).toBe(text);
    const duckdb = Number.isNaN(value)
      ? 'nan'
      : value === Number.POSITIVE_INFINITY
        ? 'inf'
        : Object.is(value, -0)
          ? '-0.0'
          : String(value);
    expect({ duckdb, text: trinoDoubleText(duckdb) }).toEqual({ duckdb, text });
  }
});

test("DuckDB's own double text is rewritten the same way", () => {
  expect(trinoDoubleText('1e+20')).toBe('1.0E20');
  expect(trinoDoubleText('1e-07')).toBe('1.0E-7');
  expect(trinoDoubleText('3.0')).toBe('3.0');
  expect(trinoDoubleText('-inf')).toBe('-Infinity');
  expect(trinoDoubleText('123456789.5')).toBe('1.234567895E8');
});
