// The history index on its own: order, out-of-order arrival, expiry.
import { expect, test } from 'vitest';
import { buildRecord } from '../../../factories';
import { toEventEntry } from '../../records';
import { EventHistory } from './history';

const BASE = Date.UTC(2025, 5, 1);

function item(second: number, sequence: number) {
  const record = buildRecord({ at: BASE + second * 1000 });
  return { entry: toEventEntry(record, ''), sequence };
}

function page(history: EventHistory, limit = 10_000) {
  return history
    .page({ start: 0, end: Infinity, asOf: Infinity, limit })
    .map((found) => found.entry.time - BASE / 1000);
}

test('pages newest first whatever order items arrive in, also far out of order', () => {
  const history = new EventHistory();
  // 5,000 items, newest first, while the world loads: the case a data directory written out of
  // time order produces; then one older item arriving live.
  for (let second = 5000; second > 0; second--) history.add(item(second, 5001 - second), true);
  history.settle();
  history.add(item(2500.5, 9999));
  const times = page(history);
  expect(times).toHaveLength(5001);
  expect(times.slice(0, 3)).toEqual([5000, 4999, 4998]);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
});

test('expire forgets what is older than the window, in every index', () => {
  const history = new EventHistory();
  for (let second = 1; second <= 100; second++) history.add(item(second, second));
  history.expire(BASE / 1000 + 51);
  expect(page(history)).toHaveLength(50);
  expect(
    history.page({
      attribute: { key: 'EventName', value: 'DescribeInstances' },
      start: 0,
      end: Infinity,
      asOf: Infinity,
      limit: 1000,
    }),
  ).toHaveLength(50);
});
