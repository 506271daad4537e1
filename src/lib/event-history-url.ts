// Event history's view in the URL, so a copied link reproduces it. Parsing goes through zod and
// falls back to defaults field by field: a crafted or truncated link gives a default view.
import { z } from 'zod';
import { LOOKUP_ATTRIBUTE_KEYS, LOOKUP_ATTRIBUTE_VALUE } from './cloudtrail-limits';
import type { RelativeUnit, TimeRange } from './time-range';

export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

export interface UrlAttributeFilter {
  key: LookupAttributeKey;
  value: string;
}

export interface EventHistoryView {
  filters: UrlAttributeFilter[];
  range?: TimeRange;
  page: number;
}

/** CloudTrail's console opens Event history on write events: Read-only = false. */
export const DEFAULT_FILTERS: readonly UrlAttributeFilter[] = [{ key: 'ReadOnly', value: 'false' }];

const UNIT_CODES: Record<string, RelativeUnit> = { m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month' };
const CODES_BY_UNIT = Object.fromEntries(Object.entries(UNIT_CODES).map(([code, unit]) => [unit, code])) as Record<
  RelativeUnit,
  string
>;

const filterParam = z.string().transform((text, context) => {
  const colon = text.indexOf(':');
  const key = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (
    colon < 1 ||
    !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key) ||
    value === '' ||
    value.length > LOOKUP_ATTRIBUTE_VALUE.max
  ) {
    context.addIssue({ code: 'custom', message: 'not a filter' });
    return z.NEVER;
  }
  return { key: key as LookupAttributeKey, value };
});

const relativeParam = z.string().transform((text, context): TimeRange => {
  const match = /^(\d{1,4})(mo|m|h|d|w)$/.exec(text);
  const unit = match ? UNIT_CODES[match[2] ?? ''] : undefined;
  const amount = Number(match?.[1]);
  if (!unit || !(amount > 0)) {
    context.addIssue({ code: 'custom', message: 'not a relative range' });
    return z.NEVER;
  }
  return { type: 'relative', amount, unit };
});

const instant = z.iso.datetime({ offset: true });

const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The view a URL's query string describes. */
export function parseEventHistorySearch(search: URLSearchParams): EventHistoryView {
  const raw = search.getAll('filter');
  // No filter parameter at all is CloudTrail's default view; `filter=` alone is "no filters".
  const filters =
    raw.length === 0
      ? [...DEFAULT_FILTERS]
      : raw.flatMap((text) => {
          const parsed = filterParam.safeParse(text);
          return parsed.success ? [parsed.data] : [];
        });
  let range: TimeRange | undefined;
  const last = relativeParam.safeParse(search.get('last'));
  const start = instant.safeParse(search.get('start'));
  const end = instant.safeParse(search.get('end'));
  if (last.success) range = last.data;
  else if (start.success && end.success && Date.parse(start.data) <= Date.parse(end.data))
    range = { type: 'absolute', startDate: start.data, endDate: end.data };
  return { filters, range, page: pageParam.parse(search.get('page') ?? 1) };
}

/** The query string of a view; the inverse of parseEventHistorySearch. */
export function eventHistorySearch(view: Partial<EventHistoryView>): URLSearchParams {
  const search = new URLSearchParams();
  const filters = view.filters ?? DEFAULT_FILTERS;
  const isDefault =
    filters.length === DEFAULT_FILTERS.length &&
    filters.every(
      (filter, index) => filter.key === DEFAULT_FILTERS[index]?.key && filter.value === DEFAULT_FILTERS[index].value,
    );
  if (filters.length === 0) search.append('filter', '');
  else if (!isDefault) for (const filter of filters) search.append('filter', `${filter.key}:${filter.value}`);
  if (view.range?.type === 'relative')
    search.set('last', `${String(view.range.amount)}${CODES_BY_UNIT[view.range.unit]}`);
  if (view.range?.type === 'absolute') {
    search.set('start', view.range.startDate);
    search.set('end', view.range.endDate);
  }
  if (view.page !== undefined && view.page > 1) search.set('page', String(view.page));
  return search;
}
