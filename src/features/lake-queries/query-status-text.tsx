import type { QueryStatus } from '@aws-sdk/client-cloudtrail';
import { StatusIndicator, type StatusIndicatorProps } from '@/components/status-indicator';

const STATUSES: Record<QueryStatus, { type: StatusIndicatorProps.Type; text: string }> = {
  QUEUED: { type: 'pending', text: 'Queued' },
  RUNNING: { type: 'in-progress', text: 'Running' },
  FINISHED: { type: 'success', text: 'Finished' },
  FAILED: { type: 'error', text: 'Failed' },
  CANCELLED: { type: 'stopped', text: 'Cancelled' },
  TIMED_OUT: { type: 'warning', text: 'Timed out' },
};

/** A query's status in words with its icon; `detail` follows the word ("Running, 3 s elapsed"). */
export function QueryStatusText({ status, detail }: { status: QueryStatus | undefined; detail?: string }) {
  if (status === undefined) return '-';
  const shown = STATUSES[status];
  return (
    <StatusIndicator type={shown.type}>
      {detail === undefined ? shown.text : `${shown.text}, ${detail}`}
    </StatusIndicator>
  );
}
