// Emulator tests: the SDK talks to the shared test emulator through msw/node.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { emulator, resetTestEmulator, server, TEST_START, testClock } from './node';

/** Whether the shared emulator was used since its last reset (see `watch`). */
interface Usage {
  used: boolean;
}

const USAGE = Symbol.for('cloudtrail-emulator-tests.usage');

/**
 * Marks the shared emulator used whenever anything reaches it: a call through msw (the handlers
 * call its methods), a method a test calls, or a read of its state or settings (which a test may
 * then change). Installed once per emulator: the files of a worker share it, and this setup file
 * runs again for each of them.
 */
function watch(): Usage {
  const holder = emulator as { [USAGE]?: Usage };
  const installed = holder[USAGE];
  if (installed) return installed;
  const usage: Usage = { used: false };
  const target = emulator as unknown as Record<string, unknown>;
  for (const name of ['newRequestId', 'serve', 'configure', 'ingest', 'tick', 'failNext', 'reset']) {
    const method = target[name] as (...args: unknown[]) => unknown;
    target[name] = (...args: unknown[]) => {
      usage.used = true;
      return method.apply(emulator, args);
    };
  }
  for (const name of ['state', 'settings']) {
    const descriptor = Object.getOwnPropertyDescriptor(emulator, name);
    const getter = descriptor?.get?.bind(emulator);
    const read = (): unknown => (getter ? (getter() as unknown) : descriptor?.value);
    Object.defineProperty(emulator, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        usage.used = true;
        return read();
      },
    });
  }
  holder[USAGE] = usage;
  return usage;
}

const usage = watch();

/**
 * Puts the test world back when a test may have changed it: it used the emulator or moved the
 * clock. Tests that never touch it (the translator's, the engines', the seed's) skip the reset,
 * which rebuilds the seeded world (tens of milliseconds, more on a busy machine).
 */
async function resetIfUsed(): Promise<void> {
  if (!usage.used && testClock.now() === TEST_START) return;
  await resetTestEmulator();
  usage.used = false;
}

beforeAll(async () => {
  // The files of a worker share the emulator: what an earlier file's afterAll did is undone.
  await resetIfUsed();
  server.listen({ onUnhandledRequest: 'error' });
});

afterEach(async () => {
  server.resetHandlers();
  await resetIfUsed();
});

afterAll(() => {
  server.close();
});
