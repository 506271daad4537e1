// Lake queries at 100k and 1M seeded events, over the seeded management-events store (about 55%
// of the seeded records: it was created 60 days into the 90-day past, and S3 data records go
// elsewhere). Three queries, each measured in the same run as:
//   lake:     the full path through the emulator: StartQuery (translation, the snapshot sync,
//             DESCRIBE, the text wrapper, EventsMatched, scan statistics), the clock moved past the
//             run time, DescribeQuery and every GetQueryResults page; on duckdb-wasm, as served.
//   lake-sql: StartQuery's engine work alone (translation, DESCRIBE, wrapper, EventsMatched).
//   raw:      the same question as hand-written DuckDB SQL on the same duckdb-wasm engine and table.
//   native:   that raw SQL on native DuckDB (@duckdb/node-api; its default 2 threads, and 1 thread),
//             with the same records loaded through the same Lake layer.
// All but lake run first at each size, so they read exactly the records loaded at setup; each lake
// query then syncs the records of the previous one's own calls, as a served query does. Targets
// (the Lake engine issue), at 1M: lake/raw at most 1.5, lake/native at most 3. Compare the ratios
// printed after each size, not absolute times: machines differ. Also printed: how long the
// embedded emulator's default data (DEFAULT_SEEDED_EVENTS) takes to load into a fresh engine and
// answer the first query, engine open included.
// At 1M seeded events the store holds about 553k records; the mirror's first load commits every
// 10k records (LakeDatabase.loadTable), which keeps duckdb-wasm near 1 GB of its 3.1 GiB
// memory_limit (in one transaction it ran out at about 410k records). Setup at 1M takes some
// four minutes: seeding, then loading both engines.
import { bench, describe } from 'vitest';
import { HOUR, manualClock, type ManualClock } from '../../clock';
import { createEmulator, type Emulator } from '../../create-emulator';
import type { LakeEngine } from '../../lake-engine/engine';
import { openDuckDbNodeApi } from '../../lake-engine/duckdb-node-api';
import { openDuckDbWasmNode } from '../../lake-engine/duckdb-wasm-node';
import { memoryStorage } from '../../storage/memory';
import { retainedRecords } from '../event-data-stores/event-data-store';
import { DEFAULT_SEEDED_EVENTS } from '../event-history/seed/seed-history';
import { LakeDatabase } from './lake/lake-database';
import { translateLakeQuery } from './lake-sql/translate';
import { lakeMirror, lakeTableName } from './lake-mirror';
import { DEFAULT_QUERY_TIMING } from './query';
import { nodeSha256Base64 } from '../../../node';

/** LAKE_BENCH_SIZES (comma-separated) measures other sizes, e.g. `100000` alone in a minute or two. */
const SIZES = process.env.LAKE_BENCH_SIZES?.split(',').map(Number) ?? [100_000, 1_000_000];
const STORE_ID = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const TABLE = lakeTableName(STORE_ID);
const anchor = Date.UTC(2025, 5, 2, 12);
/** Past any query's queue and run time on the clock. */
const PAST_RUN = DEFAULT_QUERY_TIMING.queuedMillis + DEFAULT_QUERY_TIMING.maxMillis + 1000;
/** Records per appendRecords call when loading native DuckDB, to bound the JSON held at once. */
const NATIVE_BATCH = 100_000;

let requests = 0;
const info = () => ({ requestId: `bench-${String(requests++)}` });

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

interface QueryCase {
  readonly label: string;
  /** CloudTrail Lake SQL, as a client sends it. */
  readonly lake: string;
  /** The same question in DuckDB SQL on the store's table, every column VARCHAR. */
  readonly raw: string;
}

/** What StartQuery runs on the engine for a Lake statement: the query, then the EventsMatched counts. */
function translated(statement: string): { sql: string; matchedSql: string[] } {
  return translateLakeQuery(statement, { now: anchor, resolveStore: () => ({ table: TABLE, kind: 'cloudtrail' }) });
}

