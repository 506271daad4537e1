// How the console words a channel: its kind, source and owning service, and which event data
// stores may receive its events.
import type { AdvancedEventSelector } from '@aws-sdk/client-cloudtrail';
import type { ChannelDetails } from '@/api/channels';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import {
  AWS_ACCOUNT_ID,
  CHANNEL_SOURCES,
  CUSTOM_CHANNEL_SOURCE,
  SERVICE_LINKED_CHANNEL_SOURCE,
} from '@/lib/cloudtrail-limits';

export type ChannelSource = (typeof CHANNEL_SOURCES)[number];
export type PartnerSource = Exclude<ChannelSource, { type: 'custom' }>;

/** The partners of CloudTrail Lake (mocks/emulator/SEMANTICS.md §12.2), in the console's order. */
export const PARTNER_SOURCES: readonly PartnerSource[] = CHANNEL_SOURCES.filter(
  (source): source is PartnerSource => source.type !== 'custom',
);

/** A Source value's entry in the partner table, if it has one. */
export function channelSourceOf(source: string | undefined): ChannelSource | undefined {
  return CHANNEL_SOURCES.find((entry) => entry.source === source);
}

/** Service-linked channels are created by an AWS service, which alone may change them (mocks/emulator/SEMANTICS.md §12.3). */
export function isServiceLinked(channel: ChannelDetails): boolean {
  return (
    channel.Source === SERVICE_LINKED_CHANNEL_SOURCE ||
    channel.SourceConfig !== undefined ||
    (channel.Destinations ?? []).some((destination) => destination.Type === 'AWS_SERVICE')
  );
}

/** "Integration" or "Service-linked". */
export function channelTypeLabel(channel: ChannelDetails): string {
  return isServiceLinked(channel) ? 'Service-linked' : 'Integration';
}

/** The AWS service that owns a service-linked channel, e.g. `securitylake.amazonaws.com`. */
export function owningServiceOf(channel: ChannelDetails): string {
  const location = (channel.Destinations ?? []).find((destination) => destination.Type === 'AWS_SERVICE')?.Location;
  if (location) return location;
  // Service-linked channels are named aws-service-channel/<service>/<suffix>.
  const service = channel.Name?.split('/')[1];
  return service ? `${service}.amazonaws.com` : '-';
}

/** "Direct integration", "Solution integration" or "Custom integration". */
export function integrationTypeLabel(type: ChannelSource['type']): string {
  switch (type) {
    case 'custom':
      return 'Custom integration';
    case 'direct':
      return 'Direct integration';
    case 'solution':
      return 'Solution integration';
  }
}

/** What the console shows as a channel's source: the partner's name, or the owning service. */
export function sourceLabel(channel: ChannelDetails): string {
  if (isServiceLinked(channel)) return `AWS service: ${owningServiceOf(channel)}`;
  return channelSourceOf(channel.Source)?.name ?? channel.Source ?? '-';
}

/**
 * The line under an integration's name: its kind and where its events come from, e.g. "Direct
 * integration from LaunchDarkly"; a custom one's source is the customer's own applications.
 */
export function integrationSummary(channel: ChannelDetails): string {
  const source = channelSourceOf(channel.Source);
  if (!source) return `Integration from ${sourceLabel(channel)}`;
  if (source.type === 'custom') return 'Custom integration: events your own applications send';
  return `${integrationTypeLabel(source.type)} from ${source.name}`;
}

/** Whether a Source is the customer's own integration. */
export function isCustomSource(source: string | undefined): boolean {
  return source === CUSTOM_CHANNEL_SOURCE;
}

function holdsActivityAuditLog(selectors: readonly AdvancedEventSelector[] | undefined): boolean {
  return (selectors ?? []).some((selector) =>
    (selector.FieldSelectors ?? []).some(
      (field) => field.Field === 'eventCategory' && (field.Equals ?? []).includes('ActivityAuditLog'),
    ),
  );
}

/**
 * Whether a channel may send events to a store (mocks/emulator/SEMANTICS.md §12.1): it holds events from outside
 * AWS (ActivityAuditLog), is single-region and no organization store, and is not pending deletion.
 */
export function canReceiveChannelEvents(store: EventDataStoreDetails): boolean {
  return (
    holdsActivityAuditLog(store.AdvancedEventSelectors) &&
    store.MultiRegionEnabled !== true &&
    store.OrganizationEnabled !== true &&
    store.Status !== 'PENDING_DELETION'
  );
}

/** The ID at the end of an event data store ARN; an ID stays as it is. */
export function storeIdOf(arnOrId: string): string {
  return arnOrId.slice(arnOrId.lastIndexOf('/') + 1);
}

/** The account in a channel ARN (`arn:aws:cloudtrail:<region>:<account>:channel/<id>`), if it names one. */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account && AWS_ACCOUNT_ID.test(account) ? account : undefined;
}
