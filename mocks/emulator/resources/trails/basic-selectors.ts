// Event selectors of trails (SEMANTICS.md §17.7): basic selectors (ReadWriteType, management
// events, data resources) and advanced ones (the §8.5 rules of CloudTrail-event stores, without
// the five-selector cap), how they are checked and which records they select.
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { InvalidEventSelectorsException } from '../../errors';
import { MAX_SELECTOR_VALUES, validateAdvancedEventSelectors, type FieldValues } from '../event-data-stores/selectors';

/** Basic selectors per trail, data resource values per resource and in all (§17.17). */
export const MAX_BASIC_SELECTORS = 5;
export const MAX_DATA_RESOURCE_VALUES = 250;

/** Management event sources a basic selector may exclude (model shape EventSelector). */
export const EXCLUDABLE_MANAGEMENT_SOURCES: readonly string[] = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

/** Data resource types of basic selectors, with their "all resources" values and one resource's form. */
const BASIC_DATA_RESOURCES: Readonly<Record<string, { all: readonly string[]; one: RegExp }>> = {
  // The `/` after the bucket is required; `*` is literal, not a wildcard (model shape DataResource).
  'AWS::S3::Object': {
    all: ['arn:aws:s3', 'arn:aws:s3:::'],
    one: /^arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*$/,
  },
  'AWS::Lambda::Function': {
    all: ['arn:aws:lambda'],
    one: /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$/,
  },
  'AWS::DynamoDB::Table': {
    all: ['arn:aws:dynamodb'],
    one: /^arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9._-]{3,255}$/,
  },
};

function invalid(message: string): never {
  throw new InvalidEventSelectorsException(message);
}

/** Basic selectors with their defaults filled in, as CloudTrail echoes them (§17.7). */
export function withBasicDefaults(selectors: readonly EventSelector[]): EventSelector[] {
  return selectors.map((selector) => ({
    ReadWriteType: selector.ReadWriteType ?? 'All',
    IncludeManagementEvents: selector.IncludeManagementEvents ?? true,
    DataResources: (selector.DataResources ?? []).map((resource) => ({
      ...(resource.Type === undefined ? {} : { Type: resource.Type }),
      Values: [...(resource.Values ?? [])],
    })),
    ExcludeManagementEventSources: [...(selector.ExcludeManagementEventSources ?? [])],
  }));
}

/** Checks basic selectors (§17.7); throws InvalidEventSelectorsException naming the first problem. */
export function validateBasicEventSelectors(selectors: readonly EventSelector[]): void {
  if (selectors.length === 0) invalid('At least one event selector is required.');
  if (selectors.length > MAX_BASIC_SELECTORS)
    invalid(
      `A trail can have at most ${String(MAX_BASIC_SELECTORS)} event selectors; ${String(selectors.length)} were given.`,
    );
  let total = 0;
  for (const selector of selectors) {
    for (const source of selector.ExcludeManagementEventSources ?? [])
      if (!EXCLUDABLE_MANAGEMENT_SOURCES.includes(source))
        invalid(
          `Management event source ${source} cannot be excluded; only ${EXCLUDABLE_MANAGEMENT_SOURCES.join(' and ')} can.`,
        );
    for (const resource of selector.DataResources ?? []) {
      const type = resource.Type ?? '';
      const rule = BASIC_DATA_RESOURCES[type];
      if (!Object.hasOwn(BASIC_DATA_RESOURCES, type) || rule === undefined)
        invalid(
          `Data resource type ${type} is not valid; use ${Object.keys(BASIC_DATA_RESOURCES).join(', ')}, or advanced event selectors.`,
        );
      const values = resource.Values ?? [];
      if (values.length === 0) invalid(`Data resource ${type} needs at least one value.`);
      if (values.length > MAX_DATA_RESOURCE_VALUES)
        invalid(
          `Data resource ${type} has ${String(values.length)} values; at most ${String(MAX_DATA_RESOURCE_VALUES)} are allowed.`,
        );
      total += values.length;
      for (const value of values)
        if (!rule.all.includes(value) && !rule.one.test(value))
          invalid(`Value ${value} for DataResources.Values is invalid.`);
    }
  }
  if (total > MAX_DATA_RESOURCE_VALUES)
    invalid(
      `The event selectors have ${String(total)} data resource values; at most ${String(MAX_DATA_RESOURCE_VALUES)} are allowed in all.`,
    );
}

