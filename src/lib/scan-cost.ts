// What a Lake query costs: CloudTrail Lake bills the bytes a query scans. The price is the project's
// assumption (mocks/emulator/SEMANTICS.md §10.6), and the user can set their own on the query page.
// Shared by the query page's estimate and the dashboards' refresh estimate.

/** Assumed list price in US dollars per GB scanned, GB being 2^30 bytes; not an AWS quote. */
export const ASSUMED_PRICE_PER_GB = 0.005;

const BYTES_PER_GB = 2 ** 30;

/** US dollars for scanning `bytes` at `pricePerGb`. */
export function scanCost(bytes: number, pricePerGb: number): number {
  return (bytes / BYTES_PER_GB) * pricePerGb;
}

/** Dollars with enough decimals to show a query's fraction of a cent ("$0.0000047"). */
export function formatCost(dollars: number): string {
  if (dollars === 0) return '$0.00';
  if (dollars >= 0.01) return `$${dollars.toFixed(2)}`;
  // Two significant digits at most, without exponent notation or trailing zeros.
  const decimals = Math.min(12, 1 - Math.floor(Math.log10(dollars)));
  return `$${dollars.toFixed(decimals).replace(/0+$/, '')}`;
}
