// Sources a channel may name (SEMANTICS.md §12.2): `Custom` for the customer's own integration,
// or one of CloudTrail Lake's partners, spelled exactly as the CloudTrail User Guide's
// "CloudTrail Lake integrations with event sources outside of AWS" lists their source values.

import {
  CHANNEL_SOURCES as SHARED_CHANNEL_SOURCES,
  CUSTOM_CHANNEL_SOURCE,
  SERVICE_LINKED_CHANNEL_SOURCE,
} from '../../../../src/lib/cloudtrail-limits';

/** How a partner sends events: from its own account (direct) or as software in the customer's. */
export type PartnerType = 'direct' | 'solution';

export interface ChannelSource {
  /** The API's Source value. */
  readonly source: string;
  /** The name the CloudTrail console shows. */
  readonly name: string;
  readonly type: PartnerType | 'custom';
}

/** The Source of a customer's own integration; the only one that may name several channels. */
export const CUSTOM_SOURCE = CUSTOM_CHANNEL_SOURCE;

/** The Source of service-linked channels; reserved, so CreateChannel refuses it. */
export const SERVICE_LINKED_SOURCE = SERVICE_LINKED_CHANNEL_SOURCE;

/** Every Source CreateChannel accepts, in the console's order (shared with the console's create form). */
export const CHANNEL_SOURCES: readonly ChannelSource[] = SHARED_CHANNEL_SOURCES;

/** Whether CreateChannel accepts a Source: an exact, case-sensitive match. */
export function isChannelSource(source: string): boolean {
  return CHANNEL_SOURCES.some((entry) => entry.source === source);
}
