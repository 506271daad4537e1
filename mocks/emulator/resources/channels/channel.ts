// Channels as the emulator keeps them (SEMANTICS.md §12): the saved entity, ARNs, how a reference
// resolves, ingestion status, and which stores channels send to. The API operations are in
// operations/channels.ts; PutAuditEvents in operations/audit-events.ts.
import type { AdvancedEventSelector, DestinationType, IngestionStatus } from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import { ChannelARNInvalidException, ChannelNotFoundException } from '../../errors';
import type { RecordResource } from '../../records';
import type { EmulatorState } from '../../state';
import { INTEGRATION_CHANNELS_PER_REGION } from '../../../../src/lib/cloudtrail-limits';

/** The entity collection of channels, keyed by channel ID. */
export const CHANNELS = 'channels';

/** Integration channels an account may have in a region; service-linked ones do not count (§15). */
export const MAX_INTEGRATION_CHANNELS = INTEGRATION_CHANNELS_PER_REGION;

/** ListChannels' page size when MaxResults is absent (§16.12). */
export const LIST_CHANNELS_DEFAULT_PAGE = 1000;

/** What the last PutAuditEvents calls left behind (§12.1); times are epoch milliseconds. */
export interface ChannelIngestion {
  readonly attemptTime?: number;
  readonly attemptEventId?: string;
  readonly successTime?: number;
  readonly successEventId?: string;
  readonly errorCode?: string;
}

/** A channel as saved; times are epoch milliseconds. */
export interface StoredChannel {
  readonly id: string;
  readonly arn: string;
  readonly account: string;
  /** Home region: the channel exists only there. */
  readonly region: string;
  /** Creation order among all channels: ListChannels returns channels in this order. */
  readonly order: number;
  readonly name: string;
  readonly source: string;
  /** Event data store destinations hold full store ARNs; service-linked channels name their service. */
  readonly destinations: readonly { readonly type: DestinationType; readonly location: string }[];
  /** Present only on service-linked channels, which AWS services create (§12.3). */
  readonly serviceLinked?: {
    readonly applyToAllRegions: boolean;
    readonly selectors: readonly AdvancedEventSelector[];
  };
  readonly createdAt: number;
  readonly ingestion: ChannelIngestion;
}

/** `arn:aws:cloudtrail:<region>:<account>:channel/<uuid>` (§12.1). */
export function channelArn(region: string, account: string, id: string): string {
  return `arn:aws:cloudtrail:${region}:${account}:channel/${id}`;
}

/** The self-record resource of a channel (§6). */
export function channelResource(channel: StoredChannel): RecordResource {
  return { accountId: channel.account, type: 'AWS::CloudTrail::Channel', ARN: channel.arn };
}

/** Saves a channel. */
export function saveChannel(state: EmulatorState, channel: StoredChannel): void {
  state.put(CHANNELS, channel.id, channel);
}

/** The channels of an account in a region, both kinds, in creation order. */
export function channelsIn(state: EmulatorState, account: string, region: string): StoredChannel[] {
  return [...state.table<StoredChannel>(CHANNELS).values()]
    .filter((channel) => channel.account === account && channel.region === region)
    .sort((a, b) => a.order - b.order);
}

/** Whether any channel sends events to the store with this ARN (§8.3, §12.1). */
export function isChannelDestination(state: EmulatorState, storeArn: string): boolean {
  for (const channel of state.table<StoredChannel>(CHANNELS).values())
    if (channel.destinations.some((destination) => destination.location === storeArn)) return true;
  return false;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const CHANNEL_ARN = /^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):channel\/(.+)$/;

/**
 * The (region, account, id) a channel reference names: an ARN, or a bare UUID standing for a
 * channel of `home`. Undefined when it is neither.
 */
export function parseChannelReference(
  reference: string,
  home: { region: string; account: string },
): { region: string; account: string; id: string } | undefined {
  if (UUID.test(reference)) return { region: home.region, account: home.account, id: reference.toLowerCase() };
  const match = CHANNEL_ARN.exec(reference);
  const id = match?.[3] ?? '';
  if (!match || !UUID.test(id)) return undefined;
  return { region: match[1] ?? '', account: match[2] ?? '', id: id.toLowerCase() };
}

/** The channel a parsed reference names, if it exists in that account and region. */
export function findChannel(
  state: EmulatorState,
  parsed: { region: string; account: string; id: string },
): StoredChannel | undefined {
  const channel = state.table<StoredChannel>(CHANNELS).get(parsed.id);
  return channel && channel.account === parsed.account && channel.region === parsed.region ? channel : undefined;
}

/**
 * The channel a control-plane member names, by ARN or UUID (§12.1), in the caller's account and
 * the request region. Neither form: ChannelARNInvalidException; elsewhere or unknown:
 * ChannelNotFoundException (or `notFound`, for operations that do not declare it). A found
 * channel joins the call's self-record resources.
 */
export function resolveChannel(
  context: RequestContext,
  reference: string,
  notFound: (message: string) => Error = (message) => new ChannelNotFoundException(message),
): StoredChannel {
  const parsed = parseChannelReference(reference, context);
  if (!parsed) throw new ChannelARNInvalidException(`The value '${reference}' is not a valid channel ARN or ID.`);
  const channel =
    parsed.account === context.account && parsed.region === context.region
      ? findChannel(context.state, parsed)
      : undefined;
  if (!channel) throw notFound(`The channel '${reference}' was not found.`);
  context.resources.push(channelResource(channel));
  return channel;
}

/** GetChannel's IngestionStatus: only what has happened; `{}` before the first attempt (§12.1). */
export function ingestionStatusOf(ingestion: ChannelIngestion): IngestionStatus {
  return {
    ...(ingestion.successTime === undefined ? {} : { LatestIngestionSuccessTime: new Date(ingestion.successTime) }),
    ...(ingestion.successEventId === undefined ? {} : { LatestIngestionSuccessEventID: ingestion.successEventId }),
    ...(ingestion.errorCode === undefined ? {} : { LatestIngestionErrorCode: ingestion.errorCode }),
    ...(ingestion.attemptTime === undefined ? {} : { LatestIngestionAttemptTime: new Date(ingestion.attemptTime) }),
    ...(ingestion.attemptEventId === undefined ? {} : { LatestIngestionAttemptEventID: ingestion.attemptEventId }),
  };
}

/**
 * The ingestion status after a call that passed the request-level checks (§12.1): the attempt at
 * `now`; the last successful event's ID as attempt (unchanged when none succeeded) and, if any
 * succeeded, as success; the last failure's error code, kept until a later failure.
 */
export function afterIngestion(
  ingestion: ChannelIngestion,
  now: number,
  successful: readonly { eventID?: string }[],
  failed: readonly { errorCode?: string }[],
): ChannelIngestion {
  const lastSuccess = successful.at(-1)?.eventID;
  const lastFailure = failed.at(-1)?.errorCode;
  return {
    ...ingestion,
    attemptTime: now,
    ...(lastSuccess === undefined
      ? {}
      : { attemptEventId: lastSuccess, successTime: now, successEventId: lastSuccess }),
    ...(lastFailure === undefined ? {} : { errorCode: lastFailure }),
  };
}
