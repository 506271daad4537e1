import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import type { Connection } from '@/api/connection';
import type { EmbeddedEmulator } from '@/api/embedded-emulator';
import { useEmbeddedEmulatorChanges } from '@/api/use-embedded-emulator';
import { ConnectionProvider } from '@/api/use-connection';
import { NotificationsProvider, type NotificationCenter } from '@/components/notifications';

export interface AppProps {
  router: ReturnType<typeof createBrowserRouter>;
  queryClient: QueryClient;
  connection: Connection;
  embedded: EmbeddedEmulator;
  notifications: NotificationCenter;
}

/** The console's providers around its router. */
export function App({ router, queryClient, connection, embedded, notifications }: AppProps) {
  useEmbeddedEmulatorChanges(embedded, queryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <NotificationsProvider center={notifications}>
        <ConnectionProvider initial={connection} embedded={embedded}>
          <RouterProvider router={router} />
        </ConnectionProvider>
      </NotificationsProvider>
    </QueryClientProvider>
  );
}
