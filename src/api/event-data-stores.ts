// CloudTrail Lake event data stores: typed calls, query factories and mutation hooks. Every key
// starts at ['cloudtrail', backend, 'event-data-stores'], so each mutation refreshes them all.
import {
  AddTagsCommand,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  GetEventDataStoreCommand,
  ListEventDataStoresCommand,
  ListTagsCommand,
  RemoveTagsCommand,
  RestoreEventDataStoreCommand,
  StartEventDataStoreIngestionCommand,
  StopEventDataStoreIngestionCommand,
  UpdateEventDataStoreCommand,
  type CreateEventDataStoreCommandInput,
  type CreateEventDataStoreCommandOutput,
  type EventDataStoreStatus,
  type GetEventDataStoreCommandOutput,
  type Tag,
  type UpdateEventDataStoreCommandInput,
  type UpdateEventDataStoreCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { eventQueries } from './events';
import { useConnection } from './use-connection';

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
const POLL_MILLISECONDS = 1000;

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

/** ListTags of one resource. */
export async function listTags(connection: Connection, resourceArn: string, signal?: AbortSignal): Promise<Tag[]> {
  const output = await clientFor(connection).send(new ListTagsCommand({ ResourceIdList: [resourceArn] }), {
    abortSignal: signal,
  });
  return output.ResourceTagList?.[0]?.TagsList ?? [];
}

/** AddTags: adds tags, replacing the values of keys the resource already has. */
export async function addTags(connection: Connection, resourceArn: string, tags: Tag[]): Promise<void> {
  await clientFor(connection).send(new AddTagsCommand({ ResourceId: resourceArn, TagsList: tags }));
}

/** RemoveTags, by key. */
export async function removeTags(connection: Connection, resourceArn: string, keys: string[]): Promise<void> {
  await clientFor(connection).send(
    new RemoveTagsCommand({ ResourceId: resourceArn, TagsList: keys.map((key) => ({ Key: key })) }),
  );
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

/** Where an emulator serves its extensions: the embedded one answers the AWS endpoint itself. */
function extensionUrl(connection: Connection): string | undefined {
  switch (connection.kind) {
    case 'embedded':
      return `https://cloudtrail.${connection.region}.amazonaws.com/`;
    case 'local':
      // Unsigned, so the region goes in the query string.
      return `${connection.endpoint.replace(/\/+$/, '')}/?region=${encodeURIComponent(connection.region)}`;
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
  const response = await fetch(url, {
    method: 'POST',
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
        query.state.data?.some((store) => isTransitionalStatus(store.Status)) ? POLL_MILLISECONDS : false,
    }),
  /** One store by ARN or ID; polls while its status is changing. */
  detail: (connection: Connection, eventDataStore: string) =>
    queryOptions({
      queryKey: [...eventDataStoreQueries.all(backendIdOf(connection)), 'detail', eventDataStore],
      queryFn: ({ signal }) => getEventDataStore(connection, eventDataStore, signal),
      refetchInterval: (query) => (isTransitionalStatus(query.state.data?.Status) ? POLL_MILLISECONDS : false),
    }),
  /** A store's tags (by ARN). */
  tags: (connection: Connection, arn: string) =>
    queryOptions({
      queryKey: [...eventDataStoreQueries.all(backendIdOf(connection)), 'tags', arn],
      queryFn: ({ signal }) => listTags(connection, arn, signal),
    }),
  /** Events and bytes a store holds (emulator extension). */
  usage: (connection: Connection, arn: string) =>
    queryOptions({
      queryKey: [...eventDataStoreQueries.all(backendIdOf(connection)), 'usage', arn],
      queryFn: () => getEventDataStoreUsage(connection, arn),
    }),
};

/**
 * Refreshes what a store change affects: every store query, and Event history, where CloudTrail
 * records the call.
 */
function useInvalidateAfterChange() {
  const { backend } = useConnection();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventDataStoreQueries.all(backend) }),
      queryClient.invalidateQueries({ queryKey: eventQueries.all(backend) }),
    ]);
}

/** Creates a store. */
export function useCreateEventDataStore() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (input: CreateEventDataStoreCommandInput) => createEventDataStore(connection, input),
    onSuccess: invalidate,
  });
}

/** Changes a store's settings (name, retention, pricing, termination protection, selectors). */
export function useUpdateEventDataStore() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (input: UpdateEventDataStoreCommandInput) => updateEventDataStore(connection, input),
    onSuccess: invalidate,
  });
}

/** Deletes a store (it stays PENDING_DELETION for seven days). */
export function useDeleteEventDataStore() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (eventDataStore: string) => deleteEventDataStore(connection, eventDataStore),
    onSuccess: invalidate,
  });
}

/** Restores a store pending deletion. */
export function useRestoreEventDataStore() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (eventDataStore: string) => restoreEventDataStore(connection, eventDataStore),
    onSuccess: invalidate,
  });
}

/** Starts ingestion of a stopped store. */
export function useStartEventDataStoreIngestion() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (eventDataStore: string) => startEventDataStoreIngestion(connection, eventDataStore),
    onSuccess: invalidate,
  });
}

/** Stops ingestion of an enabled store. */
export function useStopEventDataStoreIngestion() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (eventDataStore: string) => stopEventDataStoreIngestion(connection, eventDataStore),
    onSuccess: invalidate,
  });
}

/** What the tag editor asks for: the tags a resource had and the ones it should have. */
export interface TagChange {
  resourceArn: string;
  previous: readonly Tag[];
  next: readonly Tag[];
}

/** Tag calls that turn `previous` into `next`: RemoveTags for dropped keys, AddTags for new or changed ones. */
export function tagCallsFor({ previous, next }: Pick<TagChange, 'previous' | 'next'>): {
  remove: string[];
  add: Tag[];
} {
  const nextKeys = new Set(next.map((tag) => tag.Key));
  const remove = previous.flatMap((tag) => (tag.Key !== undefined && !nextKeys.has(tag.Key) ? [tag.Key] : []));
  const add = next.filter((tag) => {
    const before = previous.find((old) => old.Key === tag.Key);
    return !before || (before.Value ?? '') !== (tag.Value ?? '');
  });
  return { remove, add: add.map((tag) => ({ ...tag })) };
}

/** Replaces a store's tags with RemoveTags and AddTags (only the calls that are needed). */
export function useUpdateEventDataStoreTags() {
  const { connection } = useConnection();
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: async (change: TagChange) => {
      const { remove, add } = tagCallsFor(change);
      if (remove.length > 0) await removeTags(connection, change.resourceArn, remove);
      if (add.length > 0) await addTags(connection, change.resourceArn, add);
    },
    onSuccess: invalidate,
  });
}
