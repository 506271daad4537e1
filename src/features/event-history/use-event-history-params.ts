import { useSearchParams } from 'react-router';
import { eventHistorySearch, parseEventHistorySearch, type EventHistoryView } from '@/lib/event-history-url';

/** Event history's view (filters, time range, regions, page and scan state), kept in the URL; malformed values fall back to defaults. */
export function useEventHistoryParams() {
  const [search, setSearch] = useSearchParams();
  const view = parseEventHistorySearch(search);
  /**
   * Changes the view. Unless `next` says otherwise it starts again at page 1 with a fresh window:
   * the page anchor, the scan count and the fixed end belong to one walk of one filter.
   */
  const update = (next: Partial<EventHistoryView>) => {
    const base: EventHistoryView = { filters: view.filters, range: view.range, page: 1 };
    if (view.regions !== undefined) base.regions = view.regions;
    if (view.principal !== undefined) base.principal = view.principal;
    const nextSearch = eventHistorySearch({ ...base, ...next });
    // The console's region (`region=`) belongs to the shell; it stays as it is.
    const region = search.get('region');
    if (region !== null) nextSearch.set('region', region);
    setSearch(nextSearch, { replace: true });
  };
  return [view, update] as const;
}
