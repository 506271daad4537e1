import Button from '@cloudscape-design/components/button';
import { lazy, Suspense, useState } from 'react';
import type { DownloadEventsDialogProps } from './download-events-dialog';

// The dialog (with the CSV and JSON writers) is not part of the first screen: its code is loaded on
// the first click, and stays mounted afterwards so that it keeps the format and scope chosen.
const DownloadEventsDialog = lazy(() =>
  import('./download-events-dialog').then((module) => ({ default: module.DownloadEventsDialog })),
);

/** What the download needs: the events loaded so far, how far reading got, and a way to read the rest. */
export type DownloadEventsProps = Omit<DownloadEventsDialogProps, 'visible' | 'onClose'>;

/** Download of the current result as CSV or JSON, up to the whole time range, with progress and cancel. */
export function DownloadEvents(props: DownloadEventsProps) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        iconName="download"
        onClick={() => {
          setOpen(true);
          setOpened(true);
        }}
      >
        Download events
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <DownloadEventsDialog
            {...props}
            visible={open}
            onClose={() => {
              setOpen(false);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
