/** Runtime settings of the embedded emulator that the console exposes. */
export interface EmbeddedEmulatorSettings {
  /** LookupEvents throttling at 2 requests per second, as CloudTrail does. */
  throttle: boolean;
  /** Live activity: about 3 new events a minute while the console is open. */
  simulator: boolean;
}

/**
 * Start/stop handle of the emulator that runs in this page's service worker. main.tsx builds it
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
}