function queryCases(arn: string): QueryCase[] {
  const quoted = arn.replaceAll("'", "''");
  return [
    {
      label: 'GROUP BY eventName',
      lake: `SELECT eventName, count(*) FROM ${STORE_ID} GROUP BY eventName`,
      raw: `SELECT eventname, CAST(count(*) AS VARCHAR) FROM ${TABLE} GROUP BY eventname ORDER BY eventname`,
    },
    {
      label: 'count WHERE userIdentity.arn',
      lake: `SELECT count(*) FROM ${STORE_ID} WHERE userIdentity.arn = '${quoted}'`,
      raw: `SELECT CAST(count(*) AS VARCHAR) FROM ${TABLE} WHERE useridentity.arn = '${quoted}'`,
    },
    {
      label: 'element_at bucketName GROUP BY',
      lake: `SELECT element_at(requestParameters, 'bucketName') AS bucket, count(*) FROM ${STORE_ID} GROUP BY 1`,
      raw: `SELECT requestparameters['bucketName'], CAST(count(*) AS VARCHAR) FROM ${TABLE} GROUP BY 1 ORDER BY 1`,
    },
  ];
}

async function serve<T>(emulator: Emulator, operation: string, input: object): Promise<T> {
  return (await emulator.serve('cloudtrail', operation, input, info())) as T;
}

