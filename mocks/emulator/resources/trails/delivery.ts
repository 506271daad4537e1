// Trail log-file and digest delivery (SEMANTICS.md §17.10-17.11), run on the emulator's clock (the
// trails resource's onClock) and by the trail operations that must deliver first (DeleteTrail, a
// multi-region trail becoming single-region). Records wait in per-(trail, region) batches, record
// targets of the state (§17.9); at each delivery tick a non-empty batch becomes one log file and
// the batch's generation moves on, so a restart never delivers a record twice. While a trail logs
// with validation on, each region where it is visible has a digest chain: a signed digest every
// digest interval, naming the files delivered since the last one and the digest before it.
import { HOUR, MINUTE, SECOND } from '../../clock';
import type { EventEntry } from '../../records';
import type { EmulatorState, TrailTiming } from '../../state';
import { digestBody, digestKey, digestStringToSign, SIGNATURE_ALGORITHM, type PreviousDigest } from './digests';
import {
  buildLogFile,
  gzip,
  isoSeconds,
  logFileKey,
  logFileUnique,
  sha256Hex,
  type DeliveredLogFile,
} from './log-files';
import { signHex, signingKeyAt } from './signing-keys';
import { TRAILS, visibleRegions, type StoredTrail } from './trail';
import { putObject } from '../s3/s3-objects';

/** An open digest chain of a (trail, region). Times are epoch ms. */
export interface DigestChain {
  /** When validation or logging (re)started: digests end at start + k * digestInterval. */
  readonly start: number;
  /** End of the chain's last digest (start before the first). */
  readonly lastEnd: number;
  /** The chain's last digest; undefined before its first (the next one is a starting digest). */
  readonly previous?: PreviousDigest;
  /** Log files delivered since lastEnd, in delivery order: the next digest lists them. */
  readonly pending: readonly DeliveredLogFile[];
}

/** Per (trail, source region) delivery state, collection `trail-deliveries`, key `<trailArn>|<region>`. */
export interface TrailDelivery {
  /** Increases after each delivery: the batch target of older generations is never read again. */
  generation: number;
  latestDeliveryTime?: number;
  latestDeliveryAttemptTime?: number;
  latestDeliveryError?: string;
  latestDigestDeliveryTime?: number;
  latestDigestDeliveryError?: string;
  /** The delivery tick of the last log file: the next file waits for a later tick. */
  lastTick?: number;
  /** The digest chain while one is open. */
  chain?: DigestChain;
  /** End of the last closed chain: a new chain never starts before it. */
  chainClosedAt?: number;
}

export const TRAIL_DELIVERIES = 'trail-deliveries';

export const DEFAULT_TRAIL_TIMING: TrailTiming = { deliveryInterval: 5 * MINUTE, digestInterval: HOUR };

/** The world's trail timing: the entry point's tuning (WorldServices.trailTiming) over the defaults. */
export function trailTiming(state: EmulatorState): TrailTiming {
  const tuned = state.services.trailTiming;
  return {
    deliveryInterval: Math.max(SECOND, tuned?.deliveryInterval ?? DEFAULT_TRAIL_TIMING.deliveryInterval),
    digestInterval: Math.max(SECOND, tuned?.digestInterval ?? DEFAULT_TRAIL_TIMING.digestInterval),
  };
}

/** Record targets that are trail batches start with this. */
const BATCH_PREFIX = 'trail-batch|';

/** The record target holding the batch of (trail, region) waiting for the next delivery. */
export function batchTarget(state: EmulatorState, trailArn: string, region: string): string {
  const delivery = state.table<TrailDelivery>(TRAIL_DELIVERIES).get(`${trailArn}|${region}`);
  return `${BATCH_PREFIX}${trailArn}|${region}|${String(delivery?.generation ?? 0)}`;
}

/** GetTrailStatus's per-region delivery fields. */
export function trailDelivery(state: EmulatorState, trailArn: string, region: string): TrailDelivery | undefined {
  return state.table<TrailDelivery>(TRAIL_DELIVERIES).get(`${trailArn}|${region}`);
}

