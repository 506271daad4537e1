import { expect, test } from 'vitest';
import { ASSUMED_PRICE_PER_GB, formatCost, scanCost } from './scan-cost';

test('bills bytes scanned per binary GB at the price', () => {
  expect(scanCost(2 ** 30, ASSUMED_PRICE_PER_GB)).toBe(0.005);
  expect(scanCost(3 * 2 ** 30, 0.01)).toBeCloseTo(0.03);
});

test('shows fractions of a cent with two significant digits', () => {
  expect(formatCost(0)).toBe('$0.00');
  expect(formatCost(12.345)).toBe('$12.35');
  expect(formatCost(0.005)).toBe('$0.005');
  expect(formatCost(scanCost(1_234_567, ASSUMED_PRICE_PER_GB))).toBe('$0.0000057');
});
