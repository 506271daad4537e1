import { expect, test } from 'vitest';
import { resultTableOf } from '@/api/lake-queries';
import { resultsToCsv, resultsToJson } from './query-results';

test('rows of single-key maps become columns and rows, across pages', () => {
  const table = resultTableOf([
    { QueryResultRows: [[{ eventName: 'PutObject' }, { calls: '42' }]] },
    { QueryResultRows: [[{ eventName: 'GetObject' }, { calls: '' }]] },
  ]);
  expect(table).toEqual({
    columns: ['eventName', 'calls'],
    rows: [
      ['PutObject', '42'],
      ['GetObject', ''],
    ],
  });
  expect(resultTableOf([])).toEqual({ columns: [], rows: [] });
});

test('CSV neutralises cells a spreadsheet would run as formulas', () => {
  const csv = resultsToCsv({
    columns: ['userAgent', 'note'],
    rows: [
      ['=HYPERLINK("https://evil.example","x")', '+1'],
      ['-2', '@SUM(A1)'],
      ['\tTab', '\rReturn'],
      ['plain, "quoted"', 'a-b=c'],
    ],
  });
  expect(csv.split('\r\n')).toEqual([
    '"userAgent","note"',
    `"'=HYPERLINK(""https://evil.example"",""x"")","'+1"`,
    `"'-2","'@SUM(A1)"`,
    `"'\tTab","'\rReturn"`,
    '"plain, ""quoted""","a-b=c"',
    '',
  ]);
});

test('JSON keys each row by column name and keeps repeated names apart', () => {
  const json = resultsToJson({ columns: ['arn', 'arn', 'n'], rows: [['a', 'b', '1']] });
  expect(JSON.parse(json)).toEqual([{ arn: 'a', arn_2: 'b', n: '1' }]);
});
