// PutAuditEvents (SEMANTICS.md §13), the cloudtrail-data operation that brings events from outside
// AWS into CloudTrail Lake through a channel, as the CloudTrail Data API reference and the User
// Guide's "Create an integration with an event source outside of AWS" describe it: request checks,
// channel lookup, authorization by the channel's resource policy, per-event validation, storage in
// the channel's destination stores, and the call's own data event (§6).
import { channelResource, findChannel, parseChannelReference, saveChannel, type StoredChannel } from './channel';
import { afterIngestion } from './channel';
import { eventDataChecksum } from './event-data-checksum';
import { toRecordTime } from '../../clock';
import type { RequestContext } from '../../context';
import {
  ChannelInsufficientPermission,
  ChannelNotFound,
  ChannelUnsupportedSchema,
  DuplicatedAuditEventId,
  InvalidChannelARN,
  SerializationException,
  ValidationException,
  type ServiceError,
} from '../../errors';
import type { UserIdentity } from '../../identities';
import type { ActivityAuditLogRecord, CloudTrailRecord, JsonObject, RecordResource } from '../../records';
import { daysInMonth, jsonDeeperThan, MAX_JSON_DEPTH, twoDigits, utf8Length } from '../../records';
import { channelPolicyAllows } from '../resource-policies/resource-policies';
import { AUDIT_EVENTS_PER_REQUEST as SHARED_AUDIT_EVENTS_PER_REQUEST } from '../../../../src/lib/cloudtrail-limits';

/** The query string of a PutAuditEvents request. */
export interface PutAuditEventsQuery {
  channelArn?: string;
  externalId?: string;
}

/** One event of a request, after the request-level checks. */
export interface AuditEvent {
  id: string;
  eventData: string;
  eventDataChecksum?: string;
}

export interface AuditEventResultEntry {
  eventID: string;
  id: string;
}

export interface ResultErrorEntry {
  errorCode: string;
  errorMessage: string;
  id: string;
}

/** PutAuditEvents' output: both lists, always, in request order. */
export interface PutAuditEventsResponse {
  successful: AuditEventResultEntry[];
  failed: ResultErrorEntry[];
}

/** Events in one request (model shape AuditEvents). */
export const AUDIT_EVENTS_PER_REQUEST = SHARED_AUDIT_EVENTS_PER_REQUEST;
/** Largest request body, in bytes (§13, §15). */
export const MAX_PUT_AUDIT_EVENTS_BYTES = 1_048_576;
/** Model shape Uuid, which the model uses for each event's `id`. */
const AUDIT_EVENT_ID = { min: 1, max: 128, pattern: /^[-_A-Za-z0-9]+$/ } as const;
/** Model shape ExternalId. */
const EXTERNAL_ID = { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/ } as const;

/** Field limits of eventData (§13 step 5): strings in characters, objects in bytes of compact JSON. */
export const AUDIT_EVENT_FIELD_LIMITS = {
  version: 256,
  'userIdentity.type': 128,
  'userIdentity.principalId': 1024,
  userAgent: 1024,
  eventSource: 1024,
  eventName: 1024,
  UID: 1024,
  errorCode: 256,
  errorMessage: 256,
  requestParameters: 100 * 1024,
  responseElements: 100 * 1024,
  additionalEventData: 28 * 1024,
} as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the event at `index` is in the request, as error messages name it; built only for an error. */
function memberPath(index: number): string {
  return `auditEvents.${String(index + 1)}.member`;
}

/**
 * Step 1 (§13): the body's shape and the model's constraints. Wrong JSON types:
 * SerializationException; 1..100 events, each `id` of the model's Uuid shape, `eventData` present,
 * a body of at most 1 MB and a well-formed externalId: else ValidationException.
 */
