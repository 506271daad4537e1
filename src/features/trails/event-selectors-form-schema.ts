// A trail's event selectors as the editor edits them: basic selectors (ReadWriteType, management
// events, exclusions, data resources) or advanced ones (the store editor's drafts), checked
// against mocks/emulator/SEMANTICS.md §17.7 before anything is sent.
import type { EventSelector, ReadWriteType } from '@aws-sdk/client-cloudtrail';
import type { TrailEventSelectors } from '@/api/trails';
import {
  DEFAULT_SELECTOR_DRAFTS,
  fromAdvancedEventSelectors,
  selectorIssues,
  toAdvancedEventSelectors,
  type SelectorDraft,
} from '@/lib/selector-drafts';

/** Basic selectors a trail may have (Model: PutEventSelectors.EventSelectors). */
export const MAX_BASIC_SELECTORS = 5;
/** Data resource values per trail, over all its basic selectors. */
export const MAX_DATA_RESOURCE_VALUES = 250;
/** The management event sources a basic selector can exclude. */
export const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] as const;
/** The resource types of basic data resources. */
export const BASIC_DATA_RESOURCE_TYPES = ['AWS::S3::Object', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table'] as const;

export interface DataResourceDraft {
  type: string;
  /** One ARN (or ARN prefix) per line. */
  values: string;
}

export interface BasicSelectorDraft {
  readWriteType: ReadWriteType;
  includeManagementEvents: boolean;
  excludedSources: string[];
  dataResources: DataResourceDraft[];
}

export type SelectorKind = 'basic' | 'advanced';

export interface EventSelectorsFormValues {
  kind: SelectorKind;
  basic: BasicSelectorDraft[];
  /** Advanced drafts, at the paths the store editor uses ("selectors.0.name"). */
  selectors: SelectorDraft[];
}

/** A new basic selector: all management events, as CloudTrail's default. */
export function newBasicSelector(): BasicSelectorDraft {
  return { readWriteType: 'All', includeManagementEvents: true, excludedSources: [], dataResources: [] };
}

function valuesOf(text: string): string[] {
  return text
    .split('\n')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The editor's start: the selectors in force, each kind kept so switching back loses nothing. */
export function eventSelectorsFormValuesOf(current: TrailEventSelectors): EventSelectorsFormValues {
  const advanced = fromAdvancedEventSelectors(current.AdvancedEventSelectors);
  return {
    kind: current.AdvancedEventSelectors ? 'advanced' : 'basic',
    basic: current.EventSelectors
      ? current.EventSelectors.map((selector) => ({
          readWriteType: selector.ReadWriteType ?? 'All',
          includeManagementEvents: selector.IncludeManagementEvents ?? true,
          excludedSources: [...(selector.ExcludeManagementEventSources ?? [])],
          dataResources: (selector.DataResources ?? []).map((resource) => ({
            type: resource.Type ?? '',
            values: (resource.Values ?? []).join('\n'),
          })),
        }))
      : [newBasicSelector()],
    selectors: advanced ?? DEFAULT_SELECTOR_DRAFTS.map((draft) => ({ ...draft, conditions: [] })),
  };
}

/** The basic selectors the API receives. */
export function toEventSelectors(drafts: readonly BasicSelectorDraft[]): EventSelector[] {
  return drafts.map((draft) => ({
    ReadWriteType: draft.readWriteType,
    IncludeManagementEvents: draft.includeManagementEvents,
    DataResources: draft.dataResources.map((resource) => ({ Type: resource.type, Values: valuesOf(resource.values) })),
    ExcludeManagementEventSources: draft.includeManagementEvents ? [...draft.excludedSources] : [],
  }));
}

const NAME = '[A-Za-z0-9_.-]+';
const VALUE_RULES: Record<string, { pattern: RegExp; example: string }> = {
  'AWS::S3::Object': {
    pattern: /^arn:aws:s3(:::|:::[a-z0-9][a-z0-9.-]*\/.*)?$/,
    example: 'arn:aws:s3:::amzn-s3-demo-bucket/ (the slash is required), or arn:aws:s3::: for all buckets',
  },
  'AWS::Lambda::Function': {
    pattern: new RegExp(`^arn:aws:lambda(:[a-z0-9-]+:\\d{12}:function:${NAME})?$`),
    example: 'arn:aws:lambda:us-east-1:123456789012:function:my-function, or arn:aws:lambda for all functions',
  },
  'AWS::DynamoDB::Table': {
    pattern: new RegExp(`^arn:aws:dynamodb(:[a-z0-9-]+:\\d{12}:table/${NAME})?$`),
    example: 'arn:aws:dynamodb:us-east-1:123456789012:table/my-table, or arn:aws:dynamodb for all tables',
  },
};

/** Field errors of the editor's values, by dotted path ("basic.0.dataResources.1.values"). */
export function eventSelectorsFormErrors(values: EventSelectorsFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const add = (path: (string | number)[], message: string) => {
    errors[path.join('.')] ??= message;
  };
  if (values.kind === 'advanced') {
    for (const issue of selectorIssues(values.selectors, { resource: 'A trail', noun: 'the trail' }))
      add(issue.path, issue.message);
    return errors;
  }
  if (values.basic.length === 0) add(['basic'], 'Add at least one selector.');
  if (values.basic.length > MAX_BASIC_SELECTORS)
    add(['basic'], `A trail has at most ${String(MAX_BASIC_SELECTORS)} basic selectors.`);
  let total = 0;
  values.basic.forEach((selector, index) => {
    if (!selector.includeManagementEvents && selector.dataResources.length === 0)
      add(
        ['basic', index, 'dataResources'],
        'This selector logs nothing: include management events or add a data resource.',
      );
    selector.dataResources.forEach((resource, row) => {
      const at = (member: string) => ['basic', index, 'dataResources', row, member];
      const rule = VALUE_RULES[resource.type];
      if (!rule) {
        add(at('type'), 'Choose a resource type.');
        return;
      }
      const list = valuesOf(resource.values);
      total += list.length;
      if (list.length === 0) add(at('values'), 'Enter at least one ARN, one per line.');
      else if (list.length > MAX_DATA_RESOURCE_VALUES)
        add(at('values'), `At most ${String(MAX_DATA_RESOURCE_VALUES)} values.`);
      const bad = list.find((value) => !rule.pattern.test(value));
      if (bad !== undefined) add(at('values'), `${bad} is not valid here. Use ${rule.example}.`);
    });
  });
  if (total > MAX_DATA_RESOURCE_VALUES)
    add(
      ['basic'],
      `The selectors hold ${String(total)} data resource values; at most ${String(MAX_DATA_RESOURCE_VALUES)} are allowed in all.`,
    );
  return errors;
}

/** The PutEventSelectors members for the kind chosen. */
export function toPutEventSelectors(values: EventSelectorsFormValues) {
  return values.kind === 'basic'
    ? { EventSelectors: toEventSelectors(values.basic) }
    : { AdvancedEventSelectors: toAdvancedEventSelectors(values.selectors) };
}
