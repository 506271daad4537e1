import Autosuggest from '@cloudscape-design/components/autosuggest';
import Button from '@cloudscape-design/components/button';
import DateRangePicker, { type DateRangePickerProps } from '@cloudscape-design/components/date-range-picker';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import TokenGroup from '@cloudscape-design/components/token-group';
import { useState, type ReactNode } from 'react';
import { LOOKUP_ATTRIBUTE_KEYS, LOOKUP_ATTRIBUTE_VALUE } from '@/lib/cloudtrail-limits';
import type { LookupAttributeKey, UrlAttributeFilter } from '@/lib/event-history-url';
import type { TimeRange } from '@/lib/time-range';

/** How the console names each lookup attribute, as CloudTrail's console does. */
export const ATTRIBUTE_LABELS: Record<LookupAttributeKey, string> = {
  ReadOnly: 'Read-only',
  EventName: 'Event name',
  Username: 'User name',
  EventSource: 'Event source',
  ResourceType: 'Resource type',
  ResourceName: 'Resource name',
  AccessKeyId: 'AWS access key',
  EventId: 'Event ID',
};

/** Event sources users look up most; sources seen in loaded events are offered too. */
const COMMON_EVENT_SOURCES = [
  'cloudtrail.amazonaws.com',
  'ec2.amazonaws.com',
  'iam.amazonaws.com',
  'kms.amazonaws.com',
  'lambda.amazonaws.com',
  's3.amazonaws.com',
  'signin.amazonaws.com',
  'sts.amazonaws.com',
];

/** LookupEvents counts `_`, space, `,` and newline as two characters toward its limit. */
function weightedLength(text: string): number {
  let length = 0;
  for (const char of text) length += char === '_' || char === ' ' || char === ',' || char === '\n' ? 2 : 1;
  return length;
}

/** Why LookupEvents would refuse `value` for `key`, or undefined when it takes it. */
function filterValueError(key: LookupAttributeKey, value: string): string | undefined {
  if (value.trim() === '') return 'Enter a value to look up.';
  if (key === 'ReadOnly' && value !== 'true' && value !== 'false') return 'Read-only is true or false.';
  if (weightedLength(value) > LOOKUP_ATTRIBUTE_VALUE.maxWeightedLength)
    return `At most ${String(LOOKUP_ATTRIBUTE_VALUE.maxWeightedLength)} characters; _, spaces, commas and line breaks count as two.`;
  return undefined;
}

/** Event history's 90 days: the range the console shows when none is chosen. */
const WHOLE_HISTORY = { key: 'last-90-days', amount: 90, unit: 'day', type: 'relative' } as const;

const RELATIVE_OPTIONS: DateRangePickerProps.RelativeOption[] = [
  { key: 'last-30-minutes', amount: 30, unit: 'minute', type: 'relative' },
  { key: 'last-1-hour', amount: 1, unit: 'hour', type: 'relative' },
  { key: 'last-12-hours', amount: 12, unit: 'hour', type: 'relative' },
  { key: 'last-1-day', amount: 1, unit: 'day', type: 'relative' },
  { key: 'last-1-week', amount: 1, unit: 'week', type: 'relative' },
  { key: 'last-30-days', amount: 30, unit: 'day', type: 'relative' },
  // Event history's whole window, and the default: it stands for no range at all.
  { key: WHOLE_HISTORY.key, amount: 90, unit: 'day', type: 'relative' },
];

/** The picker's value: the matching option (so the picker marks it), or the whole history by default. */
function toPickerValue(range: TimeRange | undefined): DateRangePickerProps.Value {
  if (!range) return WHOLE_HISTORY;
  if (range.type === 'absolute') return { type: 'absolute', startDate: range.startDate, endDate: range.endDate };
  const option = RELATIVE_OPTIONS.find(
    (candidate) => candidate.amount === range.amount && candidate.unit === range.unit,
  );
  return { type: 'relative', amount: range.amount, unit: range.unit, ...(option ? { key: option.key } : {}) };
}

