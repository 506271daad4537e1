// The bucket registry (SEMANTICS.md §17.5 last bullet): a bucket a trail names exists on the S3
// surface from then on, in the region of the first trail that named it, owned by that trail's
// account. Any account's trail may deliver to any registered bucket.
import type { EmulatorState } from '../../state';

/** Collection of registered buckets, keyed by bucket name. */
export const S3_BUCKETS = 's3-buckets';

/** A registered bucket. */
export interface StoredBucket {
  region: string;
  account: string;
  /** Epoch ms of registration: ListBuckets' CreationDate. */
  created?: number;
}

/** Registers a bucket a trail names (CreateTrail, UpdateTrail); the first registration stays. */
export function registerBucket(
  state: EmulatorState,
  name: string,
  region: string,
  account: string,
  /** Epoch ms of the call that named it: a seed call's is in the seeded past. */
  at: number,
): void {
  if (state.table<StoredBucket>(S3_BUCKETS).has(name)) return;
  state.put(S3_BUCKETS, name, { region, account, created: at } satisfies StoredBucket);
}

/** The registered bucket of that name. */
export function findBucket(state: EmulatorState, name: string): StoredBucket | undefined {
  return state.table<StoredBucket>(S3_BUCKETS).get(name);
}
