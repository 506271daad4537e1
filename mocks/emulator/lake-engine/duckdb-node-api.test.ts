// The native adapter against the duckdb-wasm one: the same Lake database, records and queries
// must give byte-identical rows (or the same error) on both. Where they do not, because DuckDB
// 1.5.6 and 1.4.3 differ or the adapters report UDF errors differently, the last tests pin the
// difference, so that a change on either side is noticed.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildRecord } from '../../factories';
import { serializeRecord, type ActivityAuditLogRecord } from '../records';
import { seedHistory } from '../resources/event-history/seed/seed-history';
import { LakeDatabase } from '../resources/queries/lake/lake-database';
import { DOCUMENTED_SAMPLES } from '../resources/queries/lake-sql/documented-samples';
import type { StoreKind } from '../resources/queries/lake-sql/lake-types';
import { translateLakeQuery } from '../resources/queries/lake-sql/translate';
import { SAMPLE_QUERIES } from '../resources/queries/sample-queries';
import type { LakeEngine } from './engine';
import { openDuckDbNodeApi } from './duckdb-node-api';
import { openDuckDbWasmNode } from './duckdb-wasm-node';

const anchor = Date.UTC(2025, 5, 2, 12);
const KINDS: readonly StoreKind[] = ['cloudtrail', 'activity', 'config', 'insights'];

let native: LakeEngine;
let wasm: LakeEngine;
/** Every engine opened, closed at the end even if another failed to open. */
const opened: LakeEngine[] = [];
let nativeLake: LakeDatabase;
let wasmLake: LakeDatabase;

/** 300 seeded records (management and S3 data) and one with a value in the odd columns. */
function cloudTrailRecords(): string[] {
  const history = seedHistory({ seed: 20250101, anchor, events: 300 });
  const seeded = Array.from({ length: history.count }, (_, index) => serializeRecord(history.record(index)));
  const odd = buildRecord({
    at: anchor - 3_600_000,
    eventName: 'PutObject',
    requestParameters: { bucketName: 'acme-raw', ratio: 0.25, big: 1e21, nested: { a: [1, null] } },
    additionalEventData: { bytesTransferredIn: 1024.5, 'x-amz-id-2': 'ünïcødé ✓' },
  });
  return [...seeded, serializeRecord(odd)];
}

function activityRecords(): string[] {
  return ['Login', 'Logout', 'Login'].map((eventName, index) => {
    const record: ActivityAuditLogRecord = {
      eventVersion: '1.0',
      eventCategory: 'ActivityAuditLog',
      eventType: 'ActivityLog',
      eventID: `a1b2c3d4-0000-4000-8000-00000000000${String(index)}`,
      eventTime: '2025-06-01T10:00:00Z',
      awsRegion: 'us-east-1',
      recipientAccountId: '123456789012',
      metadata: {
        ingestionTime: '2025-06-01T10:00:05Z',
        channelARN: 'arn:aws:cloudtrail:us-east-1:123456789012:channel/01234567-89ab-cdef-0123-456789abcdef',
      },
      eventData: {
        version: '1.0',
        userIdentity: { type: 'User', principalId: `user-${String(index)}`, details: { level: index } },
        userAgent: 'my-app/1.0',
        eventSource: 'my.app',
        eventName,
        eventTime: '2025-06-01T10:00:00.123Z',
        UID: `u-${String(index)}`,
        requestParameters: { remember: index > 0 },
        responseElements: null,
        sourceIPAddress: '203.0.113.9',
        recipientAccountId: '123456789012',
      },
    };
    return serializeRecord(record);
  });
}

beforeAll(async () => {
  native = await openDuckDbNodeApi();
  opened.push(native);
  wasm = await openDuckDbWasmNode();
  opened.push(wasm);
  nativeLake = await LakeDatabase.open(native);
  wasmLake = await LakeDatabase.open(wasm);
  const loads: Partial<Record<StoreKind, string[]>> = { cloudtrail: cloudTrailRecords(), activity: activityRecords() };
  for (const lake of [nativeLake, wasmLake])
    for (const kind of KINDS) {
      await lake.createTable(`lake_${kind}`, kind);
      await lake.appendRecords(`lake_${kind}`, kind, loads[kind] ?? []);
    }
});

