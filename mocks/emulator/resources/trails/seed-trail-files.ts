// The seeded trail's delivered past (SEMANTICS.md §17.16): in a fresh world, the log files and
// digests the seeded trails would have delivered since they started logging, written once at
// install by the normal rules. The seeded past is not batched on load (the trail router skips it),
// so this is where it reaches the trails: each record routed by the one routing decision
// (takesRecord) as of its time, delivered at the first tick after it, with a digest at every
// boundary of each chain, exactly as the live reconciler would have done had it run all along.
import { SECOND } from '../../clock';
import { recordTimeSeconds, toEventEntry, type EmulatorRecord, type EventEntry } from '../../records';
import type { EmulatorState } from '../../state';
import { takesRecord } from '../event-data-stores/routing';
import { DEFAULT_TRAIL_TIMING, Reconciler } from './delivery';
import { TRAILS, visibleRegions, type StoredTrail } from './trail';

/** The index of the first seeded record at or after `time` (epoch seconds); records ascend by time. */
function firstSeededAt(state: EmulatorState, time: number): number {
  let low = 0;
  let high = state.seeded.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (recordTimeSeconds(state.seeded.record(middle).eventTime) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Records the world holds from `since` (epoch ms): the seeded past and the seed calls' own records. */
function pastEntries(state: EmulatorState, since: number): { entry: EventEntry; record: () => EmulatorRecord }[] {
  const sinceSeconds = Math.floor(since / SECOND);
  const entries: { entry: EventEntry; record: () => EmulatorRecord }[] = [];
  for (let index = firstSeededAt(state, sinceSeconds); index < state.seeded.count; index++) {
    const record = state.seeded.record(index);
    entries.push({ entry: toEventEntry(record, index, state.intern), record: () => state.seeded.record(index) });
  }
  // In a fresh world at install, the stored records are those of the seed calls (CreateTrail,
  // StartLogging, ...); the seeded past is loaded after install.
  for (const entry of state.allEntries())
    if (typeof entry.source !== 'number' && entry.time >= sinceSeconds)
      entries.push({ entry, record: () => JSON.parse(state.jsonOf(entry)) as EmulatorRecord });
  // Stable: records of the same second keep their order (the seeded past before the seed calls').
  return entries.sort((a, b) => a.entry.time - b.entry.time);
}

/**
 * Writes the log files and digests of every trail of a fresh world (the seeded trails) from the
 * time it started logging up to `until` (epoch ms, default now); run at install, before the seeded
 * past is loaded. Leaves each (trail, region) as the live reconciler would: last tick, open chain.
 */
export async function materializeSeededTrailFiles(
  state: EmulatorState,
  until: number = state.clock.now(),
): Promise<void> {
  const trails = [...state.table<StoredTrail>(TRAILS).values()].filter(
    (trail) => trail.startLoggingTime !== undefined && trail.startLoggingTime <= until,
  );
  if (trails.length === 0) return;
  // The seeded past is delivered at CloudTrail's own cadence whatever the entry point tunes: a
  // one-second digest interval must not mean 1.5 million seeded digests. Live delivery then goes on
  // at the tuned cadence.
  const { deliveryInterval, digestInterval } = DEFAULT_TRAIL_TIMING;
  const since = Math.min(...trails.map((trail) => trail.startLoggingTime ?? until));
  const past = pastEntries(state, since);
  for (const trail of trails) {
    // Per region: the ticks at which files were delivered, each with the records it held.
    const batches = new Map<string, Map<number, EventEntry[]>>();
    for (const { entry, record } of past) {
      const at = entry.time * SECOND;
      if (at > until || !takesRecord({ kind: 'trail', trail }, { entry, record, at })) continue;
      const tick = Math.min(until, (Math.floor(at / deliveryInterval) + 1) * deliveryInterval);
      let ticks = batches.get(entry.region);
      if (!ticks) batches.set(entry.region, (ticks = new Map<number, EventEntry[]>()));
      let batch = ticks.get(tick);
      if (!batch) ticks.set(tick, (batch = []));
      batch.push(entry);
    }
    for (const region of visibleRegions(trail)) {
      const reconciler = new Reconciler(state, trail, region);
      reconciler.openChain(until);
      const chainStart = reconciler.delivery.chain?.start;
      let boundary = chainStart === undefined ? Infinity : chainStart + digestInterval;
      const ticks = [...(batches.get(region)?.entries() ?? [])].sort(([a], [b]) => a - b);
      for (const [tick, entries] of ticks) {
        for (; boundary <= tick; boundary += digestInterval) await reconciler.digestDue(boundary, digestInterval);
        reconciler.deliverEntries(entries, tick);
      }
      for (; boundary <= until; boundary += digestInterval) await reconciler.digestDue(boundary, digestInterval);
      reconciler.save();
    }
  }
}