/**
 * Checks a trail's advanced selectors (§17.7): each selector follows §8.5 for CloudTrail events
 * (Management, Data or NetworkActivity); any number of selectors, at most 500 values in all.
 */
export function validateTrailAdvancedEventSelectors(selectors: readonly AdvancedEventSelector[]): void {
  if (selectors.length === 0) invalid('At least one advanced event selector is required.');
  let values = 0;
  for (const selector of selectors)
    for (const field of selector.FieldSelectors ?? [])
      for (const list of [
        field.Equals,
        field.StartsWith,
        field.EndsWith,
        field.NotEquals,
        field.NotStartsWith,
        field.NotEndsWith,
      ])
        values += list?.length ?? 0;
  if (values > MAX_SELECTOR_VALUES)
    invalid(
      `The advanced event selectors hold ${String(values)} values; at most ${String(MAX_SELECTOR_VALUES)} are allowed.`,
    );
  selectors.forEach((selector, index) => {
    let kind: string;
    try {
      kind = validateAdvancedEventSelectors([selector]);
    } catch (error) {
      // Checked one at a time, so the store rules name every selector "Selector 1".
      if (error instanceof InvalidEventSelectorsException)
        invalid(error.message.replace(/^Selector 1\b/, `Selector ${String(index + 1)}`));
      throw error;
    }
    if (kind !== 'CloudTrailEvents')
      invalid(`Selector ${String(index + 1)}: a trail logs only Management, Data and NetworkActivity events.`);
  });
}

/** Whether a record's readOnly satisfies a ReadWriteType; an absent readOnly counts as a write (§17.7). */
function readWriteMatches(type: string | undefined, readOnly: readonly string[]): boolean {
  const isRead = readOnly[0] === 'true';
  if (type === 'ReadOnly') return isRead;
  if (type === 'WriteOnly') return !isRead;
  return true;
}

function dataResourceMatches(type: string, value: string, arn: string): boolean {
  const rule = BASIC_DATA_RESOURCES[type];
  if (rule?.all.includes(value)) return true;
  return type === 'AWS::S3::Object' ? arn.startsWith(value) : arn === value;
}

/**
 * Whether basic selectors select a record (§17.7), from its field values (see recordFieldValues):
 * management records by IncludeManagementEvents, excluded sources and ReadWriteType; data records
 * by a data resource of their type whose value is "all", a prefix of (S3) or equal to the
 * resource's ARN, and ReadWriteType; network activity never.
 */
export function basicSelectorsMatch(
  selectors: readonly EventSelector[],
  category: string,
  values: FieldValues,
  resources: () => readonly { type: string; arn: string | undefined }[],
): boolean {
  if (category !== 'Management' && category !== 'Data') return false;
  const readOnly = values('readOnly');
  return selectors.some((selector) => {
    if (!readWriteMatches(selector.ReadWriteType, readOnly)) return false;
    if (category === 'Management') {
      if (selector.IncludeManagementEvents === false) return false;
      const [source = ''] = values('eventSource');
      return !(selector.ExcludeManagementEventSources ?? []).includes(source);
    }
    return (selector.DataResources ?? []).some((resource) =>
      resources().some(
        (item) =>
          item.type === resource.Type &&
          (resource.Values ?? []).some((value) => dataResourceMatches(item.type, value, item.arn ?? '')),
      ),
    );
  });
}
