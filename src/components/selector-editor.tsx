import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { JsonView } from '@/components/json-view';
import { DATA_RESOURCE_TYPES, MAX_SELECTOR_VALUES, MAX_SELECTORS } from '@/lib/cloudtrail-limits';
import {
  CATEGORY_LABELS,
  conditionFieldsOf,
  newSelectorDraft,
  operatorsFor,
  SELECTOR_CATEGORIES,
  toAdvancedEventSelectors,
  type ConditionDraft,
  type ReadWrite,
  type SelectorCategory,
  type SelectorDraft,
  type SelectorOperator,
} from '@/lib/selector-drafts';

const CATEGORY_OPTIONS = SELECTOR_CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABELS[category] }));
const RESOURCE_TYPE_OPTIONS = DATA_RESOURCE_TYPES.map((type) => ({ value: type, label: type }));

const READ_WRITE_ITEMS: { value: ReadWrite; label: string; description: string }[] = [
  { value: 'all', label: 'All events', description: 'Read and write events.' },
  { value: 'readOnly', label: 'Read-only events', description: 'readOnly equals true, such as Get and List calls.' },
  {
    value: 'writeOnly',
    label: 'Write-only events',
    description: 'readOnly equals false: calls that change something.',
  },
];

const OPERATOR_LABELS: Record<SelectorOperator, string> = {
  Equals: 'equals',
  StartsWith: 'starts with',
  EndsWith: 'ends with',
  NotEquals: 'does not equal',
  NotStartsWith: 'does not start with',
  NotEndsWith: 'does not end with',
};

/** A new condition row: the field people filter a category by most. */
function newCondition(category: SelectorCategory): ConditionDraft {
  if (category === 'Data') return { field: 'resources.ARN', operator: 'StartsWith', value: '' };
  if (category === 'NetworkActivity') return { field: 'eventSource', operator: 'Equals', value: '' };
  return { field: 'eventName', operator: 'Equals', value: '' };
}

export interface SelectorEditorProps {
  selectors: readonly SelectorDraft[];
  onChange: (selectors: SelectorDraft[]) => void;
  /** The shown error of a control, by its path in the form ("selectors.0.resourceType"). */
  errorOf: (path: string) => string | undefined;
  /** Marks a control as visited, so its error shows. */
  onBlur: (path: string) => void;
  /** An event data store's cap on selectors (default 5); null for none (trails have no cap). */
  maxSelectors?: number | null;
  /** The sentence above the selectors; default: how a store uses them. */
  intro?: string;
}

