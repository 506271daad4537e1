// The seeded activity of the default account (SEMANTICS.md §14): 90 days of management and S3
// data records before an anchor time. Building the history computes only a compact schedule
// (each record's time, and which ones are lifecycle steps); record(i) regenerates record i from
// its own random stream, so the emulator can keep a small index entry per record and rebuild the
// JSON of the few records a page shows.
import { DAY, HOUR } from '../../../clock';
import type { Region } from '../../../identities';
import { REGIONS } from '../../../../../src/lib/cloudtrail-limits';
import { fnv1a, mulberry32, randomStream, type Random } from '../../../random';
import type { CloudTrailRecord } from '../../../records';
import { createWorld, type World } from './seed-pool';
import { assembleRecord, type Draft } from './seed-record';
import { lifecycleScript, type ScriptEvent } from './seed-script';
import {
  DATA_TEMPLATES,
  FALLBACK,
  LAST_RESORT,
  MANAGEMENT_TEMPLATES,
  type BulkContext,
  type Template,
} from './seed-templates';
import { mix32 } from './seed-values';

export interface SeedConfig {
  /** Default DEFAULT_SEED (20250101). */
  seed: number;
  /** Epoch milliseconds, already floored to the hour: the seeded world's "now". */
  anchor: number;
  /** Total number of seeded records, management and S3 data together. */
  events: number;
}

export interface SeededHistory {
  readonly count: number;
  /** Record at index i (0 ≤ i < count), ascending by eventTime; rebuilt from config alone, byte-identical every call. */
  record(index: number): CloudTrailRecord;
  /**
   * A new record of the same mix at epoch ms `at`, for the live simulator (§14). `index` (at least
   * `count`, never reused) keys its random stream and makes its eventID unique.
   */
  liveRecord(index: number, at: number): CloudTrailRecord;
}

/** About 7 000 management records over 90 days plus about 15 S3 data records a day (§14). */
export const DEFAULT_SEEDED_EVENTS = 8350;

/** Event history's window. */
export const SEED_WINDOW_DAYS = 90;

/** Records delivered late, which carry an addendum. */
const LATE_DELIVERY_SHARE = 0.002;

/** S3 object-level records among bulk ones: 15 a day against about 78 management records. */
const DATA_SHARE = 15 / 93;

// Regional calls only; global services (IAM, sign-in, STS's global endpoint) land in us-east-1 on
// top of its share here, which brings it to about 45% of all records (§14).
const MAIN_REGIONS: readonly (readonly [Region, number])[] = [
  ['us-east-1', 28],
  ['us-west-2', 25],
  ['eu-west-1', 18.75],
  ['eu-central-1', 12.5],
  ['ap-southeast-2', 6.25],
];
const OTHER_REGIONS = REGIONS.filter((region) => !MAIN_REGIONS.some(([main]) => main === region));
const REGION_WEIGHTS: readonly (readonly [Region, number])[] = [
  ...MAIN_REGIONS,
  ...OTHER_REGIONS.map((region) => [region, 12 / OTHER_REGIONS.length] as const),
];

const WEIGHTED_MANAGEMENT = MANAGEMENT_TEMPLATES.map((template) => [template, template.weight] as const);
const WEIGHTED_DATA = DATA_TEMPLATES.map((template) => [template, template.weight] as const);

/** Relative activity in an hour: weekdays x1.5, weekends x0.4, mostly office hours (07-19 UTC). */
function hourWeight(slotStart: number): number {
  const date = new Date(slotStart);
  const weekday = date.getUTCDay();
  const hour = date.getUTCHours();
  const day = weekday === 0 || weekday === 6 ? 0.4 : 1.5;
  const office = hour >= 7 && hour < 19 ? 1 : hour === 6 || (hour >= 19 && hour < 22) ? 0.25 : 0.06;
  return day * office;
}

/** `count` bulk event times as seconds after the window's start, ascending, inside (anchor - 90 days, anchor]. */
function bulkOffsets(seed: number, anchor: number, count: number): Uint32Array {
  const rng = randomStream(seed, 'schedule');
  const windowStart = anchor - SEED_WINDOW_DAYS * DAY;
  const slots = SEED_WINDOW_DAYS * 24;
  const cumulative = new Float64Array(slots);
  let total = 0;
  for (let slot = 0; slot < slots; slot++) {
    total += hourWeight(windowStart + slot * HOUR);
    cumulative[slot] = total;
  }
  const offsets = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    const roll = rng.next() * total;
    let low = 0;
    let high = slots - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > roll) high = middle;
      else low = middle + 1;
    }
    // Seconds 1..3600 of the slot: the window excludes its start and includes the anchor.
    offsets[index] = low * 3600 + rng.between(1, 3600);
  }
  return offsets.sort();
}

