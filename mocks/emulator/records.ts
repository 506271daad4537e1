// The CloudTrail record (SEMANTICS.md §5): its fields in CloudTrail's order, its serialized
// form (the unit of CloudTrailEvent, eventjson and BytesScanned) and its LookupEvents projection.
import type { Event } from '@aws-sdk/client-cloudtrail';
import { usernameOf, type UserIdentity } from './identities';
import type { RecordRef } from './storage/storage';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EventCategory = 'Management' | 'Data' | 'NetworkActivity' | 'Insight';

export interface RecordResource {
  accountId?: string;
  type: string;
  ARN?: string;
  ARNPrefix?: string;
}

export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject;
  requestID: string;
  eventID: string;
  readOnly?: boolean;
  resources?: RecordResource[];
  eventType: string;
  apiVersion?: string;
  managementEvent?: boolean;
  recipientAccountId: string;
  vpcEndpointId?: string;
  eventCategory: EventCategory;
  addendum?: JsonObject;
  sessionCredentialFromConsole?: 'true';
  tlsDetails?: { tlsVersion: string; cipherSuite: string; clientProvidedHostHeader: string };
}

/**
 * An event from outside AWS, as PutAuditEvents stores it (SEMANTICS.md §13): an envelope around
 * the submitted eventData, with no userIdentity of its own. Only channels write these, straight
 * into their destination stores; they never enter history and are never routed (§9 step 3).
 */
export interface ActivityAuditLogRecord {
  eventVersion: string;
  eventCategory: 'ActivityAuditLog';
  eventType: 'ActivityLog';
  eventID: string;
  eventTime: string;
  awsRegion: string;
  recipientAccountId: string;
  metadata: { ingestionTime: string; channelARN: string };
  eventData: JsonObject;
}

/** Any record the emulator holds. */
export type EmulatorRecord = CloudTrailRecord | ActivityAuditLogRecord;

const RECORD_KEYS = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'vpcEndpointId',
  'eventCategory',
  'addendum',
  'sessionCredentialFromConsole',
  'tlsDetails',
] as const satisfies readonly (keyof CloudTrailRecord)[];

const IDENTITY_KEYS = [
  'type',
  'principalId',
  'arn',
  'accountId',
  'accessKeyId',
  'userName',
  'sessionContext',
  'invokedBy',
  'onBehalfOf',
  'identityProvider',
] as const satisfies readonly (keyof UserIdentity)[];

const ACTIVITY_AUDIT_LOG_KEYS = [
  'eventVersion',
  'eventCategory',
  'eventType',
  'eventID',
  'eventTime',
  'awsRegion',
  'recipientAccountId',
  'metadata',
  'eventData',
] as const satisfies readonly (keyof ActivityAuditLogRecord)[];

function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

/** Compact JSON with CloudTrail's key order, whatever order the record was built in. */
export function serializeRecord(record: EmulatorRecord): string {
  if (record.eventCategory === 'ActivityAuditLog') return JSON.stringify(ordered(record, ACTIVITY_AUDIT_LOG_KEYS));
  return JSON.stringify({
    ...ordered(record, RECORD_KEYS),
    userIdentity: ordered(record.userIdentity, IDENTITY_KEYS),
  });
}

/** LookupEvents' ResourceName: the ARN's resource part after its last `/`, else its last `:` (§5). */
export function resourceNameOf(arn: string): string {
  const parts = arn.split(':');
  const resource = parts.length > 5 ? parts.slice(5).join(':') : arn;
  const slash = resource.lastIndexOf('/');
  if (slash >= 0) return resource.slice(slash + 1);
  const colon = resource.lastIndexOf(':');
  return colon >= 0 ? resource.slice(colon + 1) : resource;
}

/** A record's resources as LookupEvents reports them; `arn` is kept for ResourceName matching. */
export interface ProjectedResource {
  ResourceType: string;
  ResourceName: string;
  arn: string;
}

const NO_RESOURCES: readonly ProjectedResource[] = [];

const same = (text: string) => text;

export function projectResources(
  resources: readonly RecordResource[] | undefined,
  intern: (text: string) => string = same,
): readonly ProjectedResource[] {
  if (!resources || resources.length === 0) return NO_RESOURCES;
  return resources.map((resource) => {
    const arn = resource.ARN ?? resource.ARNPrefix ?? '';
    return { ResourceType: intern(resource.type), ResourceName: intern(resourceNameOf(arn)), arn: intern(arn) };
  });
}

