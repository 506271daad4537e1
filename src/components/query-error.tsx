import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';

/** A link to Settings, for failures whose fix is there (credentials, the backend's address). */
export function SettingsLink() {
  const follow = useFollow();
  return (
    <Button href={paths.settings()} onFollow={follow}>
      Open Settings
    </Button>
  );
}

/** A failed load, in place where it was asked for: CloudTrail's error, Retry, and Settings when the fix is there. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { backend } = useConnection();
  const view = describeError(error, { backend });
  return (
    <Alert
      type="error"
      header={view.title}
      action={
        <SpaceBetween direction="horizontal" size="xs">
          {view.settings ? <SettingsLink /> : null}
          <Button
            onClick={() => {
              onRetry();
            }}
          >
            Retry
          </Button>
        </SpaceBetween>
      }
    >
      {view.message}
    </Alert>
  );
}
