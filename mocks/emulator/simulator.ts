// The live simulator (SEMANTICS.md §14): while the console is open (a call carrying its User-Agent
// token in the last 120 s), about 3 records a minute of the seeded mix arrive, routed like any
// other record, and about every 10 minutes a resource's simulated client makes a call through the
// pipeline (the payments app's PutAuditEvents). Time only moves with the injected clock, so the
// records are made lazily, on the next call, for the open stretch of time since the previous one.
import { SIMULATOR_COLLECTION, type EmulatorState } from './state';

const RECORDS_PER_MINUTE = 3;
/** One simulated client call about every 10 minutes (§14). */
const CLIENT_CALLS_PER_MINUTE = 1 / 10;
const CONSOLE_OPEN_FOR = 120_000;

interface SimulatorState {
  /** Live record index: starts after the seeded past, never reused. */
  nextIndex: number;
  /** Until when the simulator has run, epoch ms. */
  until: number;
  /** Fraction of a record owed from earlier stretches. */
  owed: number;
  /** Fraction of a client call owed, and how many were made. */
  auditOwed?: number;
  auditCalls?: number;
  /** When the console last called, epoch ms. */
  consoleSeenAt: number;
}

function isSimulatorState(value: unknown): value is SimulatorState {
  if (typeof value !== 'object' || value === null) return false;
  const saved = value as Record<string, unknown>;
  return (
    typeof saved.nextIndex === 'number' &&
    typeof saved.until === 'number' &&
    typeof saved.owed === 'number' &&
    typeof saved.consoleSeenAt === 'number'
  );
}

/**
 * Runs the simulator up to `now`; `fromConsole` marks a call from the console. `clientCall(n, at)`
 * makes the `n`th simulated client call at `at`.
 */
export async function advanceSimulator(
  state: EmulatorState,
  now: number,
  fromConsole: boolean,
  clientCall: (n: number, at: number) => Promise<void>,
): Promise<void> {
  const stored = state.table<unknown>(SIMULATOR_COLLECTION).get('state');
  const saved = isSimulatorState(stored) ? stored : undefined;
  if (!saved && !fromConsole) return;
  const current: SimulatorState = saved ?? { nextIndex: state.seeded.count, until: now, owed: 0, consoleSeenAt: now };
  const from = Math.max(current.until, now - CONSOLE_OPEN_FOR);
  const to = Math.min(now, current.consoleSeenAt + CONSOLE_OPEN_FOR);
  let owed = current.owed;
  let nextIndex = current.nextIndex;
  let auditOwed = current.auditOwed ?? 0;
  let auditCalls = current.auditCalls ?? 0;
  if (to > from) {
    auditOwed += ((to - from) / 60_000) * CLIENT_CALLS_PER_MINUTE;
    const calls = Math.floor(auditOwed);
    for (let call = 1; call <= calls; call++) await clientCall(auditCalls++, from + ((to - from) * call) / calls);
    auditOwed -= calls;
    owed += ((to - from) / 60_000) * RECORDS_PER_MINUTE;
    const count = Math.floor(owed);
    for (let index = 1; index <= count; index++) {
      // Spread over the stretch, as they would have arrived.
      const at = from + ((to - from) * index) / count;
      state.ingest(state.seeded.liveRecord(nextIndex++, at));
    }
    owed -= count;
  }
  const next: SimulatorState = {
    nextIndex,
    until: now,
    owed,
    auditOwed,
    auditCalls,
    consoleSeenAt: fromConsole ? now : current.consoleSeenAt,
  };
  if (!saved || next.nextIndex !== current.nextIndex || next.consoleSeenAt !== current.consoleSeenAt || to > from)
    state.put(SIMULATOR_COLLECTION, 'state', next);
}