export function checkPutAuditEventsRequest(query: PutAuditEventsQuery, body: unknown, bodyBytes: number): AuditEvent[] {
  if (bodyBytes > MAX_PUT_AUDIT_EVENTS_BYTES)
    throw new ValidationException(
      `The request body is ${String(bodyBytes)} bytes; PutAuditEvents accepts at most ${String(MAX_PUT_AUDIT_EVENTS_BYTES)} bytes.`,
    );
  if (!isObject(body)) throw new SerializationException('The request body must be a JSON object.');
  const list = body.auditEvents;
  if (list === undefined || list === null)
    throw new ValidationException(
      "1 validation error detected: Value null at 'auditEvents' failed to satisfy constraint: Member must not be null",
    );
  if (!Array.isArray(list)) throw new SerializationException("Expected a list at 'auditEvents'.");
  if (list.length < AUDIT_EVENTS_PER_REQUEST.min || list.length > AUDIT_EVENTS_PER_REQUEST.max)
    throw new ValidationException(
      `1 validation error detected: 'auditEvents' holds ${String(list.length)} events; send ${String(AUDIT_EVENTS_PER_REQUEST.min)} to ${String(AUDIT_EVENTS_PER_REQUEST.max)}.`,
    );
  const events = list.map((item: unknown, index): AuditEvent => {
    if (!isObject(item)) throw new SerializationException(`Expected an object at '${memberPath(index)}'.`);
    const { id, eventData, eventDataChecksum } = item;
    if (id === undefined || id === null)
      throw new ValidationException(
        `1 validation error detected: Value null at '${memberPath(index)}.id' failed to satisfy constraint: Member must not be null`,
      );
    if (typeof id !== 'string') throw new SerializationException(`Expected a string at '${memberPath(index)}.id'.`);
    if (id.length < AUDIT_EVENT_ID.min || id.length > AUDIT_EVENT_ID.max || !AUDIT_EVENT_ID.pattern.test(id))
      throw new ValidationException(
        `1 validation error detected: Value '${id.slice(0, 100)}' at '${memberPath(index)}.id' failed to satisfy constraint: Member must be 1 to 128 letters, digits, hyphens or underscores`,
      );
    if (eventData === undefined || eventData === null)
      throw new ValidationException(
        `1 validation error detected: Value null at '${memberPath(index)}.eventData' failed to satisfy constraint: Member must not be null`,
      );
    if (typeof eventData !== 'string')
      throw new SerializationException(`Expected a string at '${memberPath(index)}.eventData'.`);
    if (eventDataChecksum !== undefined && eventDataChecksum !== null && typeof eventDataChecksum !== 'string')
      throw new SerializationException(`Expected a string at '${memberPath(index)}.eventDataChecksum'.`);
    return typeof eventDataChecksum === 'string' ? { id, eventData, eventDataChecksum } : { id, eventData };
  });
  const externalId = query.externalId;
  if (
    externalId !== undefined &&
    (externalId.length < EXTERNAL_ID.min ||
      externalId.length > EXTERNAL_ID.max ||
      !EXTERNAL_ID.pattern.test(externalId))
  )
    throw new ValidationException(
      `1 validation error detected: Value '${externalId.slice(0, 100)}' at 'externalId' failed to satisfy constraint: Member must be 2 to 1224 characters of letters, digits and +=,.@:/-_`,
    );
  return events;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** eventTime `YYYY-MM-DDTHH:MM:SS[.f][Z]` (UTC) as `YYYY-MM-DDTHH:MM:SSZ`; undefined if not a real time. */
export function normaliseEventTime(text: string): string | undefined {
  // Read by hand rather than matched: every event's eventTime passes here.
  const century = twoDigits(text, 0);
  const decade = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (
    century < 0 ||
    decade < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  )
    return undefined;
  let end = 19;
  if (text.charCodeAt(end) === 46) {
    // .f: one digit or more.
    const fraction = ++end;
    while (isDigit(text.charCodeAt(end))) end++;
    if (end === fraction) return undefined;
  }
  if (text.charCodeAt(end) === 90) end++; // Z
  if (end !== text.length) return undefined;
  if (day < 1 || day > daysInMonth(century * 100 + decade, month) || hour > 23 || minute > 59 || second > 59)
    return undefined;
  return `${text.slice(0, 19)}Z`;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** Whether text is an IPv6 address: eight hextets, `::` once at most, an IPv4 tail allowed. */
function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  let count = 0;
  for (const [index, group] of all.entries()) {
    if (index === all.length - 1 && group.includes('.')) {
      if (!IPV4.test(group)) return false;
      count += 2;
    } else if (HEXTET.test(group)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Whether text is an IPv4 or IPv6 address. */
export function isIpAddress(text: string): boolean {
  return IPV4.test(text) || (text.includes(':') && isIpv6(text));
}

type EventDataObject = Record<string, unknown>;

type Check = { errorCode: string; errorMessage: string } | { data: JsonObject; eventTime: string };

const absent = (value: unknown) => value === undefined || value === null;
const notObject = (value: unknown) => !absent(value) && !isObject(value);
const notString = (value: unknown) => !absent(value) && typeof value !== 'string';

// The rules of §13 step 5 as straight-line code, in CloudTrail's order: every accepted event
// passes through all of them, so they read each member once and build nothing.

/** The first required member eventData lacks (FieldNotFound). */
function missingField(data: EventDataObject, identity: EventDataObject | undefined): string | undefined {
  if (absent(data.version)) return 'version';
  if (absent(data.userIdentity)) return 'userIdentity';
  // A userIdentity that is not an object is reported as the wrong type instead.
  if (identity && absent(identity.type)) return 'userIdentity.type';
  if (identity && absent(identity.principalId)) return 'userIdentity.principalId';
  if (absent(data.eventSource)) return 'eventSource';
  if (absent(data.eventName)) return 'eventName';
  if (absent(data.eventTime)) return 'eventTime';
  if (absent(data.UID)) return 'UID';
  if (absent(data.recipientAccountId)) return 'recipientAccountId';
  return undefined;
}

// Module-level, not closures in the functions below: every event of every batch passes them.
const mustBeObject = (path: string) => `${path} must be a JSON object.`;
const mustBeString = (path: string) => `${path} must be a string.`;

/** The first member of the wrong JSON type (InvalidData), as a message. */
function wrongType(data: EventDataObject, identity: EventDataObject | undefined): string | undefined {
  if (!identity) return mustBeObject('userIdentity');
  if (notObject(identity.details)) return mustBeObject('userIdentity.details');
  if (notObject(data.requestParameters)) return mustBeObject('requestParameters');
  if (notObject(data.responseElements)) return mustBeObject('responseElements');
  if (notObject(data.additionalEventData)) return mustBeObject('additionalEventData');
  if (notString(data.version)) return mustBeString('version');
  if (notString(identity.type)) return mustBeString('userIdentity.type');
  if (notString(identity.principalId)) return mustBeString('userIdentity.principalId');
  if (notString(data.userAgent)) return mustBeString('userAgent');
  if (notString(data.eventSource)) return mustBeString('eventSource');
  if (notString(data.eventName)) return mustBeString('eventName');
  if (notString(data.eventTime)) return mustBeString('eventTime');
  if (notString(data.UID)) return mustBeString('UID');
  if (notString(data.errorCode)) return mustBeString('errorCode');
  if (notString(data.errorMessage)) return mustBeString('errorMessage');
  if (notString(data.sourceIPAddress)) return mustBeString('sourceIPAddress');
  if (notString(data.recipientAccountId)) return mustBeString('recipientAccountId');
  return undefined;
}

/** The FieldTooLong message when value is a string over `limit`, the limit of path. */
function overLimit(path: keyof typeof AUDIT_EVENT_FIELD_LIMITS, value: unknown, limit: number): string | undefined {
  return typeof value === 'string' && value.length > limit
    ? `${path} is ${String(value.length)} characters long; the limit is ${String(limit)}.`
    : undefined;
}

/** The first string member over its limit (FieldTooLong), as a message. */
function stringTooLong(data: EventDataObject, identity: EventDataObject): string | undefined {
  // Each limit read by name: a lookup by a computed key costs more than the check it feeds.
  const limits = AUDIT_EVENT_FIELD_LIMITS;
  return (
    overLimit('version', data.version, limits.version) ??
    overLimit('userIdentity.type', identity.type, limits['userIdentity.type']) ??
    overLimit('userIdentity.principalId', identity.principalId, limits['userIdentity.principalId']) ??
    overLimit('userAgent', data.userAgent, limits.userAgent) ??
    overLimit('eventSource', data.eventSource, limits.eventSource) ??
    overLimit('eventName', data.eventName, limits.eventName) ??
    overLimit('UID', data.UID, limits.UID) ??
    overLimit('errorCode', data.errorCode, limits.errorCode) ??
    overLimit('errorMessage', data.errorMessage, limits.errorMessage)
  );
}

const OBJECT_LIMITS = ['requestParameters', 'responseElements', 'additionalEventData'] as const;
/**
 * Compact JSON is at most this many times longer than the text it was parsed from (a 4-character
 * number such as 1e20 prints as 21 digits), so shorter eventData cannot break an object limit.
 */
const MAX_JSON_EXPANSION = 6;

function invalidData(errorMessage: string): Check {
  return { errorCode: 'InvalidData', errorMessage };
}

/**
 * Whether JSON text may nest deeper than `max` levels: each level opens with `{` or `[`, so text
 * holding at most `max` of them (in strings or not) cannot, and its parsed value need not be walked.
 */
function mayNestDeeperThan(text: string, max: number): boolean {
  let opening = 0;
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) if (++opening > max) return true;
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) if (++opening > max) return true;
  return false;
}

/** base64(SHA-256(UTF-8 bytes of text)), as hash.ts's sha256Base64 returns it. */
type Sha256Base64 = (text: string) => string;

/**
 * Step 5 (§13) for one event: the first failing rule gives its errorCode (InvalidChecksum,
 * InvalidData, FieldNotFound, FieldTooLong, InvalidRecipient); else the parsed eventData and its
 * normalised eventTime. `checksum` is the world's native hash when an entry point lent one.
 */
export function checkAuditEvent(event: AuditEvent, owner: string, checksum: Sha256Base64 = eventDataChecksum): Check {
  if (event.eventDataChecksum !== undefined && event.eventDataChecksum !== checksum(event.eventData))
    return {
      errorCode: 'InvalidChecksum',
      errorMessage: 'eventDataChecksum is not the base64 SHA-256 digest of the UTF-8 bytes of eventData.',
    };
  let data: unknown;
  try {
    data = JSON.parse(event.eventData);
  } catch {
    return invalidData('eventData is not valid JSON.');
  }
  if (!isObject(data)) return invalidData('eventData must be a JSON object.');
  if (mayNestDeeperThan(event.eventData, MAX_JSON_DEPTH) && jsonDeeperThan(data))
    return invalidData(`eventData nests deeper than ${String(MAX_JSON_DEPTH)} levels.`);
  const identity = isObject(data.userIdentity) ? data.userIdentity : undefined;
  const missing = missingField(data, identity);
  if (missing !== undefined)
    return { errorCode: 'FieldNotFound', errorMessage: `The required field ${missing} is missing from eventData.` };
  const wrong = wrongType(data, identity);
  if (wrong !== undefined || !identity) return invalidData(wrong ?? 'userIdentity must be a JSON object.');
  const eventTime = normaliseEventTime(data.eventTime as string);
  if (eventTime === undefined)
    return invalidData(`eventTime '${String(data.eventTime)}' is not in the format YYYY-MM-DDTHH:MM:SS[.f][Z].`);
  const ip = data.sourceIPAddress;
  if (typeof ip === 'string' && !isIpAddress(ip))
    return invalidData(`sourceIPAddress '${ip.slice(0, 64)}' is not an IPv4 or IPv6 address.`);
  const tooLong = stringTooLong(data, identity);
  if (tooLong !== undefined) return { errorCode: 'FieldTooLong', errorMessage: tooLong };
  if (event.eventData.length * MAX_JSON_EXPANSION > AUDIT_EVENT_FIELD_LIMITS.additionalEventData)
    for (const path of OBJECT_LIMITS) {
      const value = data[path];
      const limit = AUDIT_EVENT_FIELD_LIMITS[path];
      const bytes = isObject(value) ? utf8Length(JSON.stringify(value)) : 0;
      if (bytes > limit)
        return {
          errorCode: 'FieldTooLong',
          errorMessage: `${path} is ${String(bytes)} bytes of JSON; the limit is ${String(limit)} bytes.`,
        };
    }
  if (data.recipientAccountId !== owner)
    return {
      errorCode: 'InvalidRecipient',
      errorMessage: `recipientAccountId ${String(data.recipientAccountId)} is not the account that owns the channel, ${owner}.`,
    };
  return { data: data as JsonObject, eventTime };
}

/** The stored record of an accepted event (§13), keys in CloudTrail's order. */
export function activityAuditLogRecord(
  eventID: string,
  checked: { data: JsonObject; eventTime: string },
  channel: StoredChannel,
  ingestionTime: string,
): ActivityAuditLogRecord {
  return {
    eventVersion: '1.0',
    eventCategory: 'ActivityAuditLog',
    eventType: 'ActivityLog',
    eventID,
    eventTime: checked.eventTime,
    awsRegion: channel.region,
    recipientAccountId: channel.account,
    metadata: { ingestionTime, channelARN: channel.arn },
    eventData: checked.data,
  };
}

/**
 * Steps 5 and 6 for a whole batch: checks each event, gives accepted ones a new eventID and hands
 * their records to `store`. Shared by PutAuditEvents and the seeded ingestion.
 */
export function ingestAuditEvents(
  events: readonly AuditEvent[],
  channel: StoredChannel,
  now: number,
  newEventId: () => string,
  store: (record: ActivityAuditLogRecord) => void,
  checksum: Sha256Base64 = eventDataChecksum,
): PutAuditEventsResponse {
  const successful: AuditEventResultEntry[] = [];
  const failed: ResultErrorEntry[] = [];
  const ingestionTime = toRecordTime(now);
  for (const event of events) {
    const checked = checkAuditEvent(event, channel.account, checksum);
    if ('errorCode' in checked) {
      failed.push({ errorCode: checked.errorCode, errorMessage: checked.errorMessage, id: event.id });
      continue;
    }
    const eventID = newEventId();
    store(activityAuditLogRecord(eventID, checked, channel, ingestionTime));
    successful.push({ eventID, id: event.id });
  }
  return { successful, failed };
}

/**
 * The channel a channelArn names (§13 step 2): an ARN, looked up in its own account and region, or
 * a bare UUID of the caller's account in the request region. Undefined when it names none here.
 */
function lookUpChannel(context: RequestContext, channelArn: string | undefined): StoredChannel | undefined {
  const parsed = channelArn === undefined ? undefined : parseChannelReference(channelArn, context);
  return parsed && parsed.region === context.region ? findChannel(context.state, parsed) : undefined;
}

/** PutAuditEvents as the transport adapter hands it over: query string, parsed body, size as sent. */
export interface PutAuditEventsRequest {
  query: PutAuditEventsQuery;
  body: unknown;
  bodyBytes: number;
}

/** A request that passed the checks of §13 step 1. */
export interface CheckedPutAuditEvents {
  query: PutAuditEventsQuery;
  events: AuditEvent[];
}

/** §13 step 1, the pipeline's validate step for PutAuditEvents. */
export function parsePutAuditEvents(request: unknown): CheckedPutAuditEvents {
  const { query, body, bodyBytes } = request as PutAuditEventsRequest;
  return { query, events: checkPutAuditEventsRequest(query, body, bodyBytes) };
}

/**
 * PutAuditEvents (§13) after the request checks: channel, authorization, duplicate ids, then each
 * event on its own; accepted events go to the channel's destinations that the routing function
 * lets take them (ENABLED now), and the channel's IngestionStatus moves (§12.1).
 */
export function putAuditEvents(
  { query, events }: CheckedPutAuditEvents,
  context: RequestContext,
): PutAuditEventsResponse {
  const reference = query.channelArn;
  if (reference === undefined || parseChannelReference(reference, context) === undefined)
    throw new InvalidChannelARN(`The value '${reference ?? ''}' is not a valid channel ARN.`);
  const channel = lookUpChannel(context, reference);
  if (!channel) throw new ChannelNotFound(`The channel '${reference}' was not found in ${context.region}.`);
  context.resources.push(channelResource(channel));
  if (channel.serviceLinked)
    throw new ChannelUnsupportedSchema(
      `The channel '${channel.arn}' is a service-linked channel; it does not accept events through PutAuditEvents.`,
    );
  const caller = { account: context.caller.account, arn: context.caller.arn, roleArn: context.caller.roleArn };
  if (!channelPolicyAllows(context.state, channel, caller, query.externalId))
    throw new ChannelInsufficientPermission(
      `${context.caller.arn} is not allowed to put audit events into the channel '${channel.arn}'.`,
    );
  const ids = new Set<string>();
  for (const event of events) {
    if (ids.has(event.id))
      throw new DuplicatedAuditEventId(`The id '${event.id}' is used by more than one event in the request.`);
    ids.add(event.id);
  }

  const { state, now } = context;
  const destinations = channel.destinations.map((destination) => destination.location);
  const options = { destinations, dropUnrouted: true };
  const result = ingestAuditEvents(
    events,
    channel,
    now,
    () => state.ids.uuid(),
    (record) => {
      // A record no store takes would be held by nothing: it is not kept.
      state.ingest(record, options);
    },
    state.services.sha256Base64,
  );
  saveChannel(state, {
    ...channel,
    ingestion: afterIngestion(channel.ingestion, now, result.successful, result.failed),
  });
  return result;
}

/** What a PutAuditEvents data event says about its call (§6). */
export interface AuditEventsCall {
  identity: UserIdentity;
  time: number;
  region: string;
  sourceIp: string;
  userAgent?: string;
  requestId: string;
  eventId: string;
  query: PutAuditEventsQuery;
  /** The channel, when the call named one that exists. */
  channel?: RecordResource;
  /** The caller's account: the record's home when no channel was found. */
  callerAccount: string;
  outcome: { output: PutAuditEventsResponse } | { error: ServiceError };
  fromConsole?: boolean;
}

/**
 * The data event of a PutAuditEvents call (§6): recorded in the channel owner's account and region
 * (the caller's when the channel was not found), with the channel as its resource, the query as
 * requestParameters (never the events) and the counts as additionalEventData.
 */
export function auditEventsCallRecord(call: AuditEventsCall): CloudTrailRecord {
  const { outcome } = call;
  const requestParameters: JsonObject = {};
  if (call.query.channelArn !== undefined) requestParameters.channelArn = call.query.channelArn;
  if (call.query.externalId !== undefined) requestParameters.externalId = call.query.externalId;
  return {
    eventVersion: '1.11',
    userIdentity: call.identity,
    eventTime: toRecordTime(call.time),
    eventSource: 'cloudtrail-data.amazonaws.com',
    eventName: 'PutAuditEvents',
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    ...(call.userAgent === undefined ? {} : { userAgent: call.userAgent.slice(0, 1024) }),
    ...('error' in outcome ? { errorCode: outcome.error.name, errorMessage: outcome.error.message } : {}),
    requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : null,
    responseElements: null,
    ...('output' in outcome
      ? {
          additionalEventData: {
            successfulCount: outcome.output.successful.length,
            failedCount: outcome.output.failed.length,
          },
        }
      : {}),
    requestID: call.requestId,
    eventID: call.eventId,
    readOnly: false,
    ...(call.channel ? { resources: [call.channel] } : {}),
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: call.channel?.accountId ?? call.callerAccount,
    eventCategory: 'Data',
    ...(call.fromConsole ? { sessionCredentialFromConsole: 'true' as const } : {}),
  };
}

/** The data event of a PutAuditEvents call the emulator served. */
export function recordAuditEventsCall(
  context: RequestContext,
  query: PutAuditEventsQuery,
  outcome: AuditEventsCall['outcome'],
): CloudTrailRecord {
  // A call rejected before its channel was looked up is still filed under the channel it names.
  const channel =
    context.resources.find((resource) => resource.type === 'AWS::CloudTrail::Channel') ??
    ((found) => (found ? channelResource(found) : undefined))(lookUpChannel(context, query.channelArn));
  return auditEventsCallRecord({
    identity: context.caller.identity(context.now, { console: context.fromConsole }),
    time: context.now,
    region: context.region,
    sourceIp: context.sourceIp,
    ...(context.userAgent === undefined ? {} : { userAgent: context.userAgent }),
    requestId: context.requestId,
    eventId: context.state.ids.uuid(),
    query,
    ...(channel ? { channel } : {}),
    callerAccount: context.account,
    outcome,
    fromConsole: context.fromConsole,
  });
}
