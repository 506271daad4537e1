// Fields of a CloudTrailEvent that LookupEvents does not project. The JSON is untrusted: every
// field is read with its type checked, and anything unexpected reads as undefined.
import type { Event } from '@aws-sdk/client-cloudtrail';

export interface RecordFields {
  sourceIPAddress?: string;
  requestID?: string;
  awsRegion?: string;
  errorCode?: string;
  errorMessage?: string;
  eventCategory?: string;
  eventType?: string;
  userAgent?: string;
  recipientAccountId?: string;
}

const cache = new WeakMap<Event, RecordFields>();

function text(record: Record<string, unknown>, key: keyof RecordFields): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** The record fields of an event, parsed once per event object. */
export function recordFieldsOf(event: Event): RecordFields {
  const cached = cache.get(event);
  if (cached) return cached;
  let record: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(event.CloudTrailEvent ?? '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      record = parsed as Record<string, unknown>;
  } catch {
    // A record that is not JSON has no extra fields.
  }
  const fields: RecordFields = {
    sourceIPAddress: text(record, 'sourceIPAddress'),
    requestID: text(record, 'requestID'),
    awsRegion: text(record, 'awsRegion'),
    errorCode: text(record, 'errorCode'),
    errorMessage: text(record, 'errorMessage'),
    eventCategory: text(record, 'eventCategory'),
    eventType: text(record, 'eventType'),
    userAgent: text(record, 'userAgent'),
    recipientAccountId: text(record, 'recipientAccountId'),
  };
  cache.set(event, fields);
  return fields;
}
