// Advanced event selectors as the selector editor edits them, and back. A draft has dedicated
// controls for what nearly every selector sets (category, read/write, resource type) and one
// condition row per field, operator and value; rows of one field merge into one field selector.
import type { AdvancedEventSelector, AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import { SELECTOR_FIELDS, SELECTOR_OPERATORS } from '@/lib/cloudtrail-limits';

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
