import { describeError } from '@/api/errors';
import { useDeleteEventDataStore, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { DeleteConfirmationModal } from '@/components/delete-confirmation-modal';
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
  const name = store.Name ?? '';
  return (
    <DeleteConfirmationModal
      kind="event data store"
      noun="store"
      name={name}
      consequences={`Deleting ${name} stops its ingestion and marks it pending deletion. CloudTrail purges the store and its events after ${String(EVENT_DATA_STORE_DELETION_WAIT_DAYS)} days; until then you can restore it. While it is pending deletion it cannot be queried or changed.`}
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error, { backend }) : undefined}
      onConfirm={() => {
        remove.mutate(store.EventDataStoreArn ?? '', { onSuccess: onDeleted });
      }}
      onDismiss={onDismiss}
    />
  );
}
