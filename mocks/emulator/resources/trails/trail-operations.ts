// Trail operations (SEMANTICS.md §17.1-17.7): create, update, delete, read, list, logging state,
// status and event selectors. Checks run in the order of §17.4's table, formats before the trail
// is resolved; insight selectors are in insight-selectors.ts.
import type {
  AdvancedEventSelector,
  CreateTrailRequest,
  CreateTrailResponse,
  DeleteTrailRequest,
  DeleteTrailResponse,
  DescribeTrailsRequest,
  DescribeTrailsResponse,
  GetEventSelectorsRequest,
  GetEventSelectorsResponse,
  GetTrailRequest,
  GetTrailResponse,
  GetTrailStatusRequest,
  GetTrailStatusResponse,
  ListTrailsRequest,
  ListTrailsResponse,
  PutEventSelectorsRequest,
  PutEventSelectorsResponse,
  StartLoggingRequest,
  StartLoggingResponse,
  StopLoggingRequest,
  StopLoggingResponse,
  UpdateTrailRequest,
  UpdateTrailResponse,
} from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import {
  InvalidEventSelectorsException,
  InvalidNextTokenException,
  InvalidParameterCombinationException,
  InvalidParameterException,
  MaximumNumberOfTrailsExceededException,
  OrganizationsNotInUseException,
  TagsLimitExceededException,
  TrailAlreadyExistsException,
} from '../../errors';
import { pageInCreationOrder } from '../../next-token';
import { registerBucket } from '../s3/s3-buckets';
import { checkTagParameters, MAX_TAGS_PER_RESOURCE, setTags } from '../tags/resource-tags';
import { validateBasicEventSelectors, validateTrailAdvancedEventSelectors, withBasicDefaults } from './basic-selectors';
import { flushTrail, trailDelivery } from './delivery';
import {
  checkBucketName,
  checkExternalResources,
  checkKeyPrefix,
  checkLogGroupArn,
  checkRoleArn,
  kmsKeyArnOf,
  snsTopicArnOf,
} from './external-resources';
import {
  DEFAULT_EVENT_SELECTORS,
  describeTrail,
  describeTrailChange,
  MAX_TRAILS_PER_REGION,
  regionOverQuota,
  saveTrail,
  TRAILS,
  trailArn,
  trailResource,
  trailsOf,
  visibleTrails,
  type StoredTrail,
} from './trail';
import { checkTrailName, isArnReference, parseTrailArn, resolveTrail } from './trail-names';

/** ListTrails' page size (§17.3). */
export const LIST_TRAILS_PAGE = 50;

const ARN_REGION = /^arn:aws:cloudtrail:([a-z0-9-]+):/;

function trailExistsMessage(name: string, account: string): string {
  return `Trail ${name} already exists for customer: ${account}`;
}

/** Rules 3-8 of §17.4 for the members sent; on update an empty string clears and is not checked. */
function checkSettings(
  input: CreateTrailRequest | UpdateTrailRequest,
  context: RequestContext,
  homeRegion: string,
  update: boolean,
): { topicArn?: string; kmsKeyArn?: string } {
  const sent = (value: string | undefined): value is string => value !== undefined && !(update && value === '');
  if (sent(input.S3KeyPrefix)) checkKeyPrefix(input.S3KeyPrefix);
  const topicArn = sent(input.SnsTopicName)
    ? snsTopicArnOf(input.SnsTopicName, context.account, homeRegion)
    : undefined;
  const kmsKeyArn = sent(input.KmsKeyId) ? kmsKeyArnOf(input.KmsKeyId, context.account, homeRegion) : undefined;
  const group = input.CloudWatchLogsLogGroupArn;
  const role = input.CloudWatchLogsRoleArn;
  // Decision (§17.4 rule 6): the pair is set, or cleared, together.
  if ((group === undefined) !== (role === undefined) || (update && (group === '') !== (role === '')))
    throw new InvalidParameterCombinationException(
      'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn must be specified together.',
    );
  if (sent(group)) checkLogGroupArn(group, context.account, homeRegion);
  if (sent(role)) checkRoleArn(role, context.account);
  return {
    ...(topicArn === undefined ? {} : { topicArn }),
    ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
  };
}

