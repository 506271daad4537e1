// LookupEvents at 10k, 100k and 1M events: a page per lookup attribute and unfiltered, next to a
// linear-scan baseline measured in the same run, plus memory per stored event. Compare ratios
// between rows, not absolute times: machines differ. Targets (issue 3): the median page at 1M
// events at most 1 ms and at most 2x the 10k figure; at most 1 KB of memory per event.
import { afterAll, bench, describe } from 'vitest';
import { manualClock, HOUR } from '../../clock';
import { createEmulator, type Emulator } from '../../create-emulator';
import { historyOf, type LookupAttributeKey } from './history';
import { projectEvent, type EventEntry } from '../../records';
import { mulberry32 } from '../../random';
import { memoryStorage } from '../../storage/memory';

const SIZES = [10_000, 100_000, 1_000_000];
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const anchor = Date.UTC(2025, 5, 2, 12);

interface Case {
  label: string;
  attribute?: { AttributeKey: LookupAttributeKey; AttributeValue: string };
}

const summary: string[] = [];

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function build(size: number) {
  const before = heapUsed();
  const emulator = await createEmulator({
    storage: memoryStorage(),
    clock: manualClock(anchor + HOUR),
    anchor,
    seededEvents: size,
    throttle: false,
  });
  const bytesPerEvent = (heapUsed() - before) / size;
  return { emulator, bytesPerEvent };
}

function casesFor(emulator: Emulator): Case[] {
  const newest = historyOf(emulator.state, ACCOUNT, REGION).page({
    start: 0,
    end: Infinity,
    asOf: Infinity,
    limit: 1,
  })[0];
  return [
    { label: 'unfiltered' },
    { label: 'EventId', attribute: { AttributeKey: 'EventId', AttributeValue: newest?.entry.eventId ?? '' } },
    { label: 'EventName', attribute: { AttributeKey: 'EventName', AttributeValue: 'GetBucketAcl' } },
    { label: 'EventSource', attribute: { AttributeKey: 'EventSource', AttributeValue: 's3.amazonaws.com' } },
    { label: 'ReadOnly', attribute: { AttributeKey: 'ReadOnly', AttributeValue: 'false' } },
    { label: 'Username', attribute: { AttributeKey: 'Username', AttributeValue: 'dev-jordan' } },
    { label: 'AccessKeyId', attribute: { AttributeKey: 'AccessKeyId', AttributeValue: 'ASIAEMU0SSOSESSION03' } },
    { label: 'ResourceType', attribute: { AttributeKey: 'ResourceType', AttributeValue: 'AWS::S3::Bucket' } },
    { label: 'ResourceName', attribute: { AttributeKey: 'ResourceName', AttributeValue: 'acme-prod-logs' } },
  ];
}

let requests = 0;
// Pages end at random points of the 90-day window, so each one rebuilds its seeded records.
const endTimes = mulberry32(1);
const WINDOW_SECONDS = 89 * 24 * 3600;

/** One LookupEvents page through the pipeline, as a client's call is served (self-record included). */
async function page(emulator: Emulator, attribute: Case['attribute']) {
  const EndTime = anchor / 1000 - Math.floor(endTimes.next() * WINDOW_SECONDS);
  await emulator.serve(
    'cloudtrail',
    'LookupEvents',
    { MaxResults: 50, EndTime, ...(attribute ? { LookupAttributes: [attribute] } : {}) },
    { requestId: `bench-${String(requests++)}` },
  );
}

/** The baseline: scan every record, filter, sort newest first, project 50. */
function linearScan(emulator: Emulator, entries: readonly EventEntry[], attribute: Case['attribute']) {
  const matches = entries.filter(
    (entry) =>
      entry.account === ACCOUNT &&
      entry.region === REGION &&
      entry.category === 'Management' &&
      entry.time <= anchor / 1000 &&
      (!attribute || (attribute.AttributeKey === 'EventName' && entry.eventName === attribute.AttributeValue)),
  );
  matches.sort((a, b) => b.time - a.time || (a.eventId < b.eventId ? 1 : -1));
  return matches.slice(0, 50).map((entry) => projectEvent(entry, emulator.state.jsonOf(entry)));
}

async function medianMilliseconds(run: () => Promise<unknown>, runs = 201): Promise<number> {
  for (let warm = 0; warm < 20; warm++) await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const medians = new Map<string, number>();

for (const size of SIZES) {
  const { emulator, bytesPerEvent } = await build(size);
  const entries = [...emulator.state.allEntries()];
  const cases = casesFor(emulator);
  for (const item of cases)
    medians.set(`${String(size)} ${item.label}`, await medianMilliseconds(() => page(emulator, item.attribute)));
  const baseline = await medianMilliseconds(() => Promise.resolve(linearScan(emulator, entries, undefined)), 21);
  medians.set(`${String(size)} linear scan`, baseline);
  summary.push(
    `${String(size).padStart(9)} events: ${Math.round(bytesPerEvent).toString().padStart(5)} B/event; median page ` +
      cases
        .map((item) => `${item.label} ${(medians.get(`${String(size)} ${item.label}`) ?? 0).toFixed(3)}`)
        .join(', ') +
      ` ms; linear-scan baseline ${baseline.toFixed(3)} ms`,
  );

  describe(`LookupEvents, ${String(size)} events`, () => {
    bench('baseline: linear scan, unfiltered page', () => {
      linearScan(emulator, entries, undefined);
    });
    for (const item of cases)
      bench(`indexed page: ${item.label}`, async () => {
        await page(emulator, item.attribute);
      });
  });
}

afterAll(() => {
  const small = medians.get('10000 unfiltered') ?? 0;
  const large = medians.get('1000000 unfiltered') ?? 0;
  const worstLarge = Math.max(
    ...[...medians].filter(([key]) => key.startsWith('1000000 ') && !key.endsWith('scan')).map(([, value]) => value),
  );
  console.log(
    [
      'LookupEvents medians (ms per page of 50, including the self-record):',
      ...summary,
      `1M/10k unfiltered ratio: ${(large / small).toFixed(2)} (target <= 2); worst 1M page ${worstLarge.toFixed(3)} ms (target <= 1)`,
    ].join('\n'),
  );
});
