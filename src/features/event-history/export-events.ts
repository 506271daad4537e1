import type { Event } from '@aws-sdk/client-cloudtrail';
import { recordFieldsOf } from '@/lib/cloudtrail-record';
import { toCsv } from '@/lib/csv';

const CSV_HEADER = [
  'Event ID',
  'Event time',
  'User name',
  'Event name',
  'Event source',
  'Resource type',
  'Resource name',
  'AWS access key',
  'Read-only',
  'AWS region',
  'Source IP address',
  'Error code',
  'Request ID',
  'Resources',
];

/** Events as CSV: one row per event, the columns of CloudTrail's export plus every resource. */
export function eventsToCsv(events: readonly Event[]): string {
  return toCsv(
    CSV_HEADER,
    events.map((event) => {
      const fields = recordFieldsOf(event);
      return [
        event.EventId ?? '',
        event.EventTime?.toISOString() ?? '',
        event.Username ?? '',
        event.EventName ?? '',
        event.EventSource ?? '',
        event.Resources?.[0]?.ResourceType ?? '',
        event.Resources?.[0]?.ResourceName ?? '',
        event.AccessKeyId ?? '',
        event.ReadOnly ?? '',
        fields.awsRegion ?? '',
        fields.sourceIPAddress ?? '',
        fields.errorCode ?? '',
        fields.requestID ?? '',
        (event.Resources ?? [])
          .map((resource) => `${resource.ResourceType ?? ''} ${resource.ResourceName ?? ''}`)
          .join('; '),
      ];
    }),
  );
}

/** Events as JSON: CloudTrail's own record of each event, as a `Records` array like CloudTrail log files. */
export function eventsToJson(events: readonly Event[]): string {
  const records = events.map((event): unknown => {
    try {
      return JSON.parse(event.CloudTrailEvent ?? 'null');
    } catch {
      return event.CloudTrailEvent ?? null;
    }
  });
  return `${JSON.stringify({ Records: records }, null, 2)}\n`;
}
