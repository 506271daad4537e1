import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import { ATTRIBUTE_LABELS } from './event-history-filter';
import type { LookupAttributeKey } from '@/lib/event-history-url';

export interface ScanProgress {
  /** LookupEvents pages read so far. */
  pages: number;
  /** Events those pages held. */
  scanned: number;
  /** Share of the time range they cover, 0..1. */
  coverage: number;
  complete: boolean;
}

/**
 * How complete a combined-filter result is: CloudTrail filters by one attribute, the console
 * applies the others to the pages it has read, so the user must know how much was read.
 */
export function ScanStatus({
  serverKey,
  localKeys,
  progress,
  matched,
  partial,
  scanning,
  onScanFurther,
}: {
  serverKey: LookupAttributeKey | undefined;
  localKeys: readonly LookupAttributeKey[];
  progress: ScanProgress;
  matched: number;
  /** This page stopped at its budget of calls before it was full. */
  partial: boolean;
  scanning: boolean;
  onScanFurther: () => void;
}) {
  if (localKeys.length === 0) return null;
  const sent = serverKey ? `CloudTrail looked up ${ATTRIBUTE_LABELS[serverKey]}` : 'CloudTrail returned all events';
  const applied = localKeys.map((key) => ATTRIBUTE_LABELS[key]).join(', ');
  const percent = Math.round(progress.coverage * 100);
  return (
    <Alert
      type={progress.complete ? 'success' : 'info'}
      header={progress.complete ? 'Complete result' : 'Partial result'}
      action={
        !partial ? null : (
          <Button onClick={onScanFurther} loading={scanning}>
            Scan further
          </Button>
        )
      }
    >
      {`${sent}; this console applied ${applied} to the ${String(progress.scanned)} events of ${String(progress.pages)} ` +
        `page${progress.pages === 1 ? '' : 's'} it read and found ${String(matched)} matching. ` +
        (progress.complete
          ? 'Every event in the time range was read.'
          : `They cover ${String(percent)}% of the time range, newest first; older events were not read yet` +
            (partial ? '.' : ': the next page reads on.'))}
    </Alert>
  );
}