function fromPickerValue(value: DateRangePickerProps.Value | null): TimeRange | undefined {
  if (!value) return undefined;
  if (value.type === 'relative' && value.amount === WHOLE_HISTORY.amount && value.unit === WHOLE_HISTORY.unit)
    return undefined;
  if (value.type === 'absolute')
    return {
      type: 'absolute',
      startDate: new Date(value.startDate).toISOString(),
      endDate: new Date(value.endDate).toISOString(),
    };
  const unit = value.unit === 'second' ? 'minute' : value.unit === 'year' ? 'month' : value.unit;
  const amount =
    value.unit === 'second'
      ? Math.max(1, Math.ceil(value.amount / 60))
      : value.unit === 'year'
        ? value.amount * 12
        : value.amount;
  return { type: 'relative', amount, unit };
}

const UNIT_LABELS: Record<DateRangePickerProps.TimeUnit, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  day: 'day',
  week: 'week',
  month: 'month',
  year: 'year',
};

export interface EventHistoryFilterProps {
  filters: readonly UrlAttributeFilter[];
  range: TimeRange | undefined;
  knownSources: readonly string[];
  onFiltersChange: (filters: UrlAttributeFilter[]) => void;
  onRangeChange: (range: TimeRange | undefined) => void;
  /** The choice of regions, shown beside the time range. */
  regionsControl?: ReactNode;
  /** The person or role whose sessions filter the events. */
  principal?: string | undefined;
  onPrincipalChange?: (principal: string | undefined) => void;
}

/** The form's attributes: CloudTrail's, and Principal, which the console resolves to access keys. */
type FormKey = LookupAttributeKey | 'Principal';

const PRINCIPAL_LABEL = 'Principal (person or role)';