function bulkDraft(rng: Random, at: number, sec: number, world: World): Draft {
  const template = rng.weighted(rng.chance(DATA_SHARE) ? WEIGHTED_DATA : WEIGHTED_MANAGEMENT);
  const region = template.global === true ? 'us-east-1' : rng.weighted(REGION_WEIGHTS);
  const error = template.failure > 0 && rng.chance(template.failure) ? rng.pick(template.errors) : undefined;
  const ctx: BulkContext = { rng, at, sec, region, error, world };
  const draft = template.build(ctx) ?? fallback(FALLBACK[template.service], ctx) ?? fallback(LAST_RESORT, ctx);
  if (draft === undefined) throw new Error(`seed template ${template.name} and its fallbacks found nothing to act on`);
  // A few records reached CloudTrail late; CloudTrail marks those with an addendum (§5).
  if (rng.chance(LATE_DELIVERY_SHARE)) draft.addendum = { reason: 'DELIVERY_DELAY' };
  return draft;
}

function fallback(template: Template | undefined, ctx: BulkContext): Draft | undefined {
  if (template === undefined) return undefined;
  const error = ctx.error !== undefined && template.errors.includes(ctx.error) ? ctx.error : undefined;
  return template.build({ ...ctx, error });
}

const built = new Map<string, SeededHistory>();

/**
 * The seeded history for a seed, anchor and size; cheap to build, each record cheap to rebuild.
 * The last few are kept, so a reset to the same world (every test) reuses what was derived.
 */
export function seedHistory(config: SeedConfig): SeededHistory {
  const key = `${String(config.seed)}:${String(config.anchor)}:${String(config.events)}`;
  const known = built.get(key);
  if (known) return known;
  const history = buildSeedHistory(config);
  if (built.size >= 4) built.delete(built.keys().next().value ?? '');
  built.set(key, history);
  return history;
}

function buildSeedHistory(config: SeedConfig): SeededHistory {
  const count = Number.isFinite(config.events) ? Math.max(0, Math.floor(config.events)) : 0;
  const anchorSecond = Math.floor(config.anchor / 1000);
  const world = createWorld(anchorSecond);
  // With fewer events than the script has steps, keep its earliest steps: a deletion is never
  // kept without the creation before it.
  const script = lifecycleScript(config.seed, config.anchor, world).slice(0, count);
  const bulk = bulkOffsets(config.seed, config.anchor, count - script.length);

  // 4 bytes a record: its time as seconds after the window's start.
  const windowStart = Math.floor((config.anchor - SEED_WINDOW_DAYS * DAY) / 1000);
  const offsets = new Uint32Array(count);
  const scripted = new Map<number, ScriptEvent>();
  let fromBulk = 0;
  let fromScript = 0;
  for (let index = 0; index < count; index++) {
    const step = script[fromScript];
    const next = bulk[fromBulk];
    if (step !== undefined && (next === undefined || step.sec - windowStart <= next)) {
      offsets[index] = step.sec - windowStart;
      scripted.set(index, step);
      fromScript++;
    } else {
      offsets[index] = next ?? 0;
      fromBulk++;
    }
  }

  const base = fnv1a(`${String(config.seed)}:events`);
  return {
    count,
    record(index) {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`seeded record ${String(index)} is outside 0..${String(count - 1)}`);
      }
      const sec = windowStart + (offsets[index] ?? 0);
      const at = sec * 1000;
      // Each record has its own stream: its state is a bijection of the index, so no two records
      // share one and record(i) never depends on which records were built before.
      const rng = mulberry32(mix32((base ^ index) >>> 0));
      const step = scripted.get(index);
      const draft = step === undefined ? bulkDraft(rng, at, sec, world) : step.build(rng, at);
      return assembleRecord(draft, rng, index, at);
    },
    liveRecord(index, at) {
      if (!Number.isInteger(index) || index < count)
        throw new RangeError(`live record ${String(index)} overlaps the seeded past`);
      const whole = Math.floor(at / 1000) * 1000;
      const rng = mulberry32(mix32((base ^ index) >>> 0));
      return assembleRecord(bulkDraft(rng, whole, whole / 1000, world), rng, index, whole);
    },
  };
}
