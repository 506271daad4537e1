// LookupEvents over the default seeded history, next to a baseline measured in the same run:
// parsing a fixed 10k-event JSON payload. Compare the ratio, not the times.
import { bench, describe } from 'vitest';
import { manualClock } from '../clock';
import { createEmulator } from '../create-emulator';
import { memoryStorage } from '../storage/memory';

const anchor = Date.UTC(2025, 5, 2, 12);
const emulator = await createEmulator({
  storage: memoryStorage(),
  clock: manualClock(anchor),
  anchor,
  throttle: false,
});
const payload = JSON.stringify(
  Array.from({ length: 10_000 }, (_, index) => ({
    EventId: String(index),
    EventName: 'LookupEvents',
    EventTime: index,
  })),
);
let requests = 0;
const info = () => ({ requestId: `bench-${String(requests++)}` });

describe('LookupEvents, default seeded history', () => {
  bench('baseline: JSON.parse of a 10k-event payload', () => {
    JSON.parse(payload);
  });
  bench('first page, no filter', async () => {
    await emulator.dispatch('LookupEvents', { MaxResults: 50 }, info());
  });
});
