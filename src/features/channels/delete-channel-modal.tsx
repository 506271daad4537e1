import { useDeleteChannel, type ChannelDetails } from '@/api/channels';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';
import { DeleteConfirmationModal } from '@/components/delete-confirmation-modal';

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
  const name = channel.Name ?? '';
  return (
    <DeleteConfirmationModal
      kind="integration"
      noun="integration"
      name={name}
      consequences={`Deleting ${name} deletes its channel, resource policy and tags at once. Its source can no longer send events; events already in its event data stores stay there.`}
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error, { backend }) : undefined}
      onConfirm={() => {
        remove.mutate(channel.ChannelArn ?? '', { onSuccess: onDeleted });
      }}
      onDismiss={onDismiss}
    />
  );
}
