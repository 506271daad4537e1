import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { describeError } from '@/api/errors';
import { useDeleteEventDataStore, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { EVENT_DATA_STORE_DELETION_WAIT_DAYS } from '@/lib/cloudtrail-limits';

/** Confirms deletion by the store's name; CloudTrail's refusal shows inside the modal. */
export function DeleteEventDataStoreModal({
  store,
  onDismiss,
  onDeleted,
}: {
  store: EventDataStoreDetails;
  onDismiss: () => void;
  onDeleted: () => void;
}) {
  const { backend } = useConnection();
  const remove = useDeleteEventDataStore();
  const [typed, setTyped] = useState('');
  const name = store.Name ?? '';
  const confirmed = typed === name;
  const error = remove.isError ? describeError(remove.error, { backend }) : undefined;
  const submit = () => {
    if (!confirmed || remove.isPending) return;
    remove.mutate(store.EventDataStoreArn ?? '', { onSuccess: onDeleted });
  };
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={`Delete event data store ${name}?`}
      closeAriaLabel="Close"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss}>
              Cancel
            </Button>
            <Button variant="primary" disabled={!confirmed} loading={remove.isPending} onClick={submit}>
              Delete
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          {`Deleting ${name} stops its ingestion and marks it pending deletion. CloudTrail purges the store and its events after ${String(EVENT_DATA_STORE_DELETION_WAIT_DAYS)} days; until then you can restore it. While it is pending deletion it cannot be queried or changed.`}
        </Box>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormField label={`To confirm, type the store's name: ${name}`}>
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
