// SearchSampleQueries through the SDK (SEMANTICS.md §10.4).
import { SearchSampleQueriesCommand, InvalidParameterException } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../node';
import { SAMPLE_QUERIES } from './sample-queries';

const search = (input: { SearchPhrase: string; MaxResults?: number; NextToken?: string }) =>
  emulatorClient().send(new SearchSampleQueriesCommand(input));

test('holds at least 20 samples, each naming the store as $EDS_ID', () => {
  expect(SAMPLE_QUERIES.length).toBeGreaterThanOrEqual(20);
  for (const sample of SAMPLE_QUERIES) expect(sample.sql).toMatch(/FROM \$EDS_ID\b/);
});

test('ranks samples by the share of the phrase they contain, most relevant first', async () => {
  const { SearchResults = [] } = await search({ SearchPhrase: 'which users had the most failed console logins' });
  expect(SearchResults.length).toBeGreaterThan(0);
  const relevance = SearchResults.map((result) => result.Relevance ?? -1);
  expect([...relevance].sort((a, b) => b - a)).toEqual(relevance);
  for (const value of relevance) expect(value).toBeGreaterThan(0);
  for (const value of relevance) expect(value).toBeLessThanOrEqual(1);
  expect(SearchResults[0]?.Name).toMatch(/sign-ins|failed/i);
  expect(SearchResults[0]?.SQL).toContain('$EDS_ID');
});

test('a phrase made only of the words of a sample scores 1 for it', async () => {
  const { SearchResults = [] } = await search({ SearchPhrase: 'root user activity' });
  expect(SearchResults[0]).toMatchObject({ Name: 'Root user activity', Relevance: 1 });
});

test('returns nothing for a phrase that shares no word with any sample', async () => {
  expect((await search({ SearchPhrase: 'zebra xylophone' })).SearchResults).toEqual([]);
});

test('pages with MaxResults (default 10) and a NextToken bound to the phrase', async () => {
  const SearchPhrase = 'events calls user';
  const all = (await search({ SearchPhrase, MaxResults: 50 })).SearchResults ?? [];
  expect(all.length).toBeGreaterThan(10);
  const first = await search({ SearchPhrase });
  expect(first.SearchResults).toHaveLength(10);
  const second = await search({ SearchPhrase, NextToken: first.NextToken ?? '' });
  expect([...(first.SearchResults ?? []), ...(second.SearchResults ?? [])].map((result) => result.Name)).toEqual(
    all.slice(0, 10 + (second.SearchResults?.length ?? 0)).map((result) => result.Name),
  );
  await expect(search({ SearchPhrase: 'root activity', NextToken: first.NextToken ?? '' })).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
  await expect(search({ SearchPhrase, NextToken: 'garbage' })).rejects.toBeInstanceOf(InvalidParameterException);
});

test('a phrase outside the model constraints is InvalidParameterException', async () => {
  await expect(search({ SearchPhrase: 'x' })).rejects.toBeInstanceOf(InvalidParameterException);
  await expect(search({ SearchPhrase: 'top errors', MaxResults: 51 })).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
});
