import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { channelQueries, useUpdateChannel, type ChannelDetails } from '@/api/channels';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';
import { CHANNEL_NAME } from '@/lib/cloudtrail-limits';
import { editChannelErrors, editValuesOf, toUpdateChannelInput, type EditChannelValues } from './channel-form-schema';
import { DestinationStoresField } from './destination-stores-field';
import { useExistingNames } from '@/hooks/use-existing-names';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { duplicateNameError } from '@/lib/form-errors';
import { ModalFooter } from '@/components/modal-footer';

/** Renames a channel and changes its destination stores; the source never changes. */
export function EditChannelModal({
  channel,
  onDismiss,
  onSaved,
}: {
  channel: ChannelDetails;
  onDismiss: () => void;
  onSaved: () => void;
}) {
  const { connection } = useConnection();
  const update = useUpdateChannel();
  const [initial] = useState(() => editValuesOf(channel));
  const [values, setValues] = useState<EditChannelValues>(initial);
  const [unchanged, setUnchanged] = useState(false);
  const existingNames = useExistingNames(channelQueries.list(connection), (other) => other.Name, channel.Name);
  const schemaErrors = editChannelErrors(values);
  const duplicate = duplicateNameError(values.name, existingNames, {
    what: 'An integration',
    region: connection.region,
  });
  const errors = duplicate && !schemaErrors.name ? { ...schemaErrors, name: duplicate } : schemaErrors;
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, attemptSubmit } = useShownErrors(errors);

  const change = (next: Partial<EditChannelValues>) => {
    setValues((current) => ({ ...current, ...next }));
    setUnchanged(false);
  };
  const save = () => {
    attemptSubmit();
    if (!valid || update.isPending) return;
    const input = toUpdateChannelInput(channel, initial, values);
    if (!input) {
      setUnchanged(true);
      return;
    }
    update.mutate(input, { onSuccess: onSaved });
  };

  return (
    <Modal
      visible
      size="medium"
      onDismiss={onDismiss}
      header={`Edit integration ${channel.Name ?? ''}`}
      closeAriaLabel="Close"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button variant="primary" loading={update.isPending} onClick={save}>
            Save changes
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
        <SpaceBetween size="l">
          <FormField
            label="Integration name"
            constraintText={`${String(CHANNEL_NAME.min)}–${String(CHANNEL_NAME.max)} characters: letters, numbers, periods, underscores and hyphens. Unique in ${connection.region}.`}
            errorText={errorOf('name')}
          >
            <Input
              value={values.name}
              onBlur={() => {
                visit('name');
              }}
              onChange={({ detail }) => {
                change({ name: detail.value });
              }}
            />
          </FormField>
          <DestinationStoresField
            value={values.destinations}
            onChange={(destinations) => {
              change({ destinations });
            }}
            onBlur={() => {
              visit('destinations');
            }}
            errorText={errorOf('destinations')}
            description="The stores replace the current ones. Only stores of events from integrations in this Region are offered."
          />
          {unchanged ? <Alert type="info">Nothing to save: change the name or the stores first.</Alert> : null}
          {update.isError ? <MutationError error={update.error} /> : null}
        </SpaceBetween>
      </form>
    </Modal>
  );
}