function checkMultiRegionGlobal(multiRegion: boolean, includeGlobal: boolean): void {
  if (multiRegion && !includeGlobal)
    throw new InvalidParameterCombinationException('Multi-Region trail must include global service events.');
}

function checkNotOrganization(isOrganizationTrail: boolean | undefined): void {
  // No account of the emulator is in an organization (§17.4 rule 13, as §8.2).
  if (isOrganizationTrail === true)
    throw new OrganizationsNotInUseException('This account is not a member of an organization.');
}

/** Whether a trail named `name` clashes (§17.3): visible in `region`, or anywhere for a multi-region trail. */
function nameTaken(
  context: RequestContext,
  name: string,
  region: string,
  multiRegion: boolean,
  except?: string,
): boolean {
  const others = (
    multiRegion ? trailsOf(context.state, context.account) : visibleTrails(context.state, context.account, region)
  ).filter((trail) => trail.arn !== except);
  return others.some((trail) => trail.name === name);
}

/** Creates a trail (§17.4): not logging, with the default basic selector. */
export function createTrail(input: CreateTrailRequest, context: RequestContext): CreateTrailResponse {
  const { state, now, account, region } = context;
  const name = input.Name ?? '';
  checkTrailName(name);
  const bucket = input.S3BucketName ?? '';
  checkBucketName(bucket);
  const { topicArn, kmsKeyArn } = checkSettings(input, context, region, false);
  const tags = input.TagsList ?? [];
  if (tags.length > MAX_TAGS_PER_RESOURCE)
    throw new TagsLimitExceededException(
      `A trail can have at most ${String(MAX_TAGS_PER_RESOURCE)} tags; ${String(tags.length)} were given.`,
    );
  checkTagParameters(tags);
  const multiRegion = input.IsMultiRegionTrail ?? false;
  const includeGlobal = input.IncludeGlobalServiceEvents ?? true;
  checkMultiRegionGlobal(multiRegion, includeGlobal);
  checkNotOrganization(input.IsOrganizationTrail);
  if (nameTaken(context, name, region, multiRegion))
    throw new TrailAlreadyExistsException(trailExistsMessage(name, account));
  const full = regionOverQuota(state, { account, homeRegion: region, isMultiRegionTrail: multiRegion });
  if (full !== undefined)
    throw new MaximumNumberOfTrailsExceededException(
      `User: ${account} already has ${String(MAX_TRAILS_PER_REGION)} trails in ${full}.`,
    );
  checkExternalResources(
    {
      bucket,
      ...(topicArn === undefined ? {} : { topicArn }),
      ...(input.KmsKeyId === undefined ? {} : { kmsKeyId: input.KmsKeyId }),
      ...(input.CloudWatchLogsLogGroupArn === undefined ? {} : { logGroupArn: input.CloudWatchLogsLogGroupArn }),
    },
    region,
  );

  const validation = input.EnableLogFileValidation ?? false;
  const trail: StoredTrail = {
    arn: trailArn(region, account, name),
    name,
    account,
    homeRegion: region,
    order: state.nextOrder(TRAILS),
    createdAt: now,
    s3BucketName: bucket,
    ...(input.S3KeyPrefix === undefined || input.S3KeyPrefix === '' ? {} : { s3KeyPrefix: input.S3KeyPrefix }),
    ...(topicArn === undefined ? {} : { snsTopicARN: topicArn }),
    includeGlobalServiceEvents: includeGlobal,
    isMultiRegionTrail: multiRegion,
    logFileValidationEnabled: validation,
    ...(validation ? { logFileValidationSince: now } : {}),
    ...(input.CloudWatchLogsLogGroupArn === undefined
      ? {}
      : {
          cloudWatchLogsLogGroupArn: input.CloudWatchLogsLogGroupArn,
          cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn ?? '',
        }),
    ...(kmsKeyArn === undefined ? {} : { kmsKeyId: kmsKeyArn }),
    eventSelectors: DEFAULT_EVENT_SELECTORS,
    hasCustomEventSelectors: false,
    insightSelectors: [],
    isLogging: false,
  };
  saveTrail(state, trail);
  setTags(state, trail.arn, tags);
  registerBucket(state, bucket, region, account, context.now);
  context.resources.push(trailResource(trail));
  return describeTrailChange(trail);
}

