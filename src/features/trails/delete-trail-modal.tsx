import type { Trail } from '@aws-sdk/client-cloudtrail';
import { describeError } from '@/api/errors';
import { useDeleteTrail } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { DeleteConfirmationModal } from '@/components/delete-confirmation-modal';

/** Confirms deletion by the trail's name; CloudTrail's refusal shows inside the modal. */
export function DeleteTrailModal({
  trail,
  onDismiss,
  onDeleted,
}: {
  trail: Trail;
  onDismiss: () => void;
  onDeleted: () => void;
}) {
  const { backend } = useConnection();
  const remove = useDeleteTrail();
  const name = trail.Name ?? '';
  return (
    <DeleteConfirmationModal
      kind="trail"
      noun="trail"
      name={name}
      consequences={`Deleting ${name} delivers the events it holds, then stops logging for good${trail.IsMultiRegionTrail ? ' in every Region' : ''}. The log files and digest files already in s3://${trail.S3BucketName ?? ''} stay there.`}
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error, { backend }) : undefined}
      onConfirm={() => {
        remove.mutate(trail.TrailARN ?? name, { onSuccess: onDeleted });
      }}
      onDismiss={onDismiss}
    />
  );
}
