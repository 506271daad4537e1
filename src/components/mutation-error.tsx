import Alert from '@cloudscape-design/components/alert';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';
import { SettingsLink } from './query-error';

/** A rejected change, where the user made it: CloudTrail's error name and message; dismissible with onDismiss. */
export function MutationError({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const { backend } = useConnection();
  const view = describeError(error, { backend });
  return (
    <Alert
      type="error"
      header={view.title}
      action={view.settings ? <SettingsLink /> : undefined}
      {...(onDismiss ? { dismissible: true, onDismiss } : {})}
    >
      {view.message}
    </Alert>
  );
}
