// Advanced event selectors as the selector editor edits them, and back. A draft has dedicated
// controls for what nearly every selector sets (category, read/write, resource type) and one
// condition row per field, operator and value; rows of one field merge into one field selector.
import type { AdvancedEventSelector, AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import {
  DATA_RESOURCE_TYPES,
  MAX_SELECTOR_VALUES,
  NETWORK_ACTIVITY_SOURCES,
  SELECTOR_FIELDS,
  SELECTOR_NAME,
  SELECTOR_OPERATORS,
  SELECTOR_VALUE,
} from './cloudtrail-limits';

export type SelectorOperator = (typeof SELECTOR_OPERATORS)[number];

/** eventCategory values of CloudTrail events, the ones the editor builds selectors for. */
export const SELECTOR_CATEGORIES = ['Management', 'Data', 'NetworkActivity'] as const;
export type SelectorCategory = (typeof SELECTOR_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<SelectorCategory, string> = {
  Management: 'Management events',
  Data: 'Data events',
  NetworkActivity: 'Network activity events',
};

export type ReadWrite = 'all' | 'readOnly' | 'writeOnly';

export interface ConditionDraft {
  field: string;
  operator: SelectorOperator;
  value: string;
}

export interface SelectorDraft {
  name: string;
  category: SelectorCategory;
  /** readOnly Equals true / false, or no readOnly field selector; not used by network activity selectors. */
  readWrite: ReadWrite;
  /** resources.type of a Data selector. */
  resourceType: string;
  conditions: ConditionDraft[];
}

/** Fields that have their own control, so condition rows never name them. */
const DEDICATED_FIELDS: ReadonlySet<string> = new Set(['eventCategory', 'readOnly', 'resources.type']);

/** Fields a condition row of a category may use. */
export function conditionFieldsOf(category: SelectorCategory): string[] {
  return SELECTOR_FIELDS[category].filter((field) => !DEDICATED_FIELDS.has(field));
}

/** Operators CloudTrail accepts for a field (mocks/emulator/SEMANTICS.md §8.5). */
export function operatorsFor(field: string, category: SelectorCategory): readonly SelectorOperator[] {
  if (field === 'sessionCredentialFromConsole') return ['Equals', 'NotEquals'];
  if (field === 'errorCode' || (field === 'eventSource' && category === 'NetworkActivity')) return ['Equals'];
  return SELECTOR_OPERATORS;
}

export function newSelectorDraft(category: SelectorCategory = 'Management'): SelectorDraft {
  return { name: '', category, readWrite: 'all', resourceType: '', conditions: [] };
}

/** The selectors CreateEventDataStore would default to: all management events. */
export const DEFAULT_SELECTOR_DRAFTS: readonly SelectorDraft[] = [
  { ...newSelectorDraft('Management'), name: 'Management events' },
];

/** The selector of a store of events from integrations outside AWS. */
export const INTEGRATIONS_SELECTORS: AdvancedEventSelector[] = [
  { Name: 'Events from integrations', FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] },
];

/** The API's selectors for drafts; empty values are kept, so the JSON shows what is being edited. */
export function toAdvancedEventSelectors(drafts: readonly SelectorDraft[]): AdvancedEventSelector[] {
  return drafts.map((draft) => {
    const fields: AdvancedFieldSelector[] = [{ Field: 'eventCategory', Equals: [draft.category] }];
    if (draft.category === 'Data') fields.push({ Field: 'resources.type', Equals: [draft.resourceType] });
    if (draft.category !== 'NetworkActivity' && draft.readWrite !== 'all')
      fields.push({ Field: 'readOnly', Equals: [draft.readWrite === 'readOnly' ? 'true' : 'false'] });
    for (const condition of draft.conditions) {
      let field = fields.find((existing) => existing.Field === condition.field);
      if (!field) {
        field = { Field: condition.field };
        fields.push(field);
      }
      field[condition.operator] = [...(field[condition.operator] ?? []), condition.value];
    }
    const name = draft.name.trim();
    return { ...(name === '' ? {} : { Name: name }), FieldSelectors: fields };
  });
}

function isCategory(value: string | undefined): value is SelectorCategory {
  return (SELECTOR_CATEGORIES as readonly (string | undefined)[]).includes(value);
}

/** The one value of an Equals-only field selector, or undefined when it is anything else. */
function singleEquals(field: AdvancedFieldSelector): string | undefined {
  const others = SELECTOR_OPERATORS.filter((operator) => operator !== 'Equals' && field[operator] !== undefined);
  return others.length === 0 && field.Equals?.length === 1 ? field.Equals[0] : undefined;
}

/**
 * Drafts for a store's selectors, or undefined when the editor cannot show them faithfully: stores
 * of other kinds (integrations, Insights, Config) and selectors outside the editor's shape.
 */
export function fromAdvancedEventSelectors(
  selectors: readonly AdvancedEventSelector[] | undefined,
): SelectorDraft[] | undefined {
  if (!selectors || selectors.length === 0) return undefined;
  const drafts: SelectorDraft[] = [];
  for (const selector of selectors) {
    const fields = selector.FieldSelectors ?? [];
    const categoryField = fields.find((field) => field.Field === 'eventCategory');
    const category = categoryField ? singleEquals(categoryField) : undefined;
    if (!isCategory(category)) return undefined;
    const draft: SelectorDraft = { ...newSelectorDraft(category), name: selector.Name ?? '' };
    for (const field of fields) {
      const name = field.Field ?? '';
      if (name === 'eventCategory') continue;
      if (name === 'resources.type') {
        const type = singleEquals(field);
        if (type === undefined || category !== 'Data') return undefined;
        draft.resourceType = type;
      } else if (name === 'readOnly') {
        const value = singleEquals(field);
        if ((value !== 'true' && value !== 'false') || category === 'NetworkActivity') return undefined;
        draft.readWrite = value === 'true' ? 'readOnly' : 'writeOnly';
      } else {
        if (!conditionFieldsOf(category).includes(name)) return undefined;
        for (const operator of SELECTOR_OPERATORS)
          for (const value of field[operator] ?? []) draft.conditions.push({ field: name, operator, value });
      }
    }
    drafts.push(draft);
  }
  return drafts;
}

/** Values all selectors hold together, as CloudTrail counts them toward its limit of 500. */
export function selectorValueCount(selectors: readonly AdvancedEventSelector[]): number {
  let count = 0;
  for (const selector of selectors)
    for (const field of selector.FieldSelectors ?? [])
      for (const operator of SELECTOR_OPERATORS) count += field[operator]?.length ?? 0;
  return count;
}

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

/** A problem of a selector draft, at the path of the control that fixes it. */
export interface SelectorIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Problems of advanced selector drafts (mocks/emulator/SEMANTICS.md §8.5), each at the path of the
 * control that fixes it. `maxSelectors` is the resource's cap (stores: 5; trails have none), and
 * `resource` and `noun` name it in messages ("An event data store", "the store").
 */
export function selectorIssues(
  selectors: readonly SelectorDraft[],
  { maxSelectors, resource, noun }: { maxSelectors?: number; resource: string; noun: string },
): SelectorIssue[] {
  const issues: SelectorIssue[] = [];
  if (selectors.length === 0)
    issues.push({ path: ['selectors'], message: `Add at least one selector: which events ${noun} collects.` });
  if (maxSelectors !== undefined && selectors.length > maxSelectors)
    issues.push({
      path: ['selectors'],
      message: `${resource} has at most ${String(maxSelectors)} selectors.`,
    });
  const values = selectorValueCount(toAdvancedEventSelectors(selectors));
  if (values > MAX_SELECTOR_VALUES)
    issues.push({
      path: ['selectors'],
      message: `The selectors hold ${String(values)} values; at most ${String(MAX_SELECTOR_VALUES)} are allowed in all.`,
    });
  selectors.forEach((selector, index) => {
    const at = (...rest: (string | number)[]) => ['selectors', index, ...rest];
    if (!(SELECTOR_CATEGORIES as readonly string[]).includes(selector.category))
      issues.push({ path: at('category'), message: 'Choose an event category.' });
    if (selector.name.length > SELECTOR_NAME.max)
      issues.push({
        path: at('name'),
        message: `A selector name has at most ${String(SELECTOR_NAME.max)} characters.`,
      });
    if (selector.category === 'Data' && !(DATA_RESOURCE_TYPES as readonly string[]).includes(selector.resourceType))
      issues.push({ path: at('resourceType'), message: 'Choose the resource type of the data events.' });
    const fields = conditionFieldsOf(selector.category);
    const seen = new Map<string, number>();
    selector.conditions.forEach((condition, row) => {
      const path = (member: string) => at('conditions', row, member);
      if (!fields.includes(condition.field)) {
        issues.push({ path: path('field'), message: 'Choose a field.' });
        return;
      }
      if (!operatorsFor(condition.field, selector.category).includes(condition.operator))
        issues.push({
          path: path('operator'),
          message: `${condition.field} supports only ${operatorsFor(condition.field, selector.category).join(' and ')}.`,
        });
      const value = condition.value;
      seen.set(condition.field, (seen.get(condition.field) ?? 0) + 1);
      if (value.length < SELECTOR_VALUE.min) issues.push({ path: path('value'), message: 'Enter a value.' });
      else if (value.length > SELECTOR_VALUE.max)
        issues.push({ path: path('value'), message: `A value has at most ${String(SELECTOR_VALUE.max)} characters.` });
      else if (
        condition.field === 'resources.ARN' &&
        (condition.operator === 'Equals' || condition.operator === 'NotEquals') &&
        !ARN.test(value)
      )
        issues.push({
          path: path('value'),
          message: 'Enter a complete ARN, or use StartsWith for a prefix such as arn:aws:s3:::bucket/.',
        });
      else if (condition.field === 'errorCode' && value !== 'VpceAccessDenied')
        issues.push({ path: path('value'), message: 'errorCode supports only VpceAccessDenied.' });
      else if (
        condition.field === 'eventSource' &&
        selector.category === 'NetworkActivity' &&
        !(NETWORK_ACTIVITY_SOURCES as readonly string[]).includes(value)
      )
        issues.push({
          path: path('value'),
          message: `Network activity events are logged for ${NETWORK_ACTIVITY_SOURCES.join(', ')}.`,
        });
      else if (
        condition.field === 'eventSource' &&
        selector.category === 'NetworkActivity' &&
        (seen.get('eventSource') ?? 0) > 1
      )
        issues.push({ path: path('value'), message: 'A network activity selector names one event source.' });
    });
    if (selector.category === 'NetworkActivity' && !selector.conditions.some((c) => c.field === 'eventSource'))
      issues.push({
        path: at('conditions'),
        message: 'Network activity selectors need an eventSource condition, for example ec2.amazonaws.com.',
      });
  });
  return issues;
}
