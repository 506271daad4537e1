// The documented Lake samples and the emulator's own (SearchSampleQueries, GenerateQuery) all
// translate; those with defects in their own text are refused as CloudTrail refuses them.
import { expect, test } from 'vitest';
import { InvalidQueryStatementException } from '../../../errors';
import { SAMPLE_QUERIES } from '../sample-queries';
import { DOCUMENTED_SAMPLES } from './documented-samples';
import type { StoreKind } from './lake-types';
import { translateLakeQuery, type TranslatedQuery } from './translate';

const STORE_IDS: Record<StoreKind, string> = {
  cloudtrail: '0b1d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
  activity: '7c2e4f10-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
  config: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
  insights: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
};

function translateSample(sql: string, kind: StoreKind): TranslatedQuery {
  return translateLakeQuery(sql.replaceAll('$EDS_ID', STORE_IDS[kind]), {
    now: Date.UTC(2025, 4, 14, 9, 26, 41),
    resolveStore: (reference) => {
      const found = Object.entries(STORE_IDS).find(([, id]) => id === reference);
      if (!found) throw new Error(`unexpected store reference ${reference}`);
      return { table: `eds_${found[0]}`, kind: found[0] as StoreKind };
    },
  });
}

test('the fixture holds the documented samples of both sources, each naming its store $EDS_ID', () => {
  expect(DOCUMENTED_SAMPLES.filter((sample) => sample.source === 'aws-samples').length).toBeGreaterThanOrEqual(60);
  expect(DOCUMENTED_SAMPLES.filter((sample) => sample.source === 'user-guide').length).toBeGreaterThanOrEqual(15);
  for (const sample of DOCUMENTED_SAMPLES) expect(sample.sql).toContain('$EDS_ID');
});

test.each(DOCUMENTED_SAMPLES.filter((sample) => sample.defect === undefined && sample.fails === undefined))(
  'documented sample "$name" translates',
  (sample) => {
    const translated = translateSample(sample.sql, sample.kind);
    expect(translated.sql).toContain(`"eds_${sample.kind}"`);
    expect(translated.failure).toBeUndefined();
  },
);

test.each(DOCUMENTED_SAMPLES.filter((sample) => sample.fails !== undefined))(
  'documented sample "$name" translates into a query that ends FAILED',
  (sample) => {
    expect(translateSample(sample.sql, sample.kind).failure).toMatch(/^line \d+:\d+: /);
  },
);

test.each(DOCUMENTED_SAMPLES.filter((sample) => sample.defect !== undefined))(
  'documented sample "$name" is refused for its own defect',
  (sample) => {
    expect(() => translateSample(sample.sql, sample.kind)).toThrow(InvalidQueryStatementException);
    expect(() => translateSample(sample.sql, sample.kind)).toThrow(/^line \d+:\d+: /);
  },
);

test.each(SAMPLE_QUERIES)('the emulator\'s sample "$name" translates', (sample) => {
  // Samples over eventData are written for stores of events from outside AWS.
  const kind: StoreKind = sample.sql.includes('eventData.') ? 'activity' : 'cloudtrail';
  const translated = translateSample(sample.sql, kind);
  expect(translated.failure).toBeUndefined();
  expect(translated.matchedSql).toHaveLength(1);
});
