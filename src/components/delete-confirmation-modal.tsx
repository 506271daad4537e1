import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { ErrorView } from '@/api/errors';
import { ModalFooter } from '@/components/modal-footer';

export interface DeleteConfirmationModalProps {
  /** What is deleted, as the header names it ("event data store", "integration"). */
  kind: string;
  /** The short word the confirmation field uses ("store", "integration"). */
  noun: string;
  /** The name the user types to confirm. */
  name: string;
  /** What deleting does. */
  consequences: string;
  pending: boolean;
  /** CloudTrail's refusal, shown inside the modal. */
  error: ErrorView | undefined;
  onConfirm: () => void;
  onDismiss: () => void;
}

/** Confirms a deletion by the resource's name, typed; the Delete button stays disabled until it matches. */
export function DeleteConfirmationModal({
  kind,
  noun,
  name,
  consequences,
  pending,
  error,
  onConfirm,
  onDismiss,
}: DeleteConfirmationModalProps) {
  const [typed, setTyped] = useState('');
  const confirmed = typed === name;
  const submit = () => {
    if (confirmed && !pending) onConfirm();
  };
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={`Delete ${kind} ${name}?`}
      closeAriaLabel="Close"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button variant="primary" disabled={!confirmed} loading={pending} onClick={submit}>
            Delete
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">{consequences}</Box>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormField label={`To confirm, type the ${noun}'s name: ${name}`}>
            <Input
              value={typed}
              autoComplete={false}
              spellcheck={false}
              onChange={({ detail }) => {
                setTyped(detail.value);
              }}
            />
          </FormField>
        </form>
        {error ? (
          <Alert type="error" header={error.title}>
            {error.message}
          </Alert>
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
