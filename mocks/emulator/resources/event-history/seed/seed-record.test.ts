import { expect, test } from 'vitest';
import { DAY, toRecordTime } from '../../../clock';
import { mulberry32 } from '../../../random';
import { seededRecordTime } from './seed-record';

test("a seeded record's eventTime is toRecordTime's text, byte for byte", () => {
  const rng = mulberry32(7);
  const times = [
    0,
    999,
    -1,
    -1000,
    Date.UTC(2025, 5, 2, 12),
    Date.UTC(2025, 5, 2, 23, 59, 59, 999),
    Date.UTC(2024, 1, 29, 0, 0, 1),
    Date.UTC(1969, 11, 31, 23, 59, 59),
    Date.UTC(999, 0, 1),
    Date.UTC(9999, 11, 31, 23, 59, 59),
    // Years that ISO 8601 writes with six digits and a sign.
    Date.UTC(10000, 0, 1, 5),
    Date.UTC(-1, 6, 1, 5, 6, 7),
    8.64e15,
    -8.64e15,
    // The seeded window and every second of a day.
    ...Array.from({ length: 5000 }, () => Date.UTC(2025, 5, 2, 12) - Math.floor(rng.next() * 90 * DAY)),
    ...Array.from({ length: 86_400 }, (_, second) => Date.UTC(2025, 2, 30) + second * 1000 + 500),
  ];
  expect(times.map(seededRecordTime)).toEqual(times.map(toRecordTime));
});