/** Lookup attributes (any number; CloudTrail itself takes one) and the time range. */
export function EventHistoryFilter({
  filters,
  range,
  knownSources,
  onFiltersChange,
  onRangeChange,
  regionsControl,
  principal,
  onPrincipalChange,
}: EventHistoryFilterProps) {
  const [key, setKey] = useState<FormKey>('EventName');
  const [value, setValue] = useState('');
  const [attempted, setAttempted] = useState(false);
  const invalid = filterValueError(key === 'Principal' ? 'Username' : key, value);
  const error = attempted ? invalid : undefined;

  const add = () => {
    setAttempted(true);
    if (invalid !== undefined) return;
    if (key === 'Principal') {
      onPrincipalChange?.(value.trim());
      setValue('');
      setAttempted(false);
      return;
    }
    // One filter per attribute: a new value for an attribute replaces the old one.
    onFiltersChange([
      ...filters.filter((filter) => filter.key !== key),
      { key, value: value.trim() === value ? value : value.trim() },
    ]);
    setValue('');
    setAttempted(false);
  };

  const sources = [...new Set([...COMMON_EVENT_SOURCES, ...knownSources])].sort();

  const valueControl =
    key === 'ReadOnly' ? (
      <Select
        selectedOption={value === 'true' || value === 'false' ? { value, label: value } : null}
        placeholder="Choose true or false"
        options={[
          { value: 'false', label: 'false' },
          { value: 'true', label: 'true' },
        ]}
        onChange={({ detail }) => {
          setValue(detail.selectedOption.value ?? '');
        }}
      />
    ) : key === 'EventSource' ? (
      <Autosuggest
        value={value}
        placeholder="e.g. s3.amazonaws.com"
        options={sources.map((source) => ({ value: source }))}
        enteredTextLabel={(text) => `Use: "${text}"`}
        onChange={({ detail }) => {
          setValue(detail.value);
        }}
        onKeyDown={({ detail }) => {
          if (detail.key === 'Enter') add();
        }}
      />
    ) : (
      <Input
        value={value}
        placeholder={
          key === 'Principal' ? 'User name, email, role name or ARN' : `Enter ${ATTRIBUTE_LABELS[key].toLowerCase()}`
        }
        onChange={({ detail }) => {
          setValue(detail.value);
        }}
        onKeyDown={({ detail }) => {
          if (detail.key === 'Enter') add();
        }}
      />
    );

  return (
    <SpaceBetween size="s">
      <SpaceBetween direction="horizontal" size="xs" alignItems="end">
        <FormField label="Lookup attribute">
          <Select
            selectedOption={{ value: key, label: key === 'Principal' ? PRINCIPAL_LABEL : ATTRIBUTE_LABELS[key] }}
            options={[
              ...LOOKUP_ATTRIBUTE_KEYS.map((option) => ({ value: option, label: ATTRIBUTE_LABELS[option] })),
              ...(onPrincipalChange
                ? [
                    {
                      value: 'Principal',
                      label: PRINCIPAL_LABEL,
                      description: 'Calls made with the sessions this person or role opened',
                    },
                  ]
                : []),
            ]}
            onChange={({ detail }) => {
              setKey(detail.selectedOption.value as FormKey);
              setValue('');
              setAttempted(false);
            }}
          />
        </FormField>
        <FormField label="Attribute value" errorText={error}>
          {valueControl}
        </FormField>
        <Button onClick={add}>Add filter</Button>
        <FormField label="Time range">
          <DateRangePicker
            value={toPickerValue(range)}
            onChange={({ detail }) => {
              onRangeChange(fromPickerValue(detail.value));
            }}
            relativeOptions={RELATIVE_OPTIONS}
            isValidRange={(candidate) => {
              if (candidate?.type === 'absolute') {
                if (!candidate.startDate || !candidate.endDate)
                  return { valid: false, errorMessage: 'Choose a start and an end.' };
                if (Date.parse(candidate.startDate) > Date.parse(candidate.endDate))
                  return { valid: false, errorMessage: 'The start must be before the end.' };
              }
              return { valid: true };
            }}
            placeholder="Last 90 days"
            i18nStrings={{
              ariaLabel: 'Time range',
              clearButtonLabel: 'Clear',
              applyButtonLabel: 'Apply',
              cancelButtonLabel: 'Cancel',
              relativeModeTitle: 'Relative range',
              absoluteModeTitle: 'Absolute range',
              relativeRangeSelectionHeading: 'Choose a range',
              customRelativeRangeOptionLabel: 'Custom range',
              customRelativeRangeOptionDescription: 'Set a custom range in the past',
              customRelativeRangeDurationLabel: 'Duration',
              customRelativeRangeUnitLabel: 'Unit of time',
              startDateLabel: 'Start date',
              endDateLabel: 'End date',
              startTimeLabel: 'Start time',
              endTimeLabel: 'End time',
              formatRelativeRange: ({ amount, unit }) =>
                `Last ${String(amount)} ${UNIT_LABELS[unit]}${amount === 1 ? '' : 's'}`,
              formatUnit: (unit, amount) => `${UNIT_LABELS[unit]}${amount === 1 ? '' : 's'}`,
            }}
            rangeSelectorMode="default"
          />
        </FormField>
        {regionsControl}
      </SpaceBetween>
      {filters.length > 0 || principal !== undefined ? (
        <TokenGroup
          items={[
            ...filters.map((filter) => ({
              label: `${ATTRIBUTE_LABELS[filter.key]}: ${filter.value}`,
              dismissLabel: `Remove filter ${ATTRIBUTE_LABELS[filter.key]}: ${filter.value}`,
            })),
            ...(principal !== undefined
              ? [{ label: `Principal: ${principal}`, dismissLabel: `Remove filter Principal: ${principal}` }]
              : []),
          ]}
          onDismiss={({ detail }) => {
            if (detail.itemIndex === filters.length) onPrincipalChange?.(undefined);
            else onFiltersChange(filters.filter((_, index) => index !== detail.itemIndex));
          }}
        />
      ) : null}
    </SpaceBetween>
  );
}
