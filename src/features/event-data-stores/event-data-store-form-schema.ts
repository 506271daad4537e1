// The create and edit forms of an event data store: their values, the one zod schema that checks
// everything the model and mocks/emulator/SEMANTICS.md §8 constrain, and the requests the values become.
import type {
  BillingMode,
  CreateEventDataStoreCommandInput,
  UpdateEventDataStoreCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { z } from 'zod';
import { errorsOf } from '@/lib/form-errors';
import { tagsSchema, toTags, type TagDraft } from '@/lib/tags';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { BILLING_MODES, EVENT_DATA_STORE_NAME, MAX_SELECTORS, RETENTION_PERIOD_DAYS } from '@/lib/cloudtrail-limits';
import {
  DEFAULT_SELECTOR_DRAFTS,
  fromAdvancedEventSelectors,
  INTEGRATIONS_SELECTORS,
  selectorIssues,
  toAdvancedEventSelectors,
  type SelectorDraft,
} from '@/lib/selector-drafts';

export type EventType = 'cloudtrail' | 'integrations';

export interface EventDataStoreFormValues {
  name: string;
  billingMode: BillingMode;
  /** As typed; the schema checks it is a whole number in the pricing option's range. */
  retentionDays: string;
  terminationProtection: boolean;
  eventType: EventType;
  selectors: SelectorDraft[];
  multiRegion: boolean;
  startIngestion: boolean;
  tags: TagDraft[];
}

export const DEFAULT_FORM_VALUES: EventDataStoreFormValues = {
  name: '',
  billingMode: 'EXTENDABLE_RETENTION_PRICING',
  retentionDays: String(RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING.default),
  terminationProtection: true,
  eventType: 'cloudtrail',
  selectors: DEFAULT_SELECTOR_DRAFTS.map((draft) => ({ ...draft, conditions: [] })),
  multiRegion: true,
  startIngestion: true,
  tags: [],
};

/** A pricing option's retention range, e.g. "7–3653 days". */
export function retentionRangeText(billingMode: BillingMode): string {
  const { min, max } = RETENTION_PERIOD_DAYS[billingMode];
  return `${String(min)}–${String(max)} days`;
}

const name = z
  .string()
  .min(EVENT_DATA_STORE_NAME.min, `Enter a name of at least ${String(EVENT_DATA_STORE_NAME.min)} characters.`)
  .max(EVENT_DATA_STORE_NAME.max, `Use at most ${String(EVENT_DATA_STORE_NAME.max)} characters.`)
  .regex(EVENT_DATA_STORE_NAME.pattern, 'Use only letters, numbers, periods, underscores and hyphens.');

/** The create and edit forms' schema: every constraint CloudTrail would otherwise reject. */
export const eventDataStoreFormSchema = z
  .object({
    name,
    billingMode: z.enum(BILLING_MODES, 'Choose a pricing option.'),
    retentionDays: z.string(),
    terminationProtection: z.boolean(),
    eventType: z.enum(['cloudtrail', 'integrations']),
    selectors: z.array(z.custom<SelectorDraft>()),
    multiRegion: z.boolean(),
    startIngestion: z.boolean(),
    tags: tagsSchema('An event data store'),
  })
  .superRefine((values, context) => {
    const { min, max } = RETENTION_PERIOD_DAYS[values.billingMode];
    const days = Number(values.retentionDays);
    if (values.retentionDays.trim() === '' || !Number.isInteger(days))
      context.addIssue({ code: 'custom', path: ['retentionDays'], message: 'Enter a whole number of days.' });
    else if (days < min || days > max)
      context.addIssue({
        code: 'custom',
        path: ['retentionDays'],
        message: `Enter ${String(min)} to ${String(max)} days for this pricing option.`,
      });
    if (values.eventType === 'cloudtrail')
      for (const issue of selectorIssues(values.selectors, {
        maxSelectors: MAX_SELECTORS,
        resource: 'An event data store',
        noun: 'the store',
      }))
        context.addIssue({ code: 'custom', ...issue });
  });

/** Field errors of the current values, by dotted path ("tags.0.key"); derived on every render. */
export function eventDataStoreFormErrors(values: EventDataStoreFormValues): Record<string, string> {
  return errorsOf(eventDataStoreFormSchema.safeParse(values));
}

/** The CreateEventDataStore request of valid values. */
export function toCreateInput(values: EventDataStoreFormValues): CreateEventDataStoreCommandInput {
  const integrations = values.eventType === 'integrations';
  return {
    Name: values.name,
    BillingMode: values.billingMode,
    RetentionPeriod: Number(values.retentionDays),
    TerminationProtectionEnabled: values.terminationProtection,
    AdvancedEventSelectors: integrations ? INTEGRATIONS_SELECTORS : toAdvancedEventSelectors(values.selectors),
    // Channels deliver to single-Region stores, and their ingestion cannot be stopped.
    MultiRegionEnabled: integrations ? false : values.multiRegion,
    StartIngestion: integrations ? true : values.startIngestion,
    ...(values.tags.length > 0 ? { TagsList: toTags(values.tags) } : {}),
  };
}

/** Form values showing a store, for the edit form. */
export function formValuesOf(store: EventDataStoreDetails): EventDataStoreFormValues {
  const drafts = fromAdvancedEventSelectors(store.AdvancedEventSelectors);
  const billingMode = store.BillingMode ?? 'EXTENDABLE_RETENTION_PRICING';
  return {
    ...DEFAULT_FORM_VALUES,
    name: store.Name ?? '',
    billingMode,
    retentionDays: String(store.RetentionPeriod ?? RETENTION_PERIOD_DAYS[billingMode].default),
    terminationProtection: store.TerminationProtectionEnabled ?? false,
    eventType: drafts ? 'cloudtrail' : 'integrations',
    selectors: drafts ?? [],
    multiRegion: store.MultiRegionEnabled ?? false,
  };
}

/**
 * The UpdateEventDataStore request for what the form changed, or undefined when nothing did
 * (CloudTrail rejects an update without changes). Selectors are sent only when the editor could
 * show them and they changed.
 */
export function toUpdateInput(
  store: EventDataStoreDetails,
  initial: EventDataStoreFormValues,
  values: EventDataStoreFormValues,
): UpdateEventDataStoreCommandInput | undefined {
  const input: UpdateEventDataStoreCommandInput = { EventDataStore: store.EventDataStoreArn ?? '' };
  if (values.name !== initial.name) input.Name = values.name;
  if (values.billingMode !== initial.billingMode) input.BillingMode = values.billingMode;
  if (Number(values.retentionDays) !== Number(initial.retentionDays))
    input.RetentionPeriod = Number(values.retentionDays);
  if (values.terminationProtection !== initial.terminationProtection)
    input.TerminationProtectionEnabled = values.terminationProtection;
  if (
    values.eventType === 'cloudtrail' &&
    JSON.stringify(toAdvancedEventSelectors(values.selectors)) !==
      JSON.stringify(toAdvancedEventSelectors(initial.selectors))
  )
    input.AdvancedEventSelectors = toAdvancedEventSelectors(values.selectors);
  return Object.keys(input).length > 1 ? input : undefined;
}
