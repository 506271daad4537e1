// Test events for a channel: a template of a valid activity event (mocks/emulator/SEMANTICS.md §13), the draft
// the user edits, its checks, and the PutAuditEvents request it becomes.
import { z } from 'zod';
import type { AuditEvent, PutAuditEventsOutput } from '@/api/cloudtrail-data';
import { AUDIT_EVENTS_PER_REQUEST } from '@/lib/cloudtrail-limits';

export interface TestEventsDraft {
  /** One event object, or an array of events, as JSON text. */
  json: string;
  /** Copies of a single event to send; as typed. Ignored for an array. */
  count: string;
  /** Whether each event carries eventDataChecksum. */
  checksum: boolean;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the eventTime format PutAuditEvents expects. */
export function eventTimeOf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * A valid activity event with every required field: version, userIdentity (type, principalId),
 * eventSource, eventName, eventTime (now), UID and recipientAccountId (the channel's account).
 */
export function testEventTemplate({ account, now, uid }: { account: string; now: Date; uid: string }): string {
  return JSON.stringify(
    {
      version: '1.0',
      userIdentity: { type: 'CustomUserIdentity', principalId: 'console-test-user' },
      userAgent: 'cloudtrail-console/test-events',
      eventSource: 'test-events.console.local',
      eventName: 'SendTestEvent',
      eventTime: eventTimeOf(now),
      UID: uid,
      requestParameters: { reason: 'Checking the channel from the console' },
      sourceIPAddress: '198.51.100.10',
      recipientAccountId: account,
    },
    null,
    2,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const { min, max } = AUDIT_EVENTS_PER_REQUEST;

/** The test-events form's schema: JSON that is an object or an array of 1–100 events, and a count of 1–100. */
export const testEventsSchema = z
  .object({ json: z.string(), count: z.string(), checksum: z.boolean() })
  .superRefine((draft, context) => {
    let parsed: unknown;
    if (draft.json.trim() === '') {
      context.addIssue({ code: 'custom', path: ['json'], message: 'Enter an event as JSON.' });
      return;
    }
    try {
      parsed = JSON.parse(draft.json);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['json'],
        message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    if (Array.isArray(parsed)) {
      if (parsed.length < min || parsed.length > max)
        context.addIssue({
          code: 'custom',
          path: ['json'],
          message: `An array holds ${String(min)}–${String(max)} events; this one has ${String(parsed.length)}.`,
        });
      return;
    }
    if (!isObject(parsed)) {
      context.addIssue({
        code: 'custom',
        path: ['json'],
        message: 'Enter one event as a JSON object, or several as an array.',
      });
      return;
    }
    const count = Number(draft.count);
    if (draft.count.trim() === '' || !Number.isInteger(count) || count < min || count > max)
      context.addIssue({
        code: 'custom',
        path: ['count'],
        message: `Send ${String(min)} to ${String(max)} events at once.`,
      });
  });

/** Field errors of the draft by path ("json", "count"); derived on every render. */
export function testEventsErrors(draft: TestEventsDraft): Record<string, string> {
  const result = testEventsSchema.safeParse(draft);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return errors;
}

/** Whether the draft's JSON is an array, so each element is one event and the count does not apply. */
export function isEventArray(json: string): boolean {
  try {
    return Array.isArray(JSON.parse(json));
  } catch {
    return false;
  }
}

/** The eventData strings of a valid draft: each array element, or the object `count` times, as compact JSON. */
export function eventDataOf(draft: TestEventsDraft): string[] {
  const parsed: unknown = JSON.parse(draft.json);
  if (Array.isArray(parsed)) return parsed.map((event) => JSON.stringify(event));
  return Array.from({ length: Number(draft.count) }, () => JSON.stringify(parsed));
}

/** The audit events of a request: ids `test-<n>-<batch>`, unique in the request, and checksums if asked. */
export async function toAuditEvents(
  eventData: readonly string[],
  batch: string,
  checksum: ((eventData: string) => Promise<string>) | undefined,
): Promise<AuditEvent[]> {
  return Promise.all(
    eventData.map(async (data, index) => ({
      id: `test-${String(index + 1)}-${batch}`,
      eventData: data,
      ...(checksum ? { eventDataChecksum: await checksum(data) } : {}),
    })),
  );
}

/** One row of the results: an event's outcome, in request order. */
export interface TestEventResult {
  position: number;
  id: string;
  eventID?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** Each event's outcome, in the order the events were sent. */
export function testEventResults(events: readonly AuditEvent[], output: PutAuditEventsOutput): TestEventResult[] {
  return events.map((event, index) => {
    const success = output.successful.find((entry) => entry.id === event.id);
    const failure = output.failed.find((entry) => entry.id === event.id);
    return {
      position: index + 1,
      id: event.id,
      ...(success ? { eventID: success.eventID } : {}),
      ...(failure ? { errorCode: failure.errorCode, errorMessage: failure.errorMessage } : {}),
    };
  });
}
