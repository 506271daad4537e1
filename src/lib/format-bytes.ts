const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary units: "1.5 MB" is 1.5 × 2^20 bytes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${String(bytes)} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit] ?? ''}`;
}