/** One Lake query from StartQuery to its last result page; the number of rows. */
async function lakeQuery(emulator: Emulator, clock: ManualClock, statement: string): Promise<number> {
  const { QueryId } = await serve<{ QueryId: string }>(emulator, 'StartQuery', { QueryStatement: statement });
  clock.advance(PAST_RUN);
  const described = await serve<{ QueryStatus?: string; ErrorMessage?: string }>(emulator, 'DescribeQuery', {
    QueryId,
  });
  if (described.QueryStatus !== 'FINISHED')
    throw new Error(`${statement}: ${described.QueryStatus ?? '?'} ${described.ErrorMessage ?? ''}`);
  let rows = 0;
  let NextToken: string | undefined;
  do {
    const page = await serve<{ QueryResultRows?: unknown[]; NextToken?: string }>(emulator, 'GetQueryResults', {
      QueryId,
      NextToken,
    });
    rows += page.QueryResultRows?.length ?? 0;
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The embedded emulator's default data: a fresh engine, loaded and queried once.

async function firstQuery(label: string, sha256Base64?: (text: string) => string): Promise<string> {
  const clock = manualClock(anchor + HOUR);
  let engine: Promise<LakeEngine> | undefined;
  let openMillis = 0;
  const emulator = await createEmulator({
    storage: memoryStorage(),
    clock,
    anchor,
    throttle: false,
    simulator: false,
    ...(sha256Base64 ? { sha256Base64 } : {}),
    lakeEngine: () =>
      (engine ??= (async () => {
        const start = performance.now();
        const opened = await openDuckDbWasmNode();
        openMillis = performance.now() - start;
        return opened;
      })()),
  });
  const records = emulator.state.contents(STORE_ID).length;
  const start = performance.now();
  const rows = await lakeQuery(emulator, clock, `SELECT eventName, count(*) FROM ${STORE_ID} GROUP BY eventName`);
  const total = performance.now() - start;
  await (await engine)?.close();
  return (
    `  ${label}: ${seconds(total)} from StartQuery to the last page (${String(rows)} rows), of which ` +
    `${seconds(openMillis)} opening duckdb-wasm; ${records.toLocaleString('en-US')} records in the store`
  );
}

// The first in the process also loads the translator and the duckdb-wasm bundle, as a fresh
// embedded emulator does; the second shows what that cold start costs.
const firstQueryLines = [
  await firstQuery('first in the process, pure-TypeScript SHA-256 as in the browser'),
  await firstQuery('again, modules loaded'),
  await firstQuery("again, node:crypto's SHA-256 as the Node entry points lend", nodeSha256Base64),
];
console.log(
  [
    `First Lake query on the embedded emulator's default data (${String(DEFAULT_SEEDED_EVENTS)} seeded events), duckdb-wasm in Node:`,
    ...firstQueryLines,
  ].join('\n'),
);

// ---------------------------------------------------------------------------------------------
// The worlds: one size at a time, built when its first case starts and freed before the next.

interface World {
  readonly size: number;
  readonly emulator: Emulator;
  readonly clock: ManualClock;
  readonly wasm: LakeEngine;
  /** The mirror's Lake database on `wasm`. */
  readonly lake: LakeDatabase;
  readonly native: LakeEngine;
  readonly nativeThreads: string;
  readonly cases: QueryCase[];
  readonly notes: string[];
  /** Run-phase durations by case key, ms. */
  readonly samples: Map<string, number[]>;
}

let current: World | undefined;

function world(): World {
  if (!current) throw new Error('The bench world is not built yet.');
  return current;
}

async function build(size: number): Promise<World> {
  const notes: string[] = [];
  const clock = manualClock(anchor + HOUR);
  let started = performance.now();
  let wasm: Promise<LakeEngine> | undefined;
  const emulator = await createEmulator({
    storage: memoryStorage(),
    clock,
    anchor,
    seededEvents: size,
    throttle: false,
    simulator: false,
    sha256Base64: nodeSha256Base64,
    lakeEngine: () => (wasm ??= openDuckDbWasmNode()),
  });
  notes.push(`seeding ${size.toLocaleString('en-US')} events: ${seconds(performance.now() - started)}`);
  // What the mirror copies at the first StartQuery, taken before it (its own record comes after).
  const entries = retainedRecords(emulator.state, STORE_ID, clock.now());
  started = performance.now();
  await lakeQuery(emulator, clock, `SELECT count(*) FROM ${STORE_ID}`);
  const wasmEngine = await (wasm ?? Promise.reject(new Error('StartQuery did not open the engine')));
  const lake = (await (lakeMirror(emulator.state) ?? Promise.reject(new Error('No Lake mirror')))).database;
  notes.push(
    `duckdb-wasm: open, load ${entries.length.toLocaleString('en-US')} store records and answer a first query: ` +
      seconds(performance.now() - started),
  );

  started = performance.now();
  const native = await openDuckDbNodeApi();
  const nativeLake = await LakeDatabase.open(native, { sha256Base64: nodeSha256Base64 });
  await nativeLake.createTable(TABLE, 'cloudtrail');
  for (let start = 0; start < entries.length; start += NATIVE_BATCH) {
    const jsons = entries.slice(start, start + NATIVE_BATCH).map((entry) => emulator.state.jsonOf(entry));
    await nativeLake.appendRecords(TABLE, 'cloudtrail', jsons);
  }
  notes.push(`native DuckDB: open and load the same records: ${seconds(performance.now() - started)}`);

  const count = `SELECT CAST(count(*) AS VARCHAR) FROM ${TABLE}`;
  const [wasmCount, nativeCount] = await Promise.all([wasmEngine.query(count), native.query(count)]);
  if (JSON.stringify(wasmCount.rows) !== JSON.stringify(nativeCount.rows))
    throw new Error(`The engines hold different records: ${JSON.stringify([wasmCount.rows, nativeCount.rows])}`);
  const [top] = (
    await wasmEngine.query(
      `SELECT useridentity.arn, CAST(count(*) AS VARCHAR) FROM ${TABLE} WHERE useridentity.arn IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )
  ).rows;
  const arn = top?.[0] ?? '';
  notes.push(`filtered ARN: ${arn} (${top?.[1] ?? '0'} records)`);
  const cases = queryCases(arn);
  // Both engines must agree before their times are compared.
  for (const item of cases) {
    const [fromWasm, fromNative] = await Promise.all([wasmEngine.query(item.raw), native.query(item.raw)]);
    if (JSON.stringify(fromWasm.rows) !== JSON.stringify(fromNative.rows))
      throw new Error(`${item.label}: raw results differ between duckdb-wasm and native DuckDB`);
  }
  const nativeThreads = (await native.query("SELECT current_setting('threads')::VARCHAR")).rows[0]?.[0] ?? '';
  const heap = (await wasmEngine.query("SELECT current_setting('memory_limit')")).rows[0]?.[0] ?? '?';
  notes.push(
    `store records in the engines: ${wasmCount.rows[0]?.[0] ?? '?'}; JS heap ${String(Math.round(process.memoryUsage().heapUsed / 2 ** 20))} MB, ` +
      `wasm and native memory outside it (rss ${String(Math.round(process.memoryUsage().rss / 2 ** 20))} MB); ` +
      `duckdb-wasm memory_limit ${heap}; native threads ${nativeThreads}`,
  );
  return { size, emulator, clock, wasm: wasmEngine, lake, native, nativeThreads, cases, notes, samples: new Map() };
}

/** Prints a size's results: notes, then per case the median of each path and the ratios. */
function report(done: World): void {
  const ms = (key: string) => median(done.samples.get(key) ?? []);
  const lines = [`Lake queries at ${done.size.toLocaleString('en-US')} seeded events:`];
  for (const note of done.notes) lines.push(`  ${note}`);
  lines.push(
    '  median ms: lake | lake SQL only | raw (wasm) | native | native 1 thread; ratios lake/raw, lake/native, raw/native',
  );
  for (const item of done.cases) {
    const [lake, sql, raw, native, single] = (['lake', 'lake-sql', 'raw', 'native', 'native-1'] as const).map((path) =>
      ms(`${item.label} ${path}`),
    ) as [number, number, number, number, number];
    lines.push(
      `  ${item.label}: ${[lake, sql, raw, native, single].map((value) => value.toFixed(1)).join(' | ')}; ` +
        `${(lake / raw).toFixed(2)}, ${(lake / native).toFixed(2)}, ${(raw / native).toFixed(2)} ` +
        `(1 thread: ${(lake / single).toFixed(2)}, ${(raw / single).toFixed(2)})`,
    );
  }
  if (done.size === SIZES.at(-1)) lines.push('  targets at 1M: lake/raw <= 1.5, lake/native <= 3');
  console.log(lines.join('\n'));
}

async function dispose(done: World): Promise<void> {
  report(done);
  await Promise.all([done.wasm.close(), done.native.close()]);
}

async function worldFor(size: number): Promise<World> {
  if (current?.size === size) return current;
  if (current) await dispose(current);
  current = undefined;
  current = await build(size);
  return current;
}

// ---------------------------------------------------------------------------------------------
// The cases. Each size's world is built in the setup of its first case.

type Path = 'raw' | 'native' | 'native-1' | 'lake-sql' | 'lake';
/** In this order at each size: every path but lake reads exactly the records loaded at setup. */
const PATHS: readonly Path[] = ['raw', 'native', 'native-1', 'lake-sql', 'lake'];
const LABELS = queryCases('').map((item) => item.label);

async function runCase(label: string, path: Path): Promise<void> {
  const { emulator, clock, wasm, lake, native, cases } = world();
  const item = cases.find((candidate) => candidate.label === label);
  if (!item) throw new Error(`No case ${label}`);
  if (path === 'lake') await lakeQuery(emulator, clock, item.lake);
  else if (path === 'lake-sql') {
    // StartQuery's engine work alone: translation, DESCRIBE, the text wrapper, EventsMatched.
    const { sql, matchedSql } = translated(item.lake);
    await lake.run(sql);
    for (const matched of matchedSql) await lake.number(matched);
  } else await (path === 'raw' ? wasm : native).query(item.raw);
}

for (const size of SIZES) {
  const last = size === SIZES.at(-1);
  describe(`Lake queries, ${size.toLocaleString('en-US')} seeded events`, () => {
    for (const path of PATHS)
      for (const label of LABELS) {
        const key = `${label} ${path}`;
        const final = last && path === PATHS.at(-1) && label === LABELS.at(-1);
        bench(
          `${path}: ${label}`,
          async () => {
            const start = performance.now();
            await runCase(label, path);
            current?.samples.get(key)?.push(performance.now() - start);
          },
          {
            ...(size > 100_000 ? { time: 0, iterations: 5 } : { time: 1000, iterations: 10 }),
            warmupTime: 0,
            warmupIterations: 1,
            setup: async (_task, mode) => {
              const built = await worldFor(size);
              if (path.startsWith('native'))
                await built.native.exec(`SET threads=${path === 'native-1' ? '1' : built.nativeThreads}`);
              if (mode === 'run') built.samples.set(key, []);
            },
            teardown: (_task, mode) => {
              // The runner does not await teardown; the last case frees the last world.
              if (final && mode === 'run' && current) void dispose(current);
            },
          },
        );
      }
  });
}
