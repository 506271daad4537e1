import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';

/** A failed load, in place where it was asked for: CloudTrail's error and a Retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { backend } = useConnection();
  const view = describeError(error, { backend });
  return (
    <Alert
      type="error"
      header={view.title}
      action={
        <Button
          onClick={() => {
            onRetry();
          }}
        >
          Retry
        </Button>
      }
    >
      {view.message}
    </Alert>
  );
}
