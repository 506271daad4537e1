// Emulator tests: the SDK talks to the shared test emulator through msw/node.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetTestEmulator, server } from './node';

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});

afterEach(async () => {
  server.resetHandlers();
  await resetTestEmulator();
});

afterAll(() => {
  server.close();
});
