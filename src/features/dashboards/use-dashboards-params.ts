import { useSearchParams } from 'react-router';
import { z } from 'zod';

const dashboardsParams = z.object({
  tab: z.enum(['highlights', 'dashboards']).catch('highlights'),
  filter: z.string().max(200).catch(''),
});

export type DashboardsParams = z.infer<typeof dashboardsParams>;

/** The dashboards page's tab and its list's text filter, kept in the URL; anything malformed is the default. */
export function useDashboardsParams() {
  const [search, setSearch] = useSearchParams();
  const params = dashboardsParams.parse({ tab: search.get('tab') ?? undefined, filter: search.get('filter') ?? '' });
  const update = (next: Partial<DashboardsParams>) => {
    const merged = { ...params, ...next };
    setSearch(
      {
        ...(merged.tab === 'highlights' ? {} : { tab: merged.tab }),
        ...(merged.filter === '' ? {} : { filter: merged.filter }),
      },
      { replace: true },
    );
  };
  return [params, update] as const;
}
