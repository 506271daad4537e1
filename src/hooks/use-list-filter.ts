import { useSearchParams } from 'react-router';
import { z } from 'zod';

const listParams = z.object({ filter: z.string().max(200).catch('') });

/** A list page's text filter, kept in the URL (`?filter=`); anything malformed is no filter. */
export function useListFilter() {
  const [search, setSearch] = useSearchParams();
  const { filter } = listParams.parse({ filter: search.get('filter') ?? '' });
  const setFilter = (next: string) => {
    setSearch(next === '' ? {} : { filter: next }, { replace: true });
  };
  return [filter, setFilter] as const;
}
