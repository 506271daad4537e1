import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Textarea from '@cloudscape-design/components/textarea';
import type { ReadWriteType } from '@aws-sdk/client-cloudtrail';
import {
  BASIC_DATA_RESOURCE_TYPES,
  EXCLUDABLE_SOURCES,
  MAX_BASIC_SELECTORS,
  MAX_DATA_RESOURCE_VALUES,
  newBasicSelector,
  type BasicSelectorDraft,
  type DataResourceDraft,
} from './event-selectors-form-schema';

const READ_WRITE_ITEMS: { value: ReadWriteType; label: string; description: string }[] = [
  { value: 'All', label: 'Read and write', description: 'Every event the selector covers.' },
  { value: 'ReadOnly', label: 'Read only', description: 'Calls that only read, such as Get and List calls.' },
  { value: 'WriteOnly', label: 'Write only', description: 'Calls that change something.' },
];

const TYPE_OPTIONS = BASIC_DATA_RESOURCE_TYPES.map((type) => ({ value: type, label: type }));

export interface BasicSelectorEditorProps {
  selectors: readonly BasicSelectorDraft[];
  onChange: (selectors: BasicSelectorDraft[]) => void;
  /** The shown error of a control, by its path ("basic.0.dataResources.1.values"). */
  errorOf: (path: string) => string | undefined;
  onBlur: (path: string) => void;
}

function BasicSelectorFields({
  selector,
  index,
  count,
  update,
  remove,
  errorOf,
  onBlur,
}: {
  selector: BasicSelectorDraft;
  index: number;
  count: number;
  update: (next: BasicSelectorDraft) => void;
  remove: () => void;
  errorOf: BasicSelectorEditorProps['errorOf'];
  onBlur: BasicSelectorEditorProps['onBlur'];
}) {
  const at = (member: string) => `basic.${String(index)}.${member}`;
  const title = `Selector ${String(index + 1)}`;
  const changeResource = (row: number, next: Partial<DataResourceDraft>) => {
    update({
      ...selector,
      dataResources: selector.dataResources.map((resource, position) =>
        position === row ? { ...resource, ...next } : resource,
      ),
    });
  };
  const resourcesError = errorOf(at('dataResources'));
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
          <FormField label="Read and write events">
            <RadioGroup
              value={selector.readWriteType}
              items={READ_WRITE_ITEMS}
              onChange={({ detail }) => {
                update({ ...selector, readWriteType: detail.value as ReadWriteType });
              }}
            />
          </FormField>
          <FormField label="Management events">
            <SpaceBetween size="xxs">
              <Checkbox
                checked={selector.includeManagementEvents}
                onChange={({ detail }) => {
                  update({ ...selector, includeManagementEvents: detail.checked });
                }}
              >
                Include management events
              </Checkbox>
              {selector.includeManagementEvents
                ? EXCLUDABLE_SOURCES.map((source) => (
                    <Checkbox
                      key={source}
                      checked={selector.excludedSources.includes(source)}
                      onChange={({ detail }) => {
                        update({
                          ...selector,
                          excludedSources: detail.checked
                            ? [...selector.excludedSources, source]
                            : selector.excludedSources.filter((excluded) => excluded !== source),
                        });
                      }}
                    >
                      {`Exclude ${source} events`}
                    </Checkbox>
                  ))
                : null}
            </SpaceBetween>
          </FormField>
          <SpaceBetween size="xs">
            <Header
              variant="h3"
              headingTagOverride="h4"
              description={`Data events of these resources, one ARN or ARN prefix per line; ${String(MAX_DATA_RESOURCE_VALUES)} values in all.`}
            >
              Data events
            </Header>
            <AttributeEditor<DataResourceDraft>
              items={selector.dataResources}
              addButtonText="Add data resource"
              removeButtonText="Remove"
              removeButtonAriaLabel={(resource) => `Remove data resource ${resource.type} from ${title}`}
              onAddButtonClick={() => {
                update({ ...selector, dataResources: [...selector.dataResources, { type: '', values: '' }] });
              }}
              onRemoveButtonClick={({ detail }) => {
                update({
                  ...selector,
                  dataResources: selector.dataResources.filter((_, position) => position !== detail.itemIndex),
                });
              }}
              empty="No data events."
              definition={[
                {
                  label: 'Resource type',
                  control: (resource, row) => (
                    <Select
                      selectedOption={TYPE_OPTIONS.find((option) => option.value === resource.type) ?? null}
                      options={TYPE_OPTIONS}
                      placeholder="Choose a resource type"
                      onBlur={() => {
                        onBlur(at(`dataResources.${String(row)}.type`));
                      }}
                      onChange={({ detail }) => {
                        changeResource(row, { type: detail.selectedOption.value ?? '' });
                      }}
                    />
                  ),
                  errorText: (_, row) => errorOf(at(`dataResources.${String(row)}.type`)),
                },
                {
                  label: 'ARNs',
                  control: (resource, row) => (
                    <Textarea
                      value={resource.values}
                      rows={2}
                      spellcheck={false}
                      placeholder="arn:aws:s3:::amzn-s3-demo-bucket/"
                      onBlur={() => {
                        onBlur(at(`dataResources.${String(row)}.values`));
                      }}
                      onChange={({ detail }) => {
                        changeResource(row, { values: detail.value });
                      }}
                    />
                  ),
                  errorText: (_, row) => errorOf(at(`dataResources.${String(row)}.values`)),
                },
              ]}
            />
            {resourcesError ? <StatusIndicator type="error">{resourcesError}</StatusIndicator> : null}
          </SpaceBetween>
        </SpaceBetween>
      </Container>
    </section>
  );
}

/** Basic event selectors of a trail: read/write, management events and their exclusions, data resources. */
export function BasicSelectorEditor({ selectors, onChange, errorOf, onBlur }: BasicSelectorEditorProps) {
  const selectorsError = errorOf('basic');
  return (
    <SpaceBetween size="m">
      <Box variant="p" color="text-body-secondary">
        {`The trail logs an event when any selector matches it. Up to ${String(MAX_BASIC_SELECTORS)} basic selectors.`}
      </Box>
      {selectors.map((selector, index) => (
        <BasicSelectorFields
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
        disabled={selectors.length >= MAX_BASIC_SELECTORS}
        disabledReason={`A trail has at most ${String(MAX_BASIC_SELECTORS)} basic selectors.`}
        onClick={() => {
          onChange([...selectors, newBasicSelector()]);
        }}
      >
        Add selector
      </Button>
    </SpaceBetween>
  );
}
