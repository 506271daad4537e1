import type { PreferencesSchema } from '@/hooks/use-preferences';
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

const COLUMN_IDS: readonly EventHistoryColumnId[] = EVENT_HISTORY_COLUMNS.map((column) => column.id);

export interface EventHistoryPreferences {
  pageSize: 10 | 25 | 50;
  visibleColumns: EventHistoryColumnId[];
  wrapLines: boolean;
  timeZone: TimeZonePreference;
}

/**
 * Checks saved preferences: the four fields, each of its type, and nothing else kept. Hand-written
 * rather than zod, so that zod stays out of the first screen's download.
 */
export const eventHistoryPreferencesSchema: PreferencesSchema<EventHistoryPreferences> = {
  safeParse(saved) {
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return { success: false };
    const { pageSize, visibleColumns, wrapLines, timeZone } = saved as Record<string, unknown>;
    if (
      (pageSize === 10 || pageSize === 25 || pageSize === 50) &&
      Array.isArray(visibleColumns) &&
      visibleColumns.every((id) => (COLUMN_IDS as readonly unknown[]).includes(id)) &&
      typeof wrapLines === 'boolean' &&
      (timeZone === 'utc' || timeZone === 'local')
    )
      return {
        success: true,
        data: { pageSize, visibleColumns: [...(visibleColumns as EventHistoryColumnId[])], wrapLines, timeZone },
      };
    return { success: false };
  },
};

export const DEFAULT_EVENT_HISTORY_PREFERENCES: EventHistoryPreferences = {
  pageSize: 50,
  visibleColumns: ['EventName', 'EventTime', 'Username', 'EventSource', 'ResourceType', 'ResourceName'],
  wrapLines: false,
  timeZone: 'utc',
};
