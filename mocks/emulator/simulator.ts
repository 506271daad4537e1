// The live simulator (SEMANTICS.md §14): while the console is open (a call carrying its User-Agent
// token in the last 120 s), about 3 records a minute of the seeded mix arrive, routed like any
// other record. Time only moves with the injected clock, so the records are made lazily, on the
// next call, for the open stretch of time since the previous one.
import type { EmulatorState } from './state';

const RECORDS_PER_MINUTE = 3;
/** One Custom-channel event about every 10 minutes, through PutAuditEvents (§14). */
const AUDIT_CALLS_PER_MINUTE = 1 / 10;
const CONSOLE_OPEN_FOR = 120_000;
const COLLECTION = 'simulator';

interface SimulatorState {
  /** Live record index: starts after the seeded past, never reused. */
  nextIndex: number;
  /** Until when the simulator has run, epoch ms. */
  until: number;
  /** Fraction of a record owed from earlier stretches. */
  owed: number;
  /** Fraction of a PutAuditEvents call owed, and how many were made. */
  auditOwed?: number;
  auditCalls?: number;
  /** When the console last called, epoch ms. */
  consoleSeenAt: number;
}

/**
 * Runs the simulator up to `now`; `fromConsole` marks a call from the console. `sendAuditCall(n, at)`
 * makes the payments app's `n`th PutAuditEvents call at `at`.
 */
export function advanceSimulator(
  state: EmulatorState,
  now: number,
  fromConsole: boolean,
  sendAuditCall: (n: number, at: number) => void,
): void {
  const saved = state.table<SimulatorState>(COLLECTION).get('state');
  if (!saved && !fromConsole) return;
  const current: SimulatorState = saved ?? { nextIndex: state.seeded.count, until: now, owed: 0, consoleSeenAt: now };
  const from = Math.max(current.until, now - CONSOLE_OPEN_FOR);
  const to = Math.min(now, current.consoleSeenAt + CONSOLE_OPEN_FOR);
  let owed = current.owed;
  let nextIndex = current.nextIndex;
  let auditOwed = current.auditOwed ?? 0;
  let auditCalls = current.auditCalls ?? 0;
  if (to > from) {
    auditOwed += ((to - from) / 60_000) * AUDIT_CALLS_PER_MINUTE;
    const calls = Math.floor(auditOwed);
    for (let call = 1; call <= calls; call++) sendAuditCall(auditCalls++, from + ((to - from) * call) / calls);
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
    state.put(COLLECTION, 'state', next);
}
