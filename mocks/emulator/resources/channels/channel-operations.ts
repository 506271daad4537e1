// CloudTrail Lake channels (SEMANTICS.md §12.1–12.3): create, read, list, update and delete
// integration channels, which carry events from outside AWS into ActivityAuditLog event data
// stores; service-linked channels are seeded and can only be read. The entity, its resolution and
// ingestion status live in channels/channel.ts.
import type {
  CreateChannelRequest,
  CreateChannelResponse,
  DeleteChannelRequest,
  DeleteChannelResponse,
  Destination,
  GetChannelRequest,
  GetChannelResponse,
  ListChannelsRequest,
  ListChannelsResponse,
  UpdateChannelRequest,
  UpdateChannelResponse,
} from '@aws-sdk/client-cloudtrail';
import {
  channelArn,
  channelResource,
  channelsIn,
  CHANNELS,
  ingestionStatusOf,
  LIST_CHANNELS_DEFAULT_PAGE,
  MAX_INTEGRATION_CHANNELS,
  resolveChannel,
  saveChannel,
  type StoredChannel,
} from './channel';
import { CUSTOM_SOURCE, isChannelSource } from './partner-sources';
import type { RequestContext } from '../../context';
import {
  ChannelAlreadyExistsException,
  ChannelMaxLimitExceededException,
  InactiveEventDataStoreException,
  InvalidEventDataStoreCategoryException,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidSourceException,
  OperationNotPermittedException,
  TagsLimitExceededException,
} from '../../errors';
import { pageInCreationOrder } from '../../next-token';
import { eventDataStoreStatus, resolveEventDataStore } from '../event-data-stores/event-data-store';
import { checkTagParameters, MAX_TAGS_PER_RESOURCE, setTags } from '../tags/resource-tags';

function describeDestinations(channel: StoredChannel): Destination[] {
  return channel.destinations.map((destination) => ({ Type: destination.type, Location: destination.location }));
}

/**
 * The destinations a request names, checked (§12.1): EVENT_DATA_STORE only; each store resolves
 * like any store reference and must not be pending deletion; it must hold ActivityAuditLog events
 * and be single-region (no store is an organization store); no store twice. Locations become
 * full store ARNs.
 */
