// How the console words an event data store: its kind, pricing, retention, size, the estimated
// retention charge and the days left before a deleted store is purged.
import type { AdvancedEventSelector, BillingMode } from '@aws-sdk/client-cloudtrail';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { EVENT_DATA_STORE_DELETION_WAIT_DAYS, RETENTION_PERIOD_DAYS } from '@/lib/cloudtrail-limits';
import { categoriesOf, kindOf } from '@/lib/event-data-store-kind';
import { formatBytes } from '@/lib/format-bytes';

/** Whether Start/StopEventDataStoreIngestion apply: CloudTrail events and configuration items only. */
export function canStartAndStop(selectors: readonly AdvancedEventSelector[] | undefined): boolean {
  const kind = kindOf(selectors);
  return kind === 'CloudTrailEvents' || kind === 'ConfigurationItems';
}

const CATEGORY_NAMES: Record<string, string> = {
  Management: 'management',
  Data: 'data',
  NetworkActivity: 'network activity',
};

/** "CloudTrail events (management, data)", "Events from integrations", ... */
export function eventTypeLabel(selectors: readonly AdvancedEventSelector[] | undefined): string {
  switch (kindOf(selectors)) {
    case 'ActivityAuditLog':
      return 'Events from integrations';
    case 'Insights':
      return 'CloudTrail Insights events';
    case 'ConfigurationItems':
      return 'AWS Config configuration items';
    case 'CloudTrailEvents': {
      const names = categoriesOf(selectors).map((category) => CATEGORY_NAMES[category] ?? category);
      return names.length === 0 ? 'CloudTrail events' : `CloudTrail events (${names.join(', ')})`;
    }
  }
}

export const PRICING_LABELS: Record<BillingMode, string> = {
  EXTENDABLE_RETENTION_PRICING: 'One-year extendable retention pricing',
  FIXED_RETENTION_PRICING: 'Seven-year retention pricing',
};

export function pricingLabel(billingMode: BillingMode | undefined): string {
  return billingMode ? PRICING_LABELS[billingMode] : '-';
}

export function retentionLabel(days: number | undefined): string {
  return days === undefined ? '-' : `${String(days)} days`;
}

/** Retention one-year extendable pricing includes (the project's assumption, mocks/emulator/SEMANTICS.md §16.9). */
export const INCLUDED_RETENTION_DAYS = RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING.default;
/** Assumed price of retention beyond the included days, per GB-month (binary GB). */
export const EXTENDED_RETENTION_PRICE_PER_GB_MONTH = 0.023;

export interface RetentionEstimate {
  /** Estimated US dollars per month. */
  dollars: number;
  /** Why, in one sentence. */
  reason: string;
}

/**
 * The monthly retention charge for the bytes a store holds now, under the project's assumptions:
 * seven-year pricing includes its retention; one-year extendable pricing includes 366 days, and
 * data kept beyond that costs $0.023 per GB-month.
 */
export function estimateMonthlyRetention(
  store: Pick<EventDataStoreDetails, 'BillingMode' | 'RetentionPeriod'>,
  bytes: number,
): RetentionEstimate {
  if (store.BillingMode === 'FIXED_RETENTION_PRICING')
    return { dollars: 0, reason: 'Seven-year retention pricing includes retention for the whole retention period.' };
  const days = store.RetentionPeriod ?? INCLUDED_RETENTION_DAYS;
  if (days <= INCLUDED_RETENTION_DAYS)
    return {
      dollars: 0,
      reason: `The retention period (${String(days)} days) is within the ${String(INCLUDED_RETENTION_DAYS)} days one-year extendable pricing includes.`,
    };
  const gigabytes = bytes / 1024 ** 3;
  return {
    dollars: gigabytes * EXTENDED_RETENTION_PRICE_PER_GB_MONTH,
    reason: `Data kept beyond ${String(INCLUDED_RETENTION_DAYS)} days is charged; this assumes all ${formatBytes(bytes)} held now is in that extended period.`,
  };
}

export function formatDollars(dollars: number): string {
  return `$${dollars.toFixed(2)}`;
}

const DAY = 86_400_000;

/** When a store pending deletion is purged: seven days after its deletion (its UpdatedTimestamp). */
export function purgeTimeOf(store: Pick<EventDataStoreDetails, 'UpdatedTimestamp'>): Date | undefined {
  const deletedAt = store.UpdatedTimestamp?.getTime();
  return deletedAt === undefined ? undefined : new Date(deletedAt + EVENT_DATA_STORE_DELETION_WAIT_DAYS * DAY);
}

/** Whole days left before the purge, rounded up; 0 once it is due. */
export function daysLeftBeforePurge(store: Pick<EventDataStoreDetails, 'UpdatedTimestamp'>, now: Date): number {
  const purge = purgeTimeOf(store);
  if (!purge) return EVENT_DATA_STORE_DELETION_WAIT_DAYS;
  return Math.max(0, Math.ceil((purge.getTime() - now.getTime()) / DAY));
}

/** "3 days", "1 day". */
export function daysText(days: number): string {
  return `${String(days)} ${days === 1 ? 'day' : 'days'}`;
}
