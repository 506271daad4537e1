/** Runtime settings of the embedded emulator that the console exposes. */
export interface EmbeddedEmulatorSettings {
  /** LookupEvents throttling at 2 requests per second, as CloudTrail does. */
  throttle: boolean;
  /** Live activity: about 3 new events a minute while the console is open. */
  simulator: boolean;
}

/**
 * Start/stop handle of the embedded emulator. It runs in a worker shared by every tab of this
 * origin, and this page's service worker forwards requests to it. main.tsx builds the handle
 * around a lazy import of mocks/browser, so people who use AWS never download the emulator.
 */
export interface EmbeddedEmulator {
  /** Starts the worker (idempotent); resolves once requests to AWS endpoints are answered by it. */
  start(): Promise<void>;
  /** Stops answering, so requests reach the real endpoints again. */
  stop(): void;
  settings(): Promise<EmbeddedEmulatorSettings>;
  configure(settings: Partial<EmbeddedEmulatorSettings>): Promise<void>;
  /** Deletes everything the emulator stored in this browser and seeds a fresh world. */
  reset(): Promise<void>;
  /**
   * Calls `listener` whenever another tab, or a settings change, reset or ingest from any tab, may
   * have changed the emulator's state. This page's own API calls are not announced: its mutation
   * hooks refresh it. Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void;
}
