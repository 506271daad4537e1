// Advanced event selectors of event data stores (SEMANTICS.md §8.1, §8.5): which selectors a store
// may have, which kind of store they make, and which records they select. CloudTrail documents the
// rules in "Filtering data events by using advanced event selectors" and the
// AdvancedFieldSelector API reference; the emulator enforces the subset §8.5 settles.
import type { AdvancedEventSelector, AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import { InvalidEventSelectorsException } from '../../errors';
import type { CloudTrailRecord } from '../../records';
import {
  DATA_RESOURCE_TYPES as SHARED_DATA_RESOURCE_TYPES,
  MAX_SELECTOR_VALUES,
  MAX_SELECTORS,
  NETWORK_ACTIVITY_SOURCES as SHARED_NETWORK_ACTIVITY_SOURCES,
  SELECTOR_FIELDS,
  SELECTOR_OPERATORS as SHARED_OPERATORS,
} from '../../../../src/lib/cloudtrail-limits';

/**
 * The family of events a store holds, fixed at creation by its selectors (§8.1):
 * CloudTrail events (Management, Data, NetworkActivity), Insights, AWS Config configuration items,
 * or events from outside AWS (ActivityAuditLog, fed by channels).
 */
export type EventDataStoreKind = 'CloudTrailEvents' | 'Insights' | 'ConfigurationItems' | 'ActivityAuditLog';

/** Whether Start/StopEventDataStoreIngestion apply to a kind (§8.1). */
export function kindCanStartAndStop(kind: EventDataStoreKind): boolean {
  return kind === 'CloudTrailEvents' || kind === 'ConfigurationItems';
}

const CATEGORY_KINDS: Readonly<Record<string, EventDataStoreKind>> = {
  Management: 'CloudTrailEvents',
  Data: 'CloudTrailEvents',
  NetworkActivity: 'CloudTrailEvents',
  Insight: 'Insights',
  ConfigurationItem: 'ConfigurationItems',
  ActivityAuditLog: 'ActivityAuditLog',
};

/** The selector CloudTrail gives a store created without selectors (§8.2). */
export const DEFAULT_MANAGEMENT_SELECTORS: readonly AdvancedEventSelector[] = [
  { Name: 'Default management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
];

/** A selector's operators, in the model's member order. */
export const SELECTOR_OPERATORS = SHARED_OPERATORS;
type Operator = (typeof SELECTOR_OPERATORS)[number];
const NEGATIVE: ReadonlySet<Operator> = new Set(['NotEquals', 'NotStartsWith', 'NotEndsWith']);

const FIELDS_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = SELECTOR_FIELDS;

/** Event sources that log network activity events (CloudTrail User Guide, "Logging network activity events"). */
export const NETWORK_ACTIVITY_SOURCES: readonly string[] = SHARED_NETWORK_ACTIVITY_SOURCES;

/**
 * Data event resource types a Data selector may name; a subset of the CloudTrail User Guide's
 * "Data events" table, including every type §8.5 requires.
 */
export const DATA_RESOURCE_TYPES: readonly string[] = SHARED_DATA_RESOURCE_TYPES;

export { MAX_SELECTOR_VALUES, MAX_SELECTORS };

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

function invalid(message: string): never {
  throw new InvalidEventSelectorsException(message);
}

function operatorsOf(field: AdvancedFieldSelector): [Operator, readonly string[]][] {
  const out: [Operator, readonly string[]][] = [];
  for (const operator of SELECTOR_OPERATORS) {
    const values = field[operator];
    if (values !== undefined) out.push([operator, values]);
  }
  return out;
}

/** The one eventCategory value of a selector, checked: Equals with exactly one value, nothing else. */
function categoryOf(selector: AdvancedEventSelector, position: string): string {
  const fields = (selector.FieldSelectors ?? []).filter((field) => field.Field === 'eventCategory');
  if (fields.length === 0) invalid(`${position} has no eventCategory field selector; each selector needs exactly one.`);
  const [field] = fields as [AdvancedFieldSelector];
  const operators = operatorsOf(field);
  const equals = field.Equals;
  if (operators.length !== 1 || equals === undefined)
    invalid(`${position}: eventCategory supports only the Equals operator.`);
  if (equals.length !== 1) invalid(`${position}: eventCategory takes exactly one value.`);
  const category = equals[0] as string;
  if (category === 'Evidence')
    invalid(`${position}: eventCategory Evidence (AWS Audit Manager) is not supported by this emulator.`);
  if (CATEGORY_KINDS[category] === undefined)
    invalid(
      `${position}: eventCategory '${category}' is not valid; use Management, Data, NetworkActivity, Insight, ConfigurationItem or ActivityAuditLog.`,
    );
  return category;
}

function checkField(field: AdvancedFieldSelector, category: string, position: string) {
  const name = field.Field ?? '';
  const allowed = FIELDS_BY_CATEGORY[category] ?? ['eventCategory'];
  if (!allowed.includes(name))
    invalid(`${position}: field '${name}' is not valid for ${category} events; valid fields: ${allowed.join(', ')}.`);
  const operators = operatorsOf(field);
  if (operators.length === 0 || operators.some(([, values]) => values.length === 0))
    invalid(`${position}: field '${name}' needs at least one operator with at least one value.`);
  const only = (permitted: readonly Operator[], what: string) => {
    const bad = operators.find(([operator]) => !permitted.includes(operator));
    if (bad) invalid(`${position}: ${what} supports only ${permitted.join(' and ')}, not ${bad[0]}.`);
  };
  const single = () => {
    if ((field.Equals ?? []).length !== 1) invalid(`${position}: ${name} takes exactly one value.`);
  };
  switch (name) {
    case 'readOnly':
      only(['Equals'], 'readOnly');
      single();
      if (field.Equals?.[0] !== 'true' && field.Equals?.[0] !== 'false')
        invalid(`${position}: readOnly must be 'true' or 'false'.`);
      break;
    case 'resources.type':
      only(['Equals'], 'resources.type');
      single();
      if (!DATA_RESOURCE_TYPES.includes(field.Equals?.[0] ?? ''))
        invalid(`${position}: resources.type '${field.Equals?.[0] ?? ''}' is not a supported data resource type.`);
      break;
    case 'sessionCredentialFromConsole':
      only(['Equals', 'NotEquals'], 'sessionCredentialFromConsole');
      break;
    case 'resources.ARN':
      for (const operator of ['Equals', 'NotEquals'] as const)
        for (const value of field[operator] ?? [])
          if (!ARN.test(value))
            invalid(
              `${position}: '${value}' is not a valid ARN for resources.ARN ${operator}; use StartsWith for prefixes.`,
            );
      break;
    case 'eventSource':
      if (category === 'NetworkActivity') {
        only(['Equals'], 'eventSource of network activity events');
        single();
        if (!NETWORK_ACTIVITY_SOURCES.includes(field.Equals?.[0] ?? ''))
          invalid(
            `${position}: network activity events are logged only for ${NETWORK_ACTIVITY_SOURCES.join(', ')}, not '${field.Equals?.[0] ?? ''}'.`,
          );
      }
      break;
    case 'errorCode':
      only(['Equals'], 'errorCode');
      if ((field.Equals ?? []).some((value) => value !== 'VpceAccessDenied'))
        invalid(`${position}: errorCode supports only the value VpceAccessDenied.`);
      break;
  }
}

function checkSelector(selector: AdvancedEventSelector, index: number): string {
  const position = selector.Name
    ? `Selector ${String(index + 1)} ('${selector.Name}')`
    : `Selector ${String(index + 1)}`;
  const fields = selector.FieldSelectors ?? [];
  if (fields.length === 0) invalid(`${position} has no field selectors.`);
  const seen = new Set<string>();
  for (const field of fields) {
    const name = field.Field ?? '';
    if (seen.has(name)) invalid(`${position} uses field '${name}' more than once.`);
    seen.add(name);
  }
  const category = categoryOf(selector, position);
  if (CATEGORY_KINDS[category] !== 'CloudTrailEvents' && fields.length > 1)
    invalid(`${position}: ${category} selectors hold only the eventCategory field selector.`);
  for (const field of fields) checkField(field, category, position);
  if (category === 'Data' && !seen.has('resources.type'))
    invalid(`${position}: Data selectors need a resources.type field selector.`);
  if (category === 'NetworkActivity' && !seen.has('eventSource'))
    invalid(`${position}: NetworkActivity selectors need an eventSource field selector.`);
  return category;
}

/**
 * Checks a store's selectors against §8.5 and returns the kind they make; throws
 * InvalidEventSelectorsException naming the first problem.
 */
export function validateAdvancedEventSelectors(selectors: readonly AdvancedEventSelector[]): EventDataStoreKind {
  if (selectors.length === 0) invalid('At least one advanced event selector is required.');
  if (selectors.length > MAX_SELECTORS)
    invalid(`An event data store can have at most ${String(MAX_SELECTORS)} advanced event selectors.`);
  let values = 0;
  for (const selector of selectors)
    for (const field of selector.FieldSelectors ?? []) for (const [, list] of operatorsOf(field)) values += list.length;
  if (values > MAX_SELECTOR_VALUES)
    invalid(
      `The advanced event selectors hold ${String(values)} values; at most ${String(MAX_SELECTOR_VALUES)} are allowed.`,
    );
  const kinds = selectors.map(
    (selector, index) => CATEGORY_KINDS[checkSelector(selector, index)] as EventDataStoreKind,
  );
  const [kind] = kinds as [EventDataStoreKind];
  if (kinds.some((other) => other !== kind))
    invalid('All advanced event selectors of an event data store must select the same kind of events.');
  if (kind !== 'CloudTrailEvents' && selectors.length > 1)
    invalid(`An event data store of ${kind} events takes exactly one advanced event selector.`);
  return kind;
}

/** The kind of valid selectors, from their first eventCategory (§8.1). */
export function eventDataStoreKindOf(selectors: readonly AdvancedEventSelector[]): EventDataStoreKind {
  const category = selectors[0]?.FieldSelectors?.find((field) => field.Field === 'eventCategory')?.Equals?.[0];
  return (category === undefined ? undefined : CATEGORY_KINDS[category]) ?? 'CloudTrailEvents';
}

/** The values of a record's field as selectors see them; empty when the record lacks the field. */
export function recordFieldValues(record: CloudTrailRecord, field: string): readonly string[] {
  const one = (value: string | undefined) => (value === undefined ? [] : [value]);
  switch (field) {
    case 'eventCategory':
      return [record.eventCategory];
    case 'eventSource':
      return [record.eventSource];
    case 'eventName':
      return [record.eventName];
    case 'eventType':
      return [record.eventType];
    case 'errorCode':
      return one(record.errorCode);
    case 'vpcEndpointId':
      return one(record.vpcEndpointId);
    case 'readOnly':
      return record.readOnly === undefined ? [] : [String(record.readOnly)];
    case 'sessionCredentialFromConsole':
      // CloudTrail writes the field only when it is true; selectors treat its absence as "false".
      return [record.sessionCredentialFromConsole ?? 'false'];
    case 'userIdentity.arn':
      return one(record.userIdentity.arn);
    case 'resources.type':
      return (record.resources ?? []).map((resource) => resource.type);
    case 'resources.ARN':
      return (record.resources ?? []).flatMap((resource) => one(resource.ARN ?? resource.ARNPrefix));
    default:
      return [];
  }
}

function test(operator: Operator, actual: string, expected: string): boolean {
  switch (operator) {
    case 'Equals':
    case 'NotEquals':
      return actual === expected;
    case 'StartsWith':
    case 'NotStartsWith':
      return actual.startsWith(expected);
    case 'EndsWith':
    case 'NotEndsWith':
      return actual.endsWith(expected);
  }
}

/** A record's values of a selector field (see recordFieldValues). */
export type FieldValues = (field: string) => readonly string[];

function fieldMatches(field: AdvancedFieldSelector, values: FieldValues): boolean {
  const actual = values(field.Field ?? '');
  return operatorsOf(field).every(([operator, expected]) => {
    const hit = actual.some((value) => expected.some((candidate) => test(operator, value, candidate)));
    return NEGATIVE.has(operator) ? !hit : hit;
  });
}

/**
 * Whether selectors select a record (§8.5): any selector (OR) whose field selectors all hold (AND);
 * a positive operator holds when any value matches, a negative one when none does.
 */
export function selectorsMatch(selectors: readonly AdvancedEventSelector[], record: CloudTrailRecord): boolean {
  return selectorsMatchFields(selectors, (field) => recordFieldValues(record, field));
}

/** selectorsMatch over a record's field values, for callers that can answer some fields without the record. */
export function selectorsMatchFields(selectors: readonly AdvancedEventSelector[], values: FieldValues): boolean {
  return selectors.some((selector) => (selector.FieldSelectors ?? []).every((field) => fieldMatches(field, values)));
}
