// The create-integration and edit-channel forms: their values, the zod schemas that check what
// the model and mocks/emulator/SEMANTICS.md §8 and §12 constrain, and the requests the values become.
import type {
  BillingMode,
  CreateChannelCommandInput,
  CreateEventDataStoreCommandInput,
  UpdateChannelCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { z } from 'zod';
import { errorsOf } from '@/lib/form-errors';
import { tagsSchema, toTags, type TagDraft } from '@/lib/tags';
import type { ChannelDetails } from '@/api/channels';
import {
  BILLING_MODES,
  CHANNEL_DESTINATIONS,
  CHANNEL_NAME,
  CUSTOM_CHANNEL_SOURCE,
  EVENT_DATA_STORE_NAME,
  RETENTION_PERIOD_DAYS,
} from '@/lib/cloudtrail-limits';
import { PARTNER_SOURCES } from './describe-channel';
import { EMPTY_POLICY_DRAFT, policyDraftSchema, type PolicyDraft } from './channel-policy';

/** Where the channel's events go: stores that exist, or one the form creates first. */
export type DestinationMode = 'existing' | 'new';

export interface NewStoreDraft {
  name: string;
  billingMode: BillingMode;
  /** As typed; checked to be a whole number in the pricing option's range. */
  retentionDays: string;
}

export interface CreateIntegrationValues {
  sourceKind: 'custom' | 'partner';
  /** The partner's Source value; '' until one is chosen. */
  partner: string;
  name: string;
  destinationMode: DestinationMode;
  /** ARNs of the existing stores chosen. */
  existingStores: string[];
  newStore: NewStoreDraft;
  policy: PolicyDraft;
  tags: TagDraft[];
}

export const DEFAULT_CREATE_VALUES: CreateIntegrationValues = {
  sourceKind: 'custom',
  partner: '',
  name: '',
  destinationMode: 'existing',
  existingStores: [],
  newStore: {
    name: '',
    billingMode: 'EXTENDABLE_RETENTION_PRICING',
    retentionDays: String(RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING.default),
  },
  policy: EMPTY_POLICY_DRAFT,
  tags: [],
};

/** The one selector of a store for events from outside AWS (mocks/emulator/SEMANTICS.md §8.1). */
export const ACTIVITY_AUDIT_LOG_SELECTORS = [
  { Name: 'Events from integrations', FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] },
];

export const channelNameSchema = z
  .string()
  .min(CHANNEL_NAME.min, `Enter a name of at least ${String(CHANNEL_NAME.min)} characters.`)
  .max(CHANNEL_NAME.max, `Use at most ${String(CHANNEL_NAME.max)} characters.`)
  .regex(CHANNEL_NAME.pattern, 'Use only letters, numbers, periods, underscores and hyphens.');

export const destinationsSchema = z
  .array(z.string())
  .min(CHANNEL_DESTINATIONS.min, 'Choose at least one event data store.')
  .max(CHANNEL_DESTINATIONS.max, `A channel sends to at most ${String(CHANNEL_DESTINATIONS.max)} event data stores.`);

const storeName = z
  .string()
  .min(EVENT_DATA_STORE_NAME.min, `Enter a name of at least ${String(EVENT_DATA_STORE_NAME.min)} characters.`)
  .max(EVENT_DATA_STORE_NAME.max, `Use at most ${String(EVENT_DATA_STORE_NAME.max)} characters.`)
  .regex(EVENT_DATA_STORE_NAME.pattern, 'Use only letters, numbers, periods, underscores and hyphens.');

const partnerSources: readonly string[] = PARTNER_SOURCES.map((partner) => partner.source);

