// Limits from the CloudTrail service model and SEMANTICS.md, shared by the console's form schemas
// and the emulator. Imports nothing, because mocks/ imports it too; a test checks each constant
// against the model.

/** LookupEvents MaxResults (model shape MaxResults); the service's default is the maximum. */
export const LOOKUP_EVENTS_MAX_RESULTS = { min: 1, max: 50 } as const;

/** Model shape LookupAttributeValue; `_`, space, `,` and newline count twice toward the weighted maximum. */
export const LOOKUP_ATTRIBUTE_VALUE = { min: 1, max: 2000, maxWeightedLength: 2000 } as const;

/** Model shape LookupAttributeKey. */
export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;

/** Event history keeps 90 days (SEMANTICS.md §7). */
export const EVENT_HISTORY_DAYS = 90;

/** LookupEvents rate per account and region (SEMANTICS.md §15). */
export const LOOKUP_EVENTS_PER_SECOND = 2;
