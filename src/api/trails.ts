// Trails: typed calls, query factories and mutation hooks (mocks/emulator/SEMANTICS.md §17). Every
// key starts at ['cloudtrail', backend, 'trails'], so each mutation refreshes them all. Pages name a
// trail by its ARN: a name resolves only trails homed in the connection's Region, an ARN also a
// multi-Region trail seen from another Region.
import {
  CreateTrailCommand,
  DeleteTrailCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListChannelsCommand,
  ListEventDataStoresCommand,
  ListTrailsCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
  type AdvancedEventSelector,
  type CreateTrailCommandInput,
  type CreateTrailCommandOutput,
  type EventSelector,
  type GetTrailStatusCommandOutput,
  type InsightSelector,
  type PutEventSelectorsCommandOutput,
  type PutInsightSelectorsCommandOutput,
  type Trail,
  type TrailInfo,
  type UpdateTrailCommandInput,
  type UpdateTrailCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { callEmulatorExtension, servesEmulatorExtensions } from './emulator-extensions';
import { eventQueries } from './events';
import { s3Queries } from './s3';
import { useCloudTrailMutation } from './use-cloudtrail-mutation';
import { useConnection } from './use-connection';

/** GetTrailStatus without the response metadata. */
export type TrailStatus = Omit<GetTrailStatusCommandOutput, '$metadata'>;

/** A row of the Trails page: what ListTrails names, with GetTrail's settings and GetTrailStatus. */
export interface TrailSummary {
  info: TrailInfo;
  trail: Trail;
  status: TrailStatus;
}

/** A trail's event selectors: basic or advanced, whichever kind is in force. */
export interface TrailEventSelectors {
  TrailARN?: string;
  EventSelectors?: EventSelector[];
  AdvancedEventSelectors?: AdvancedEventSelector[];
}

function isErrorNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** Every trail ListTrails shows in the Region (its own and multi-Region trails of other Regions), following NextToken. */
export async function listTrailInfos(connection: Connection, signal?: AbortSignal): Promise<TrailInfo[]> {
  const trails: TrailInfo[] = [];
  let token: string | undefined;
  do {
    const output = await clientFor(connection).send(new ListTrailsCommand({ NextToken: token }), {
      abortSignal: signal,
    });
    trails.push(...(output.Trails ?? []));
    token = output.NextToken;
  } while (token);
  return trails;
}

/** GetTrail: a trail's settings, by ARN (or by name, for a trail homed in the Region). */
export async function getTrail(connection: Connection, trail: string, signal?: AbortSignal): Promise<Trail> {
  const output = await clientFor(connection).send(new GetTrailCommand({ Name: trail }), { abortSignal: signal });
  if (!output.Trail) throw new Error(`GetTrail answered no trail for ${trail}.`);
  return output.Trail;
}

/** GetTrailStatus: whether the trail logs, and its latest deliveries and errors in this Region. */
export function getTrailStatus(connection: Connection, trail: string, signal?: AbortSignal): Promise<TrailStatus> {
  return clientFor(connection).send(new GetTrailStatusCommand({ Name: trail }), { abortSignal: signal });
}

/**
 * Every trail of the Region with its settings and status: ListTrails names them, GetTrail and
 * GetTrailStatus describe each. A trail deleted between the calls is left out.
 */
export async function listTrails(connection: Connection, signal?: AbortSignal): Promise<TrailSummary[]> {
  const infos = await listTrailInfos(connection, signal);
  const rows = await Promise.all(
    infos.map(async (info): Promise<TrailSummary | undefined> => {
      const reference = info.TrailARN ?? info.Name ?? '';
      try {
        const [trail, status] = await Promise.all([
          getTrail(connection, reference, signal),
          getTrailStatus(connection, reference, signal),
        ]);
        return { info, trail, status };
      } catch (error) {
        if (isErrorNamed(error, 'TrailNotFoundException')) return undefined;
        throw error;
      }
    }),
  );
  return rows.filter((row) => row !== undefined);
}

/** CreateTrail. A new trail does not log until StartLogging. */
export function createTrail(connection: Connection, input: CreateTrailCommandInput): Promise<CreateTrailCommandOutput> {
  return clientFor(connection).send(new CreateTrailCommand(input));
}

/** UpdateTrail: only the members given change; an empty string clears a setting. */
export function updateTrail(connection: Connection, input: UpdateTrailCommandInput): Promise<UpdateTrailCommandOutput> {
  return clientFor(connection).send(new UpdateTrailCommand(input));
}

/** DeleteTrail: delivered log files stay in the bucket. */
export async function deleteTrail(connection: Connection, trail: string): Promise<void> {
  await clientFor(connection).send(new DeleteTrailCommand({ Name: trail }));
}

/** StartLogging. */
export async function startLogging(connection: Connection, trail: string): Promise<void> {
  await clientFor(connection).send(new StartLoggingCommand({ Name: trail }));
}

/** StopLogging: pending events are delivered first. */
export async function stopLogging(connection: Connection, trail: string): Promise<void> {
  await clientFor(connection).send(new StopLoggingCommand({ Name: trail }));
}

/** What creating a trail from the console did: the trail, and the follow-up call that failed, if one did. */
export interface CreatedTrail {
  trail: CreateTrailCommandOutput;
  /** PutEventSelectors or StartLogging failed: the trail exists but does not log (as chosen). */
  failed?: { operation: 'PutEventSelectors' | 'StartLogging'; error: unknown };
}

/** The console's create request: the trail, and basic selectors when not the default. */
export interface CreateTrailRequest {
  trail: CreateTrailCommandInput;
  eventSelectors?: EventSelector[];
}

/**
 * CreateTrail, PutEventSelectors when the selectors are not the default, then StartLogging, as the
 * AWS console does ("logging is turned on automatically"). A failed follow-up does not undo the
 * trail: the caller says the trail exists and what is missing.
 */
export async function createTrailAndStartLogging(
  connection: Connection,
  { trail: input, eventSelectors }: CreateTrailRequest,
): Promise<CreatedTrail> {
  const trail = await createTrail(connection, input);
  const reference = trail.TrailARN ?? input.Name ?? '';
  if (eventSelectors) {
    try {
      await putEventSelectors(connection, { trail: reference, EventSelectors: eventSelectors });
    } catch (error) {
      return { trail, failed: { operation: 'PutEventSelectors', error } };
    }
  }
  try {
    await startLogging(connection, reference);
    return { trail };
  } catch (error) {
    return { trail, failed: { operation: 'StartLogging', error } };
  }
}

/** GetEventSelectors: the basic or the advanced selectors in force. */
export async function getEventSelectors(
  connection: Connection,
  trail: string,
  signal?: AbortSignal,
): Promise<TrailEventSelectors> {
  const output = await clientFor(connection).send(new GetEventSelectorsCommand({ TrailName: trail }), {
    abortSignal: signal,
  });
  return {
    TrailARN: output.TrailARN,
    ...(output.EventSelectors ? { EventSelectors: output.EventSelectors } : {}),
    ...(output.AdvancedEventSelectors ? { AdvancedEventSelectors: output.AdvancedEventSelectors } : {}),
  };
}

/** PutEventSelectors: the kind sent replaces the other entirely. */
export function putEventSelectors(
  connection: Connection,
  input: { trail: string } & (
    | { EventSelectors: EventSelector[]; AdvancedEventSelectors?: never }
    | { AdvancedEventSelectors: AdvancedEventSelector[]; EventSelectors?: never }
  ),
): Promise<PutEventSelectorsCommandOutput> {
  const { trail, ...selectors } = input;
  return clientFor(connection).send(new PutEventSelectorsCommand({ TrailName: trail, ...selectors }));
}

/** GetInsightSelectors of a trail; `[]` when Insights is off (CloudTrail answers InsightNotEnabledException). */
export async function getInsightSelectors(
  connection: Connection,
  trail: string,
  signal?: AbortSignal,
): Promise<InsightSelector[]> {
  try {
    const output = await clientFor(connection).send(new GetInsightSelectorsCommand({ TrailName: trail }), {
      abortSignal: signal,
    });
    return output.InsightSelectors ?? [];
  } catch (error) {
    if (isErrorNamed(error, 'InsightNotEnabledException')) return [];
    throw error;
  }
}

/** PutInsightSelectors of a trail; `[]` turns Insights off. */
export function putInsightSelectors(
  connection: Connection,
  input: { trail: string; InsightSelectors: InsightSelector[] },
): Promise<PutInsightSelectorsCommandOutput> {
  return clientFor(connection).send(
    new PutInsightSelectorsCommand({ TrailName: input.trail, InsightSelectors: input.InsightSelectors }),
  );
}

// The embedded and local emulators sign every call with the admin user's key (cloudtrail-client.ts),
// which belongs to the emulator's default account.
const EMULATOR_ACCOUNT = '123456789012';

/** The account of an ARN (`arn:aws:<service>:<region>:<account>:...`), if it has one. */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * The caller's account ID, for names such as the default trail bucket: the emulator's account, or,
 * on AWS (the console has no STS client), the account in the ARN of a trail, store or channel of the
 * Region; null when the Region has none.
 */
export async function callerAccount(connection: Connection, signal?: AbortSignal): Promise<string | null> {
  if (connection.kind !== 'aws') return EMULATOR_ACCOUNT;
  const client = clientFor(connection);
  const trails = await client.send(new ListTrailsCommand({}), { abortSignal: signal });
  // Trails of other accounts (organization trails) may show; the caller's own come first only by chance.
  const fromTrails = trails.Trails?.map((trail) => accountOfArn(trail.TrailARN)).find(Boolean);
  if (fromTrails) return fromTrails;
  const stores = await client.send(new ListEventDataStoresCommand({}), { abortSignal: signal });
  const fromStores = stores.EventDataStores?.map((store) => accountOfArn(store.EventDataStoreArn)).find(Boolean);
  if (fromStores) return fromStores;
  const channels = await client.send(new ListChannelsCommand({}), { abortSignal: signal });
  return channels.Channels?.map((channel) => accountOfArn(channel.ChannelArn)).find(Boolean) ?? null;
}

export const trailQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'trails'] as const,
  /** Every trail of the Region with its settings and status. */
  list: (connection: Connection) =>
    queryOptions({
      queryKey: [...trailQueries.all(backendIdOf(connection)), 'list'],
      queryFn: ({ signal }) => listTrails(connection, signal),
    }),
  /** One trail's settings, by ARN. */
  detail: (connection: Connection, trail: string) =>
    queryOptions({
      queryKey: [...trailQueries.all(backendIdOf(connection)), 'detail', trail],
      queryFn: ({ signal }) => getTrail(connection, trail, signal),
    }),
  /** One trail's logging status in the Region. */
  status: (connection: Connection, trail: string) =>
    queryOptions({
      queryKey: [...trailQueries.all(backendIdOf(connection)), 'status', trail],
      queryFn: ({ signal }) => getTrailStatus(connection, trail, signal),
    }),
  /** One trail's event selectors. */
  eventSelectors: (connection: Connection, trail: string) =>
    queryOptions({
      queryKey: [...trailQueries.all(backendIdOf(connection)), 'event-selectors', trail],
      queryFn: ({ signal }) => getEventSelectors(connection, trail, signal),
    }),
  /** One trail's insight selectors (`[]` when Insights is off). */
  insightSelectors: (connection: Connection, trail: string) =>
    queryOptions({
      queryKey: [...trailQueries.all(backendIdOf(connection)), 'insight-selectors', trail],
      queryFn: ({ signal }) => getInsightSelectors(connection, trail, signal),
    }),
  /** The caller's account ID, or null when the console cannot tell. */
  callerAccount: (connection: Connection) =>
    queryOptions({
      queryKey: [...trailQueries.all(backendIdOf(connection)), 'caller-account'],
      queryFn: ({ signal }) => callerAccount(connection, signal),
      staleTime: Infinity,
    }),
};

