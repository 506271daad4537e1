import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
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
    onSuccess: () =>
      queryClient.resetQueries({ predicate: (query) => String(query.queryKey[1]).startsWith('embedded') }),
  });
}

/** Tries a connection before it is saved: one LookupEvents call. */
export function useCheckConnection() {
  return useMutation({ mutationFn: (connection: Connection) => checkConnection(trialClientFor(connection)) });
}
