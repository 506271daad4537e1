import type { EventDataStoreStatus } from '@aws-sdk/client-cloudtrail';
import { StatusIndicator, type StatusIndicatorProps } from '@/components/status-indicator';

const STATUS_VIEWS: Record<EventDataStoreStatus, { type: StatusIndicatorProps.Type; text: string }> = {
  CREATED: { type: 'pending', text: 'Created' },
  ENABLED: { type: 'success', text: 'Enabled' },
  STOPPING_INGESTION: { type: 'in-progress', text: 'Stopping ingestion' },
  STOPPED_INGESTION: { type: 'stopped', text: 'Stopped ingestion' },
  STARTING_INGESTION: { type: 'in-progress', text: 'Starting ingestion' },
  PENDING_DELETION: { type: 'warning', text: 'Pending deletion' },
};

/** A status as the console words it, e.g. "Pending deletion". */
export function statusText(status: EventDataStoreStatus | undefined): string {
  if (status === undefined) return '-';
  return (STATUS_VIEWS[status] as (typeof STATUS_VIEWS)[EventDataStoreStatus] | undefined)?.text ?? status;
}

/** A store's status as text with its icon, never colour alone. */
export function EventDataStoreStatusIndicator({ status }: { status: EventDataStoreStatus | undefined }) {
  if (status === undefined) return '-';
  const view = STATUS_VIEWS[status] as (typeof STATUS_VIEWS)[EventDataStoreStatus] | undefined;
  return view ? <StatusIndicator type={view.type}>{view.text}</StatusIndicator> : status;
}
