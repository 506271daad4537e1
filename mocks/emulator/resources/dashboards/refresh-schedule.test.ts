// When a refresh schedule fires (SEMANTICS.md §18.8): hourly schedules at TimeOfDay's minute of
// every hour ≡ 0 (mod n), daily ones at HH:MM, nothing when disabled or without a frequency.
import type { RefreshSchedule } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { nextFireTime, previousFireTime } from './refresh-schedule';

const at = (text: string) => Date.parse(text);
const schedule = (Unit: 'HOURS' | 'DAYS', Value: number, TimeOfDay = '00:00'): RefreshSchedule => ({
  Frequency: { Unit, Value },
  Status: 'ENABLED',
  TimeOfDay,
});

test.each<[string, RefreshSchedule, string, string]>([
  ['hourly at :15', schedule('HOURS', 1, '09:15'), '2025-06-02T10:20:00Z', '2025-06-02T11:15:00Z'],
  ['every 6 hours', schedule('HOURS', 6, '00:00'), '2025-06-02T12:00:00Z', '2025-06-02T18:00:00Z'],
  ['every 6 hours at :30, hour ignored', schedule('HOURS', 6, '05:30'), '2025-06-02T05:31:00Z', '2025-06-02T06:30:00Z'],
  ['every 12 hours', schedule('HOURS', 12), '2025-06-02T23:59:59Z', '2025-06-03T00:00:00Z'],
  ['every 24 hours', schedule('HOURS', 24, '18:45'), '2025-06-02T01:00:00Z', '2025-06-03T00:45:00Z'],
  ['daily at 07:30', schedule('DAYS', 1, '07:30'), '2025-06-02T07:30:00Z', '2025-06-03T07:30:00Z'],
  ['daily at 07:30, earlier that day', schedule('DAYS', 1, '07:30'), '2025-06-02T06:00:00Z', '2025-06-02T07:30:00Z'],
])('%s', (_case, refresh, after, next) => {
  expect(nextFireTime(refresh, at(after))).toBe(at(next));
  // The fire time before the next one is at or before `after`.
  const previous = previousFireTime(refresh, at(after)) ?? Infinity;
  expect(previous).toBeLessThanOrEqual(at(after));
  expect(nextFireTime(refresh, previous)).toBe(at(next));
});

test('a disabled schedule, or one without a frequency, never fires', () => {
  expect(nextFireTime({ ...schedule('HOURS', 1), Status: 'DISABLED' }, 0)).toBeUndefined();
  expect(nextFireTime({ Status: 'DISABLED', TimeOfDay: '00:00' }, 0)).toBeUndefined();
  expect(previousFireTime({ ...schedule('DAYS', 1), Status: 'DISABLED' }, 0)).toBeUndefined();
});
