import { useSearchParams } from 'react-router';
import { z } from 'zod';

const eventHistoryParams = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type EventHistoryParams = z.infer<typeof eventHistoryParams>;

/** Event history's view state, in the URL so a link reproduces it; malformed values fall back to defaults. */
export function useEventHistoryParams() {
  const [search, setSearch] = useSearchParams();
  const params = eventHistoryParams.parse(Object.fromEntries(search));
  const update = (next: Partial<EventHistoryParams>) => {
    const merged = { ...params, ...next };
    setSearch(merged.page === 1 ? {} : { page: String(merged.page) }, { replace: true });
  };
  return [params, update] as const;
}
