// Turns a seeded event's draft into a complete CloudTrail record (SEMANTICS.md §5), filling in
// what every record of a service shares: source, eventVersion, TLS details, console flag.
import type { Random } from '../../../random';
import { toRecordTime } from '../../../clock';
import type { CloudTrailRecord, JsonObject, RecordResource } from '../../../records';
import type { Caller } from './seed-callers';
import type { Payload } from './seed-payloads';
import { ACCOUNT } from './seed-pool';
import { s3RequestId, uniqueUuid } from './seed-values';
import { SERVICES, type Service } from './seed-services';

export type { Service } from './seed-services';

/** What a template or script step decides; `assembleRecord` adds the rest. */
export interface Draft {
  service: Service;
  eventName: string;
  region: string;
  caller: Caller;
  readOnly: boolean;
  requestParameters: JsonObject | null;
  /** Dropped for reads and failures, except sign-ins, which always report Success/Failure. */
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject;
  resources?: RecordResource[];
  error?: { code?: string; message: string };
  eventType?: 'AwsApiCall' | 'AwsServiceEvent' | 'AwsConsoleSignIn';
  data?: boolean;
  /** The Host header the client sent; defaults to `<service>.<region>.amazonaws.com`. */
  host?: string;
  /** Set when the payload already quotes the request ID (EC2's requestId). */
  requestID?: string;
  addendum?: JsonObject;
}

/** A call as templates and script steps describe it. */
export interface CallSpec {
  service: Service;
  eventName: string;
  region: string;
  readOnly: boolean;
  caller: Caller;
  body: Payload;
  error?: { code?: string; message: string } | undefined;
  requestID?: string;
}

/** A draft from a call description. */
export function draftOf(spec: CallSpec): Draft {
  const draft: Draft = {
    service: spec.service,
    eventName: spec.eventName,
    region: spec.region,
    caller: spec.caller,
    readOnly: spec.readOnly,
    requestParameters: spec.body.requestParameters,
    responseElements: spec.body.responseElements,
  };
  if (spec.body.additionalEventData !== undefined) draft.additionalEventData = spec.body.additionalEventData;
  if (spec.body.resources !== undefined) draft.resources = spec.body.resources;
  if (spec.error !== undefined) draft.error = spec.error;
  if (spec.body.host !== undefined) draft.host = spec.body.host;
  if (spec.requestID !== undefined) draft.requestID = spec.requestID;
  return draft;
}

/** A request ID in the service's shape: 16 upper-case alphanumerics for S3, else a UUID. */
export function requestIdFor(rng: Random, service: Service): string {
  return service === 's3' ? s3RequestId(rng) : rng.uuid();
}

/** Two-digit texts of 0-59, for clock times. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

/** `YYYY-MM-DDT` of recent days (epoch day number → text); cleared when it fills. */
const dayPrefixes = new Map<number, string>();

/**
 * toRecordTime(at), byte for byte, without a Date per record: a page of Event history rebuilds
 * fifty seeded records, and formatting their times through Date cost about a tenth of that. The
 * date part comes from toRecordTime once per day; a day whose text is not `YYYY-MM-DDT` (a year
 * outside 0-9999) goes to toRecordTime whole.
 */
export function seededRecordTime(at: number): string {
  const second = Math.floor(at / 1000);
  const day = Math.floor(second / 86_400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const midnight = toRecordTime(day * 86_400_000);
    prefix = midnight.length === 20 ? midnight.slice(0, 11) : '';
    if (dayPrefixes.size >= 1024) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  if (prefix === '') return toRecordTime(at);
  const inDay = second - day * 86_400;
  const hour = Math.floor(inDay / 3600);
  const minute = Math.floor((inDay - hour * 3600) / 60);
  return `${prefix}${TWO_DIGITS[hour] ?? ''}:${TWO_DIGITS[minute] ?? ''}:${TWO_DIGITS[inDay % 60] ?? ''}Z`;
}

/** The full record, keys assigned in CloudTrail's order so plain JSON.stringify agrees with serializeRecord. */
export function assembleRecord(draft: Draft, rng: Random, index: number, at: number): CloudTrailRecord {
  const info = SERVICES[draft.service];
  const caller = draft.caller;
  const failed = draft.error !== undefined;
  const keepResponse = draft.eventType === 'AwsConsoleSignIn' || !(failed || draft.readOnly);
  // Built key by key in CloudTrail's order: optional members go between required ones, so the
  // required ones assigned below are missing from the literal until then.
  const record: CloudTrailRecord = {
    eventVersion: info.eventVersion,
    userIdentity: caller.identity,
    eventTime: seededRecordTime(at),
    eventSource: info.eventSource,
    eventName: draft.eventName,
    awsRegion: draft.region,
    sourceIPAddress: caller.sourceIPAddress,
  } as CloudTrailRecord;
  if (caller.userAgent !== undefined) record.userAgent = caller.userAgent;
  if (draft.error?.code !== undefined) record.errorCode = draft.error.code;
  if (draft.error !== undefined) record.errorMessage = draft.error.message;
  record.requestParameters = draft.requestParameters;
  record.responseElements = keepResponse ? draft.responseElements : null;
  if (draft.additionalEventData !== undefined) record.additionalEventData = draft.additionalEventData;
  record.requestID = draft.requestID ?? requestIdFor(rng, draft.service);
  record.eventID = uniqueUuid(rng, index);
  record.readOnly = draft.readOnly;
  if (draft.resources !== undefined && draft.resources.length > 0) record.resources = draft.resources;
  record.eventType = draft.eventType ?? 'AwsApiCall';
  record.managementEvent = draft.data !== true;
  record.recipientAccountId = ACCOUNT;
  if (caller.vpcEndpointId !== undefined) record.vpcEndpointId = caller.vpcEndpointId;
  record.eventCategory = draft.data === true ? 'Data' : 'Management';
  if (draft.addendum !== undefined) record.addendum = draft.addendum;
  if (caller.client === 'console') record.sessionCredentialFromConsole = 'true';
  if (caller.cipherSuite !== undefined) {
    record.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: caller.cipherSuite,
      clientProvidedHostHeader:
        draft.host ?? `${info.cli === 's3api' ? 's3' : draft.service}.${draft.region}.amazonaws.com`,
    };
  }
  return record;
}
