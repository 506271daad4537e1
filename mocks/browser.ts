// The embedded emulator: the same emulator and handlers, answered by a service worker, with its
// state in IndexedDB so a reload loses nothing. Playwright drives it through window.cloudtrailEmulator.
import { setupWorker } from 'msw/browser';
import { createEmulator, type EmulatorSettings } from './emulator/create-emulator';
import type { CloudTrailRecord } from './emulator/records';
import { indexedDbStorage } from './emulator/storage/indexeddb';
import { createHandlers } from './handlers';
import { failNextWith } from './scenarios';

/** What tests can do to the embedded emulator from the page. */
export interface EmulatorControl {
  reset(options?: { seed?: number; seededEvents?: number }): Promise<void>;
  failNext(operation: string, errorName: string, message: string): void;
  configure(settings: Partial<EmulatorSettings>): Promise<void>;
  /** Adds records (complete CloudTrail records) as if just delivered. */
  ingest(records: CloudTrailRecord[]): Promise<void>;
}

declare global {
  interface Window {
    cloudtrailEmulator?: EmulatorControl;
  }
}

/** Starts the emulator in this page's service worker. */
export async function startEmbeddedEmulator() {
  const emulator = await createEmulator({ storage: indexedDbStorage(indexedDB, 'cloudtrail-emulator') });
  const worker = setupWorker(...createHandlers(emulator));
  let running = false;
  const resume = async () => {
    if (running) return;
    await worker.start({
      onUnhandledRequest: 'bypass',
      quiet: true,
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    });
    running = true;
  };
  window.cloudtrailEmulator = {
    reset: (options) => emulator.reset(options),
    failNext: (operation, errorName, message) => {
      failNextWith(emulator, operation, errorName, message);
    },
    configure: (settings) => emulator.configure(settings),
    ingest: (records) => emulator.ingest(records),
  };
  return {
    resume,
    pause: () => {
      if (!running) return;
      worker.stop();
      running = false;
    },
    settings: (): EmulatorSettings => ({ ...emulator.settings }),
    configure: (settings: Partial<EmulatorSettings>) => emulator.configure(settings),
    reset: () => emulator.reset(),
  };
}
