// Event history's time range: a relative span ending now, or absolute start and end instants.
export type RelativeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';

export type TimeRange =
  { type: 'relative'; amount: number; unit: RelativeUnit } | { type: 'absolute'; startDate: string; endDate: string };

export interface TimeSpan {
  StartTime?: Date;
  EndTime?: Date;
}

const UNIT_MILLISECONDS: Record<Exclude<RelativeUnit, 'month'>, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

/** The instants a range stands for at `now`; no range is the whole 90-day history. */
export function resolveTimeRange(range: TimeRange | undefined, now: Date): TimeSpan {
  if (!range) return {};
  if (range.type === 'absolute') return { StartTime: new Date(range.startDate), EndTime: new Date(range.endDate) };
  const start = new Date(now);
  if (range.unit === 'month') start.setUTCMonth(start.getUTCMonth() - range.amount);
  else start.setTime(now.getTime() - range.amount * UNIT_MILLISECONDS[range.unit]);
  return { StartTime: start, EndTime: now };
}

/** How a range reads in the console, e.g. "Last 12 hours". */
export function describeTimeRange(range: TimeRange | undefined): string {
  if (!range) return 'Last 90 days';
  if (range.type === 'absolute') return `${range.startDate} to ${range.endDate}`;
  return `Last ${String(range.amount)} ${range.unit}${range.amount === 1 ? '' : 's'}`;
}
