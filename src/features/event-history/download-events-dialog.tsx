import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { Event } from '@aws-sdk/client-cloudtrail';
import { useRef, useState } from 'react';
import { describeError } from '@/api/errors';
import { saveFile } from '@/lib/save-file';
import { eventsToCsv, eventsToJson } from './export-events';
import type { ScanProgress } from './scan-status';
import { ModalFooter } from '@/components/modal-footer';

type Format = 'csv' | 'json';
type Scope = 'loaded' | 'all';

export interface DownloadEventsDialogProps {
  /** Matching events loaded so far. */
  loaded: readonly Event[];
  progress: ScanProgress;
  /** Reads the rest of the time range; resolves with every matching event, or rejects when cancelled. */
  loadAll: (signal: AbortSignal) => Promise<readonly Event[]>;
  visible: boolean;
  onClose: () => void;
}

/**
 * The download dialog: CSV or JSON, up to the whole time range, with progress and cancel. Its own
 * module, loaded on the first click on "Download events" (download-events.tsx).
 */
export function DownloadEventsDialog({ loaded, progress, loadAll, visible, onClose }: DownloadEventsDialogProps) {
  const [format, setFormat] = useState<Format>('csv');
  const [scope, setScope] = useState<Scope>('loaded');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);

  const close = () => {
    controller.current?.abort(new DOMException('Download cancelled', 'AbortError'));
    onClose();
    setRunning(false);
    setError(null);
  };

  const start = async () => {
    setError(null);
    let events = loaded;
    if (scope === 'all' && !progress.complete) {
      const abort = new AbortController();
      controller.current = abort;
      setRunning(true);
      try {
        events = await loadAll(abort.signal);
      } catch (failure) {
        setRunning(false);
        if (!abort.signal.aborted) setError(failure);
        return;
      }
      setRunning(false);
    }
    const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
    if (format === 'csv') saveFile(`cloudtrail-events-${stamp}.csv`, 'text/csv', eventsToCsv(events));
    else saveFile(`cloudtrail-events-${stamp}.json`, 'application/json', eventsToJson(events));
    onClose();
  };

  return (
    <Modal
      visible={visible}
      header="Download events"
      onDismiss={close}
      footer={
        <ModalFooter onCancel={close}>
          <Button variant="primary" loading={running} onClick={() => void start()}>
            Download
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="l">
        <FormField label="Format">
          <RadioGroup
            value={format}
            onChange={({ detail }) => {
              setFormat(detail.value as Format);
            }}
            items={[
              { value: 'csv', label: 'CSV', description: 'One row per event, for spreadsheets.' },
              { value: 'json', label: 'JSON', description: 'The full CloudTrail record of each event.' },
            ]}
          />
        </FormField>
        <FormField label="Events">
          <RadioGroup
            value={scope}
            onChange={({ detail }) => {
              setScope(detail.value as Scope);
            }}
            items={[
              {
                value: 'loaded',
                label: `Loaded events (${String(loaded.length)})`,
                description: 'The matching events read so far.',
              },
              {
                value: 'all',
                label: 'Every matching event in the time range',
                description: progress.complete
                  ? 'Every event in the time range is already loaded.'
                  : 'Reads the rest of the time range first, at CloudTrail’s rate of 2 requests per second.',
              },
            ]}
          />
        </FormField>
        {running ? (
          <ProgressBar
            label="Reading events"
            value={Math.round(progress.coverage * 100)}
            additionalInfo={`${String(progress.scanned)} events read in ${String(progress.pages)} pages, ${String(loaded.length)} matching`}
          />
        ) : null}
        {error ? (
          <Alert type="error" header={describeError(error).title}>
            {describeError(error).message}
          </Alert>
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
