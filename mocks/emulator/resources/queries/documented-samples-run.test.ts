// The documented Lake sample queries (lake-sql/documented-samples.ts) and the emulator's own
// samples run unchanged but for the store ID, through StartQuery on the engine, over the seeded
// stores (and new Config and Insights stores): each FINISHES, except those documented to fail.
import {
  CreateEventDataStoreCommand,
  DescribeQueryCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient, testClock } from '../../../node';
import { SECOND } from '../../clock';
import { DOCUMENTED_SAMPLES } from './lake-sql/documented-samples';
import type { StoreKind } from './lake-sql/lake-types';
import { SAMPLE_QUERIES } from './sample-queries';

const client = emulatorClient();

async function newStore(Name: string, category: string): Promise<string> {
  const created = await client.send(
    new CreateEventDataStoreCommand({
      Name,
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: [category] }] }],
    }),
  );
  return created.EventDataStoreArn?.split('/').at(-1) ?? '';
}

/** Runs a statement to its end; returns its status and, if it failed, why. */
async function run(statement: string): Promise<{ status?: string; error?: string; rows: number }> {
  const { QueryId = '' } = await client.send(new StartQueryCommand({ QueryStatement: statement }));
  testClock.advance(16 * SECOND);
  const described = await client.send(new DescribeQueryCommand({ QueryId }));
  const results = await client.send(new GetQueryResultsCommand({ QueryId }));
  return {
    ...(described.QueryStatus === undefined ? {} : { status: described.QueryStatus }),
    ...(described.ErrorMessage === undefined ? {} : { error: described.ErrorMessage }),
    rows: results.QueryStatistics?.TotalResultsCount ?? 0,
  };
}

test('every documented sample and every built-in sample runs unchanged but for the store ID', async () => {
  const stores: Record<StoreKind, string> = {
    cloudtrail: 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24',
    activity: 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80',
    config: await newStore('config-items', 'ConfigurationItem'),
    insights: await newStore('insights', 'Insight'),
  };
  testClock.advance(5 * SECOND);
  const unexpected: string[] = [];
  let finishedWithRows = 0;
  for (const sample of DOCUMENTED_SAMPLES) {
    if (sample.defect !== undefined) continue;
    const outcome = await run(sample.sql.replaceAll('$EDS_ID', stores[sample.kind]));
    const expected = sample.fails === undefined ? 'FINISHED' : 'FAILED';
    if (outcome.status !== expected)
      unexpected.push(`${sample.name}: ${outcome.status ?? '?'} ${outcome.error ?? ''}`.trim());
    if (outcome.status === 'FINISHED' && outcome.rows > 0) finishedWithRows++;
  }
  for (const sample of SAMPLE_QUERIES) {
    const kind: StoreKind = sample.sql.includes('eventData.') ? 'activity' : 'cloudtrail';
    const outcome = await run(sample.sql.replaceAll('$EDS_ID', stores[kind]));
    if (outcome.status !== 'FINISHED')
      unexpected.push(`${sample.name}: ${outcome.status ?? '?'} ${outcome.error ?? ''}`.trim());
  }
  expect(unexpected).toEqual([]);
  // Many samples look for services or dates the seeded world does not have; a dozen find rows.
  expect(finishedWithRows).toBeGreaterThanOrEqual(12);
}, 120_000);
