// Sources a channel may name (SEMANTICS.md §12.2): `Custom` for the customer's own integration,
// or one of CloudTrail Lake's partners, spelled exactly as the CloudTrail User Guide's
// "CloudTrail Lake integrations with event sources outside of AWS" lists their source values.

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
export const CUSTOM_SOURCE = 'Custom';

/** The Source of service-linked channels; reserved, so CreateChannel refuses it. */
export const SERVICE_LINKED_SOURCE = 'CloudTrail';

/** Every Source CreateChannel accepts, in the console's order: custom, then direct, then solution partners. */
export const CHANNEL_SOURCES: readonly ChannelSource[] = [
  { source: CUSTOM_SOURCE, name: 'My custom integration', type: 'custom' },
  { source: 'Clumio', name: 'Clumio', type: 'direct' },
  { source: 'LaunchDarkly', name: 'LaunchDarkly', type: 'direct' },
  { source: 'IBMMulticloud', name: 'Nordcloud, an IBM Company', type: 'direct' },
  { source: 'MontyCloud', name: 'MontyCloud', type: 'direct' },
  { source: 'Snyk', name: 'Snyk.io', type: 'direct' },
  { source: 'CloudStorageSecurityConsole', name: 'Cloud Storage Security', type: 'solution' },
  { source: 'CrowdStrike', name: 'CrowdStrike', type: 'solution' },
  { source: 'CyberArk', name: 'CyberArk', type: 'solution' },
  { source: 'GitHub', name: 'GitHub', type: 'solution' },
  { source: 'KongGatewayEnterprise', name: 'Kong Inc', type: 'solution' },
  { source: 'NetskopeCloudExchange', name: 'Netskope', type: 'solution' },
  { source: 'OktaSystemLogEvents', name: 'Okta', type: 'solution' },
  { source: 'OneLogin', name: 'One Identity', type: 'solution' },
  { source: 'Shoreline', name: 'Shoreline.io', type: 'solution' },
  { source: 'WizAuditLogs', name: 'Wiz', type: 'solution' },
];

/** Whether CreateChannel accepts a Source: an exact, case-sensitive match. */
export function isChannelSource(source: string): boolean {
  return CHANNEL_SOURCES.some((entry) => entry.source === source);
}
