import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useRestoreEventDataStore, type EventDataStoreDetails } from '@/api/event-data-stores';
import { MutationError } from '@/components/mutation-error';
import { formatEventTime } from '@/lib/format-time';
import { daysLeftBeforePurge, daysText, purgeTimeOf } from './describe-event-data-store';
import { ModalFooter } from '@/components/modal-footer';

/** Confirms restoring a store pending deletion, saying how long is left before the purge. */
export function RestoreEventDataStoreModal({
  store,
  onDismiss,
  onRestored,
}: {
  store: EventDataStoreDetails;
  onDismiss: () => void;
  onRestored: () => void;
}) {
  const restore = useRestoreEventDataStore();
  const name = store.Name ?? '';
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={`Restore event data store ${name}?`}
      closeAriaLabel="Close"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button
            variant="primary"
            loading={restore.isPending}
            onClick={() => {
              restore.mutate(store.EventDataStoreArn ?? '', { onSuccess: onRestored });
            }}
          >
            Restore
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          {`${name} is pending deletion: CloudTrail purges it on ${formatEventTime(purgeTimeOf(store))}, in ${daysText(daysLeftBeforePurge(store, new Date()))}. Restoring enables it again; events that occurred while it was deleted are not added.`}
        </Box>
        {restore.isError ? <MutationError error={restore.error} /> : null}
      </SpaceBetween>
    </Modal>
  );
}
