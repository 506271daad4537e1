// Event history's view in the URL, so a copied link reproduces it. Parsing goes through zod and
// falls back to defaults field by field: a crafted or truncated link gives a default view.
import { z } from 'zod';
import { LOOKUP_ATTRIBUTE_KEYS, LOOKUP_ATTRIBUTE_VALUE, REGIONS } from './cloudtrail-limits';
import type { RelativeUnit, TimeRange } from './time-range';

export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

export interface UrlAttributeFilter {
  key: LookupAttributeKey;
  value: string;
}

/** Where a page starts: the page number, the page size it was counted with, and the walk cursor (encoded). */
export interface PageAnchor {
  page: number;
  size: number;
  cursor: string;
}

export interface EventHistoryView {
  filters: UrlAttributeFilter[];
  range?: TimeRange;
  page: number;
  /** The instant a relative range (or the default 90 days) ends, fixed once the view pages or scans. */
  asOf?: string;
  /** A known page start at or before `page`, so the page opens without reading from the newest event. */
  at?: PageAnchor;
  /** How many times "Scan further" extended this page's reading. */
  scan?: number;
  /** A person or role whose sessions' access keys filter the events (user name, email, role name or ARN). */
  principal?: string;
  /** The page size the view was paged with, kept so a link shows the same rows in any browser. */
  size?: 10 | 25 | 50;
  /** Several regions on one timeline: every region, or a set; absent is the console's current region. */
  regions?: 'all' | string[];
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

const scanParam = z.coerce.number().int().min(0).max(1000).catch(0);

const anchorParam = z.string().transform((text, context): PageAnchor => {
  const match = /^(\d{1,6})\.(10|25|50)\.([A-Za-z0-9_-]{1,60000})$/.exec(text);
  if (!match) {
    context.addIssue({ code: 'custom', message: 'not a page anchor' });
    return z.NEVER;
  }
  return { page: Number(match[1]), size: Number(match[2]), cursor: match[3] ?? '' };
});

const regionsParam = z.string().transform((text, context): 'all' | string[] => {
  if (text === 'all') return 'all';
  const regions = [...new Set(text.split(','))].filter((region) => (REGIONS as readonly string[]).includes(region));
  if (regions.length === 0) {
    context.addIssue({ code: 'custom', message: 'no known region' });
    return z.NEVER;
  }
  return regions.sort((a, b) => REGIONS.indexOf(a as never) - REGIONS.indexOf(b as never));
});

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
  const page = pageParam.parse(search.get('page') ?? 1);
  const asOf = instant.safeParse(search.get('asof'));
  const at = anchorParam.safeParse(search.get('at'));
  const scan = scanParam.parse(search.get('scan') ?? 0);
  const regions = regionsParam.safeParse(search.get('regions'));
  const size = Number(search.get('size'));
  const principal = (search.get('principal') ?? '').trim();
  return {
    filters,
    range,
    page,
    ...(asOf.success && range?.type !== 'absolute' ? { asOf: asOf.data } : {}),
    ...(at.success && at.data.page <= page ? { at: at.data } : {}),
    ...(scan > 0 ? { scan } : {}),
    ...(size === 10 || size === 25 || size === 50 ? { size } : {}),
    ...(principal !== '' && principal.length <= LOOKUP_ATTRIBUTE_VALUE.max ? { principal } : {}),
    ...(regions.success ? { regions: regions.data } : {}),
  };
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
  if (view.principal !== undefined) search.set('principal', view.principal);
  if (view.page !== undefined && view.page > 1) search.set('page', String(view.page));
  if (view.regions !== undefined) search.set('regions', view.regions === 'all' ? 'all' : view.regions.join(','));
  if (view.asOf !== undefined && view.range?.type !== 'absolute') search.set('asof', view.asOf);
  if (view.at !== undefined && view.at.page > 1)
    search.set('at', `${String(view.at.page)}.${String(view.at.size)}.${view.at.cursor}`);
  if (view.scan !== undefined && view.scan > 0) search.set('scan', String(view.scan));
  if (view.size !== undefined) search.set('size', String(view.size));
  return search;
}