afterAll(async () => {
  // An open native instance would keep the process alive.
  await Promise.all(opened.map((engine) => engine.close()));
});

const STORE_IDS: Record<StoreKind, string> = {
  cloudtrail: 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24',
  activity: '7c2e4f10-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
  config: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
  insights: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
};

/** DuckDB SQL for a Lake statement over the test tables, as StartQuery would run it. */
function translated(statement: string, kind: StoreKind = 'cloudtrail'): string {
  const result = translateLakeQuery(statement.replaceAll('$EDS_ID', STORE_IDS[kind]), {
    now: anchor,
    resolveStore: (reference) => {
      const found = Object.entries(STORE_IDS).find(([, id]) => id === reference);
      if (!found) throw new Error(`unexpected store reference ${reference}`);
      return { table: `lake_${found[0]}`, kind: found[0] as StoreKind };
    },
  });
  expect(result.failure).toBeUndefined();
  return result.sql;
}

/** The rows of `sql` on one database, or its error message. */
async function outcome(lake: LakeDatabase, sql: string): Promise<unknown> {
  return lake.run(sql).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
}

test('opens DuckDB 1.5.6 natively with extension loading off and UTC as its time zone', async () => {
  expect(native.name).toBe('duckdb-node-api');
  expect(native.version).toBe('v1.5.6');
  const settings = await native.query(
    "SELECT current_setting('autoinstall_known_extensions')::VARCHAR, current_setting('autoload_known_extensions')::VARCHAR, current_setting('TimeZone')",
  );
  expect(settings.rows).toEqual([['false', 'false', 'UTC']]);
});

test('creates a table from columns of every kind as duckdb-wasm does', async () => {
  const columns = [
    { name: 's', type: 'varchar', values: ['a', null, 'ünïcødé ✓', ''] },
    { name: 'd', type: 'double', values: [1.5, null, -2, 0] },
    { name: 'b', type: 'boolean', values: [true, false, null, true] },
    { name: 'l', type: 'varchar[]', values: [['x', null], null, [], ['y']] },
  ] as const;
  const sql = 'SELECT s, d::VARCHAR, b::VARCHAR, l::VARCHAR, typeof(l) FROM test_columns ORDER BY rowid';
  for (const engine of [native, wasm]) await engine.createTableFromColumns('test_columns', columns);
  const [fromNative, fromWasm] = await Promise.all([native.query(sql), wasm.query(sql)]);
  expect(fromNative).toEqual(fromWasm);
  expect(fromNative.rows[2]).toEqual(['ünïcødé ✓', '-2.0', null, '[]', 'VARCHAR[]']);
  for (const engine of [native, wasm]) await engine.exec('DROP TABLE test_columns');
});

test('a table of more than one data chunk keeps every row, in order', async () => {
  const values = Array.from({ length: 5000 }, (_, index) => (index % 7 === 0 ? null : `row ${String(index)}`));
  const lists = values.map((value, index) => (index % 5 === 0 ? null : [value, String(index)]));
  await native.createTableFromColumns('test_chunks', [
    { name: 's', type: 'varchar', values },
    { name: 'l', type: 'varchar[]', values: lists },
  ]);
  const result = await native.query('SELECT s, l::VARCHAR FROM test_chunks ORDER BY rowid');
  expect(result.rows).toEqual(
    values.map((value, index) => [
      value,
      lists[index] ? `[${lists[index].map((item) => item ?? 'NULL').join(', ')}]` : null,
    ]),
  );
  await native.exec('DROP TABLE test_chunks');
});

test('UDFs see NULL arguments, and their exceptions fail the query with the message', async () => {
  await native.registerStringUdf('test_shout', 2, (a, b) => `${String(a)}|${String(b)}`);
  await native.registerStringUdf('test_fail', 1, (text) => {
    throw new Error(`no good: ${String(text)}`);
  });
  expect((await native.query("SELECT test_shout('é', CAST(NULL AS VARCHAR))")).rows).toEqual([['é|null']]);
  await expect(native.query("SELECT test_fail('x')")).rejects.toThrow('no good: x');
});

