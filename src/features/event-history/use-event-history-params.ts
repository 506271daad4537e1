import { useSearchParams } from 'react-router';
import { eventHistorySearch, parseEventHistorySearch, type EventHistoryView } from '@/lib/event-history-url';

/** Event history's view (filters, time range, page), kept in the URL; malformed values fall back to defaults. */
export function useEventHistoryParams() {
  const [search, setSearch] = useSearchParams();
  const view = parseEventHistorySearch(search);
  /** Changes the view; any change other than the page starts again at page 1. */
  const update = (next: Partial<EventHistoryView>) => {
    setSearch(eventHistorySearch({ ...view, page: 1, ...next }), { replace: true });
  };
  return [view, update] as const;
}
