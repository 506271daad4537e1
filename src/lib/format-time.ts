export type TimeZonePreference = 'utc' | 'local';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `2025-06-02 12:00:05 UTC`, or the browser's local time with its offset. */
export function formatEventTime(date: Date | undefined, zone: TimeZonePreference = 'utc'): string {
  if (!date || Number.isNaN(date.getTime())) return '-';
  if (zone === 'utc') return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return (
    `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} UTC${sign}${pad(hours)}:${pad(minutes)}`
  );
}
