import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useEffect, useRef, useState } from 'react';
import { MAX_TAGS, TAG_KEY, TAG_VALUE } from '@/lib/cloudtrail-limits';
import type { TagDraft } from '@/lib/tags';

export interface TagsEditorProps {
  tags: readonly TagDraft[];
  onChange: (tags: TagDraft[]) => void;
  /** The shown error of a control, by its path ("tags.0.key"). */
  errorOf: (path: string) => string | undefined;
  onBlur: (path: string) => void;
}

/**
 * Key and value rows; each row's errors show next to it. A row just added stays unmarked until
 * the user types in it or submits the form: leaving it empty is not yet a mistake.
 */
export function TagsEditor({ tags, onChange, errorOf: shownError, onBlur: visit }: TagsEditorProps) {
  // Rows added here and not typed in yet; an edit replaces the row object, so it leaves the set.
  const [fresh] = useState(() => new WeakSet<TagDraft>());
  const [, setSubmits] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = root.current?.closest('form');
    if (!form) return;
    // A native listener on the form runs before React's submit handler, so the form's re-render shows every row's error.
    const handleSubmit = () => {
      for (const tag of tags) fresh.delete(tag);
      setSubmits((count) => count + 1);
    };
    form.addEventListener('submit', handleSubmit);
    return () => {
      form.removeEventListener('submit', handleSubmit);
    };
  }, [tags, fresh]);
  const errorOf = (index: number, field: keyof TagDraft) => {
    const tag = tags[index];
    return tag !== undefined && fresh.has(tag) ? undefined : shownError(`tags.${String(index)}.${field}`);
  };
  const onBlur = (index: number, field: keyof TagDraft) => {
    const tag = tags[index];
    if (tag === undefined || !fresh.has(tag)) visit(`tags.${String(index)}.${field}`);
  };
  const change = (index: number, next: Partial<TagDraft>) => {
    onChange(tags.map((tag, position) => (position === index ? { ...tag, ...next } : tag)));
  };
  const listError = shownError('tags');
  return (
    <div ref={root}>
      <SpaceBetween size="xs">
        <AttributeEditor<TagDraft>
          items={tags}
          addButtonText="Add tag"
          removeButtonText="Remove"
          removeButtonAriaLabel={(tag) => `Remove tag ${tag.key}`}
          disableAddButton={tags.length >= MAX_TAGS}
          onAddButtonClick={() => {
            const added = { key: '', value: '' };
            fresh.add(added);
            onChange([...tags, added]);
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
                    onBlur(index, 'key');
                  }}
                  onChange={({ detail }) => {
                    change(index, { key: detail.value });
                  }}
                />
              ),
              errorText: (_, index) => errorOf(index, 'key'),
            },
            {
              label: 'Value - optional',
              control: (tag, index) => (
                <Input
                  value={tag.value}
                  onBlur={() => {
                    onBlur(index, 'value');
                  }}
                  onChange={({ detail }) => {
                    change(index, { value: detail.value });
                  }}
                />
              ),
              errorText: (_, index) => errorOf(index, 'value'),
            },
          ]}
        />
        {listError ? (
          <Box>
            <StatusIndicator type="error">{listError}</StatusIndicator>
          </Box>
        ) : null}
      </SpaceBetween>
    </div>
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
