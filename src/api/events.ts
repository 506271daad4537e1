import {
  LookupEventsCommand,
  type LookupEventsCommandInput,
  type LookupEventsCommandOutput,
  type CloudTrailClient,
} from '@aws-sdk/client-cloudtrail';
import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';

/** Calls LookupEvents. */
export function lookupEvents(
  client: CloudTrailClient,
  input: LookupEventsCommandInput,
  signal?: AbortSignal,
): Promise<LookupEventsCommandOutput> {
  return client.send(new LookupEventsCommand(input), { abortSignal: signal });
}

/** The page size the console asks for: CloudTrail's maximum. */
export const LOOKUP_PAGE_SIZE = 50;

export const eventQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'events'] as const,
  /** Event history, newest first, one LookupEvents page per query page. */
  lookup: (connection: Connection) =>
    infiniteQueryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'lookup'],
      queryFn: ({ pageParam, signal }) =>
        lookupEvents(clientFor(connection), { MaxResults: LOOKUP_PAGE_SIZE, NextToken: pageParam }, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.NextToken,
      placeholderData: keepPreviousData,
    }),
};

/** Checks that a backend answers, with the smallest LookupEvents call; throws what it answered. */
export async function checkConnection(client: CloudTrailClient): Promise<void> {
  await lookupEvents(client, { MaxResults: 1 });
}