/** Object headers of a trail's deliveries: server-side encryption as the trail asks for it (§17.10). */
export function encryptionHeaders(trail: Pick<StoredTrail, 'kmsKeyId'>): Record<string, string> {
  return trail.kmsKeyId === undefined
    ? { 'x-amz-server-side-encryption': 'AES256' }
    : {
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': trail.kmsKeyId,
      };
}

/** Floor to whole seconds: digest times are written to the second. */
const toSecond = (at: number) => Math.floor(at / SECOND) * SECOND;

/** One (trail, region) being reconciled: its delivery state, changed in place and saved once. */
export class Reconciler {
  delivery: TrailDelivery;
  private changed = false;

  constructor(
    private readonly state: EmulatorState,
    private readonly trail: StoredTrail,
    private readonly region: string,
  ) {
    this.delivery = { ...(trailDelivery(state, trail.arn, region) ?? { generation: 0 }) };
  }

  private update(change: Partial<TrailDelivery>): void {
    this.delivery = { ...this.delivery, ...change };
    this.changed = true;
  }

  save(): void {
    if (this.changed) this.state.put(TRAIL_DELIVERIES, `${this.trail.arn}|${this.region}`, this.delivery);
  }

  /** Opens a chain when the trail logs with validation on and none is open (§17.11). */
  openChain(now: number): void {
    const { trail } = this;
    if (this.delivery.chain || !trail.isLogging || !trail.logFileValidationEnabled || !this.state.services.signer)
      return;
    const start = toSecond(
      Math.min(
        now,
        Math.max(
          trail.startLoggingTime ?? now,
          trail.logFileValidationSince ?? -Infinity,
          this.delivery.chainClosedAt ?? -Infinity,
        ),
      ),
    );
    this.update({ chain: { start, lastEnd: start, pending: [] } });
  }

  /** Delivers the batch as one log file at `at`, if it holds records. */
  deliverBatch(at: number): void {
    const target = batchTarget(this.state, this.trail.arn, this.region);
    const entries = this.state.contents(target);
    if (entries.length === 0) return;
    this.deliverEntries(entries, at);
    // The batch is delivered: its records are no longer held for the trail.
    this.state.setContents(target, []);
    this.update({ generation: this.delivery.generation + 1 });
  }

  /** Writes records as one log file delivered at `at` (a batch, or the seeded trail's past). */
  deliverEntries(entries: readonly EventEntry[], at: number): void {
    const { state, trail, region } = this;
    const { generation } = this.delivery;
    const key = logFileKey(
      trail.s3KeyPrefix,
      trail.account,
      region,
      at,
      logFileUnique(state, trail.arn, region, generation, at),
    );
    const { file, bytes } = buildLogFile(state, { bucket: trail.s3BucketName, key }, entries, at);
    putObject(state, trail.s3BucketName, key, bytes, {
      contentType: 'application/json',
      headers: encryptionHeaders(trail),
      lastModified: at,
    });
    const { chain } = this.delivery;
    this.update({
      lastTick: at,
      latestDeliveryTime: at,
      latestDeliveryAttemptTime: at,
      ...(chain ? { chain: { ...chain, pending: [...chain.pending, file] } } : {}),
    });
    delete this.delivery.latestDeliveryError;
  }

  /** Delivers the batch at the latest tick at or before `now` that its oldest record precedes. */
  deliverDueBatch(now: number, interval: number): void {
    const tick = Math.floor(now / interval) * interval;
    if (this.delivery.lastTick !== undefined && tick <= this.delivery.lastTick) return;
    const oldest = this.state.contents(batchTarget(this.state, this.trail.arn, this.region))[0];
    // A record that arrived after the tick (the simulator's, out of band) waits for the next one.
    if (oldest === undefined || oldest.time * SECOND >= tick) return;
    this.deliverBatch(tick);
  }

