// CloudTrail Lake event data stores: typed calls, query factories and mutation hooks. Every key
// starts at ['cloudtrail', backend, 'event-data-stores'], so each mutation refreshes them all.
import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  GetEventDataStoreCommand,
  ListEventDataStoresCommand,
  RestoreEventDataStoreCommand,
  StartEventDataStoreIngestionCommand,
  StopEventDataStoreIngestionCommand,
  UpdateEventDataStoreCommand,
  type CreateEventDataStoreCommandInput,
  type CreateEventDataStoreCommandOutput,
  type EventDataStoreStatus,
  type GetEventDataStoreCommandOutput,
  type UpdateEventDataStoreCommandInput,
  type UpdateEventDataStoreCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { queryOptions } from '@tanstack/react-query';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { callEmulatorExtension } from './emulator-extensions';
import { useCloudTrailMutation } from './use-cloudtrail-mutation';

/** An event data store as GetEventDataStore describes it. */
export type EventDataStoreDetails = Omit<GetEventDataStoreCommandOutput, '$metadata'>;

/** Statuses a timer moves on by itself; while one shows, the console polls. */
const TRANSITIONAL_STATUSES: ReadonlySet<EventDataStoreStatus | undefined> = new Set([
  'CREATED',
  'STOPPING_INGESTION',
  'STARTING_INGESTION',
]);

/** Whether a status will change without anyone acting (CREATED, STOPPING_ or STARTING_INGESTION). */
export function isTransitionalStatus(status: EventDataStoreStatus | undefined): boolean {
  return TRANSITIONAL_STATUSES.has(status);
}

/** How often a store in a transitional status is read again. */
let pollMilliseconds = 1000;

/**
 * Sets how often a store in a transitional status is read again (default: every second; must be
 * above 0, which TanStack Query takes as "never"). Component tests poll faster: their emulator's
 * clock only moves when a test advances it, so a fast poll changes nothing they see, only how long
 * they wait for it.
 */
export function configureStatusPolling({ intervalMs }: { intervalMs: number }): void {
  pollMilliseconds = intervalMs;
}

/** The ARN or ID of every store in the region, following NextToken to the end. */
export async function listEventDataStoreArns(connection: Connection, signal?: AbortSignal): Promise<string[]> {
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const output = await clientFor(connection).send(new ListEventDataStoresCommand({ NextToken: token }), {
      abortSignal: signal,
    });
    for (const store of output.EventDataStores ?? []) if (store.EventDataStoreArn) arns.push(store.EventDataStoreArn);
    token = output.NextToken;
  } while (token);
  return arns;
}

/** GetEventDataStore: a store's settings and status, by ARN or ID. */
export function getEventDataStore(
  connection: Connection,
  eventDataStore: string,
  signal?: AbortSignal,
): Promise<EventDataStoreDetails> {
  return clientFor(connection).send(new GetEventDataStoreCommand({ EventDataStore: eventDataStore }), {
    abortSignal: signal,
  });
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'EventDataStoreNotFoundException';
}

/**
 * Every store with its details: ListEventDataStores returns only ARN and name, so each store is
 * read with GetEventDataStore. A store purged between the two calls is left out.
 */
export async function listEventDataStores(
  connection: Connection,
  signal?: AbortSignal,
): Promise<EventDataStoreDetails[]> {
  const arns = await listEventDataStoreArns(connection, signal);
  const stores = await Promise.all(
    arns.map((arn) =>
      getEventDataStore(connection, arn, signal).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      }),
    ),
  );
  return stores.filter((store) => store !== undefined);
}

/** CreateEventDataStore. */
export function createEventDataStore(
  connection: Connection,
  input: CreateEventDataStoreCommandInput,
): Promise<CreateEventDataStoreCommandOutput> {
  return clientFor(connection).send(new CreateEventDataStoreCommand(input));
}

/** UpdateEventDataStore: only the members given change. */
export function updateEventDataStore(
  connection: Connection,
  input: UpdateEventDataStoreCommandInput,
): Promise<UpdateEventDataStoreCommandOutput> {
  return clientFor(connection).send(new UpdateEventDataStoreCommand(input));
}

/** DeleteEventDataStore: the store waits seven days in PENDING_DELETION before it is purged. */
export async function deleteEventDataStore(connection: Connection, eventDataStore: string): Promise<void> {
  await clientFor(connection).send(new DeleteEventDataStoreCommand({ EventDataStore: eventDataStore }));
}

