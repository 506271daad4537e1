import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';

/** What a table shows when it has no rows: a title, why, and what the user can do about it. */
export function EmptyState({ title, message, action }: { title: string; message?: string; action?: ReactNode }) {
  return (
    <Box textAlign="center" color="inherit">
      <SpaceBetween size="xs">
        <b>{title}</b>
        {message === undefined ? null : (
          <Box variant="p" color="inherit">
            {message}
          </Box>
        )}
        {action ?? null}
      </SpaceBetween>
    </Box>
  );
}