/** Statements to run on both engines, by label, with the kind of store they read. */
const STATEMENTS: readonly { label: string; kind: StoreKind; sql: string }[] = [
  ...SAMPLE_QUERIES.map((sample) => ({
    label: `sample "${sample.name}"`,
    // Samples over eventData are written for stores of events from outside AWS.
    kind: sample.sql.includes('eventData.') ? ('activity' as const) : ('cloudtrail' as const),
    sql: sample.sql,
  })),
  ...DOCUMENTED_SAMPLES.filter((sample) => sample.defect === undefined && sample.fails === undefined).map((sample) => ({
    label: `documented "${sample.name}"`,
    kind: sample.kind,
    sql: sample.sql,
  })),
  ...[
    'SELECT * FROM $EDS_ID',
    "SELECT element_at(requestParameters, 'bucketName') AS bucket, count(*) FROM $EDS_ID GROUP BY 1",
    "SELECT json_extract_scalar(eventJson, '$.requestParameters.nested.a[0]') AS a, json_extract(eventJson, '$.additionalEventData') AS extra FROM $EDS_ID WHERE eventName = 'PutObject'",
    "SELECT avg(CAST(element_at(additionalEventData, 'bytesTransferredIn') AS DOUBLE)) AS bytes, CAST(element_at(requestParameters, 'big') AS DOUBLE) AS big FROM $EDS_ID GROUP BY 2",
    "SELECT date_format(eventTime, '%Y-%m-%d %H:%i:%s %W') AS day, date_diff('hour', eventTime, now()) AS age, from_iso8601_timestamp('2025-06-01T10:00:00+02:00') AS fixed FROM $EDS_ID",
    'SELECT element_at(resources, 1).arn AS first, cardinality(resources) AS n, tlsDetails.tlsVersion FROM $EDS_ID WHERE cardinality(resources) > 0',
  ].map((sql) => ({ label: sql, kind: 'cloudtrail' as const, sql })),
];

test.each(STATEMENTS)('$label gives byte-identical rows (or errors) on both engines', async (statement) => {
  const sql = translated(statement.sql, statement.kind);
  const [fromNative, fromWasm] = await Promise.all([outcome(nativeLake, sql), outcome(wasmLake, sql)]);
  expect(fromNative).toEqual(fromWasm);
});

test("date_trunc('day', TIMESTAMP) is a TIMESTAMP on both engines, as in Trino", async () => {
  // DuckDB 1.4.3 (wasm) alone returns a DATE; the translator casts the result back.
  const sql = translated("SELECT date_trunc('day', eventTime) AS day FROM $EDS_ID ORDER BY 1 LIMIT 1");
  expect(await outcome(nativeLake, sql)).toEqual({ columns: ['day'], rows: [['2025-03-04 00:00:00.000']] });
  expect(await outcome(wasmLake, sql)).toEqual({ columns: ['day'], rows: [['2025-03-04 00:00:00.000']] });
});

test("DuckDB versions differ: 1.5.6 reads INTERVAL '7' as seconds, 1.4.3 rejects it", async () => {
  const sql = "SELECT TIMESTAMP '2025-06-01 00:00:00' - INTERVAL '7' AS t";
  expect(await outcome(nativeLake, sql)).toEqual({ columns: ['t'], rows: [['2025-05-31 23:59:53.000']] });
  expect(await outcome(wasmLake, sql)).toEqual({ error: expect.stringMatching(/interval/i) as unknown });
});

test('the adapters differ in the error class of a failing UDF: Invalid Input on native, Invalid on wasm', async () => {
  const sql = translated("SELECT from_iso8601_timestamp('not a time') FROM $EDS_ID");
  expect(await outcome(nativeLake, sql)).toEqual({ error: 'Invalid Input Error: Invalid format: "not a time"' });
  expect(await outcome(wasmLake, sql)).toEqual({ error: 'Invalid Error: Invalid format: "not a time"' });
});
