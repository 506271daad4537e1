import CollectionPreferences from '@cloudscape-design/components/collection-preferences';
import RadioGroup from '@cloudscape-design/components/radio-group';
import { z } from 'zod';
import type { TimeZonePreference } from '@/lib/format-time';

/** Every column, in display order; the first six are CloudTrail's defaults. */
export const EVENT_HISTORY_COLUMNS = [
  { id: 'EventName', label: 'Event name', alwaysVisible: true },
  { id: 'EventTime', label: 'Event time' },
  { id: 'Username', label: 'User name' },
  { id: 'EventSource', label: 'Event source' },
  { id: 'ResourceType', label: 'Resource type' },
  { id: 'ResourceName', label: 'Resource name' },
  { id: 'AccessKeyId', label: 'AWS access key' },
  { id: 'SourceIPAddress', label: 'Source IP address' },
  { id: 'ErrorCode', label: 'Error code' },
  { id: 'RequestId', label: 'Request ID' },
  { id: 'EventId', label: 'Event ID' },
  { id: 'ReadOnly', label: 'Read-only' },
  { id: 'AwsRegion', label: 'AWS region' },
  { id: 'EventCategory', label: 'Event category' },
] as const;

export type EventHistoryColumnId = (typeof EVENT_HISTORY_COLUMNS)[number]['id'];

const COLUMN_IDS = EVENT_HISTORY_COLUMNS.map((column) => column.id) as [
  EventHistoryColumnId,
  ...EventHistoryColumnId[],
];

export const eventHistoryPreferencesSchema = z.object({
  pageSize: z.union([z.literal(10), z.literal(25), z.literal(50)]),
  visibleColumns: z.array(z.enum(COLUMN_IDS)),
  wrapLines: z.boolean(),
  timeZone: z.enum(['utc', 'local']),
});

export type EventHistoryPreferences = z.infer<typeof eventHistoryPreferencesSchema>;

export const DEFAULT_EVENT_HISTORY_PREFERENCES: EventHistoryPreferences = {
  pageSize: 50,
  visibleColumns: ['EventName', 'EventTime', 'Username', 'EventSource', 'ResourceType', 'ResourceName'],
  wrapLines: false,
  timeZone: 'utc',
};

/** The table's settings: page size, visible columns, line wrapping and the time zone of times. */
export function EventHistoryPreferencesControl({
  value,
  onConfirm,
}: {
  value: EventHistoryPreferences;
  onConfirm: (next: EventHistoryPreferences) => void;
}) {
  return (
    <CollectionPreferences
      title="Preferences"
      confirmLabel="Confirm"
      cancelLabel="Cancel"
      preferences={{
        pageSize: value.pageSize,
        wrapLines: value.wrapLines,
        contentDisplay: EVENT_HISTORY_COLUMNS.map((column) => ({
          id: column.id,
          visible: value.visibleColumns.includes(column.id),
        })),
        custom: value.timeZone,
      }}
      pageSizePreference={{
        title: 'Page size',
        options: [
          { value: 10, label: '10 events' },
          { value: 25, label: '25 events' },
          { value: 50, label: '50 events' },
        ],
      }}
      wrapLinesPreference={{ label: 'Wrap lines', description: 'Show long values on several lines.' }}
      contentDisplayPreference={{
        title: 'Columns',
        description: 'Choose the columns to show.',
        options: EVENT_HISTORY_COLUMNS.map((column) => ({
          id: column.id,
          label: column.label,
          alwaysVisible: 'alwaysVisible' in column,
        })),
      }}
      customPreference={(timeZone: TimeZonePreference, setTimeZone) => (
        <RadioGroup
          ariaLabel="Time zone"
          value={timeZone}
          onChange={({ detail }) => {
            setTimeZone(detail.value);
          }}
          items={[
            { value: 'utc', label: 'UTC', description: 'Event times in Coordinated Universal Time.' },
            { value: 'local', label: 'Local time', description: 'Event times in this browser’s time zone.' },
          ]}
        />
      )}
      onConfirm={({ detail }) => {
        const pageSize = detail.pageSize === 10 || detail.pageSize === 25 ? detail.pageSize : 50;
        onConfirm({
          pageSize,
          wrapLines: detail.wrapLines ?? value.wrapLines,
          visibleColumns: (detail.contentDisplay ?? [])
            .filter((column) => column.visible)
            .map((column) => column.id as EventHistoryColumnId),
          timeZone: detail.custom === 'local' ? 'local' : 'utc',
        });
      }}
    />
  );
}
