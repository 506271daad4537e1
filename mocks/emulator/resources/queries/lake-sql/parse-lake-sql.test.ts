// Parsing Lake statements (SEMANTICS.md §10.1 items 2-3): Trino's grammar, store references in
// table position, and InvalidQueryStatementException with the line and column of the problem.
import { expect, test } from 'vitest';
import { InvalidQueryStatementException } from '../../../errors';
import { parseLakeSql, quoteTableReferences } from './parse-lake-sql';

const ID = '0b1d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const ARN = `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${ID}`;

function parseError(statement: string): string {
  try {
    parseLakeSql(statement);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidQueryStatementException);
    return (error as Error).message;
  }
  throw new Error(`parsed: ${statement}`);
}

test('quotes unquoted store IDs and ARNs in table position, as one token each', () => {
  expect(quoteTableReferences(`SELECT * FROM ${ID} WHERE a = 1`).text).toBe(`SELECT * FROM "${ID}" WHERE a = 1`);
  expect(quoteTableReferences(`SELECT * FROM ${ARN} e`).text).toBe(`SELECT * FROM "${ARN}" e`);
  expect(quoteTableReferences(`SELECT * FROM ${ID} a JOIN ${ID} b ON a.x = b.x, ${ID}`).text).toBe(
    `SELECT * FROM "${ID}" a JOIN "${ID}" b ON a.x = b.x, "${ID}"`,
  );
  expect(quoteTableReferences(`SELECT * FROM (SELECT a FROM ${ID}) s`).text).toBe(
    `SELECT * FROM (SELECT a FROM "${ID}") s`,
  );
});

test('leaves quoted references, identifiers and FROM outside table position alone', () => {
  for (const statement of [
    `SELECT * FROM "${ID}"`,
    `SELECT * FROM store_one`,
    `SELECT a FROM t WHERE a IS NOT DISTINCT FROM b-c`,
    `SELECT extract(day FROM a-b), substring(x FROM 2) FROM t`,
    `SELECT a, b-c FROM t WHERE d IN (1, 2-3) GROUP BY e, f`,
    `SELECT * FROM t CROSS JOIN UNNEST(x-y) AS u(a, b)`,
    `SELECT 'FROM ${ID}' FROM t -- FROM ${ID}`,
  ])
    expect(quoteTableReferences(statement).text).toBe(statement);
});

test('turns a backquoted store reference into a double-quoted one', () => {
  expect(quoteTableReferences('SELECT * FROM `my-store`').text).toBe('SELECT * FROM "my-store"');
});

test('reports syntax errors with line and column, Trino style', () => {
  expect(parseError("SELECT eventName\nFROM t WHERE eventName = = 'a'")).toMatch(/^line 2:26: mismatched input '='/);
  expect(parseError('SELECT eventName FROM t WHERE')).toBe(
    "line 1:30: mismatched input '<EOF>'. Expecting: <expression>",
  );
  expect(parseError("SELECT 'abc FROM t")).toBe("line 1:8: mismatched input '''. Expecting: <expression>");
  expect(parseError('SELECT FROM t')).toBe("line 1:8: mismatched input 'FROM'. Expecting: <expression>");
  expect(parseError('SELECT a FROM t WHERE b < = 3')).toBe("line 1:27: mismatched input '='");
});

test('reports positions in the statement as written, before store references were quoted', () => {
  // The parser reads `"<id>"`, two characters longer; the column is still the caller's.
  expect(parseError(`SELECT * FROM ${ID} WHERE a = = 1`)).toMatch(/^line 1:62: mismatched input '='/);
  expect(parseError(`SELECT * FROM ${ID} x\nWHERE ,`)).toMatch(/^line 2:7: mismatched input ','/);
});

test('tolerates one trailing semicolon, not two', () => {
  expect(() => parseLakeSql('SELECT a FROM t;')).not.toThrow();
  expect(() => parseLakeSql('SELECT a FROM t ;\n')).not.toThrow();
  expect(parseError('SELECT a FROM t;;')).toBe("line 1:17: mismatched input ';'. Expecting: <EOF>");
});

test('refuses more than one statement', () => {
  expect(parseError('SELECT a FROM t; SELECT b FROM u')).toBe('line 1:18: Only one statement is allowed per query');
  expect(parseError('SELECT a FROM t\nSELECT b FROM u')).toBe("line 2:1: mismatched input 'SELECT'. Expecting: <EOF>");
});

test('refuses an empty statement', () => {
  expect(parseError('')).toMatch(/^line 1:1: mismatched input '<EOF>'/);
  expect(parseError('  -- nothing\n')).toMatch(/^line 2:1: mismatched input '<EOF>'/);
});

test('refuses every statement other than a query', () => {
  for (const statement of [
    'INSERT INTO t VALUES (1)',
    'DELETE FROM t',
    'UPDATE t SET a = 1',
    'CREATE TABLE x AS SELECT * FROM t',
    'DROP TABLE t',
    'EXPLAIN SELECT * FROM t',
    'SHOW TABLES',
    'SET SESSION query_max_run_time = 1',
    'USE catalog.schema',
    'CALL system.runtime.kill_query(1)',
    'PREPARE p FROM SELECT 1',
  ])
    expect(parseError(statement)).toBe('line 1:1: Only SELECT statements are allowed');
});

test('refuses DuckDB statements that could read files or load extensions', () => {
  for (const statement of [
    "ATTACH 'other.db' AS other",
    "COPY t TO 'out.csv'",
    'INSTALL httpfs',
    'LOAD httpfs',
    'PRAGMA database_list',
    "SET home_directory = '/'",
  ])
    expect(parseError(statement)).toMatch(/^line 1:\d+: mismatched input /);
});

test('refuses inline function definitions', () => {
  expect(parseError('WITH FUNCTION f() RETURNS int RETURN 1 SELECT f() FROM t')).toBe(
    'line 1:1: Only SELECT statements are allowed: inline functions are not',
  );
});
