import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import { useState } from 'react';
import { ModalFooter } from '@/components/modal-footer';
import { SAVED_QUERY_NAME_MAX } from './saved-queries';

export interface SaveQueryModalProps {
  existingNames: readonly string[];
  onSave: (name: string) => void;
  onDismiss: () => void;
}

/** Asks for the name to save the editor's query under; an existing name is replaced, and says so. */
export function SaveQueryModal({ existingNames, onSave, onDismiss }: SaveQueryModalProps) {
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const trimmed = name.trim();
  let error: string | undefined;
  if (trimmed === '') error = 'Enter a name.';
  else if (trimmed.length > SAVED_QUERY_NAME_MAX) error = `Use at most ${String(SAVED_QUERY_NAME_MAX)} characters.`;
  const save = () => {
    setSubmitted(true);
    if (error === undefined) onSave(trimmed);
  };
  return (
    <Modal
      visible
      header="Save query"
      onDismiss={onDismiss}
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button variant="primary" onClick={save}>
            Save
          </Button>
        </ModalFooter>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <FormField
          label="Query name"
          constraintText={
            existingNames.includes(trimmed)
              ? 'A saved query has this name: saving replaces it.'
              : `Up to ${String(SAVED_QUERY_NAME_MAX)} characters.`
          }
          errorText={submitted ? error : undefined}
        >
          <Input
            value={name}
            onChange={({ detail }) => {
              setName(detail.value);
            }}
          />
        </FormField>
      </form>
    </Modal>
  );
}
