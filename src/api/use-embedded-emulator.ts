import { queryOptions, useMutation, useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Connection } from './connection';
import { trialClientFor } from './cloudtrail-client';
import type { EmbeddedEmulator, EmbeddedEmulatorSettings } from './embedded-emulator';
import { checkConnection } from './events';
import { useConnection } from './use-connection';

export const embeddedEmulatorQueries = {
  settings: (embedded: EmbeddedEmulator) =>
    queryOptions({
      queryKey: ['cloudtrail', 'embedded', 'emulator-settings'] as const,
      queryFn: () => embedded.settings(),
      staleTime: Infinity,
    }),
};

/** Whether a query reads the embedded emulator: its key's root is an `embedded:<region>` backend id. */
function isEmbeddedQuery(query: Query): boolean {
  return String(query.queryKey[1]).startsWith('embedded');
}

/**
 * After the emulator changed behind this page: every embedded query is refetched, or marked stale
 * when not on screen. A first fetch still in flight may have been answered before the change, and
 * invalidating would only join it (TanStack Query cancels an in-flight fetch for a refetch only when
 * the query already has data), so it is cancelled first and fetched anew.
 */
export async function refreshEmbeddedQueries(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries(
    { predicate: (query) => isEmbeddedQuery(query) && query.state.data === undefined, fetchStatus: 'fetching' },
    { revert: true, silent: true },
  );
  await queryClient.invalidateQueries({ predicate: isEmbeddedQuery });
}

/**
 * Keeps this page in step with the emulator that every tab shares: when another tab (or the
 * emulator's control object) changes it, its queries are refreshed (refreshEmbeddedQueries).
 */
export function useEmbeddedEmulatorChanges(embedded: EmbeddedEmulator, queryClient: QueryClient) {
  // A subscription to an outside source, not a fetch: the effect only wires the listener.
  useEffect(
    () =>
      embedded.onChange(() => {
        void refreshEmbeddedQueries(queryClient);
      }),
    [embedded, queryClient],
  );
}

/** Changes the embedded emulator's runtime settings. */
export function useConfigureEmbeddedEmulator() {
  const { embedded } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: Partial<EmbeddedEmulatorSettings>) => embedded.configure(settings),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: embeddedEmulatorQueries.settings(embedded).queryKey }),
  });
}

/** Wipes the embedded emulator's stored data and seeds a fresh world; every embedded query reloads. */
export function useResetEmbeddedEmulator() {
  const { embedded } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => embedded.reset(),
    onSuccess: () => queryClient.resetQueries({ predicate: isEmbeddedQuery }),
  });
}

/** Tries a connection before it is saved: one LookupEvents call. */
export function useCheckConnection() {
  return useMutation({ mutationFn: (connection: Connection) => checkConnection(trialClientFor(connection)) });
}