function resolveDestinations(context: RequestContext, destinations: readonly Destination[]) {
  for (const destination of destinations)
    if (destination.Type !== 'EVENT_DATA_STORE')
      throw new InvalidParameterException(
        `Destination type ${destination.Type ?? '(none)'} is not supported; a channel sends events to event data stores (EVENT_DATA_STORE).`,
      );
  const seen = new Set<string>();
  return destinations.map((destination) => {
    const store = resolveEventDataStore(context, destination.Location ?? '');
    if (seen.has(store.id))
      throw new InvalidParameterException(`The event data store '${store.arn}' is named more than once.`);
    seen.add(store.id);
    if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
      throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is pending deletion.`);
    if (store.kind !== 'ActivityAuditLog')
      throw new InvalidEventDataStoreCategoryException(
        `The event data store '${store.arn}' does not hold events from outside AWS (ActivityAuditLog); a channel cannot send events to it.`,
      );
    if (store.multiRegion)
      throw new InvalidEventDataStoreCategoryException(
        `The event data store '${store.arn}' is multi-region; a channel can only send events to a single-region store.`,
      );
    return { type: 'EVENT_DATA_STORE' as const, location: store.arn };
  });
}

function checkNameFree(context: RequestContext, name: string, except?: string) {
  if (channelsIn(context.state, context.account, context.region).some((c) => c.name === name && c.id !== except))
    throw new ChannelAlreadyExistsException(`A channel named '${name}' already exists in ${context.region}.`);
}

function refuseServiceLinked(channel: StoredChannel, action: string) {
  if (channel.serviceLinked)
    throw new OperationNotPermittedException(
      `The channel '${channel.arn}' is a service-linked channel; only its AWS service can ${action} it.`,
    );
}

/** Creates an integration channel (§12.1): a Source, one or more destination stores, and tags. */
export function createChannel(input: CreateChannelRequest, context: RequestContext): CreateChannelResponse {
  const { state, account, region } = context;
  const source = input.Source ?? '';
  if (!isChannelSource(source))
    throw new InvalidSourceException(
      `The source '${source}' is not valid; use ${CUSTOM_SOURCE} or the source value of a CloudTrail Lake partner.`,
    );
  const tags = input.Tags ?? [];
  checkTagParameters(tags);
  const destinations = resolveDestinations(context, input.Destinations ?? []);
  const name = input.Name ?? '';
  checkNameFree(context, name);
  const channels = channelsIn(state, account, region);
  // Decision (§12.1): one channel per partner Source in an account and region; Custom may repeat.
  const sameSource = source === CUSTOM_SOURCE ? undefined : channels.find((channel) => channel.source === source);
  if (sameSource)
    throw new ChannelAlreadyExistsException(
      `The channel '${sameSource.name}' already receives events from ${source}; a partner source can have one channel.`,
    );
  if (channels.filter((channel) => !channel.serviceLinked).length >= MAX_INTEGRATION_CHANNELS)
    throw new ChannelMaxLimitExceededException(
      `The account ${account} has reached the limit of ${String(MAX_INTEGRATION_CHANNELS)} channels in ${region}.`,
    );
  if (tags.length > MAX_TAGS_PER_RESOURCE)
    throw new TagsLimitExceededException(
      `A channel can have at most ${String(MAX_TAGS_PER_RESOURCE)} tags; ${String(tags.length)} were given.`,
    );

  const id = context.newResourceId();
  const channel: StoredChannel = {
    id,
    arn: channelArn(region, account, id),
    account,
    region,
    order: state.nextOrder(CHANNELS),
    name,
    source,
    destinations,
    createdAt: context.now,
    ingestion: {},
  };
  saveChannel(state, channel);
  setTags(state, channel.arn, tags);
  context.resources.unshift(channelResource(channel));
  return {
    ChannelArn: channel.arn,
    Name: name,
    Source: source,
    Destinations: describeDestinations(channel),
    Tags: tags.map((tag) => ({ ...tag })),
  };
}

/**
 * A channel's settings (§12.1, §12.3): SourceConfig only for service-linked channels,
 * IngestionStatus (`{}` before the first attempt) only for integration channels.
 */
export function getChannel(input: GetChannelRequest, context: RequestContext): GetChannelResponse {
  const channel = resolveChannel(context, input.Channel ?? '');
  const linked = channel.serviceLinked;
  return {
    ChannelArn: channel.arn,
    Name: channel.name,
    Source: channel.source,
    ...(linked
      ? {
          SourceConfig: {
            ApplyToAllRegions: linked.applyToAllRegions,
            AdvancedEventSelectors: linked.selectors.map((selector) => structuredClone(selector)),
          },
        }
      : {}),
    Destinations: describeDestinations(channel),
    ...(linked ? {} : { IngestionStatus: ingestionStatusOf(channel.ingestion) }),
  };
}

/** The channels of the region, integration and service-linked, in creation order, as ARN and name. */
export function listChannels(input: ListChannelsRequest, context: RequestContext): ListChannelsResponse {
  const { page, NextToken } = pageInCreationOrder(
    channelsIn(context.state, context.account, context.region),
    { ...input, defaultPageSize: LIST_CHANNELS_DEFAULT_PAGE },
    { seed: context.state.config.seed, account: context.account, region: context.region },
    () => new InvalidNextTokenException('The NextToken is invalid.'),
  );
  return {
    Channels: page.map((channel) => ({ ChannelArn: channel.arn, Name: channel.name })),
    ...(NextToken ? { NextToken } : {}),
  };
}

/** Renames a channel and/or replaces its destinations (§12.1); its Source never changes. */
export function updateChannel(input: UpdateChannelRequest, context: RequestContext): UpdateChannelResponse {
  const channel = resolveChannel(context, input.Channel ?? '');
  refuseServiceLinked(channel, 'update');
  if (input.Name === undefined && input.Destinations === undefined)
    throw new InvalidParameterException('Specify a new Name or Destinations for the channel.');
  const destinations =
    input.Destinations === undefined ? channel.destinations : resolveDestinations(context, input.Destinations);
  const name = input.Name ?? channel.name;
  if (name !== channel.name) checkNameFree(context, name, channel.id);
  const updated: StoredChannel = { ...channel, name, destinations };
  saveChannel(context.state, updated);
  return {
    ChannelArn: updated.arn,
    Name: updated.name,
    Source: updated.source,
    Destinations: describeDestinations(updated),
  };
}

/** Deletes an integration channel with its resource policy and tags (§12.1). */
export function deleteChannel(input: DeleteChannelRequest, context: RequestContext): DeleteChannelResponse {
  const channel = resolveChannel(context, input.Channel ?? '');
  refuseServiceLinked(channel, 'delete');
  context.state.remove(CHANNELS, channel.id);
  // Its policy and tags hang off its ARN and go with it.
  context.state.removed(channel.arn);
  return {};
}
