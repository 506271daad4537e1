// Dashboard refresh schedules (SEMANTICS.md §18.8): which schedules are valid, how one sent with
// UpdateDashboard merges into the stored one, and when a schedule fires.
import type { RefreshSchedule, RefreshScheduleFrequency } from '@aws-sdk/client-cloudtrail';
import { HOUR, MINUTE } from '../../clock';
import { ValidationException } from '../../errors';

/** The frequencies a schedule may have (§18.8), by unit. */
export const REFRESH_FREQUENCIES: Readonly<Record<'HOURS' | 'DAYS', readonly number[]>> = {
  HOURS: [1, 6, 12, 24],
  DAYS: [1],
};

/** The only frequency of the Highlights (§18.8). */
export const HIGHLIGHTS_FREQUENCY = { Unit: 'HOURS', Value: 6 } as const;

/** The Highlights' schedule when CreateDashboard sends none (§18.4, Decision). */
export const HIGHLIGHTS_DEFAULT_SCHEDULE: RefreshSchedule = {
  Frequency: { ...HIGHLIGHTS_FREQUENCY },
  Status: 'ENABLED',
  TimeOfDay: '00:00',
};

/** TimeOfDay when a schedule has none (§18.8). */
export const DEFAULT_TIME_OF_DAY = '00:00';

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

function frequencyText(frequency: RefreshScheduleFrequency): string {
  return `${String(frequency.Value ?? '')} ${frequency.Unit ?? ''}`.trim();
}

/**
 * Checks what a sent schedule says by itself (§18.8): the frequency, and TimeOfDay as HH:MM from
 * 00:00 to 23:59; throws ValidationException. Whether ENABLED has a frequency is checked on the
 * merged schedule (mergeRefreshSchedule), the Highlights' frequency by checkHighlightsSchedule.
 */
export function checkRefreshSchedule(schedule: RefreshSchedule): void {
  const frequency = schedule.Frequency;
  if (frequency !== undefined) {
    const unit = frequency.Unit;
    if (unit === undefined || frequency.Value === undefined)
      throw new ValidationException('A refresh schedule Frequency needs both Unit and Value.');
    if (!REFRESH_FREQUENCIES[unit].includes(frequency.Value))
      throw new ValidationException(
        `A refresh frequency of ${frequencyText(frequency)} is not supported; use HOURS with 1, 6, 12 or 24, or DAYS with 1.`,
      );
  }
  if (schedule.TimeOfDay !== undefined && !TIME_OF_DAY.test(schedule.TimeOfDay))
    throw new ValidationException(
      `TimeOfDay '${schedule.TimeOfDay}' is not a time of day; use HH:MM from 00:00 to 23:59.`,
    );
}

/** The Highlights refreshes every 6 hours only (§18.4 rule 5, §18.6): another frequency -> ValidationException. */
export function checkHighlightsSchedule(schedule: RefreshSchedule): void {
  const frequency = schedule.Frequency;
  if (
    frequency !== undefined &&
    (frequency.Unit !== HIGHLIGHTS_FREQUENCY.Unit || frequency.Value !== HIGHLIGHTS_FREQUENCY.Value)
  )
    throw new ValidationException('The Highlights dashboard refreshes every 6 HOURS; no other frequency is allowed.');
}

/** ENABLED without any Frequency, sent or stored -> ValidationException (§18.8). */
function checkEnabledHasFrequency(schedule: RefreshSchedule): void {
  if (schedule.Status === 'ENABLED' && schedule.Frequency === undefined)
    throw new ValidationException('A refresh schedule cannot be ENABLED without a Frequency.');
}

/**
 * The stored form of a schedule: sent members over the stored ones, member by member (UpdateDashboard,
 * §18.6), Status ENABLED when a frequency is set and no status was ever given, else DISABLED, and
 * TimeOfDay 00:00 by default. Throws ValidationException when the result is ENABLED without a frequency.
 */
export function mergeRefreshSchedule(sent: RefreshSchedule, stored?: RefreshSchedule): RefreshSchedule {
  const frequency = sent.Frequency ?? stored?.Frequency;
  const merged: RefreshSchedule = {
    ...(frequency === undefined ? {} : { Frequency: { Unit: frequency.Unit, Value: frequency.Value } }),
    Status: sent.Status ?? stored?.Status ?? (frequency === undefined ? 'DISABLED' : 'ENABLED'),
    TimeOfDay: sent.TimeOfDay ?? stored?.TimeOfDay ?? DEFAULT_TIME_OF_DAY,
  };
  checkEnabledHasFrequency(merged);
  return merged;
}

/** The fire times' minute, hour and step in hours of an enabled schedule with a frequency; else undefined. */
function cadence(schedule: RefreshSchedule): { minute: number; hour: number; everyHours: number } | undefined {
  const frequency = schedule.Frequency;
  if (schedule.Status !== 'ENABLED' || frequency?.Unit === undefined || frequency.Value === undefined) return undefined;
  const match = TIME_OF_DAY.exec(schedule.TimeOfDay ?? DEFAULT_TIME_OF_DAY);
  const hour = Number(match?.[1] ?? 0);
  const minute = Number(match?.[2] ?? 0);
  // Decision (§18.8): HOURS n fires at minute MM of every hour ≡ 0 (mod n); DAYS 1 daily at HH:MM.
  return frequency.Unit === 'DAYS'
    ? { minute, hour, everyHours: 24 * frequency.Value }
    : { minute, hour: 0, everyHours: frequency.Value };
}

/**
 * The first fire time strictly after `after` (epoch ms) of an ENABLED schedule (§18.8), or
 * undefined when the schedule is disabled or has no frequency.
 */
export function nextFireTime(schedule: RefreshSchedule, after: number): number | undefined {
  const fire = previousFireTime(schedule, after);
  if (fire === undefined) return undefined;
  const step = (cadence(schedule)?.everyHours ?? 1) * HOUR;
  return fire + step;
}

/**
 * The last fire time at or before `at` (epoch ms) of an ENABLED schedule (§18.8), or undefined
 * when the schedule is disabled or has no frequency. With it, a refresher that knows the last fire
 * time it handled runs at most one catch-up refresh after downtime.
 */
export function previousFireTime(schedule: RefreshSchedule, at: number): number | undefined {
  const found = cadence(schedule);
  if (!found) return undefined;
  const step = found.everyHours * HOUR;
  // Fire times are origin + k·step, with the origin at hour `hour`, minute `minute` of 1970-01-01.
  const origin = found.hour * HOUR + found.minute * MINUTE;
  return origin + Math.floor((at - origin) / step) * step;
}