/** Without the members an empty string cleared. */
function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined && member !== '')) as T;
}

/** Changes the members sent (§17.4); an empty string clears an optional one. */
export async function updateTrail(input: UpdateTrailRequest, context: RequestContext): Promise<UpdateTrailResponse> {
  const { state, now, account, region } = context;
  const reference = input.Name ?? '';
  if (!isArnReference(reference)) checkTrailName(reference);
  if (input.S3BucketName !== undefined) checkBucketName(input.S3BucketName);
  // A name resolves only in the request region; an ARN names its home region (checked at resolution).
  const homeRegion = isArnReference(reference) ? (ARN_REGION.exec(reference)?.[1] ?? region) : region;
  const { topicArn, kmsKeyArn } = checkSettings(input, context, homeRegion, true);
  const trail = resolveTrail(context, reference, 'write');
  const multiRegion = input.IsMultiRegionTrail ?? trail.isMultiRegionTrail;
  const becomesMulti = multiRegion && !trail.isMultiRegionTrail;
  const becomesSingle = !multiRegion && trail.isMultiRegionTrail;
  // A trail made multi-region logs global service events; made single-region, it stops unless told (§17.4).
  const includeGlobal =
    input.IncludeGlobalServiceEvents ??
    (becomesMulti ? true : becomesSingle ? false : trail.includeGlobalServiceEvents);
  checkMultiRegionGlobal(multiRegion, includeGlobal);
  checkNotOrganization(input.IsOrganizationTrail);
  if (becomesMulti) {
    if (nameTaken(context, trail.name, trail.homeRegion, true, trail.arn))
      throw new InvalidParameterException(
        `${trailExistsMessage(trail.name, account)}; a multi-Region trail needs a name unique in every Region.`,
      );
    const full = regionOverQuota(state, { ...trail, isMultiRegionTrail: true }, trail.arn);
    if (full !== undefined)
      throw new InvalidParameterException(
        `Making the trail multi-Region would exceed the limit of ${String(MAX_TRAILS_PER_REGION)} trails in ${full}.`,
      );
  }
  checkExternalResources(
    {
      ...(input.S3BucketName === undefined ? {} : { bucket: input.S3BucketName }),
      ...(topicArn === undefined ? {} : { topicArn }),
      ...(kmsKeyArn === undefined || input.KmsKeyId === undefined ? {} : { kmsKeyId: input.KmsKeyId }),
      ...(input.CloudWatchLogsLogGroupArn === undefined || input.CloudWatchLogsLogGroupArn === ''
        ? {}
        : { logGroupArn: input.CloudWatchLogsLogGroupArn }),
    },
    trail.homeRegion,
  );
  // Shadows vanish: what they hold is delivered (and their digest chains closed) first (§17.4).
  if (becomesSingle) await flushTrail(state, trail, now);

  const validation = input.EnableLogFileValidation ?? trail.logFileValidationEnabled;
  const updated: StoredTrail = withoutEmpty({
    ...trail,
    s3BucketName: input.S3BucketName ?? trail.s3BucketName,
    s3KeyPrefix: input.S3KeyPrefix ?? trail.s3KeyPrefix,
    snsTopicARN: input.SnsTopicName === undefined ? trail.snsTopicARN : (topicArn ?? ''),
    includeGlobalServiceEvents: includeGlobal,
    isMultiRegionTrail: multiRegion,
    logFileValidationEnabled: validation,
    logFileValidationSince: validation && !trail.logFileValidationEnabled ? now : trail.logFileValidationSince,
    cloudWatchLogsLogGroupArn: input.CloudWatchLogsLogGroupArn ?? trail.cloudWatchLogsLogGroupArn,
    cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn ?? trail.cloudWatchLogsRoleArn,
    kmsKeyId: input.KmsKeyId === undefined ? trail.kmsKeyId : (kmsKeyArn ?? ''),
  });
  saveTrail(state, updated);
  if (input.S3BucketName !== undefined) registerBucket(state, input.S3BucketName, trail.homeRegion, account, now);
  return describeTrailChange(updated);
}