  /**
   * Writes the chain's next digest, ending at `end`, listing the pending files delivered before it
   * (all of them when `final`); a final digest closes the chain.
   */
  async writeDigest(end: number, final: boolean): Promise<void> {
    const { state, trail, region } = this;
    const chain = this.delivery.chain;
    if (!chain) return;
    // Two digests of a (trail, region) never share a key, whose time is to the second: a stop in
    // the second of a boundary, or a stop, start and stop within one second, moves it on a second.
    let digestEnd = toSecond(end);
    const lastDigest = this.delivery.latestDigestDeliveryTime;
    if (lastDigest !== undefined && digestEnd <= toSecond(lastDigest)) digestEnd = toSecond(lastDigest) + SECOND;
    const key = await signingKeyAt(state, region, digestEnd);
    if (!key) return;
    const listed = final ? chain.pending : chain.pending.filter((file) => file.deliveredAt < digestEnd);
    const rest = final ? [] : chain.pending.filter((file) => file.deliveredAt >= digestEnd);
    const s3Object = digestKey(trail, region, digestEnd);
    const body = new TextEncoder().encode(
      digestBody({
        account: trail.account,
        start: chain.lastEnd,
        end: digestEnd,
        s3Bucket: trail.s3BucketName,
        s3Object,
        fingerprint: key.fingerprint,
        previous: chain.previous,
        logFiles: listed,
      }),
    );
    const hashValue = sha256Hex(body);
    const signature = await signHex(
      state,
      key,
      new TextEncoder().encode(
        digestStringToSign(
          isoSeconds(digestEnd),
          trail.s3BucketName,
          s3Object,
          hashValue,
          chain.previous?.signature ?? null,
        ),
      ),
    );
    putObject(state, trail.s3BucketName, s3Object, gzip(body, digestEnd), {
      contentType: 'application/json',
      metadata: { signature, 'signature-algorithm': SIGNATURE_ALGORITHM },
      headers: { 'x-amz-server-side-encryption': 'AES256' },
      lastModified: digestEnd,
    });
    const previous: PreviousDigest = { s3Bucket: trail.s3BucketName, s3Object, hashValue, signature };
    if (final) {
      this.update({ chainClosedAt: digestEnd, latestDigestDeliveryTime: digestEnd });
      delete this.delivery.chain;
    } else {
      this.update({
        chain: { start: chain.start, lastEnd: digestEnd, previous, pending: rest },
        latestDigestDeliveryTime: digestEnd,
      });
    }
    delete this.delivery.latestDigestDeliveryError;
  }

  /** Writes the digest due at `now`, if a boundary has passed (§17.11). */
  async digestDue(now: number, interval: number): Promise<void> {
    const { chain } = this.delivery;
    if (!chain) return;
    const next = chain.start + (Math.floor((chain.lastEnd - chain.start) / interval) + 1) * interval;
    if (now < next) return;
    if (!this.trail.logFileValidationEnabled) {
      // Validation was turned off: one more digest at the next boundary, then none.
      await this.writeDigest(next, true);
      return;
    }
    // After downtime, one digest covers the whole missed span, keeping the chain unbroken.
    await this.writeDigest(chain.start + Math.floor((now - chain.start) / interval) * interval, false);
  }

  /** Delivers everything pending at `at` and closes the chain with a final digest (§17.6, §17.11). */
  async flush(at: number): Promise<void> {
    this.deliverBatch(at);
    await this.writeDigest(at, true);
  }
}

/** Reconciles one (trail, region) at `now`: chain start, due delivery, due digest. */
async function reconcile(state: EmulatorState, trail: StoredTrail, region: string, now: number): Promise<void> {
  const timing = trailTiming(state);
  const reconciler = new Reconciler(state, trail, region);
  if (trail.isLogging) {
    reconciler.openChain(now);
    reconciler.deliverDueBatch(now, timing.deliveryInterval);
    await reconciler.digestDue(now, timing.digestInterval);
  } else {
    // Stopped since the last look: what was pending (the StopLogging record with it) is delivered
    // and the chain closed at the stop, "up to and including the StopLogging event" (§17.11).
    const stoppedAt = Math.min(now, trail.stopLoggingTime ?? now);
    await reconciler.flush(Math.max(stoppedAt, reconciler.delivery.lastTick ?? stoppedAt));
  }
  reconciler.save();
}

