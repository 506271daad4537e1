import CollectionPreferences from '@cloudscape-design/components/collection-preferences';
import RadioGroup from '@cloudscape-design/components/radio-group';
import type { TimeZonePreference } from '@/lib/format-time';
import {
  EVENT_HISTORY_COLUMNS,
  type EventHistoryColumnId,
  type EventHistoryPreferences,
} from './event-history-preferences';

export interface EventHistoryPreferencesControlProps {
  value: EventHistoryPreferences;
  onConfirm: (next: EventHistoryPreferences) => void;
}

/** The table's settings: page size, visible columns, line wrapping and the time zone of times. */
export function EventHistoryPreferencesControl({ value, onConfirm }: EventHistoryPreferencesControlProps) {
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
