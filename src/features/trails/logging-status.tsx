import { StatusIndicator } from '@/components/status-indicator';

/** "Logging" or "Off". */
export function loggingText(logging: boolean | undefined): string {
  return logging ? 'Logging' : 'Off';
}

/** Whether a trail logs, as text in a status indicator. */
export function LoggingStatusIndicator({ logging }: { logging: boolean | undefined }) {
  return <StatusIndicator type={logging ? 'success' : 'stopped'}>{loggingText(logging)}</StatusIndicator>;
}
