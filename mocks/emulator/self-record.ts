// Self-recording (SEMANTICS.md §6): each control-plane call the emulator serves becomes a
// CloudTrail record of its own, as CloudTrail records the calls made to it.
import type { RequestContext } from './context';
import type { ServiceError } from './errors';
import type { CloudTrailRecord, JsonObject, JsonValue } from './records';
import { toRecordTime } from './clock';

const READ_PREFIXES = ['Get', 'List', 'Describe', 'Lookup', 'Search'];

/** Whether CloudTrail counts an operation of its own as a read. */
export function isReadOnlyOperation(operation: string): boolean {
  return READ_PREFIXES.some((prefix) => operation.startsWith(prefix));
}

/** Request and response bodies as CloudTrail logs them: lower camel case member names, ISO times. */
export function toLoggedJson(value: unknown): JsonValue {
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return value.map(toLoggedJson);
  if (typeof value === 'object' && value !== null) {
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      // defineProperty: a member named __proto__ is data to log, not this object's prototype.
      Object.defineProperty(out, key.charAt(0).toLowerCase() + key.slice(1), {
        value: toLoggedJson(member),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

function loggedObject(value: unknown): JsonObject | null {
  const logged = toLoggedJson(value);
  return typeof logged === 'object' && logged !== null && !Array.isArray(logged) && Object.keys(logged).length > 0
    ? logged
    : null;
}

/** CloudTrail's largest event (§6): bigger records have their largest parts replaced by a marker. */
export const MAX_RECORD_BYTES = 256 * 1024;

const encoder = new TextEncoder();
function bytesOf(value: JsonValue | CloudTrailRecord): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/**
 * The record within MAX_RECORD_BYTES: requestParameters, then responseElements, then the error
 * message, replaced by a marker saying what was left out, until it fits.
 */
export function capRecordSize(record: CloudTrailRecord): CloudTrailRecord {
  let size = bytesOf(record);
  if (size <= MAX_RECORD_BYTES) return record;
  const capped = { ...record };
  for (const member of ['requestParameters', 'responseElements'] as const) {
    const value = capped[member];
    if (value === null) continue;
    const bytes = bytesOf(value);
    capped[member] = { omitted: `${member} was ${String(bytes)} bytes; records are capped at 256 KB` };
    size -= bytes;
    if (size <= MAX_RECORD_BYTES) return capped;
  }
  if (capped.errorMessage !== undefined) capped.errorMessage = capped.errorMessage.slice(0, 1024);
  return capped;
}

/** The record of a served call; `input` is the parsed input when parsing succeeded, else the raw body. */
export function selfRecord(
  context: RequestContext,
  input: unknown,
  outcome: { output: unknown } | { error: ServiceError },
): CloudTrailRecord {
  const readOnly = isReadOnlyOperation(context.operation);
  return capRecordSize({
    eventVersion: '1.11',
    userIdentity: context.caller.identity(context.now, { console: context.fromConsole }),
    eventTime: toRecordTime(context.now),
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: context.operation,
    awsRegion: context.region,
    sourceIPAddress: context.sourceIp,
    ...(context.userAgent === undefined ? {} : { userAgent: context.userAgent.slice(0, 1024) }),
    ...('error' in outcome ? { errorCode: outcome.error.name, errorMessage: outcome.error.message } : {}),
    requestParameters: loggedObject(input),
    responseElements: 'output' in outcome && !readOnly ? loggedObject(outcome.output) : null,
    requestID: context.requestId,
    eventID: context.state.ids.uuid(),
    readOnly,
    ...(context.resources.length > 0 ? { resources: context.resources } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: context.account,
    eventCategory: 'Management',
    ...(context.fromConsole ? { sessionCredentialFromConsole: 'true' as const } : {}),
  });
}
