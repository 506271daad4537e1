// Everything that happened to a resource, read through LookupEvents: by ResourceName over the
// 90 days of Event history, a few pages at a time, then (where the name alone misses events) by
// the resource's type, keeping the events whose record mentions it. Every call is paced.
import type { Event } from '@aws-sdk/client-cloudtrail';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { backendIdOf, type Connection } from './connection';
import { eventQueries, lookupPages } from './events';
import { resourceNameOfArn } from '@/lib/resource-name';

const HISTORY_MILLISECONDS = 90 * 86_400_000;

/** LookupEvents calls one step of a story reads (each up to 50 events). */
export const STORY_CALLS_PER_STEP = 4;

/** LookupEvents calls the resource-type scan reads. */
export const TYPE_SCAN_CALLS = 6;

/** LookupEvents' ResourceName of an ARN (its resource part after the last `/`, else the last `:`); a name stays as it is. */
export function resourceNameOf(nameOrArn: string): string {
  const value = nameOrArn.trim();
  return value.startsWith('arn:') ? resourceNameOfArn(value) : value;
}

const ARN_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^arn:[\w-]+:s3:::[^/]+$/, 'AWS::S3::Bucket'],
  [/^arn:[\w-]+:s3:::.+\/.+$/, 'AWS::S3::Object'],
  [/^arn:[\w-]+:ec2:[^:]*:[^:]*:instance\//, 'AWS::EC2::Instance'],
  [/^arn:[\w-]+:ec2:[^:]*:[^:]*:security-group\//, 'AWS::EC2::SecurityGroup'],
  [/^arn:[\w-]+:lambda:[^:]*:[^:]*:function:/, 'AWS::Lambda::Function'],
  [/^arn:[\w-]+:iam::[^:]*:role\//, 'AWS::IAM::Role'],
  [/^arn:[\w-]+:iam::[^:]*:user\//, 'AWS::IAM::User'],
  [/^arn:[\w-]+:kms:[^:]*:[^:]*:key\//, 'AWS::KMS::Key'],
  [/^arn:[\w-]+:cloudtrail:[^:]*:[^:]*:eventdatastore\//, 'AWS::CloudTrail::EventDataStore'],
  [/^arn:[\w-]+:cloudtrail:[^:]*:[^:]*:trail\//, 'AWS::CloudTrail::Trail'],
];

/** The CloudTrail resource type an ARN names, when it is one this console knows. */
export function resourceTypeOfArn(arn: string): string | undefined {
  return ARN_TYPES.find(([pattern]) => pattern.test(arn.trim()))?.[1];
}

function parsedRecord(event: Event): Record<string, unknown> {
  try {
    const record: unknown = JSON.parse(event.CloudTrailEvent ?? '{}');
    return typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Whether an event's record lists a resource by its ARN in resources[]. */
export function recordListsArn(event: Event, arn: string): boolean {
  const resources = parsedRecord(event)['resources'];
  return (
    Array.isArray(resources) &&
    resources.some(
      (resource) => typeof resource === 'object' && resource !== null && (resource as { ARN?: unknown }).ARN === arn,
    )
  );
}

/** Whether an event's record mentions a resource: a resources[] ARN or name, or a request parameter equal to the name. */
export function recordMentions(event: Event, name: string, arn?: string): boolean {
  if (event.Resources?.some((resource) => resource.ResourceName === name)) return true;
  if (arn !== undefined && recordListsArn(event, arn)) return true;
  const requestParameters = parsedRecord(event)['requestParameters'];
  if (typeof requestParameters !== 'object' || requestParameters === null) return false;
  return Object.values(requestParameters).some((value) => value === name || (arn !== undefined && value === arn));
}

/** One step of a story read by ResourceName. */
export interface StoryStep {
  events: Event[];
  calls: number;
  NextToken?: string;
  /** The 90-day window, fixed at the first step (a NextToken is bound to it). */
  window: { start: Date; end: Date };
  /** The oldest event read so far in this step, for saying how far back the story goes. */
  oldest?: Date;
}

type StepParam = { token: string; window: StoryStep['window'] } | undefined;

async function readStep(
  connection: Connection,
  name: string,
  param: StepParam,
  signal?: AbortSignal,
): Promise<StoryStep> {
  const now = Date.now();
  const window = param?.window ?? { start: new Date(now - HISTORY_MILLISECONDS), end: new Date(now) };
  const events: Event[] = [];
  const { calls, nextToken } = await lookupPages(
    connection,
    { filter: { key: 'ResourceName', value: name }, ...window, maxCalls: STORY_CALLS_PER_STEP, from: param?.token },
    (page) => {
      events.push(...page);
      return false;
    },
    signal,
  );
  const step: StoryStep = { events, calls, window };
  const oldest = step.events.at(-1)?.EventTime;
  if (oldest !== undefined) step.oldest = oldest;
  return nextToken === undefined ? step : { ...step, NextToken: nextToken };
}

/** What the resource-type scan read and found. */
export interface TypeScan {
  resourceType: string;
  /** Events of that type whose record mentions the resource but that the ResourceName lookup does not list. */
  events: Event[];
  calls: number;
  scanned: number;
  complete: boolean;
  oldest?: Date;
}

async function scanType(
  connection: Connection,
  resourceType: string,
  name: string,
  arn: string | undefined,
  signal?: AbortSignal,
): Promise<TypeScan> {
  const now = Date.now();
  const scan: TypeScan = { resourceType, events: [], calls: 0, scanned: 0, complete: false };
  const { calls, nextToken } = await lookupPages(
    connection,
    {
      filter: { key: 'ResourceType', value: resourceType },
      start: new Date(now - HISTORY_MILLISECONDS),
      end: new Date(now),
      maxCalls: TYPE_SCAN_CALLS,
    },
    (events) => {
      scan.scanned += events.length;
      const oldest = events.at(-1)?.EventTime;
      if (oldest !== undefined) scan.oldest = oldest;
      // Listed by name already: the ResourceName lookup has them.
      scan.events.push(
        ...events.filter(
          (event) =>
            !event.Resources?.some((resource) => resource.ResourceName === name) && recordMentions(event, name, arn),
        ),
      );
      return false;
    },
    signal,
  );
  scan.calls = calls;
  scan.complete = nextToken === undefined;
  return scan;
}

export const resourceStoryQueries = {
  /** A resource's events by ResourceName, newest first, STORY_CALLS_PER_STEP pages per step. */
  byName: (connection: Connection, name: string) =>
    infiniteQueryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'resource-story', 'name', name],
      queryFn: ({ pageParam, signal }) => readStep(connection, name, pageParam, signal),
      initialPageParam: undefined as StepParam,
      getNextPageParam: (last): StepParam =>
        last.NextToken === undefined ? undefined : { token: last.NextToken, window: last.window },
      staleTime: 60_000,
    }),
  /** Events of the resource's type that mention it without listing it by name (TYPE_SCAN_CALLS pages). */
  byType: (connection: Connection, resourceType: string, name: string, arn: string | undefined) =>
    queryOptions({
      queryKey: [...eventQueries.all(backendIdOf(connection)), 'resource-story', 'type', resourceType, name, arn ?? ''],
      queryFn: ({ signal }) => scanType(connection, resourceType, name, arn, signal),
      staleTime: 60_000,
    }),
};
