import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LakeEngine } from './engine';
import { openDuckDbWasmNode } from './duckdb-wasm-node';

let engine: LakeEngine;

beforeAll(async () => {
  engine = await openDuckDbWasmNode();
  await engine.registerStringUdf('test_shout', 1, (text) => (text === null ? null : `${text.toUpperCase()}!é`));
  await engine.registerStringUdf('test_fail', 1, (text) => {
    throw new Error(`no good: ${String(text)}`);
  });
});

afterAll(async () => {
  await engine.close();
});

test('opens DuckDB 1.4.3 on duckdb-wasm with extension loading off', async () => {
  expect(engine.name).toBe('duckdb-wasm');
  expect(engine.version).toBe('v1.4.3');
  const settings = await engine.query(
    "SELECT current_setting('autoinstall_known_extensions')::VARCHAR, current_setting('autoload_known_extensions')::VARCHAR",
  );
  expect(settings.rows).toEqual([['false', 'false']]);
});

test('a function of the json extension fails at once instead of fetching the extension', async () => {
  await expect(engine.query(`SELECT json_extract_string('{}', '$')`)).rejects.toThrow(/json extension/);
});

test('VARCHAR UDF results come back intact, NULLs included', async () => {
  const result = await engine.query(
    "SELECT test_shout('abc'), test_shout(CAST(NULL AS VARCHAR)), test_shout(''), test_shout('ünï')",
  );
  expect(result.rows).toEqual([['ABC!é', null, '!é', 'ÜNÏ!é']]);
});

test('VARCHAR UDF results stay intact across many chunks and wasm memory growth', async () => {
  // 100k rows of strings up to 400 bytes: dozens of UDF calls, and the heap grows meanwhile.
  const result = await engine.query(`
    SELECT count(*)::VARCHAR, count(*) FILTER (WHERE s = upper(x) || '!é')::VARCHAR, sum(length(s))::VARCHAR
    FROM (SELECT x, test_shout(x) AS s FROM (SELECT i::VARCHAR || repeat('x', i % 400) AS x FROM range(100000) t(i)))`);
  const [[rows, correct, length]] = result.rows as [[string, string, string]];
  expect(rows).toBe('100000');
  expect(correct).toBe('100000');
  expect(Number(length)).toBeGreaterThan(100000 * 200);
});

test("a UDF's exception fails the query with its message", async () => {
  await expect(engine.query("SELECT test_fail('x')")).rejects.toThrow('no good: x');
});

test('engine errors are plain Errors carrying DuckDB’s message', async () => {
  const failure = await engine.query('SELECT nope FROM range(1)').catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(Error);
  expect((failure as Error).message).toMatch(/^Binder Error: Referenced column "nope" not found/);
  // The connection is still usable afterwards.
  expect((await engine.query("SELECT 'ok'")).rows).toEqual([['ok']]);
});

test('creates a table from columns of every kind', async () => {
  await engine.createTableFromColumns('test_columns', [
    { name: 's', type: 'varchar', values: ['a', null, 'ünïcødé ✓', ''] },
    { name: 'd', type: 'double', values: [1.5, null, -2, 0] },
    { name: 'b', type: 'boolean', values: [true, false, null, true] },
    { name: 'l', type: 'varchar[]', values: [['x', null], null, [], ['y']] },
  ]);
  const result = await engine.query(
    'SELECT s, d::VARCHAR, b::VARCHAR, l::VARCHAR, typeof(l) FROM test_columns ORDER BY rowid',
  );
  expect(result.columns).toEqual(['s', 'CAST(d AS VARCHAR)', 'CAST(b AS VARCHAR)', 'CAST(l AS VARCHAR)', 'typeof(l)']);
  expect(result.rows).toEqual([
    ['a', '1.5', 'true', '[x, NULL]', 'VARCHAR[]'],
    [null, null, 'false', null, 'VARCHAR[]'],
    ['ünïcødé ✓', '-2.0', null, '[]', 'VARCHAR[]'],
    ['', '0.0', 'true', '[y]', 'VARCHAR[]'],
  ]);
  await engine.exec('DROP TABLE test_columns');
});

test('two databases in one process keep their own UDFs', async () => {
  const other = await openDuckDbWasmNode();
  try {
    await other.registerStringUdf('test_shout', 1, (text) => `other ${String(text)}`);
    expect((await other.query("SELECT test_shout('a')")).rows).toEqual([['other a']]);
    expect((await engine.query("SELECT test_shout('a')")).rows).toEqual([['A!é']]);
  } finally {
    await other.close();
  }
  expect((await engine.query("SELECT test_shout('b')")).rows).toEqual([['B!é']]);
});