function SelectorFields({
  selector,
  index,
  count,
  update,
  remove,
  errorOf,
  onBlur,
}: {
  selector: SelectorDraft;
  index: number;
  count: number;
  update: (next: SelectorDraft) => void;
  remove: () => void;
  errorOf: SelectorEditorProps['errorOf'];
  onBlur: SelectorEditorProps['onBlur'];
}) {
  const at = (member: string) => `selectors.${String(index)}.${member}`;
  const title = `Selector ${String(index + 1)}`;
  const fieldOptions = conditionFieldsOf(selector.category).map((field) => ({ value: field, label: field }));
  const changeCondition = (row: number, next: Partial<ConditionDraft>) => {
    update({
      ...selector,
      conditions: selector.conditions.map((condition, position) => {
        if (position !== row) return condition;
        const merged = { ...condition, ...next };
        const allowed = operatorsFor(merged.field, selector.category);
        return allowed.includes(merged.operator) ? merged : { ...merged, operator: allowed[0] ?? 'Equals' };
      }),
    });
  };
  const conditionsError = errorOf(at('conditions'));
  return (
    <section aria-label={title}>
      <Container
        header={
          <Header
            variant="h3"
            actions={
              <Button formAction="none" onClick={remove} ariaLabel={`Remove ${title}`} disabled={count === 1}>
                Remove
              </Button>
            }
          >
            {title}
          </Header>
        }
      >
        <SpaceBetween size="m">
          <FormField label="Event category" errorText={errorOf(at('category'))}>
            <Select
              selectedOption={CATEGORY_OPTIONS.find((option) => option.value === selector.category) ?? null}
              options={CATEGORY_OPTIONS}
              onChange={({ detail }) => {
                const category = (detail.selectedOption.value ?? 'Management') as SelectorCategory;
                const fields = conditionFieldsOf(category);
                update({
                  ...selector,
                  category,
                  readWrite: category === 'NetworkActivity' ? 'all' : selector.readWrite,
                  resourceType: category === 'Data' ? selector.resourceType : '',
                  conditions: selector.conditions.filter((condition) => fields.includes(condition.field)),
                });
              }}
            />
          </FormField>
          {selector.category === 'Data' ? (
            <FormField
              label="Resource type"
              description="The kind of resource whose data events the selector collects (resources.type)."
              errorText={errorOf(at('resourceType'))}
            >
              <Select
                selectedOption={RESOURCE_TYPE_OPTIONS.find((option) => option.value === selector.resourceType) ?? null}
                options={RESOURCE_TYPE_OPTIONS}
                placeholder="Choose a resource type"
                filteringType="auto"
                filteringAriaLabel="Find a resource type"
                onBlur={() => {
                  onBlur(at('resourceType'));
                }}
                onChange={({ detail }) => {
                  update({ ...selector, resourceType: detail.selectedOption.value ?? '' });
                }}
              />
            </FormField>
          ) : null}
          {selector.category === 'NetworkActivity' ? null : (
            <FormField label="Read and write events">
              <RadioGroup
                value={selector.readWrite}
                items={READ_WRITE_ITEMS}
                onChange={({ detail }) => {
                  update({ ...selector, readWrite: detail.value as ReadWrite });
                }}
              />
            </FormField>
          )}
          <FormField
            label="Selector name - optional"
            constraintText="Shown in the store's settings; CloudTrail does not use it to select events."
            errorText={errorOf(at('name'))}
          >
            <Input
              value={selector.name}
              onBlur={() => {
                onBlur(at('name'));
              }}
              onChange={({ detail }) => {
                update({ ...selector, name: detail.value });
              }}
            />
          </FormField>
          <SpaceBetween size="xs">
            <Header
              variant="h3"
              headingTagOverride="h4"
              description="An event must meet every condition. Rows of the same field and operator are alternatives: any value may match (for does not…, none may)."
            >
              Conditions
            </Header>
            <AttributeEditor<ConditionDraft>
              items={selector.conditions}
              addButtonText="Add condition"
              removeButtonText="Remove"
              removeButtonAriaLabel={(condition) => `Remove condition on ${condition.field} from ${title}`}
              onAddButtonClick={() => {
                update({ ...selector, conditions: [...selector.conditions, newCondition(selector.category)] });
              }}
              onRemoveButtonClick={({ detail }) => {
                update({
                  ...selector,
                  conditions: selector.conditions.filter((_, position) => position !== detail.itemIndex),
                });
              }}
              empty={
                selector.category === 'Data'
                  ? 'No conditions: every data event of the resource type.'
                  : 'No conditions: every event of the category.'
              }
              definition={[
                {
                  label: 'Field',
                  control: (condition, row) => (
                    <Select
                      selectedOption={fieldOptions.find((option) => option.value === condition.field) ?? null}
                      options={fieldOptions}
                      placeholder="Choose a field"
                      onChange={({ detail }) => {
                        changeCondition(row, { field: detail.selectedOption.value ?? '' });
                      }}
                    />
                  ),
                  errorText: (_, row) => errorOf(at(`conditions.${String(row)}.field`)),
                },
                {
                  label: 'Operator',
                  control: (condition, row) => {
                    const options = operatorsFor(condition.field, selector.category).map((operator) => ({
                      value: operator,
                      label: OPERATOR_LABELS[operator],
                    }));
                    return (
                      <Select
                        selectedOption={options.find((option) => option.value === condition.operator) ?? null}
                        options={options}
                        onChange={({ detail }) => {
                          changeCondition(row, {
                            operator: (detail.selectedOption.value ?? 'Equals') as SelectorOperator,
                          });
                        }}
                      />
                    );
                  },
                  errorText: (_, row) => errorOf(at(`conditions.${String(row)}.operator`)),
                },
                {
                  label: 'Value',
                  control: (condition, row) => (
                    <Input
                      value={condition.value}
                      placeholder={
                        condition.field === 'resources.ARN' ? 'arn:aws:s3:::amzn-s3-demo-bucket/' : undefined
                      }
                      onBlur={() => {
                        onBlur(at(`conditions.${String(row)}.value`));
                      }}
                      onChange={({ detail }) => {
                        changeCondition(row, { value: detail.value });
                      }}
                    />
                  ),
                  errorText: (_, row) => errorOf(at(`conditions.${String(row)}.value`)),
                },
              ]}
            />
            {conditionsError ? <StatusIndicator type="error">{conditionsError}</StatusIndicator> : null}
          </SpaceBetween>
        </SpaceBetween>
      </Container>
    </section>
  );
}

/**
 * Advanced event selectors of CloudTrail events: each selector picks a category, read or write
 * events, a resource type for data events, and conditions on fields; the JSON CloudTrail receives
 * is shown below.
 */
export function SelectorEditor({
  selectors,
  onChange,
  errorOf,
  onBlur,
  maxSelectors = MAX_SELECTORS,
  intro = `A store collects an event when any selector matches it. Up to ${String(MAX_SELECTORS)} selectors and ${String(MAX_SELECTOR_VALUES)} values in all.`,
}: SelectorEditorProps) {
  const selectorsError = errorOf('selectors');
  const json = JSON.stringify(toAdvancedEventSelectors(selectors), null, 2);
  return (
    <SpaceBetween size="m">
      <Box variant="p" color="text-body-secondary">
        {intro}
      </Box>
      {selectors.map((selector, index) => (
        <SelectorFields
          // Selectors have no identity of their own; their position is what the user sees.
          key={index}
          selector={selector}
          index={index}
          count={selectors.length}
          errorOf={errorOf}
          onBlur={onBlur}
          update={(next) => {
            onChange(selectors.map((existing, position) => (position === index ? next : existing)));
          }}
          remove={() => {
            onChange(selectors.filter((_, position) => position !== index));
          }}
        />
      ))}
      {selectorsError ? <StatusIndicator type="error">{selectorsError}</StatusIndicator> : null}
      <Button
        formAction="none"
        iconName="add-plus"
        disabled={maxSelectors !== null && selectors.length >= maxSelectors}
        disabledReason={`An event data store has at most ${String(maxSelectors)} selectors.`}
        onClick={() => {
          onChange([...selectors, newSelectorDraft('Data')]);
        }}
      >
        Add selector
      </Button>
      <ExpandableSection headerText="Advanced event selectors JSON" defaultExpanded variant="footer">
        <JsonView json={json} label="Advanced event selectors JSON" maxHeight={320} />
      </ExpandableSection>
    </SpaceBetween>
  );
}