/** The create form's schema: everything CloudTrail would otherwise reject, before anything is sent. */
export const createIntegrationSchema = z
  .object({
    sourceKind: z.enum(['custom', 'partner']),
    partner: z.string(),
    name: channelNameSchema,
    destinationMode: z.enum(['existing', 'new']),
    existingStores: z.array(z.string()),
    newStore: z.object({ name: z.string(), billingMode: z.enum(BILLING_MODES), retentionDays: z.string() }),
    policy: policyDraftSchema,
    tags: tagsSchema('A channel'),
  })
  .superRefine((values, context) => {
    if (values.sourceKind === 'partner' && !partnerSources.includes(values.partner))
      context.addIssue({ code: 'custom', path: ['partner'], message: 'Choose the partner that sends the events.' });
    if (values.destinationMode === 'existing') {
      const result = destinationsSchema.safeParse(values.existingStores);
      if (!result.success)
        for (const issue of result.error.issues)
          context.addIssue({ code: 'custom', path: ['existingStores'], message: issue.message });
    } else {
      const name = storeName.safeParse(values.newStore.name);
      if (!name.success)
        context.addIssue({
          code: 'custom',
          path: ['newStore', 'name'],
          message: name.error.issues[0]?.message ?? 'Enter a name.',
        });
      const { min, max } = RETENTION_PERIOD_DAYS[values.newStore.billingMode];
      const days = Number(values.newStore.retentionDays);
      if (values.newStore.retentionDays.trim() === '' || !Number.isInteger(days))
        context.addIssue({
          code: 'custom',
          path: ['newStore', 'retentionDays'],
          message: 'Enter a whole number of days.',
        });
      else if (days < min || days > max)
        context.addIssue({
          code: 'custom',
          path: ['newStore', 'retentionDays'],
          message: `Enter ${String(min)} to ${String(max)} days for this pricing option.`,
        });
    }
  });

/** Field errors of the create form's current values; derived on every render. */
export function createIntegrationErrors(values: CreateIntegrationValues): Record<string, string> {
  return errorsOf(createIntegrationSchema.safeParse(values));
}

/** Errors of a policy draft edited on its own, by the same paths ("policy.accountIds.0"). */
export function policyErrors(draft: PolicyDraft): Record<string, string> {
  return errorsOf(policyDraftSchema.safeParse(draft), ['policy']);
}

/** The Source value the form's choice stands for. */
export function sourceOfValues(values: Pick<CreateIntegrationValues, 'sourceKind' | 'partner'>): string {
  return values.sourceKind === 'custom' ? CUSTOM_CHANNEL_SOURCE : values.partner;
}

/**
 * The CreateEventDataStore request of the new destination: events from outside AWS, in this
 * Region only (channels send only to single-Region stores).
 */
export function toCreateStoreInput(draft: NewStoreDraft): CreateEventDataStoreCommandInput {
  return {
    Name: draft.name,
    BillingMode: draft.billingMode,
    RetentionPeriod: Number(draft.retentionDays),
    AdvancedEventSelectors: ACTIVITY_AUDIT_LOG_SELECTORS,
    MultiRegionEnabled: false,
  };
}

/** The CreateChannel request of valid values, sending to these store ARNs. */
export function toCreateChannelInput(
  values: CreateIntegrationValues,
  destinations: readonly string[],
): CreateChannelCommandInput {
  return {
    Name: values.name,
    Source: sourceOfValues(values),
    Destinations: destinations.map((location) => ({ Type: 'EVENT_DATA_STORE', Location: location })),
    ...(values.tags.length > 0 ? { Tags: toTags(values.tags) } : {}),
  };
}

export interface EditChannelValues {
  name: string;
  destinations: string[];
}

export const editChannelSchema = z.object({ name: channelNameSchema, destinations: destinationsSchema });

/** Field errors of the edit form. */
export function editChannelErrors(values: EditChannelValues): Record<string, string> {
  return errorsOf(editChannelSchema.safeParse(values));
}

/** The edit form's starting values: the channel's name and its store destinations. */
export function editValuesOf(channel: ChannelDetails): EditChannelValues {
  return {
    name: channel.Name ?? '',
    destinations: (channel.Destinations ?? []).flatMap((destination) =>
      destination.Type === 'EVENT_DATA_STORE' && destination.Location ? [destination.Location] : [],
    ),
  };
}

/**
 * The UpdateChannel request for what changed, or undefined when nothing did (CloudTrail rejects an
 * update without Name or Destinations). Destinations replace the list, so they go whole.
 */
export function toUpdateChannelInput(
  channel: ChannelDetails,
  initial: EditChannelValues,
  values: EditChannelValues,
): UpdateChannelCommandInput | undefined {
  const input: UpdateChannelCommandInput = { Channel: channel.ChannelArn ?? '' };
  if (values.name !== initial.name) input.Name = values.name;
  const sameDestinations =
    values.destinations.length === initial.destinations.length &&
    values.destinations.every((arn) => initial.destinations.includes(arn));
  if (!sameDestinations)
    input.Destinations = values.destinations.map((location) => ({ Type: 'EVENT_DATA_STORE', Location: location }));
  return input.Name === undefined && input.Destinations === undefined ? undefined : input;
}
