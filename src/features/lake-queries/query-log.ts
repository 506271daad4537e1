// What this console learned from the queries it ran: the bytes each scanned (for the session's
// running cost, in sessionStorage) and, per store, the size a full scan measured (for estimates
// before a run, in localStorage). CloudTrail's API reports no store's size, so a full scan is the
// only measure there is on AWS.
import { z } from 'zod';
import { storageScopeOf, type Connection } from '@/api/connection';
import { useStoredValue } from './use-stored-value';

const runSchema = z.object({
  queryId: z.string(),
  /** IDs of the stores the query reads. */
  stores: z.array(z.string()),
  /** Whether WHERE bounds eventTime; without a bound the query scans whole stores. */
  bounded: z.boolean(),
  bytesScanned: z.number().nonnegative().optional(),
});

export type SessionRun = z.infer<typeof runSchema>;

const scanSchema = z.object({
  bytes: z.number().nonnegative(),
  events: z.number().nonnegative(),
  at: z.iso.datetime(),
});

export type StoreScan = z.infer<typeof scanSchema>;

const runsSchema = z.array(runSchema);
const scansSchema = z.record(z.string(), scanSchema);
const NO_RUNS: SessionRun[] = [];
const NO_SCANS: Record<string, StoreScan> = {};

/** This tab's runs on the backend, and the last full scan measured of each store. */
export function useQueryLog(connection: Connection) {
  const scope = storageScopeOf(connection);
  const [runs, writeRuns] = useStoredValue(
    sessionStorage,
    `cloudtrail-console.lake-session-runs.${scope}`,
    runsSchema,
    NO_RUNS,
  );
  const [scans, writeScans] = useStoredValue(
    localStorage,
    `cloudtrail-console.lake-store-scans.${scope}`,
    scansSchema,
    NO_SCANS,
  );
  return {
    runs,
    scans,
    /** Bytes scanned by the queries this tab ran that have ended. */
    sessionBytes: runs.reduce((sum, run) => sum + (run.bytesScanned ?? 0), 0),
    recordStart: (run: Omit<SessionRun, 'bytesScanned'>) => {
      writeRuns([...runs.filter((known) => known.queryId !== run.queryId), run]);
    },
    /**
     * Records what an ended query scanned, once; a finished full scan of one store also measures
     * that store (a failed one may have stopped early).
     */
    recordEnd: (queryId: string, statistics: { bytesScanned: number; eventsScanned: number; finished: boolean }) => {
      const run = runs.find((known) => known.queryId === queryId);
      if (!run || run.bytesScanned !== undefined) return;
      writeRuns(runs.map((known) => (known === run ? { ...run, bytesScanned: statistics.bytesScanned } : known)));
      const [store] = run.stores;
      if (statistics.finished && store !== undefined && run.stores.length === 1 && !run.bounded)
        writeScans({
          ...scans,
          [store]: { bytes: statistics.bytesScanned, events: statistics.eventsScanned, at: new Date().toISOString() },
        });
    },
  };
}
