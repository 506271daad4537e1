// The family of events a store holds, read from its selectors; the store pages word it, the query
// page picks the matching Lake schema.
import type { AdvancedEventSelector } from '@aws-sdk/client-cloudtrail';

/** The family of events a store holds, fixed at creation by its selectors (mocks/emulator/SEMANTICS.md §8.1). */
export type EventDataStoreKind = 'CloudTrailEvents' | 'Insights' | 'ConfigurationItems' | 'ActivityAuditLog';

/** The eventCategory values a store's selectors name, in order, each once. */
export function categoriesOf(selectors: readonly AdvancedEventSelector[] | undefined): string[] {
  const categories: string[] = [];
  for (const selector of selectors ?? [])
    for (const field of selector.FieldSelectors ?? [])
      if (field.Field === 'eventCategory')
        for (const value of field.Equals ?? []) if (!categories.includes(value)) categories.push(value);
  return categories;
}

export function kindOf(selectors: readonly AdvancedEventSelector[] | undefined): EventDataStoreKind {
  const [first] = categoriesOf(selectors);
  if (first === 'ActivityAuditLog') return 'ActivityAuditLog';
  if (first === 'Insight') return 'Insights';
  if (first === 'ConfigurationItem') return 'ConfigurationItems';
  return 'CloudTrailEvents';
}
