// Event history's view in the URL, so a copied link reproduces it. Parsing falls back to defaults
// field by field: a crafted or truncated link gives a default view. Hand-written rather than zod,
// so that zod stays out of the first screen's download.
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

/** A `filter` parameter, `Key:value`, or undefined when it is not one. */
function filterParam(text: string): UrlAttributeFilter | undefined {
  const colon = text.indexOf(':');
  const key = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (
    colon < 1 ||
    !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key) ||
    value === '' ||
    value.length > LOOKUP_ATTRIBUTE_VALUE.max
  )
    return undefined;
  return { key: key as LookupAttributeKey, value };
}

/** A `last` parameter (`15m`, `2h`, `7d`, `1w`, `3mo`). */
function relativeParam(text: string | null): TimeRange | undefined {
  const match = /^(\d{1,4})(mo|m|h|d|w)$/.exec(text ?? '');
  const unit = match ? UNIT_CODES[match[2] ?? ''] : undefined;
  const amount = Number(match?.[1]);
  return unit && amount > 0 ? { type: 'relative', amount, unit } : undefined;
}

/** An RFC 3339 date and time with seconds and a `Z` or `±hh:mm` offset, on a real calendar day. */
const INSTANT =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function instant(text: string | null): string | undefined {
  return text !== null && INSTANT.test(text) ? text : undefined;
}

/** A whole number from `min` to `max` (as `Number()` reads it), or `fallback`. */
function wholeParam(text: string | null, min: number, max: number, fallback: number): number {
  const number = text === null ? fallback : Number(text);
  return Number.isInteger(number) && number >= min && number <= max ? number : fallback;
}

/** An `at` parameter, `page.size.cursor`. */
function anchorParam(text: string | null): PageAnchor | undefined {
  const match = /^(\d{1,6})\.(10|25|50)\.([A-Za-z0-9_-]{1,60000})$/.exec(text ?? '');
  return match ? { page: Number(match[1]), size: Number(match[2]), cursor: match[3] ?? '' } : undefined;
}

/** A `regions` parameter: `all`, or the known regions of a comma-separated list in the console's order. */
function regionsParam(text: string | null): 'all' | string[] | undefined {
  if (text === null) return undefined;
  if (text === 'all') return 'all';
  const regions = [...new Set(text.split(','))].filter((region) => (REGIONS as readonly string[]).includes(region));
  if (regions.length === 0) return undefined;
  return regions.sort((a, b) => REGIONS.indexOf(a as never) - REGIONS.indexOf(b as never));
}

/** The view a URL's query string describes. */
export function parseEventHistorySearch(search: URLSearchParams): EventHistoryView {
  const raw = search.getAll('filter');
  // No filter parameter at all is CloudTrail's default view; `filter=` alone is "no filters".
  const filters =
    raw.length === 0
      ? [...DEFAULT_FILTERS]
      : raw.flatMap((text) => {
          const filter = filterParam(text);
          return filter ? [filter] : [];
        });
  let range = relativeParam(search.get('last'));
  const start = instant(search.get('start'));
  const end = instant(search.get('end'));
  if (!range && start !== undefined && end !== undefined && Date.parse(start) <= Date.parse(end))
    range = { type: 'absolute', startDate: start, endDate: end };
  const page = wholeParam(search.get('page'), 1, 100_000, 1);
  const asOf = instant(search.get('asof'));
  const at = anchorParam(search.get('at'));
  const scan = wholeParam(search.get('scan'), 0, 1000, 0);
  const regions = regionsParam(search.get('regions'));
  const size = Number(search.get('size'));
  const principal = (search.get('principal') ?? '').trim();
  return {
    filters,
    range,
    page,
    ...(asOf !== undefined && range?.type !== 'absolute' ? { asOf } : {}),
    ...(at !== undefined && at.page <= page ? { at } : {}),
    ...(scan > 0 ? { scan } : {}),
    ...(size === 10 || size === 25 || size === 50 ? { size } : {}),
    ...(principal !== '' && principal.length <= LOOKUP_ATTRIBUTE_VALUE.max ? { principal } : {}),
    ...(regions !== undefined ? { regions } : {}),
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
