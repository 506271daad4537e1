import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { QUERY_ID, QUERY_STATEMENT } from '@/lib/cloudtrail-limits';

// The URL is input: a statement too long or a malformed query ID reads as absent.
const lakeQueryParams = z.object({
  sql: z.string().min(QUERY_STATEMENT.min).max(QUERY_STATEMENT.max).optional().catch(undefined),
  queryId: z.string().length(QUERY_ID.length).regex(QUERY_ID.pattern).optional().catch(undefined),
});

/** The statement a link opens the editor with (`?sql=`) and the query shown (`?queryId=`). */
export function useLakeQueryParams() {
  const [search, setSearch] = useSearchParams();
  const { sql, queryId } = lakeQueryParams.parse({
    sql: search.get('sql') ?? undefined,
    queryId: search.get('queryId') ?? undefined,
  });
  /** Shows a query; a new history entry, so Back returns to the one before. */
  const showQuery = (id: string) => {
    setSearch({ queryId: id });
  };
  return { sql, queryId, showQuery };
}