/**
 * What the emulator keeps in memory for each record: the fields LookupEvents filters and projects
 * on, plus where its JSON comes from. Seeded records keep only their seed index and are rebuilt on
 * demand, which keeps a million-event history small.
 */
export interface EventEntry {
  /** eventTime in epoch seconds. */
  readonly time: number;
  readonly eventId: string;
  readonly account: string;
  readonly region: string;
  readonly category: EventCategory | 'ActivityAuditLog';
  readonly eventName: string;
  readonly eventSource: string;
  readonly username: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly readOnly: 'true' | 'false' | undefined;
  readonly resources: readonly ProjectedResource[];
  /**
   * The serialized record; or the seed index it is regenerated from; or, for a record loaded from
   * a data directory, where its line is (read back through `EmulatorStorage.readRecord`).
   */
  readonly source: string | number | RecordRef;
}

/** Epoch seconds of a record's `YYYY-MM-DDTHH:MM:SSZ` eventTime. */
export function recordTimeSeconds(eventTime: string): number {
  return Math.floor(Date.parse(eventTime) / 1000);
}

/**
 * The in-memory entry of a record. `intern` shares repeated strings (names, sources, ARNs) between
 * entries, which keeps a large history small.
 */
export function toEventEntry(
  record: EmulatorRecord,
  source: EventEntry['source'],
  intern: (text: string) => string = same,
): EventEntry {
  if (record.eventCategory === 'ActivityAuditLog') return activityAuditLogEntry(record, source, intern);
  const username = usernameOf(record.userIdentity);
  const accessKeyId = record.userIdentity.accessKeyId;
  return {
    time: recordTimeSeconds(record.eventTime),
    eventId: record.eventID,
    account: intern(record.recipientAccountId),
    region: intern(record.awsRegion),
    category: record.eventCategory,
    eventName: intern(record.eventName),
    eventSource: intern(record.eventSource),
    username: username === undefined ? undefined : intern(username),
    accessKeyId: accessKeyId === undefined || accessKeyId === '' ? undefined : intern(accessKeyId),
    readOnly: record.readOnly === undefined ? undefined : record.readOnly ? 'true' : 'false',
    resources: projectResources(record.resources, intern),
    source,
  };
}

/**
 * The entry of an event from outside AWS: no caller, access key or resources of CloudTrail's own
 * (they sit inside eventData, in the submitter's terms); name and source are eventData's.
 */
function activityAuditLogEntry(
  record: ActivityAuditLogRecord,
  source: EventEntry['source'],
  intern: (text: string) => string,
): EventEntry {
  const { eventName, eventSource } = record.eventData;
  return {
    time: recordTimeSeconds(record.eventTime),
    eventId: record.eventID,
    account: intern(record.recipientAccountId),
    region: intern(record.awsRegion),
    category: 'ActivityAuditLog',
    eventName: typeof eventName === 'string' ? intern(eventName) : '',
    eventSource: typeof eventSource === 'string' ? intern(eventSource) : '',
    username: undefined,
    accessKeyId: undefined,
    readOnly: undefined,
    resources: NO_RESOURCES,
    source,
  };
}

/** The LookupEvents `Event` of an entry whose record serializes to `json` (§5). */
export function projectEvent(entry: EventEntry, json: string): Event {
  return {
    EventId: entry.eventId,
    EventName: entry.eventName,
    ...(entry.readOnly === undefined ? {} : { ReadOnly: entry.readOnly }),
    ...(entry.accessKeyId === undefined ? {} : { AccessKeyId: entry.accessKeyId }),
    EventTime: new Date(entry.time * 1000),
    EventSource: entry.eventSource,
    ...(entry.username === undefined ? {} : { Username: entry.username }),
    Resources: entry.resources.map(({ ResourceType, ResourceName }) => ({ ResourceType, ResourceName })),
    CloudTrailEvent: json,
  };
}

/** Deepest JSON nesting the emulator accepts in a request or an event (README.md, "Limits"). */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether a parsed JSON value nests deeper than `max` levels. The recursion never goes deeper than
 * `max`, so a hostile body nested thousands of levels deep cannot exhaust the call stack.
 */
export function jsonDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  // Recursion stops at `max` levels, so its own depth is bounded whatever the input.
  if (typeof value !== 'object' || value === null) return false;
  if (max < 1) return true;
  if (Array.isArray(value)) {
    for (const member of value) if (jsonDeeperThan(member, max - 1)) return true;
    return false;
  }
  // Object.values, not for-in: a parsed "__proto__" member is an own property to measure.
  for (const member of Object.values(value)) if (jsonDeeperThan(member, max - 1)) return true;
  return false;
}
