// CloudTrail Lake channels (integrations): typed calls, query factories and mutation hooks for the
// channel operations, their resource policies, tags and PutAuditEvents. Every key starts at
// ['cloudtrail', backend, 'channels'], so each mutation refreshes them all.
import {
  CreateChannelCommand,
  DeleteChannelCommand,
  DeleteResourcePolicyCommand,
  GetChannelCommand,
  GetResourcePolicyCommand,
  ListChannelsCommand,
  PutResourcePolicyCommand,
  UpdateChannelCommand,
  type CreateChannelCommandInput,
  type CreateChannelCommandOutput,
  type GetChannelCommandOutput,
  type UpdateChannelCommandInput,
  type UpdateChannelCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { clientFor } from './cloudtrail-client';
import { putAuditEvents, type PutAuditEventsInput } from './cloudtrail-data';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { eventDataStoreQueries } from './event-data-stores';
import { useCloudTrailMutation } from './use-cloudtrail-mutation';
import { useConnection } from './use-connection';

/** A channel as GetChannel describes it. */
export type ChannelDetails = Omit<GetChannelCommandOutput, '$metadata'>;

/** The ARN of every channel in the region, integration and service-linked, following NextToken to the end. */
export async function listChannelArns(connection: Connection, signal?: AbortSignal): Promise<string[]> {
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const output = await clientFor(connection).send(new ListChannelsCommand({ NextToken: token }), {
      abortSignal: signal,
    });
    for (const channel of output.Channels ?? []) if (channel.ChannelArn) arns.push(channel.ChannelArn);
    token = output.NextToken;
  } while (token);
  return arns;
}

/** GetChannel: a channel's source, destinations and ingestion status, by ARN or ID. */
export function getChannel(connection: Connection, channel: string, signal?: AbortSignal): Promise<ChannelDetails> {
  return clientFor(connection).send(new GetChannelCommand({ Channel: channel }), { abortSignal: signal });
}

function isErrorNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/**
 * Every channel with its details: ListChannels returns only ARN and name, so each channel is read
 * with GetChannel. A channel deleted between the two calls is left out.
 */
export async function listChannels(connection: Connection, signal?: AbortSignal): Promise<ChannelDetails[]> {
  const arns = await listChannelArns(connection, signal);
  const channels = await Promise.all(
    arns.map((arn) =>
      getChannel(connection, arn, signal).catch((error: unknown) => {
        if (isErrorNamed(error, 'ChannelNotFoundException')) return undefined;
        throw error;
      }),
    ),
  );
  return channels.filter((channel) => channel !== undefined);
}

/** CreateChannel. */
export function createChannel(
  connection: Connection,
  input: CreateChannelCommandInput,
): Promise<CreateChannelCommandOutput> {
  return clientFor(connection).send(new CreateChannelCommand(input));
}

/** UpdateChannel: a new name and/or a new list of destinations. */
export function updateChannel(
  connection: Connection,
  input: UpdateChannelCommandInput,
): Promise<UpdateChannelCommandOutput> {
  return clientFor(connection).send(new UpdateChannelCommand(input));
}

/** DeleteChannel: the channel goes with its resource policy and tags. */
export async function deleteChannel(connection: Connection, channel: string): Promise<void> {
  await clientFor(connection).send(new DeleteChannelCommand({ Channel: channel }));
}

/** GetResourcePolicy of a resource; null when it has none (ResourcePolicyNotFoundException). */
export async function getResourcePolicy(
  connection: Connection,
  resourceArn: string,
  signal?: AbortSignal,
): Promise<string | null> {
  try {
    const output = await clientFor(connection).send(new GetResourcePolicyCommand({ ResourceArn: resourceArn }), {
      abortSignal: signal,
    });
    return output.ResourcePolicy ?? null;
  } catch (error) {
    if (isErrorNamed(error, 'ResourcePolicyNotFoundException')) return null;
    throw error;
  }
}

/** PutResourcePolicy: attaches a policy, replacing any the resource had. */
export async function putResourcePolicy(connection: Connection, resourceArn: string, policy: string): Promise<void> {
  await clientFor(connection).send(new PutResourcePolicyCommand({ ResourceArn: resourceArn, ResourcePolicy: policy }));
}

/** DeleteResourcePolicy. */
export async function deleteResourcePolicy(connection: Connection, resourceArn: string): Promise<void> {
  await clientFor(connection).send(new DeleteResourcePolicyCommand({ ResourceArn: resourceArn }));
}

/** PutAuditEvents' eventDataChecksum: base64 of the SHA-256 digest of eventData's UTF-8 bytes. */
export async function eventDataChecksum(eventData: string): Promise<string> {
  let digest: Uint8Array;
  try {
    digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(eventData)));
  } catch (error) {
    // Browsers offer crypto.subtle only in secure contexts (HTTPS or localhost).
    throw new Error(
      `This page cannot compute SHA-256 checksums: Web Crypto needs HTTPS or localhost (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const channelQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'channels'] as const,
  /** Every channel of the region with its details. */
  list: (connection: Connection) =>
    queryOptions({
      queryKey: [...channelQueries.all(backendIdOf(connection)), 'list'],
      queryFn: ({ signal }) => listChannels(connection, signal),
    }),
  /** One channel by ARN or ID. */
  detail: (connection: Connection, channel: string) =>
    queryOptions({
      queryKey: [...channelQueries.all(backendIdOf(connection)), 'detail', channel],
      queryFn: ({ signal }) => getChannel(connection, channel, signal),
    }),
  /** A channel's resource policy (by ARN); null when it has none. */
  resourcePolicy: (connection: Connection, arn: string) =>
    queryOptions({
      queryKey: [...channelQueries.all(backendIdOf(connection)), 'resource-policy', arn],
      queryFn: ({ signal }) => getResourcePolicy(connection, arn, signal),
    }),
};

/** Creates a channel (with its tags). */
export function useCreateChannel() {
  return useCloudTrailMutation(createChannel, channelQueries.all);
}

/** Renames a channel and/or replaces its destinations. */
export function useUpdateChannel() {
  return useCloudTrailMutation(updateChannel, channelQueries.all);
}

/** Deletes a channel. */
export function useDeleteChannel() {
  return useCloudTrailMutation(deleteChannel, channelQueries.all);
}

/** Attaches or replaces a channel's resource policy. */
export function usePutResourcePolicy() {
  return useCloudTrailMutation(
    (connection, { resourceArn, policy }: { resourceArn: string; policy: string }) =>
      putResourcePolicy(connection, resourceArn, policy),
    channelQueries.all,
  );
}

/** Removes a channel's resource policy. */
export function useDeleteResourcePolicy() {
  return useCloudTrailMutation(deleteResourcePolicy, channelQueries.all);
}

/**
 * Sends audit events to a channel. Afterwards the channel's ingestion status has moved and its
 * stores hold more events, so both are read again.
 */
export function usePutAuditEvents() {
  const { connection, backend } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PutAuditEventsInput) => putAuditEvents(connection, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: channelQueries.all(backend) }),
        queryClient.invalidateQueries({ queryKey: eventDataStoreQueries.all(backend) }),
      ]),
  });
}
