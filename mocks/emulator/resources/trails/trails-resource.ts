// Trails (SEMANTICS.md §17): the resource's declaration. Its collections, operations, the router
// that puts records into trail batches (decided by routing.ts, §17.9), delivery on the emulator's
// clock, and the seeded trail.
import type { RequestContext } from '../../context';
import type { ResourceDefinition } from '../../resource';
import { routeRecordToTrails } from '../event-data-stores/routing';
import { S3_BUCKETS } from '../s3/s3-buckets';
import { batchTarget, deliverAllNow, deliverDue, TRAIL_DELIVERIES } from './delivery';
import { parseJsonObject } from '../../validate';
import { publicKeyOperations } from './public-keys';
import { materializeSeededTrailFiles } from './seed-trail-files';
import { SIGNING_KEYS } from './signing-keys';
import { getInsightSelectors, putInsightSelectors, STORE_INSIGHTS } from './insight-selectors';
import { trailSeedCalls } from './seed-trail';
import { TRAILS, type StoredTrail } from './trail';
import {
  createTrail,
  deleteTrail,
  describeTrails,
  getEventSelectors,
  getTrail,
  getTrailStatus,
  listTrails,
  putEventSelectors,
  startLogging,
  stopLogging,
  updateTrail,
} from './trail-operations';

export const trailsResource: ResourceDefinition = {
  name: 'trails',
  // The bucket registry is declared here too: trails are what register buckets (§17.5).
  collections: [TRAILS, TRAIL_DELIVERIES, SIGNING_KEYS, STORE_INSIGHTS, S3_BUCKETS],
  operations: {
    cloudtrail: {
      CreateTrail: { run: createTrail },
      UpdateTrail: { run: updateTrail },
      DeleteTrail: { run: deleteTrail },
      GetTrail: { run: getTrail },
      DescribeTrails: { run: describeTrails },
      ListTrails: { run: listTrails },
      GetTrailStatus: { run: getTrailStatus },
      StartLogging: { run: startLogging },
      StopLogging: { run: stopLogging },
      PutEventSelectors: { run: putEventSelectors },
      GetEventSelectors: { run: getEventSelectors },
      PutInsightSelectors: { run: putInsightSelectors },
      GetInsightSelectors: { run: getInsightSelectors },
      ...publicKeyOperations,
    },
    emulator: {
      // Delivers every pending batch now instead of at the next tick (§17.10): for users and tests
      // who want to see files without waiting five minutes. CloudTrail has no such operation.
      DeliverTrailFiles: {
        run: async (_input: Record<string, never>, context: RequestContext) => {
          await deliverAllNow(context.state, context.now);
          return {};
        },
        parse: parseJsonObject,
        record: false,
      },
    },
  },
  attach: (state) => {
    state.addRouter((routed) => {
      // The seeded past is not batched again on every load: the seeded trail's files are
      // written once, at seed time (§17.16).
      if (state.isLoading) return [];
      const trails = state.table<StoredTrail>(TRAILS);
      if (trails.size === 0) return [];
      return routeRecordToTrails(trails.values(), routed).map((trail) =>
        batchTarget(state, trail.arn, routed.entry.region),
      );
    });
    // A purged store's Insights settings go with it.
    state.onRemoved((arn) => {
      if (state.table(STORE_INSIGHTS).has(arn)) state.remove(STORE_INSIGHTS, arn);
    });
  },
  seedCalls: trailSeedCalls,
  // The seeded trail's files since it started, written once (§17.16).
  install: (state, { fresh }) => (fresh ? materializeSeededTrailFiles(state) : undefined),
  onClock: (state, now) => deliverDue(state, now),
};
