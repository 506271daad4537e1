import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';
import { useFollow } from '@/hooks/use-follow';
import { SettingsLink } from './query-error';

export interface ResourceFormProps {
  submitText: string;
  cancelHref: string;
  submitting: boolean;
  /** The API's rejection of the last submit; shown first, as CloudTrail's message. */
  error?: unknown;
  /** A problem found before sending, such as an edit that changes nothing. */
  formError?: string;
  /** A submit was tried while some field is invalid. */
  invalid?: boolean;
  /** Buttons between Cancel and the submit button. */
  secondaryActions?: ReactNode;
  /** Called on submit (Enter or the primary button); the page's navigation is prevented. */
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * The shell of a create or edit page's form: a real `<form>`, so Enter submits, and Cloudscape's
 * Form with a Cancel link, the primary submit button and one error line for the whole form.
 */
export function ResourceForm({
  submitText,
  cancelHref,
  submitting,
  error,
  formError,
  invalid = false,
  secondaryActions,
  onSubmit,
  children,
}: ResourceFormProps) {
  const { backend } = useConnection();
  const follow = useFollow();
  const apiError = error === null || error === undefined ? undefined : describeError(error, { backend });
  let errorText: ReactNode;
  // The service's message says what is wrong in words; its exception name adds nothing for the user.
  if (apiError)
    errorText = apiError.settings ? (
      <SpaceBetween size="xs">
        <span>{apiError.message}</span>
        <SettingsLink />
      </SpaceBetween>
    ) : (
      apiError.message
    );
  else if (formError) errorText = formError;
  else if (invalid) errorText = 'Some fields need attention; see the messages next to them.';
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Form
        errorText={errorText}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" href={cancelHref} onFollow={follow}>
              Cancel
            </Button>
            {secondaryActions ?? null}
            <Button variant="primary" loading={submitting}>
              {submitText}
            </Button>
          </SpaceBetween>
        }
      >
        {children}
      </Form>
    </form>
  );
}
