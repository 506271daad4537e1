// Timestamp and date strings as a Lake query may write them (SEMANTICS.md §10.5: a string literal
// compared with a timestamp is cast; `'2025-05-01'`, `'2025-05-01 10:00:00[.fff]'`, with `T` and a
// trailing `Z` allowed), turned into the one form DuckDB's literals read the same on every engine.
// The engines have no time zones (no ICU), so an offset is applied here and the result is UTC.

import { utcOffsetMinutes } from '../lake/utc-offset';

const TIMESTAMP_TEXT =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$/i;
const DATE_TEXT = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` of a timestamp string, in UTC; undefined when it is none. */
export function parseTimestampText(text: string): string | undefined {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) => Number(match[group] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  // DuckDB keeps microseconds; finer digits are dropped.
  const fraction = (match[7] ?? '').slice(0, 6);
  const zone = (match[8] ?? 'Z').toUpperCase();
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - utcOffsetMinutes(zone) * 60_000);
  const date = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  return `${date} ${time}${fraction ? `.${fraction}` : ''}`;
}

/** `YYYY-MM-DD` of a date string; undefined when it is none. */
export function parseDateText(text: string): string | undefined {
  const match = DATE_TEXT.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [1, 2, 3].map((group) => Number(match[group])) as [number, number, number];
  return validDate(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : undefined;
}

/** The emulator clock (epoch ms) as `YYYY-MM-DD HH:MM:SS.mmm`, UTC. */
export function clockText(now: number): string {
  return new Date(now).toISOString().replace('T', ' ').replace('Z', '');
}
