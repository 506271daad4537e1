// Queries the user saved by name, kept in this browser per backend and Region (store IDs differ
// between them). For AWS the scope is the Region alone: the access key ID is part of the
// credentials, which never go to localStorage.
import { z } from 'zod';
import { storageScopeOf, type Connection } from '@/api/connection';
import { QUERY_STATEMENT } from '@/lib/cloudtrail-limits';
import { useStoredValue } from './use-stored-value';

/** Longest name of a saved query. */
export const SAVED_QUERY_NAME_MAX = 100;

const savedQuerySchema = z.object({
  name: z.string().min(1).max(SAVED_QUERY_NAME_MAX),
  sql: z.string().min(QUERY_STATEMENT.min).max(QUERY_STATEMENT.max),
  savedAt: z.iso.datetime(),
});

export type SavedQuery = z.infer<typeof savedQuerySchema>;

const savedQueriesSchema = z.array(savedQuerySchema);
const NONE: SavedQuery[] = [];

/** The saved queries of the backend, newest first, and ways to save and delete one. */
export function useSavedQueries(connection: Connection) {
  const [queries, write] = useStoredValue(
    localStorage,
    `cloudtrail-console.saved-queries.${storageScopeOf(connection)}`,
    savedQueriesSchema,
    NONE,
  );
  return {
    queries,
    /** Saves a statement under a name; a query saved under that name before is replaced. */
    save: (name: string, sql: string) => {
      const entry: SavedQuery = { name, sql, savedAt: new Date().toISOString() };
      write([entry, ...queries.filter((query) => query.name !== name)]);
    },
    remove: (name: string) => {
      write(queries.filter((query) => query.name !== name));
    },
  };
}