/** Deletes a trail from its home region (§17.4): pending batches are delivered first; delivered files stay. */
export async function deleteTrail(input: DeleteTrailRequest, context: RequestContext): Promise<DeleteTrailResponse> {
  const { state, now } = context;
  const trail = resolveTrail(context, input.Name ?? '', 'write');
  await flushTrail(state, trail, now);
  state.remove(TRAILS, trail.arn);
  // Its tags (and anything else hanging off its ARN) go with it.
  state.removed(trail.arn);
  return {};
}

/** One trail, from its home region or as a shadow (§17.2 read class). */
export function getTrail(input: GetTrailRequest, context: RequestContext): GetTrailResponse {
  return { Trail: describeTrail(resolveTrail(context, input.Name ?? '', 'read')) };
}

/** The trails of the region, or the ones a list names (§17.3). */
export function describeTrails(input: DescribeTrailsRequest, context: RequestContext): DescribeTrailsResponse {
  const { state, account, region } = context;
  const includeShadows = input.includeShadowTrails ?? true;
  const references = input.trailNameList ?? [];
  if (references.length === 0)
    return {
      trailList: visibleTrails(state, account, region)
        .filter((trail) => includeShadows || trail.homeRegion === region)
        .map(describeTrail),
    };
  const trails = state.table<StoredTrail>(TRAILS);
  const found = new Map<string, StoredTrail>();
  for (const reference of references) {
    let trail: StoredTrail | undefined;
    if (isArnReference(reference)) {
      parseTrailArn(reference, account);
      trail = trails.get(reference);
      // An ARN names a trail of any region; a multi-region one seen from elsewhere is a shadow.
      if (trail && trail.homeRegion !== region && trail.isMultiRegionTrail && !includeShadows) trail = undefined;
    } else {
      checkTrailName(reference);
      trail = trails.get(trailArn(region, account, reference));
    }
    if (trail && !found.has(trail.arn)) {
      found.set(trail.arn, trail);
      context.resources.push(trailResource(trail));
    }
  }
  return { trailList: [...found.values()].map(describeTrail) };
}

