// Trails as the emulator keeps them (SEMANTICS.md §17): the saved entity, where a trail is
// visible (home region, shadows), the five-trail quota and the shapes the API answers with. The
// operations are in trail-operations.ts, name and ARN rules in trail-names.ts.
import type { AdvancedEventSelector, EventSelector, InsightSelector, Trail } from '@aws-sdk/client-cloudtrail';
import type { RecordResource } from '../../records';
import type { EmulatorState } from '../../state';
import { REGIONS } from '../../../../src/lib/cloudtrail-limits';

/** The entity collection of trails, keyed by trail ARN. */
export const TRAILS = 'trails';

/** Trails counted per account and region, homed there or multi-region (§17.3). */
export const MAX_TRAILS_PER_REGION = 5;

/** A trail as saved; times are epoch milliseconds. */
export interface StoredTrail {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  readonly homeRegion: string;
  /** Creation order among all trails: ListTrails and DescribeTrails answer in this order. */
  readonly order: number;
  readonly createdAt: number;
  readonly s3BucketName: string;
  readonly s3KeyPrefix?: string;
  readonly snsTopicARN?: string;
  readonly includeGlobalServiceEvents: boolean;
  readonly isMultiRegionTrail: boolean;
  readonly logFileValidationEnabled: boolean;
  /** When log file validation was last turned on (kept when it is turned off). */
  readonly logFileValidationSince?: number;
  readonly cloudWatchLogsLogGroupArn?: string;
  readonly cloudWatchLogsRoleArn?: string;
  /** A key ARN (§17.4, mapped as §8.2). */
  readonly kmsKeyId?: string;
  /** Exactly one of the two kinds is set (§17.7). */
  readonly eventSelectors?: readonly EventSelector[];
  readonly advancedEventSelectors?: readonly AdvancedEventSelector[];
  readonly hasCustomEventSelectors: boolean;
  readonly insightSelectors: readonly InsightSelector[];
  readonly isLogging: boolean;
  /** The most recent StartLogging / StopLogging that changed the state. */
  readonly startLoggingTime?: number;
  readonly stopLoggingTime?: number;
}

/** The basic selector a trail starts with (§17.7). */
export const DEFAULT_EVENT_SELECTORS: readonly EventSelector[] = [
  { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
];

/** `arn:aws:cloudtrail:<home region>:<account>:trail/<name>` (§17.2). */
export function trailArn(region: string, account: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
}

/** The regions where a trail is visible: its home region, or every served region if multi-region (§17.3). */
export function visibleRegions(trail: Pick<StoredTrail, 'homeRegion' | 'isMultiRegionTrail'>): readonly string[] {
  return trail.isMultiRegionTrail ? REGIONS : [trail.homeRegion];
}

/** Whether a trail is visible in a region (home or shadow). */
export function isVisibleIn(trail: StoredTrail, region: string): boolean {
  return trail.homeRegion === region || trail.isMultiRegionTrail;
}

/** Every trail of an account, homed anywhere, in creation order. */
export function trailsOf(state: EmulatorState, account: string): StoredTrail[] {
  return [...state.table<StoredTrail>(TRAILS).values()]
    .filter((trail) => trail.account === account)
    .sort((a, b) => a.order - b.order);
}

/** The trails visible in an account and region, home trails and shadows, in creation order. */
export function visibleTrails(state: EmulatorState, account: string, region: string): StoredTrail[] {
  return trailsOf(state, account).filter((trail) => isVisibleIn(trail, region));
}

/**
 * The first region where one more trail (homed in `homeRegion`, multi-region or not) would exceed
 * the quota, counting home trails and shadows (§17.3); `except` is a trail being changed.
 */
export function regionOverQuota(
  state: EmulatorState,
  trail: { account: string; homeRegion: string; isMultiRegionTrail: boolean },
  except?: string,
): string | undefined {
  const others = trailsOf(state, trail.account).filter((other) => other.arn !== except);
  return visibleRegions(trail).find(
    (region) => others.filter((other) => isVisibleIn(other, region)).length >= MAX_TRAILS_PER_REGION,
  );
}

/** Saves a trail. */
export function saveTrail(state: EmulatorState, trail: StoredTrail): void {
  state.put(TRAILS, trail.arn, trail);
}

/** The self-record resource of a trail (§17.14). */
export function trailResource(trail: Pick<StoredTrail, 'account' | 'arn'>): RecordResource {
  return { accountId: trail.account, type: 'AWS::CloudTrail::Trail', ARN: trail.arn };
}

/** The topic name of an SNS topic ARN. */
export function snsTopicName(topicArn: string): string {
  return topicArn.slice(topicArn.lastIndexOf(':') + 1);
}

/** The members CreateTrail, UpdateTrail, GetTrail and DescribeTrails share, optional ones only when set. */
function settings(trail: StoredTrail) {
  return {
    ...(trail.s3KeyPrefix === undefined ? {} : { S3KeyPrefix: trail.s3KeyPrefix }),
    ...(trail.snsTopicARN === undefined
      ? {}
      : { SnsTopicName: snsTopicName(trail.snsTopicARN), SnsTopicARN: trail.snsTopicARN }),
  };
}

function cloudWatchAndKey(trail: StoredTrail) {
  return {
    ...(trail.cloudWatchLogsLogGroupArn === undefined
      ? {}
      : { CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn }),
    ...(trail.cloudWatchLogsRoleArn === undefined ? {} : { CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn }),
    ...(trail.kmsKeyId === undefined ? {} : { KmsKeyId: trail.kmsKeyId }),
  };
}

/** CreateTrail's and UpdateTrail's answer: no HomeRegion, no Has* (§17.4). */
export function describeTrailChange(trail: StoredTrail) {
  return {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    ...settings(trail),
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    ...cloudWatchAndKey(trail),
    IsOrganizationTrail: false,
  };
}

/** The Trail object of GetTrail and DescribeTrails (§17.3). */
export function describeTrail(trail: StoredTrail): Trail {
  return {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    ...settings(trail),
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    HomeRegion: trail.homeRegion,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    ...cloudWatchAndKey(trail),
    HasCustomEventSelectors: trail.hasCustomEventSelectors,
    HasInsightSelectors: trail.insightSelectors.length > 0,
    IsOrganizationTrail: false,
  };
}