/** Creates a trail, sets its selectors when they are not the default, and starts its logging. */
export function useCreateTrail() {
  const { connection, backend } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTrailRequest) => createTrailAndStartLogging(connection, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trailQueries.all(backend) }),
        queryClient.invalidateQueries({ queryKey: eventQueries.all(backend) }),
      ]),
  });
}

/** Changes a trail's settings. */
export function useUpdateTrail() {
  return useCloudTrailMutation(updateTrail, trailQueries.all);
}

/** Deletes a trail. */
export function useDeleteTrail() {
  return useCloudTrailMutation(deleteTrail, trailQueries.all);
}

/** Starts a trail's logging. */
export function useStartLogging() {
  return useCloudTrailMutation(startLogging, trailQueries.all);
}

/** Stops a trail's logging. */
export function useStopLogging() {
  return useCloudTrailMutation(stopLogging, trailQueries.all);
}

/** Replaces a trail's event selectors. */
export function usePutEventSelectors() {
  return useCloudTrailMutation(putEventSelectors, trailQueries.all);
}

/** Replaces a trail's insight selectors. */
export function usePutInsightSelectors() {
  return useCloudTrailMutation(putInsightSelectors, trailQueries.all);
}

/**
 * Whether the backend can deliver trail files on request: the embedded and local emulators serve
 * the extension DeliverTrailFiles; CloudTrail delivers on its own schedule and has no such operation.
 */
export function canDeliverTrailFilesNow(connection: Connection): boolean {
  return servesEmulatorExtensions(connection);
}

/** The emulator extension DeliverTrailFiles: every trail's pending events become log files now. */
export async function deliverTrailFiles(connection: Connection): Promise<void> {
  const answer = await callEmulatorExtension(connection, 'DeliverTrailFiles', {});
  if (answer === undefined)
    throw new Error('DeliverTrailFiles is an emulator extension: CloudTrail delivers log files on its own schedule.');
}

/** Delivers every trail's pending log files now (emulator only), then refreshes the files and the trails' status. */
export function useDeliverTrailFiles() {
  const { connection, backend } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deliverTrailFiles(connection),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: s3Queries.all(backend) }),
        queryClient.invalidateQueries({ queryKey: trailQueries.all(backend) }),
      ]),
  });
}
