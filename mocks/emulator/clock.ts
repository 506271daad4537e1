/** The emulator's only source of time, in epoch milliseconds; injected so tests can pin it. */
export interface Clock {
  now(): number;
}

/** Wall-clock time, for the browser worker and the Node server. */
// eslint-disable-next-line no-restricted-properties -- the one place the emulator reads the wall clock.
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to; tests use it to step through timers and throttling. */
export interface ManualClock extends Clock {
  advance(milliseconds: number): void;
  set(epochMilliseconds: number): void;
}

/** A manual clock starting at the given instant. */
export function manualClock(start: number): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance: (milliseconds) => {
      now += milliseconds;
    },
    set: (epochMilliseconds) => {
      now = epochMilliseconds;
    },
  };
}

/** CloudTrail records carry whole seconds: `YYYY-MM-DDTHH:MM:SSZ`. */
export function toRecordTime(epochMilliseconds: number): string {
  return new Date(Math.floor(epochMilliseconds / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
