// Runs Lake statements on the emulator in Node, on duckdb-wasm's Node build, for
// lake-engines.spec.ts: `node --import tsx e2e/lake-engines-node.ts <input.json>` prints one
// LakeEngineRun per statement as JSON (those of `statements`, then those of `afterStore`). A separate process because Playwright loads TypeScript as
// native ES modules, which cannot load the emulator: mocks/emulator/validate.ts imports a JSON file
// without `with { type: 'json' }`, and the Lake parser imports dt-sql-parser's files without their
// `.js` extension. tsx resolves both, as it does for `npm run emulator`.
import { readFileSync } from 'node:fs';
import { manualClock } from '../mocks/emulator/clock';
import { createEmulator } from '../mocks/emulator/create-emulator';
import { ADMIN_ACCESS_KEY } from '../mocks/emulator/identities';
import { openDuckDbWasmNode } from '../mocks/emulator/lake-engine/duckdb-wasm-node';
import { memoryStorage } from '../mocks/emulator/storage/memory';

/** The world to build and the statements to run in it. */
export interface LakeEngineInput {
  seed: number;
  anchor: number;
  /** The clock's start, epoch ms: when the browser's emulator was reset. */
  now: number;
  statements: string[];
  /**
   * Run after `statements`: first a store is created with this CreateEventDataStore input (the
   * seeded world has no Insights store), then these statements, with `marker` replaced by its ID.
   */
  afterStore?: { create: Record<string, unknown>; marker: string; statements: string[] };
}

/** A query's outcome as the spec compares it, whichever engine ran it. */
export interface LakeEngineRun {
  status: string;
  error?: string;
  eventsScanned?: number;
  bytesScanned?: number;
  eventsMatched?: number;
  totalResultsCount?: number;
  /** Every GetQueryResults page's rows, in order. */
  rows: Record<string, string>[][];
}

/** Longer than any query runs on the emulator's clock (mocks/emulator/SEMANTICS.md §10.1). */
const PAST_ANY_RUN = 16_000;

interface Described {
  QueryStatus?: string;
  ErrorMessage?: string;
  QueryStatistics?: { EventsScanned?: number; BytesScanned?: number; EventsMatched?: number };
}

interface ResultsPage {
  QueryResultRows?: Record<string, string>[][];
  QueryStatistics?: { TotalResultsCount?: number };
  NextToken?: string;
}

const argument = process.argv[2];
if (argument === undefined) throw new Error('Usage: node --import tsx e2e/lake-engines-node.ts <input.json>');
const input = JSON.parse(readFileSync(argument, 'utf8')) as LakeEngineInput;
const clock = manualClock(input.now);
const emulator = await createEmulator({
  storage: memoryStorage(),
  clock,
  seed: input.seed,
  anchor: input.anchor,
  simulator: false,
  throttle: false,
  lakeEngine: openDuckDbWasmNode,
});
const info = { requestId: 'lake-engines', accessKeyId: ADMIN_ACCESS_KEY, region: 'us-east-1' };

async function run(statement: string): Promise<LakeEngineRun> {
  const { QueryId } = (await emulator.serve('cloudtrail', 'StartQuery', { QueryStatement: statement }, info)) as {
    QueryId: string;
  };
  clock.advance(PAST_ANY_RUN);
  const described = (await emulator.serve('cloudtrail', 'DescribeQuery', { QueryId }, info)) as Described;
  const outcome: LakeEngineRun = {
    status: described.QueryStatus ?? '',
    ...(described.ErrorMessage === undefined ? {} : { error: described.ErrorMessage }),
    eventsScanned: described.QueryStatistics?.EventsScanned,
    bytesScanned: described.QueryStatistics?.BytesScanned,
    eventsMatched: described.QueryStatistics?.EventsMatched,
    rows: [],
  };
  if (outcome.status === 'FINISHED') {
    let token: string | undefined;
    do {
      const page = (await emulator.serve(
        'cloudtrail',
        'GetQueryResults',
        { QueryId, ...(token === undefined ? {} : { NextToken: token }) },
        info,
      )) as ResultsPage;
      outcome.totalResultsCount ??= page.QueryStatistics?.TotalResultsCount;
      outcome.rows.push(...(page.QueryResultRows ?? []));
      token = page.NextToken;
    } while (token !== undefined);
  }
  return outcome;
}

const runs: LakeEngineRun[] = [];
for (const statement of input.statements) runs.push(await run(statement));
if (input.afterStore) {
  const { create, marker, statements } = input.afterStore;
  const { EventDataStoreArn } = (await emulator.serve('cloudtrail', 'CreateEventDataStore', create, info)) as {
    EventDataStoreArn: string;
  };
  const id = EventDataStoreArn.slice(EventDataStoreArn.lastIndexOf('/') + 1);
  for (const statement of statements) runs.push(await run(statement.replaceAll(marker, id)));
}
process.stdout.write(JSON.stringify(runs));
