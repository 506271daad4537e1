import { describeError } from '@/api/errors';
import { useDeleteDashboard } from '@/api/dashboards';
import { useConnection } from '@/api/use-connection';
import { DeleteConfirmationModal } from '@/components/delete-confirmation-modal';

/**
 * Confirms deletion of a custom dashboard (or the Highlights) by its name; CloudTrail's refusal,
 * such as termination protection, shows inside the modal.
 */
export function DeleteDashboardModal({
  name,
  terminationProtection = false,
  onDismiss,
  onDeleted,
}: {
  name: string;
  /** Whether the dashboard is protected as last loaded; the API still decides. */
  terminationProtection?: boolean;
  onDismiss: () => void;
  onDeleted: () => void;
}) {
  const { backend } = useConnection();
  const remove = useDeleteDashboard();
  return (
    <DeleteConfirmationModal
      kind="dashboard"
      noun="dashboard"
      name={name}
      consequences={`Deleting ${name} removes its widgets, refresh schedule, tags and resource policy for good. Queries its refreshes already ran stay in the query history of their stores.${terminationProtection ? ' Termination protection is on: turn it off on the Edit page first, or CloudTrail refuses.' : ''}`}
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error, { backend }) : undefined}
      onConfirm={() => {
        remove.mutate(name, { onSuccess: onDeleted });
      }}
      onDismiss={onDismiss}
    />
  );
}
