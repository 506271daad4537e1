// How the trail pages put a trail's settings, status and selectors into words.
import type { AdvancedEventSelector, EventSelector, InsightType, Trail } from '@aws-sdk/client-cloudtrail';
import type { TrailEventSelectors } from '@/api/trails';

/** "Yes" or "No". */
export function yesNo(value: boolean | undefined): string {
  return value ? 'Yes' : 'No';
}

/** Why a trail cannot be changed from this Region (it is a multi-Region trail homed elsewhere), or undefined. */
export function shadowNotice(trail: Trail, region: string): string | undefined {
  if (trail.HomeRegion === undefined || trail.HomeRegion === region) return undefined;
  return `${trail.Name ?? 'This trail'} is a multi-Region trail created in ${trail.HomeRegion}. It logs events of ${region} too, but its settings can be changed only from ${trail.HomeRegion}: switch the Region in Settings.`;
}

function hasAdvancedManagement(selectors: readonly AdvancedEventSelector[], writes: boolean): boolean {
  return selectors.some((selector) => {
    const fields = selector.FieldSelectors ?? [];
    const category = fields.find((field) => field.Field === 'eventCategory');
    if (!category?.Equals?.includes('Management')) return false;
    if (!writes) return true;
    const readOnly = fields.find((field) => field.Field === 'readOnly');
    return readOnly === undefined || readOnly.Equals?.includes('false') === true;
  });
}

function hasBasicManagement(selectors: readonly EventSelector[], writes: boolean): boolean {
  return selectors.some(
    (selector) =>
      (selector.IncludeManagementEvents ?? true) && (!writes || (selector.ReadWriteType ?? 'All') !== 'ReadOnly'),
  );
}

/** Whether the selectors log management events (`writes`: write management events). */
export function logsManagementEvents(selectors: TrailEventSelectors, { writes }: { writes: boolean }): boolean {
  if (selectors.AdvancedEventSelectors) return hasAdvancedManagement(selectors.AdvancedEventSelectors, writes);
  return hasBasicManagement(selectors.EventSelectors ?? [], writes);
}

export const INSIGHT_TYPE_LABELS: Record<InsightType, string> = {
  ApiCallRateInsight: 'API call rate',
  ApiErrorRateInsight: 'API error rate',
};

/** What an Insights type needs, and whether the trail's selectors meet it (SEMANTICS.md §17.8). */
export function insightPrerequisite(
  type: InsightType,
  selectors: TrailEventSelectors | undefined,
): { text: string; met: boolean | undefined } {
  const writes = type === 'ApiCallRateInsight';
  return {
    text: writes
      ? 'API call rate Insights analyse write management events: the trail must log them (Write or All in a basic selector, or a Management advanced selector not limited to readOnly = true).'
      : 'API error rate Insights analyse management events: the trail must log read or write management events.',
    met: selectors === undefined ? undefined : logsManagementEvents(selectors, { writes }),
  };
}
