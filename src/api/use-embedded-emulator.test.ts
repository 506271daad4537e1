import { QueryObserver, type QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from './query-client';
import { refreshEmbeddedQueries } from './use-embedded-emulator';

/** A query the page shows (one observer), whose answers the test hands out one fetch at a time. */
function shownQuery(queryClient: QueryClient, backend: string) {
  const answers: ((value: string) => void)[] = [];
  const observer = new QueryObserver(queryClient, {
    queryKey: ['cloudtrail', backend, 'stores'],
    queryFn: () => new Promise<string>((resolve) => answers.push(resolve)),
    retry: false,
  });
  const results: string[] = [];
  const unsubscribe = observer.subscribe((result) => {
    if (result.data !== undefined && result.data !== results.at(-1)) results.push(result.data);
  });
  return { observer, answers, results, unsubscribe };
}

/** Lets promise callbacks run (the query's fetch starts and settles in microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('refreshEmbeddedQueries', () => {
  it('fetches again a first fetch that was in flight when the emulator changed, instead of keeping its answer', async () => {
    const queryClient = createQueryClient();
    const { observer, answers, unsubscribe } = shownQuery(queryClient, 'embedded:us-east-1');
    await settle();
    expect(answers).toHaveLength(1);

    // Another tab stops ingestion after this page's first list request was answered, but before
    // that answer arrived here.
    const refreshed = refreshEmbeddedQueries(queryClient);
    answers[0]?.('Enabled');
    await settle();
    expect(answers).toHaveLength(2);
    answers[1]?.('Stopped ingestion');
    await refreshed;
    expect(observer.getCurrentResult().data).toBe('Stopped ingestion');
    unsubscribe();
  });

  it('refetches a shown query that has data, and leaves other backends alone', async () => {
    const queryClient = createQueryClient();
    const embedded = shownQuery(queryClient, 'embedded:us-east-1');
    const aws = shownQuery(queryClient, 'aws:us-east-1');
    await settle();
    embedded.answers[0]?.('Enabled');
    aws.answers[0]?.('AWS');
    await settle();

    const refreshed = refreshEmbeddedQueries(queryClient);
    await settle();
    expect(embedded.answers).toHaveLength(2);
    expect(aws.answers).toHaveLength(1);
    embedded.answers[1]?.('Pending deletion');
    await refreshed;
    expect(embedded.results).toEqual(['Enabled', 'Pending deletion']);
    embedded.unsubscribe();
    aws.unsubscribe();
  });
});
