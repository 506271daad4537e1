import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { MAX_TAGS, TAG_KEY, TAG_VALUE } from '@/lib/cloudtrail-limits';
import type { TagDraft } from '@/lib/tags';

export interface TagsEditorProps {
  tags: readonly TagDraft[];
  onChange: (tags: TagDraft[]) => void;
  /** The shown error of a control, by its path ("tags.0.key"). */
  errorOf: (path: string) => string | undefined;
  onBlur: (path: string) => void;
}

/** Key and value rows; each row's errors show next to it. */
export function TagsEditor({ tags, onChange, errorOf, onBlur }: TagsEditorProps) {
  const change = (index: number, next: Partial<TagDraft>) => {
    onChange(tags.map((tag, position) => (position === index ? { ...tag, ...next } : tag)));
  };
  const listError = errorOf('tags');
  return (
    <SpaceBetween size="xs">
      <AttributeEditor<TagDraft>
        items={tags}
        addButtonText="Add tag"
        removeButtonText="Remove"
        removeButtonAriaLabel={(tag) => `Remove tag ${tag.key}`}
        disableAddButton={tags.length >= MAX_TAGS}
        onAddButtonClick={() => {
          onChange([...tags, { key: '', value: '' }]);
        }}
        onRemoveButtonClick={({ detail }) => {
          onChange(tags.filter((_, position) => position !== detail.itemIndex));
        }}
        empty="No tags."
        additionalInfo={`Up to ${String(MAX_TAGS)} tags. Keys have ${String(TAG_KEY.min)}–${String(TAG_KEY.max)} characters and may not start with "${TAG_KEY.reservedPrefix}"; values have up to ${String(TAG_VALUE.max)}.`}
        definition={[
          {
            label: 'Key',
            control: (tag, index) => (
              <Input
                value={tag.key}
                onBlur={() => {
                  onBlur(`tags.${String(index)}.key`);
                }}
                onChange={({ detail }) => {
                  change(index, { key: detail.value });
                }}
              />
            ),
            errorText: (_, index) => errorOf(`tags.${String(index)}.key`),
          },
          {
            label: 'Value - optional',
            control: (tag, index) => (
              <Input
                value={tag.value}
                onBlur={() => {
                  onBlur(`tags.${String(index)}.value`);
                }}
                onChange={({ detail }) => {
                  change(index, { value: detail.value });
                }}
              />
            ),
            errorText: (_, index) => errorOf(`tags.${String(index)}.value`),
          },
        ]}
      />
      {listError ? (
        <Box>
          <StatusIndicator type="error">{listError}</StatusIndicator>
        </Box>
      ) : null}
    </SpaceBetween>
  );
}

/** The optional Tags section of a create form: the editor in a container of its own. */
export function TagsContainer({ resource, ...editor }: TagsEditorProps & { resource: string }) {
  return (
    <Container
      header={
        <Header variant="h2" description={`Labels to find, group and control access to the ${resource}.`}>
          Tags - optional
        </Header>
      }
    >
      <TagsEditor {...editor} />
    </Container>
  );
}
