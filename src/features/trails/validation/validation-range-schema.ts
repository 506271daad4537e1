import { z } from 'zod';

// Times are UTC, as the AWS CLI's --start-time and --end-time: "2024-06-01T10:00:00Z", seconds and
// the Z optional, a space allowed instead of the T.
const UTC_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/;

/** A UTC time typed by the user, or undefined when it is not one. */
export function parseUtcTime(text: string): Date | undefined {
  const match = UTC_TIME.exec(text.trim());
  if (!match) return undefined;
  // Groups that did not match (no time, no seconds) are undefined and take the defaults.
  const [year = 0, month = 1, day = 1, hours = 0, minutes = 0, seconds = 0] = match
    .slice(1)
    .map((part: string | undefined) => (part === undefined ? undefined : Number(part)));
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  // Rejects what Date would roll over, such as February 30 or 25:00.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hours
    ? date
    : undefined;
}

/** `2024-06-01T10:00:00Z`: how a time is shown in the form. */
export function formatUtcTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const FORMAT_HINT = 'Enter a UTC time such as 2024-06-01T10:00:00Z.';

/** The validation range: a start, and an end that defaults to now. */
export const validationRangeSchema = z
  .object({
    start: z
      .string()
      .trim()
      .min(1, 'Enter a start time.')
      .refine((text) => parseUtcTime(text) !== undefined, FORMAT_HINT),
    end: z
      .string()
      .trim()
      .refine((text) => text === '' || parseUtcTime(text) !== undefined, FORMAT_HINT),
  })
  .refine(
    ({ start, end }) => {
      const from = parseUtcTime(start);
      const to = end === '' ? new Date() : parseUtcTime(end);
      return from === undefined || to === undefined || from <= to;
    },
    { message: 'The start must not be after the end.', path: ['start'] },
  );

export type ValidationRangeValues = z.infer<typeof validationRangeSchema>;