/** RestoreEventDataStore: brings back a store pending deletion. */
export async function restoreEventDataStore(connection: Connection, eventDataStore: string): Promise<void> {
  await clientFor(connection).send(new RestoreEventDataStoreCommand({ EventDataStore: eventDataStore }));
}

/** StartEventDataStoreIngestion. */
export async function startEventDataStoreIngestion(connection: Connection, eventDataStore: string): Promise<void> {
  await clientFor(connection).send(new StartEventDataStoreIngestionCommand({ EventDataStore: eventDataStore }));
}

/** StopEventDataStoreIngestion. */
export async function stopEventDataStoreIngestion(connection: Connection, eventDataStore: string): Promise<void> {
  await clientFor(connection).send(new StopEventDataStoreIngestionCommand({ EventDataStore: eventDataStore }));
}

/** Events and bytes a store holds, from the emulator; CloudTrail's API has no such figure. */
export type EventDataStoreUsage =
  { available: true; EventDataStoreArn: string; Events: number; Bytes: number } | { available: false };

/** The emulator extension GetEventDataStoreUsage; `available: false` when the backend is AWS. */
export async function getEventDataStoreUsage(
  connection: Connection,
  eventDataStore: string,
): Promise<EventDataStoreUsage> {
  const body = await callEmulatorExtension(connection, 'GetEventDataStoreUsage', { EventDataStore: eventDataStore });
  if (body === undefined) return { available: false };
  return {
    available: true,
    EventDataStoreArn: typeof body.EventDataStoreArn === 'string' ? body.EventDataStoreArn : eventDataStore,
    Events: typeof body.Events === 'number' ? body.Events : 0,
    Bytes: typeof body.Bytes === 'number' ? body.Bytes : 0,
  };
}

export const eventDataStoreQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'event-data-stores'] as const,
  /** Every store of the region with its details; polls while one is changing status. */
  list: (connection: Connection) =>
    queryOptions({
      queryKey: [...eventDataStoreQueries.all(backendIdOf(connection)), 'list'],
      queryFn: ({ signal }) => listEventDataStores(connection, signal),
      refetchInterval: (query) =>
        query.state.data?.some((store) => isTransitionalStatus(store.Status)) ? pollMilliseconds : false,
    }),
  /** One store by ARN or ID; polls while its status is changing. */
  detail: (connection: Connection, eventDataStore: string) =>
    queryOptions({
      queryKey: [...eventDataStoreQueries.all(backendIdOf(connection)), 'detail', eventDataStore],
      queryFn: ({ signal }) => getEventDataStore(connection, eventDataStore, signal),
      refetchInterval: (query) => (isTransitionalStatus(query.state.data?.Status) ? pollMilliseconds : false),
    }),
  /** Events and bytes a store holds (emulator extension). */
  usage: (connection: Connection, arn: string) =>
    queryOptions({
      queryKey: [...eventDataStoreQueries.all(backendIdOf(connection)), 'usage', arn],
      queryFn: () => getEventDataStoreUsage(connection, arn),
    }),
};

/** Creates a store. */
export function useCreateEventDataStore() {
  return useCloudTrailMutation(createEventDataStore, eventDataStoreQueries.all);
}

/** Changes a store's settings (name, retention, pricing, termination protection, selectors). */
export function useUpdateEventDataStore() {
  return useCloudTrailMutation(updateEventDataStore, eventDataStoreQueries.all);
}

/** Deletes a store (it stays PENDING_DELETION for seven days). */
export function useDeleteEventDataStore() {
  return useCloudTrailMutation(deleteEventDataStore, eventDataStoreQueries.all);
}

/** Restores a store pending deletion. */
export function useRestoreEventDataStore() {
  return useCloudTrailMutation(restoreEventDataStore, eventDataStoreQueries.all);
}

/** Starts ingestion of a stopped store. */
export function useStartEventDataStoreIngestion() {
  return useCloudTrailMutation(startEventDataStoreIngestion, eventDataStoreQueries.all);
}

/** Stops ingestion of an enabled store. */
export function useStopEventDataStoreIngestion() {
  return useCloudTrailMutation(stopEventDataStoreIngestion, eventDataStoreQueries.all);
}
