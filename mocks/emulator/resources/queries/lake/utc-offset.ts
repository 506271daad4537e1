// A UTC offset as timestamp text writes it (`Z`, `+02`, `-0530`, `+05:30`), in minutes east of UTC.
// The engines have no time zones (no ICU), so the Lake layer applies offsets itself.

export function utcOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'UTC') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}
