import '@cloudscape-design/global-styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { loadConnection } from '@/api/connection';
import type { EmbeddedEmulator } from '@/api/embedded-emulator';
import { describeError } from '@/api/errors';
import { createQueryClient } from '@/api/query-client';
import { createNotificationCenter } from '@/components/notifications';
import { App } from './app/app';
import { preloadPage } from './app/page-from';
import { routes } from './app/router';

/** The emulator is imported only when it is used, so people using AWS never download it. */
function createEmbeddedEmulator(): EmbeddedEmulator {
  let started: Promise<Awaited<ReturnType<typeof import('../mocks/browser').startEmbeddedEmulator>>> | undefined;
  const listeners = new Set<() => void>();
  const start = () => {
    started ??= import('../mocks/browser').then((module) =>
      module.startEmbeddedEmulator({
        onChange: () => {
          for (const listener of listeners) listener();
        },
      }),
    );
    return started;
  };
  return {
    start: async () => {
      const running = await start();
      await running.resume();
    },
    stop: () => {
      void started?.then((running) => {
        running.pause();
      });
    },
    settings: async () => (await start()).settings(),
    configure: async (settings) => {
      await (await start()).configure(settings);
    },
    reset: async () => {
      await (await start()).reset();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

const connection = loadConnection();
const embedded = createEmbeddedEmulator();
// The first page's code downloads while the emulator starts (it reads its stored world first),
// not after.
preloadPage(routes, window.location.pathname);
if (connection.kind === 'embedded') await embedded.start();

const notifications = createNotificationCenter();
const queryClient = createQueryClient({
  onBackgroundError: (error) => {
    const view = describeError(error);
    notifications.notify({ type: 'error', header: view.title, content: view.message });
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App
      router={createBrowserRouter(routes)}
      queryClient={queryClient}
      connection={connection}
      embedded={embedded}
      notifications={notifications}
    />
  </StrictMode>,
);
