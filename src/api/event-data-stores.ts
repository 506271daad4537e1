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
import { signedFetch } from './signed-fetch';
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

/**
 * An error answered by an emulator extension. It has the SDK's error shape ($fault, $metadata), so
 * describeError shows its name and message as it does CloudTrail's.
 */
export class EmulatorExtensionError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number };

  constructor(name: string, message: string, status: number) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status };
  }
}

const USAGE_TARGET = 'CloudTrailEmulator_20250101.GetEventDataStoreUsage';

/**
 * Where an emulator serves its extensions: the embedded one answers the AWS endpoint itself. The
 * call is signed like any other, so the Region comes from the SigV4 scope.
 */
function extensionUrl(connection: Connection): URL | undefined {
  switch (connection.kind) {
    case 'embedded':
      return new URL(`https://cloudtrail.${connection.region}.amazonaws.com/`);
    case 'local':
      return new URL(`${connection.endpoint.replace(/\/+$/, '')}/`);
    case 'aws':
      return undefined;
  }
}

/** The emulator extension GetEventDataStoreUsage; `available: false` when the backend is AWS. */
export async function getEventDataStoreUsage(
  connection: Connection,
  eventDataStore: string,
): Promise<EventDataStoreUsage> {
  const url = extensionUrl(connection);
  if (url === undefined) return { available: false };
  const response = await signedFetch(connection, {
    url,
    service: 'cloudtrail',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': USAGE_TARGET },
    body: JSON.stringify({ EventDataStore: eventDataStore }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const name = response.headers.get('x-amzn-errortype') ?? (typeof body.__type === 'string' ? body.__type : '');
    const message = typeof body.message === 'string' ? body.message : response.statusText;
    throw new EmulatorExtensionError(name.split(':')[0] || 'UnknownError', message, response.status);
  }
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
