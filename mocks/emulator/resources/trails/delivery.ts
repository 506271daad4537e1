// Trail log-file and digest delivery (SEMANTICS.md §17.10-17.11). Interface agreed between the
// trails control plane and delivery; bodies are being written.
import type { EmulatorState } from '../../state';

/** Per (trail, source region) delivery state, collection `trail-deliveries`, key `<trailArn>|<region>`. */
export interface TrailDelivery {
  /** Increases after each delivery: the batch target of older generations is never read again. */
  generation: number;
  latestDeliveryTime?: number;
  latestDeliveryAttemptTime?: number;
  latestDeliveryError?: string;
  latestDigestDeliveryTime?: number;
  latestDigestDeliveryError?: string;
}

export const TRAIL_DELIVERIES = 'trail-deliveries';

/** The record target holding the batch of (trail, region) waiting for the next delivery. */
export function batchTarget(state: EmulatorState, trailArn: string, region: string): string {
  const delivery = state.table<TrailDelivery>(TRAIL_DELIVERIES).get(`${trailArn}|${region}`);
  return `trail-batch|${trailArn}|${region}|${String(delivery?.generation ?? 0)}`;
}

/** GetTrailStatus's per-region delivery fields. */
export function trailDelivery(state: EmulatorState, trailArn: string, region: string): TrailDelivery | undefined {
  return state.table<TrailDelivery>(TRAIL_DELIVERIES).get(`${trailArn}|${region}`);
}