/** The trails visible in the region, home and shadows, 50 a page (§17.3). */
export function listTrails(input: ListTrailsRequest, context: RequestContext): ListTrailsResponse {
  const { state, account, region } = context;
  const { page, NextToken } = pageInCreationOrder(
    visibleTrails(state, account, region),
    { ...(input.NextToken === undefined ? {} : { NextToken: input.NextToken }), defaultPageSize: LIST_TRAILS_PAGE },
    { seed: state.config.seed, account, region },
    () => new InvalidNextTokenException('Invalid NextToken.'),
  );
  return {
    Trails: page.map((trail) => ({ TrailARN: trail.arn, Name: trail.name, HomeRegion: trail.homeRegion })),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ`, or "" when unknown: the deprecated string fields of GetTrailStatus (§17.6). */
function deprecatedTime(time: number | undefined): string {
  return time === undefined ? '' : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const date = (time: number | undefined) => (time === undefined ? undefined : new Date(time));

/** Logging state of the trail, and delivery of this region (§17.6). */
export function getTrailStatus(input: GetTrailStatusRequest, context: RequestContext): GetTrailStatusResponse {
  const trail = resolveTrail(context, input.Name ?? '', 'read');
  const delivery = trailDelivery(context.state, trail.arn, context.region);
  const delivered = delivery?.latestDeliveryTime;
  // Notifications and CloudWatch Logs deliveries are simulated with each log file (§17.10).
  const notified = trail.snsTopicARN === undefined ? undefined : delivered;
  const toCloudWatch = trail.cloudWatchLogsLogGroupArn === undefined ? undefined : delivered;
  // Absent values are left out on the wire (never null, §3).
  return {
    IsLogging: trail.isLogging,
    LatestDeliveryError: delivery?.latestDeliveryError,
    LatestDeliveryTime: date(delivered),
    LatestNotificationTime: date(notified),
    StartLoggingTime: date(trail.startLoggingTime),
    StopLoggingTime: date(trail.stopLoggingTime),
    LatestCloudWatchLogsDeliveryTime: date(toCloudWatch),
    LatestDigestDeliveryTime: date(delivery?.latestDigestDeliveryTime),
    LatestDigestDeliveryError: delivery?.latestDigestDeliveryError,
    LatestDeliveryAttemptTime: deprecatedTime(delivery?.latestDeliveryAttemptTime),
    LatestNotificationAttemptTime: deprecatedTime(notified),
    LatestNotificationAttemptSucceeded: deprecatedTime(notified),
    LatestDeliveryAttemptSucceeded: deprecatedTime(delivered),
    TimeLoggingStarted: deprecatedTime(trail.startLoggingTime),
    TimeLoggingStopped: deprecatedTime(trail.stopLoggingTime),
  };
}

/** Turns logging on; already logging, nothing changes (§17.6). */
export function startLogging(input: StartLoggingRequest, context: RequestContext): StartLoggingResponse {
  const trail = resolveTrail(context, input.Name ?? '', 'write');
  if (!trail.isLogging) saveTrail(context.state, { ...trail, isLogging: true, startLoggingTime: context.now });
  return {};
}

/** Turns logging off; already off, nothing changes (§17.6). */
export function stopLogging(input: StopLoggingRequest, context: RequestContext): StopLoggingResponse {
  const trail = resolveTrail(context, input.Name ?? '', 'write');
  if (trail.isLogging) saveTrail(context.state, { ...trail, isLogging: false, stopLoggingTime: context.now });
  return {};
}

/** The answer of Put/GetEventSelectors: the trail's ARN and only the kind of selectors in force (§17.7). */
function selectorsOf(trail: StoredTrail): Omit<GetEventSelectorsResponse, '$metadata'> {
  return trail.advancedEventSelectors === undefined
    ? { TrailARN: trail.arn, EventSelectors: withBasicDefaults(trail.eventSelectors ?? DEFAULT_EVENT_SELECTORS) }
    : { TrailARN: trail.arn, AdvancedEventSelectors: structuredClone([...trail.advancedEventSelectors]) };
}

/** A trail without its selectors, so that the new kind replaces the other entirely. */
function withoutSelectors(trail: StoredTrail): Omit<StoredTrail, 'eventSelectors' | 'advancedEventSelectors'> {
  return Object.fromEntries(
    Object.entries(trail).filter(([key]) => key !== 'eventSelectors' && key !== 'advancedEventSelectors'),
  ) as Omit<StoredTrail, 'eventSelectors' | 'advancedEventSelectors'>;
}

/** Replaces a trail's selectors with basic or advanced ones (§17.7). */
export function putEventSelectors(input: PutEventSelectorsRequest, context: RequestContext): PutEventSelectorsResponse {
  const reference = input.TrailName ?? '';
  if (isArnReference(reference)) parseTrailArn(reference, context.account);
  else checkTrailName(reference);
  const basic = input.EventSelectors;
  const advanced = input.AdvancedEventSelectors;
  if ((basic === undefined) === (advanced === undefined))
    throw new InvalidEventSelectorsException('Specify either EventSelectors or AdvancedEventSelectors, but not both.');
  if (basic) validateBasicEventSelectors(basic);
  if (advanced) validateTrailAdvancedEventSelectors(advanced);
  const trail = resolveTrail(context, reference, 'write');
  const updated: StoredTrail = {
    ...withoutSelectors(trail),
    ...(basic ? { eventSelectors: withBasicDefaults(basic) } : {}),
    ...(advanced ? { advancedEventSelectors: structuredClone<AdvancedEventSelector[]>(advanced) } : {}),
    hasCustomEventSelectors: true,
  };
  saveTrail(context.state, updated);
  return selectorsOf(updated);
}

/** A trail's selectors, from its home region or as a shadow (§17.7). */
export function getEventSelectors(input: GetEventSelectorsRequest, context: RequestContext): GetEventSelectorsResponse {
  return selectorsOf(resolveTrail(context, input.TrailName ?? '', 'read'));
}
