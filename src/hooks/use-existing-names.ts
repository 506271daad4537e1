import { useQuery, type DefaultError, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';

/**
 * Names already used in the region, read from a list query (`eventDataStoreQueries.list(connection)`),
 * so a form can refuse a duplicate next to its name field before sending. `except` are names that
 * do not count: the edited resource's own name, and a name this form just sent (once created, the
 * refreshed list holds it while the page moves on). Undefined while the list loads or when it
 * failed: the API then decides.
 */
export function useExistingNames<T, K extends QueryKey>(
  options: UseQueryOptions<T[], DefaultError, T[], K>,
  nameOf: (item: T) => string | undefined,
  except: string | readonly (string | undefined)[] = [],
): ReadonlySet<string> | undefined {
  const excluded: readonly (string | undefined)[] = typeof except === 'string' ? [except] : except;
  const { data } = useQuery(options);
  if (!data) return undefined;
  const names = new Set<string>();
  for (const item of data) {
    const name = nameOf(item);
    if (name !== undefined && !excluded.includes(name)) names.add(name);
  }
  return names;
}
