import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { useDeleteChannel, type ChannelDetails } from '@/api/channels';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';

/** Confirms deletion by the channel's name; CloudTrail's refusal shows inside the modal. */
export function DeleteChannelModal({
  channel,
  onDismiss,
  onDeleted,
}: {
  channel: ChannelDetails;
  onDismiss: () => void;
  onDeleted: () => void;
}) {
  const { backend } = useConnection();
  const remove = useDeleteChannel();
  const [typed, setTyped] = useState('');
  const name = channel.Name ?? '';
  const confirmed = typed === name;
  const error = remove.isError ? describeError(remove.error, { backend }) : undefined;
  const submit = () => {
    if (!confirmed || remove.isPending) return;
    remove.mutate(channel.ChannelArn ?? '', { onSuccess: onDeleted });
  };
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={`Delete integration ${name}?`}
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
          {`Deleting ${name} deletes its channel, resource policy and tags at once. Its source can no longer send events; events already in its event data stores stay there.`}
        </Box>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormField label={`To confirm, type the integration's name: ${name}`}>
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
