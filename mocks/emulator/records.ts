// The CloudTrail record (SEMANTICS.md §5): its fields in CloudTrail's order, its serialized
// form (the unit of CloudTrailEvent, eventjson and BytesScanned) and its LookupEvents projection.
import type { Event } from '@aws-sdk/client-cloudtrail';
import { usernameOf, type UserIdentity } from './identities';
import type { RecordRef } from './storage/storage';
import { resourceNameOfArn } from '../../src/lib/resource-name';

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

// The serialized form (SEMANTICS.md §5) is JSON.stringify of an object literal holding the
// record's members in CloudTrail's order: the literals below are that order, and `satisfies`
// checks that each names every member of its type. A member that is undefined is left out, as
// CloudTrail leaves out absent members; anything else on the record is not part of its form. (A
// copy made key by key from a list cost about as much as the JSON itself, and PutAuditEvents
// stores up to 100 records a call.)

/** A userIdentity's members in CloudTrail's order. */
function identityJson(identity: UserIdentity) {
  return {
    type: identity.type,
    principalId: identity.principalId,
    arn: identity.arn,
    accountId: identity.accountId,
    accessKeyId: identity.accessKeyId,
    userName: identity.userName,
    sessionContext: identity.sessionContext,
    invokedBy: identity.invokedBy,
    onBehalfOf: identity.onBehalfOf,
    identityProvider: identity.identityProvider,
  } satisfies Record<keyof UserIdentity, unknown>;
}

/**
 * An ActivityAuditLog record's form: its envelope's JSON with eventData's spliced in last, as
 * JSON.stringify of the whole would write it (leaving out an eventData with no JSON form). Joined,
 * because JSON.stringify returns a rope of the pieces it wrote, which every record kept would hold:
 * a join copies them into one flat string, and an ingested record then costs the collector about
 * 1.5 KB in 7 objects instead of 1.8 KB in 14 (measured with V8, Node 20).
 */
function serializeActivityAuditLog(record: ActivityAuditLogRecord): string {
  const envelope = JSON.stringify({
    eventVersion: record.eventVersion,
    eventCategory: record.eventCategory,
    eventType: record.eventType,
    eventID: record.eventID,
    eventTime: record.eventTime,
    awsRegion: record.awsRegion,
    recipientAccountId: record.recipientAccountId,
    metadata: record.metadata,
  } satisfies Omit<Record<keyof ActivityAuditLogRecord, unknown>, 'eventData'>);
  const eventData = JSON.stringify(record.eventData) as string | undefined;
  if (eventData === undefined) return envelope;
  // The envelope holds eventCategory at least, so eventData follows a comma.
  return [envelope.slice(0, -1), ',"eventData":', eventData, '}'].join('');
}

/** Compact JSON with CloudTrail's key order, whatever order the record was built in. */
export function serializeRecord(record: EmulatorRecord): string {
  if (record.eventCategory === 'ActivityAuditLog') return serializeActivityAuditLog(record);
  return JSON.stringify({
    eventVersion: record.eventVersion,
    userIdentity: identityJson(record.userIdentity),
    eventTime: record.eventTime,
    eventSource: record.eventSource,
    eventName: record.eventName,
    awsRegion: record.awsRegion,
    sourceIPAddress: record.sourceIPAddress,
    userAgent: record.userAgent,
    errorCode: record.errorCode,
    errorMessage: record.errorMessage,
    requestParameters: record.requestParameters,
    responseElements: record.responseElements,
    additionalEventData: record.additionalEventData,
    requestID: record.requestID,
    eventID: record.eventID,
    readOnly: record.readOnly,
    resources: record.resources,
    eventType: record.eventType,
    apiVersion: record.apiVersion,
    managementEvent: record.managementEvent,
    recipientAccountId: record.recipientAccountId,
    vpcEndpointId: record.vpcEndpointId,
    eventCategory: record.eventCategory,
    addendum: record.addendum,
    sessionCredentialFromConsole: record.sessionCredentialFromConsole,
    tlsDetails: record.tlsDetails,
  } satisfies Record<keyof CloudTrailRecord, unknown>);
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
    return { ResourceType: intern(resource.type), ResourceName: intern(resourceNameOfArn(arn)), arn: intern(arn) };
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

/** The number the two ASCII digits at `at` of text write, or -1 when they are not two digits. */
export function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Days in month 1-12 of a (proleptic Gregorian) year; 0 for a month that does not exist. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Epoch seconds of a record's `YYYY-MM-DDTHH:MM:SSZ` eventTime. */
export function recordTimeSeconds(eventTime: string): number {
  // Every record's entry needs it, and that form is read by hand in a fraction of Date.parse's
  // time. Anything else, and a day or hour Date.parse would roll over (February 30, 24:00:00),
  // goes to Date.parse.
  if (
    eventTime.length === 20 &&
    eventTime.charCodeAt(4) === 45 && // -
    eventTime.charCodeAt(7) === 45 &&
    eventTime.charCodeAt(10) === 84 && // T
    eventTime.charCodeAt(13) === 58 && // :
    eventTime.charCodeAt(16) === 58 &&
    eventTime.charCodeAt(19) === 90 // Z
  ) {
    const century = twoDigits(eventTime, 0);
    const year = century * 100 + twoDigits(eventTime, 2);
    const month = twoDigits(eventTime, 5);
    const day = twoDigits(eventTime, 8);
    const hour = twoDigits(eventTime, 11);
    const minute = twoDigits(eventTime, 14);
    const second = twoDigits(eventTime, 17);
    if (
      century >= 0 &&
      year >= century * 100 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    ) {
      // Days since 1970-01-01 in the proleptic Gregorian calendar, as ECMAScript counts them: 477
      // leap days fall before 1970.
      const before = year - 1;
      const leapDays = Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400) - 477;
      const days =
        365 * (year - 1970) +
        leapDays +
        (DAYS_BEFORE_MONTH[month - 1] as number) +
        (month > 2 && isLeapYear(year) ? 1 : 0) +
        day -
        1;
      return days * 86400 + hour * 3600 + minute * 60 + second;
    }
  }
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
  // Members assigned one by one in the order the answer lists them (optional ones only when
  // present): spreads of conditional literals cost a temporary object each, fifty times a page.
  const event: Event = { EventId: entry.eventId, EventName: entry.eventName };
  if (entry.readOnly !== undefined) event.ReadOnly = entry.readOnly;
  if (entry.accessKeyId !== undefined) event.AccessKeyId = entry.accessKeyId;
  event.EventTime = new Date(entry.time * 1000);
  event.EventSource = entry.eventSource;
  if (entry.username !== undefined) event.Username = entry.username;
  event.Resources = entry.resources.map(({ ResourceType, ResourceName }) => ({ ResourceType, ResourceName }));
  event.CloudTrailEvent = json;
  return event;
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

/**
 * UTF-8 length of a string (a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD), without
 * allocating its bytes: the size of a serialized record (BytesScanned, §5) and of request bodies.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
