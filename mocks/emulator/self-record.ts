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
      out[key.charAt(0).toLowerCase() + key.slice(1)] = toLoggedJson(member);
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

/** The record of a served call; `input` is the parsed input when parsing succeeded, else the raw body. */
export function selfRecord(
  context: RequestContext,
  input: unknown,
  outcome: { output: unknown } | { error: ServiceError },
): CloudTrailRecord {
  const readOnly = isReadOnlyOperation(context.operation);
  return {
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
  };
}
