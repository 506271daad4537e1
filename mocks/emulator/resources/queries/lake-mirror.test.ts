import { expect, test } from 'vitest';
import { mulberry32 } from '../../random';
import { ScanIndex, type ScanEntry, type ScanRange } from './lake-mirror';

/** EventsScanned and BytesScanned counted record by record. */
function scanned(records: readonly ScanEntry[], range: ScanRange): { events: number; bytes: number } {
  const inRange = records.filter(
    ({ time }) =>
      (range.lower === undefined || time > range.lower.time || (range.lower.inclusive && time === range.lower.time)) &&
      (range.upper === undefined || time < range.upper.time || (range.upper.inclusive && time === range.upper.time)),
  );
  return { events: inRange.length, bytes: inRange.reduce((sum, record) => sum + record.bytes, 0) };
}

test('an index grown batch by batch answers every range as one built at once, and older indexes keep their snapshot', () => {
  const random = mulberry32(7);
  const all: ScanEntry[] = [];
  const snapshots: { index: ScanIndex; records: ScanEntry[] }[] = [];
  let index = ScanIndex.empty;
  for (let batch = 0; batch < 60; batch++) {
    // Mostly later records (the calls just made), sometimes older ones, repeated times included.
    const later = random.int(4) > 0;
    const added = Array.from({ length: random.int(batch === 0 ? 2000 : 40) }, () => ({
      time: later ? 1000 + batch * 10 + random.int(10) : random.int(1000 + batch * 10),
      bytes: 1 + random.int(5000),
    }));
    all.push(...added);
    index = index.with(added);
    snapshots.push({ index, records: [...all] });
    // A branch from an older index must not disturb the newer ones sharing its buffers.
    if (batch % 7 === 3) snapshots[batch - 2]?.index.with([{ time: 5000, bytes: 1 }]);
  }
  const points = [-1, 0, 1, 500, 999, 1000, 1005, 1300, 1595, 1600, 9999];
  for (const { index: snapshot, records } of snapshots.filter((_, batch) => batch % 3 === 0 || batch > 55)) {
    const built = ScanIndex.build(records);
    const ranges: ScanRange[] = [{}];
    for (const lower of points)
      for (const upper of points)
        for (const inclusive of [true, false])
          ranges.push(
            { lower: { time: lower, inclusive }, upper: { time: upper, inclusive: !inclusive } },
            { lower: { time: lower, inclusive } },
            { upper: { time: upper, inclusive } },
          );
    for (const range of ranges) {
      const expected = scanned(records, range);
      expect(snapshot.scan(range)).toEqual(expected);
      expect(built.scan(range)).toEqual(expected);
    }
  }
});
