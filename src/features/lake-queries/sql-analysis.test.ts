import { expect, test } from 'vitest';
import { errorPosition, hasEventTimeBound, maskSql, selectsEverything, tableReferences } from './sql-analysis';

const ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ARN = `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${ID}`;

test('finds the stores a query reads, with their aliases', () => {
  expect(tableReferences(`SELECT * FROM ${ID} WHERE eventName = 'x'`)).toEqual([{ store: ID }]);
  expect(tableReferences(`SELECT a.eventName FROM ${ID} AS a JOIN "${ARN}" b ON a.eventID = b.eventID`)).toEqual([
    { store: ID, alias: 'a' },
    { store: ARN, alias: 'b' },
  ]);
  expect(tableReferences(`SELECT 'FROM nowhere' -- FROM elsewhere\nFROM ${ID} t LIMIT 5`)).toEqual([
    { store: ID, alias: 't' },
  ]);
});

test('sees an eventTime bound in WHERE, not in the select list, strings or comments', () => {
  expect(hasEventTimeBound(`SELECT * FROM ${ID} WHERE eventTime > date_add('day', -1, now())`)).toBe(true);
  expect(hasEventTimeBound(`SELECT * FROM ${ID} t WHERE t.eventtime BETWEEN '2025-01-01' AND '2025-01-02'`)).toBe(true);
  expect(hasEventTimeBound(`SELECT * FROM ${ID} WHERE '2025-01-01' <= eventTime`)).toBe(true);
  expect(hasEventTimeBound(`SELECT max(eventTime) FROM ${ID} WHERE eventName = 'x' ORDER BY eventTime > 1`)).toBe(
    false,
  );
  expect(hasEventTimeBound(`SELECT * FROM ${ID} WHERE eventName = 'eventTime > 1' -- eventTime > now()`)).toBe(false);
  expect(hasEventTimeBound(`SELECT * FROM ${ID}`)).toBe(false);
});

test('sees SELECT * and t.*, not count(*)', () => {
  expect(selectsEverything(`SELECT * FROM ${ID}`)).toBe(true);
  expect(selectsEverything(`select distinct t.* from ${ID} t`)).toBe(true);
  expect(selectsEverything(`SELECT eventName, * FROM ${ID}`)).toBe(true);
  expect(selectsEverything(`SELECT count(*) FROM ${ID}`)).toBe(false);
  expect(selectsEverything(`SELECT '*' FROM ${ID}`)).toBe(false);
});

test('masking keeps offsets', () => {
  const sql = "SELECT 'a''b' /* c */ -- d\nFROM x";
  expect(maskSql(sql)).toHaveLength(sql.length);
  expect(maskSql(sql)).toBe(`SELECT '    '${' '.repeat(' /* c */ -- d'.length)}\nFROM x`);
});

test('reads the position of a Trino-style error', () => {
  expect(errorPosition("line 2:15: mismatched input 'FORM'")).toEqual({ line: 2, column: 15 });
  expect(errorPosition('Query failed')).toBeUndefined();
});
