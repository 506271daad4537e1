// PutAuditEvents ingestion: batches of 100 valid events of about 830 bytes into a channel with two
// ENABLED destination stores, through Emulator.putAuditEvents with memory storage (request checks,
// per-event validation, two store writes per event, IngestionStatus, the call's own data event and
// the write to storage), once with an eventDataChecksum on every event and once without, in Node:
// with node:crypto's SHA-256, which the Node entry points lend the emulator. Then, printed only,
// the checksummed batches on an emulator with its own pure-TypeScript SHA-256 (the browser's). The
// baseline, measured in the same run, parses the same payload (the body, then each eventData).
// Compare ratios, not absolute rates: machines differ. Target (issue 5): 50 000 events/s in Node.
import { afterAll, bench, describe } from 'vitest';
import { manualClock, HOUR, SECOND } from '../../clock';
import type { PutAuditEventsResponse } from './put-audit-events';
import { createEmulator, type Emulator } from '../../create-emulator';
import { sha256Base64 } from '../../hash';
import { memoryStorage } from '../../storage/memory';
import { nodeSha256Base64 } from '../../../node';

const BATCH = 100;
const anchor = Date.UTC(2025, 5, 2, 12);
let requests = 0;
const info = () => ({ requestId: `bench-${String(requests++)}` });

/** An emulator with the bench's channel, and the channel's ARN. */
async function benchWorld(native: boolean): Promise<{ emulator: Emulator; channelArn: string }> {
  const clock = manualClock(anchor + HOUR);
  const emulator = await createEmulator({
    storage: memoryStorage(),
    clock,
    anchor,
    seededEvents: 1000,
    throttle: false,
    simulator: false,
    ...(native ? { sha256Base64: nodeSha256Base64 } : {}),
  });
  const { EventDataStoreArn: second = '' } = (await emulator.serve(
    'cloudtrail',
    'CreateEventDataStore',
    {
      Name: 'second-destination',
      MultiRegionEnabled: false,
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
    },
    info(),
  )) as { EventDataStoreArn?: string };
  const { ChannelArn: channelArn = '' } = (await emulator.serve(
    'cloudtrail',
    'CreateChannel',
    {
      Name: 'bench-channel',
      Source: 'Custom',
      Destinations: [
        { Type: 'EVENT_DATA_STORE', Location: 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80' },
        { Type: 'EVENT_DATA_STORE', Location: second },
      ],
    },
    info(),
  )) as { ChannelArn?: string };
  clock.advance(3 * SECOND);
  return { emulator, channelArn };
}

const node = await benchWorld(true);

/** A realistic event of about 600 bytes. */
function eventData(index: number): string {
  return JSON.stringify({
    version: '1.0',
    userIdentity: {
      type: 'StaffUser',
      principalId: `staff-${String(index % 97).padStart(4, '0')}`,
      details: { email: `user${String(index % 97)}@acme.example`, role: 'finance-ops' },
    },
    userAgent: 'payments-admin-web/4.12.0',
    eventSource: 'payments.acme.internal',
    eventName: index % 3 === 0 ? 'CreateRefund' : 'CapturePayment',
    eventTime: `2025-06-02T12:${String(index % 60).padStart(2, '0')}:07.250Z`,
    UID: `2f1c0d7e-8b4a-4c59-9e3d-${String(index).padStart(12, '0')}`,
    requestParameters: { paymentId: `pay_${String(index).padStart(16, '0')}`, amount: '129.95', currency: 'USD' },
    responseElements: { requestId: `req_${String(index).padStart(12, '0')}`, status: 'succeeded' },
    sourceIPAddress: '198.51.100.61',
    recipientAccountId: '123456789012',
    additionalEventData: { application: 'payments-api', environment: 'production' },
  });
}

function payload(checksums: boolean): string {
  return JSON.stringify({
    auditEvents: Array.from({ length: BATCH }, (_, index) => {
      const data = eventData(index);
      return {
        id: `evt-${String(index)}`,
        eventData: data,
        ...(checksums ? { eventDataChecksum: sha256Base64(data) } : {}),
      };
    }),
  });
}
const body = payload(true);
const bodyWithoutChecksums = payload(false);

async function ingestBatch(text = body, { emulator, channelArn } = node) {
  // As the transport adapter hands it over: parsed, with its size as sent.
  const output = (await emulator.serve(
    'cloudtrail-data',
    'PutAuditEvents',
    { query: { channelArn }, body: JSON.parse(text) as unknown, bodyBytes: text.length },
    info(),
  )) as PutAuditEventsResponse;
  if (output.successful.length !== BATCH) throw new Error(`only ${String(output.successful.length)} events accepted`);
}

function parseBaseline() {
  const parsed = JSON.parse(body) as { auditEvents: { eventData: string }[] };
  for (const event of parsed.auditEvents) JSON.parse(event.eventData);
}

/** Events per second over `runs` batches, after a warm-up. */
async function eventsPerSecond(run: () => unknown, runs: number): Promise<number> {
  for (let warm = 0; warm < 20; warm++) await run();
  const start = performance.now();
  for (let index = 0; index < runs; index++) await run();
  return (runs * BATCH) / ((performance.now() - start) / 1000);
}

const baselineRate = await eventsPerSecond(parseBaseline, 500);
const ingestRate = await eventsPerSecond(() => ingestBatch(), 300);
const plainRate = await eventsPerSecond(() => ingestBatch(bodyWithoutChecksums), 300);
const browser = await benchWorld(false);
const pureRate = await eventsPerSecond(() => ingestBatch(body, browser), 300);

describe(`PutAuditEvents, batches of ${String(BATCH)} events into two destinations`, () => {
  bench('baseline: JSON.parse of the payload and each eventData', () => {
    parseBaseline();
  });
  bench('PutAuditEvents, every event with a checksum', async () => {
    await ingestBatch();
  });
  bench('PutAuditEvents, no checksums', async () => {
    await ingestBatch(bodyWithoutChecksums);
  });
});

afterAll(() => {
  console.log(
    [
      `PutAuditEvents ingestion (${String(BATCH)} events a call, 2 destinations, memory storage):`,
      `  with checksums: ${Math.round(ingestRate).toLocaleString('en-US')} events/s (target >= 50,000), ratio to baseline ${(ingestRate / baselineRate).toFixed(3)}`,
      `  without checksums: ${Math.round(plainRate).toLocaleString('en-US')} events/s, ratio to baseline ${(plainRate / baselineRate).toFixed(3)}`,
      `  with checksums, pure-TypeScript SHA-256 (the browser's): ${Math.round(pureRate).toLocaleString('en-US')} events/s, ratio to baseline ${(pureRate / baselineRate).toFixed(3)}`,
      `  baseline (parse only): ${Math.round(baselineRate).toLocaleString('en-US')} events/s`,
      `  event size: ~${String(Math.round(body.length / BATCH))} bytes of request body per event`,
    ].join('\n'),
  );
});
