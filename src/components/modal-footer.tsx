import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';

/** A modal's footer, as Cloudscape lays it out: Cancel, then the modal's own actions, on the right. */
export function ModalFooter({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
        {children}
      </SpaceBetween>
    </Box>
  );
}
