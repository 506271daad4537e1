import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { emulator, resetTestEmulator } from '../../mocks/node';
import { App } from '@/app/app';
import { routes } from '@/app/router';
import type { Connection } from '@/api/connection';
import type { EmbeddedEmulator } from '@/api/embedded-emulator';
import { createQueryClient } from '@/api/query-client';
import { createNotificationCenter } from '@/components/notifications';

/** The test emulator as the console's embedded backend; msw/node already answers for it. */
const testEmbeddedEmulator: EmbeddedEmulator = {
  start: () => Promise.resolve(),
  stop: () => undefined,
  settings: () => Promise.resolve({ ...emulator.settings }),
  configure: (settings) => emulator.configure(settings),
  reset: resetTestEmulator,
  // One page, one emulator: no other tab changes it behind this page's back.
  onChange: () => () => undefined,
};

/** Renders the whole console at `url` with its real providers, a fresh query client and the test emulator. */
export function renderApp(url = '/', options: { connection?: Connection } = {}) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const notifications = createNotificationCenter();
  const result = render(
    <App
      router={router}
      queryClient={queryClient}
      connection={options.connection ?? { kind: 'embedded', region: 'us-east-1' }}
      embedded={testEmbeddedEmulator}
      notifications={notifications}
    />,
  );
  return { ...result, router, queryClient };
}
