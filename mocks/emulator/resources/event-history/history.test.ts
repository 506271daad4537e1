// The history index on its own: order, out-of-order arrival, expiry.
import { expect, test } from 'vitest';
import { buildRecord } from '../../../factories';
import { toEventEntry } from '../../records';
import { EventHistory, type LookupAttributeKey } from './history';

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

test('pages in order after live items arrive thousands of places back (old times from emulator.ingest)', () => {
  const history = new EventHistory();
  for (let second = 1; second <= 10_000; second++) history.add(item(second, second));
  // Older than most of the list, in no order: each goes further back than the items moved by hand.
  const old = Array.from({ length: 2_000 }, (_, index) => ((index * 7_919) % 5_000) + 0.5);
  old.forEach((second, index) => {
    history.add(item(second, 10_001 + index));
  });
  history.add(item(10_001, 20_000));
  const times = page(history, 20_000);
  expect(times).toHaveLength(12_001);
  expect(times.slice(0, 2)).toEqual([10_001, 10_000]);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  const eventName = history.page({ start: 0, end: Infinity, asOf: Infinity, limit: 20_000 })[0]?.entry.eventName ?? '';
  const named = history
    .page({ attribute: { key: 'EventName', value: eventName }, start: 0, end: Infinity, asOf: Infinity, limit: 20_000 })
    .map((found) => found.entry.time);
  expect(named.length).toBeGreaterThan(0);
  expect([...named].sort((a, b) => b - a)).toEqual(named);
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

function lookup(history: EventHistory, key: LookupAttributeKey, value: string) {
  return history.page({ attribute: { key, value }, start: 0, end: Infinity, asOf: Infinity, limit: 1000 });
}

test('finds a record by event ID until it expires or is removed', () => {
  const history = new EventHistory();
  const items = [1, 2, 3].map((second) => item(second, second));
  for (const added of items) history.add(added);
  const [first, second, third] = items.map((added) => added.entry.eventId);
  expect(lookup(history, 'EventId', first ?? '')).toEqual([items[0]]);

  history.expire(BASE / 1000 + 2);
  expect(lookup(history, 'EventId', first ?? '')).toEqual([]);
  expect(lookup(history, 'EventId', second ?? '')).toEqual([items[1]]);

  history.remove(items[2] as (typeof items)[number]);
  expect(lookup(history, 'EventId', third ?? '')).toEqual([]);
  expect(lookup(history, 'EventId', 'ffffffff-0000-4000-8000-000000000000')).toEqual([]);
});

test('lists a record once under a resource type or name that several of its resources share', () => {
  const history = new EventHistory();
  const bucket = 'arn:aws:s3:::acme-logs';
  const record = buildRecord({
    at: BASE,
    resources: [
      { type: 'AWS::S3::Bucket', ARN: bucket },
      { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::acme-archive' },
      { type: 'AWS::S3::Object', ARN: bucket },
    ],
  });
  const added = { entry: toEventEntry(record, ''), sequence: 1 };
  history.add(added);
  expect(lookup(history, 'ResourceType', 'AWS::S3::Bucket')).toEqual([added]);
  expect(lookup(history, 'ResourceType', 'AWS::S3::Object')).toEqual([added]);
  expect(lookup(history, 'ResourceName', bucket)).toEqual([added]);
  expect(lookup(history, 'ResourceName', 'acme-logs')).toEqual([added]);
  expect(lookup(history, 'ResourceName', 'acme-archive')).toEqual([added]);

  history.remove(added);
  for (const [key, value] of [
    ['ResourceType', 'AWS::S3::Bucket'],
    ['ResourceName', bucket],
    ['ResourceName', 'acme-logs'],
  ] as const)
    expect(lookup(history, key, value)).toEqual([]);
});

test('a history that absorbs a template answers as if it had indexed the template’s items itself', () => {
  const seeded = Array.from({ length: 300 }, (_, index) => item((index * 7) % 290, index));
  const template = new EventHistory();
  for (const added of seeded) template.add(added, true);
  // Records a world held before its seeded past arrived (the seed calls'), some of the same seconds.
  const own = [item(5, 1000), item(150, 1001), item(400, 1002)];

  const absorbed = new EventHistory();
  for (const added of own) absorbed.add(added, true);
  absorbed.absorb(template);
  absorbed.settle();
  const indexed = new EventHistory();
  for (const added of [...own, ...seeded]) indexed.add(added, true);
  indexed.settle();

  const queries: Parameters<EventHistory['page']>[0][] = [
    { start: 0, end: Infinity, asOf: Infinity, limit: 10_000 },
    { start: 0, end: BASE / 1000 + 200, asOf: 500, limit: 40 },
    {
      attribute: { key: 'EventName', value: 'DescribeInstances' },
      start: 0,
      end: Infinity,
      asOf: Infinity,
      limit: 500,
    },
    {
      attribute: { key: 'EventId', value: own[1]?.entry.eventId ?? '' },
      start: 0,
      end: Infinity,
      asOf: Infinity,
      limit: 5,
    },
  ];
  for (const query of queries) expect(absorbed.page(query)).toEqual(indexed.page(query));
  expect(absorbed.size).toBe(303);

  // The template is not changed by what its absorbers do next.
  const templatePages = queries.map((query) => template.page(query));
  absorbed.expire(BASE / 1000 + 100);
  absorbed.add(item(500, 2000));
  expect(template.size).toBe(300);
  expect(queries.map((query) => template.page(query))).toEqual(templatePages);
});