/** Worlds whose batches of earlier generations were dropped after loading. */
const swept = new WeakSet<EmulatorState>();

/**
 * Once per loaded world: a saved record names the batch it joined, so a restart puts delivered
 * records back into batches of past generations. Nothing reads those again (delivery reads the
 * current generation only); emptying them lets retention forget their records.
 */
function dropDeliveredBatches(state: EmulatorState): void {
  if (swept.has(state)) return;
  swept.add(state);
  for (const target of state.targetIds()) {
    if (!target.startsWith(BATCH_PREFIX)) continue;
    const [, trailArn = '', region = ''] = target.split('|');
    if (target !== batchTarget(state, trailArn, region)) state.setContents(target, []);
  }
}

/**
 * The delivery reconciler at `now` (epoch ms), the trails resource's onClock: for every trail and
 * every region where it is visible, the due log file and digest (§17.10, §17.11).
 */
export async function deliverDue(state: EmulatorState, now: number): Promise<void> {
  const table = state.table<StoredTrail>(TRAILS);
  const known = schedule.get(state);
  // It runs before every call: nothing is due before the next tick or digest boundary unless a
  // trail changed (created, started, stopped, updated, deleted: each saves a new object).
  if (known && now < known.nextDue && sameTrails(known.trails, table)) return;
  const trails = [...table.values()];
  dropDeliveredBatches(state);
  for (const trail of trails) for (const region of visibleRegions(trail)) await reconcile(state, trail, region, now);
  schedule.set(state, { trails, nextDue: nextDueAfter(state, trails, now) });
}

/** Per world: the trails as of the last run and when something is next due. */
const schedule = new WeakMap<EmulatorState, { trails: readonly StoredTrail[]; nextDue: number }>();

function sameTrails(before: readonly StoredTrail[], now: ReadonlyMap<string, StoredTrail>): boolean {
  if (before.length !== now.size) return false;
  let index = 0;
  for (const trail of now.values()) if (trail !== before[index++]) return false;
  return true;
}

/** The next delivery tick after `now`, or an earlier digest boundary of an open chain. */
function nextDueAfter(state: EmulatorState, trails: readonly StoredTrail[], now: number): number {
  const { deliveryInterval, digestInterval } = trailTiming(state);
  let next = (Math.floor(now / deliveryInterval) + 1) * deliveryInterval;
  for (const trail of trails)
    for (const region of visibleRegions(trail)) {
      const chain = trailDelivery(state, trail.arn, region)?.chain;
      if (chain)
        next = Math.min(
          next,
          chain.start + (Math.floor((chain.lastEnd - chain.start) / digestInterval) + 1) * digestInterval,
        );
    }
  return next;
}

/**
 * Delivers a trail's pending batches and writes final digests now (DeleteTrail, a multi-region
 * trail becoming single-region, §17.4), in `regions` (default every region where it is visible).
 */
export async function flushTrail(
  state: EmulatorState,
  trail: StoredTrail,
  now: number,
  regions: readonly string[] = visibleRegions(trail),
): Promise<void> {
  for (const region of regions) {
    const reconciler = new Reconciler(state, trail, region);
    await reconciler.flush(now);
    reconciler.save();
  }
}

/**
 * Delivers every pending batch at once, without waiting for the tick (a test hook, §17.10); digests
 * still follow their interval.
 */
export async function deliverAllNow(state: EmulatorState, now: number): Promise<void> {
  for (const trail of state.table<StoredTrail>(TRAILS).values())
    for (const region of visibleRegions(trail)) {
      const reconciler = new Reconciler(state, trail, region);
      if (trail.isLogging) reconciler.openChain(now);
      reconciler.deliverBatch(now);
      reconciler.save();
    }
  await deliverDue(state, now);
}
