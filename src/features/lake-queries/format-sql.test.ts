import { expect, test } from 'vitest';
import { formatSql } from './format-sql';

test('formats in Trino style and keeps store references whole', () => {
  const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  expect(formatSql(`select eventName, count(*) n from ${id} where eventTime > now() group by 1`)).toBe(
    [
      'SELECT',
      '  eventName,',
      '  count(*) n',
      'FROM',
      `  ${id}`,
      'WHERE',
      '  eventTime > now()',
      'GROUP BY',
      '  1',
    ].join('\n'),
  );
  expect(formatSql('select * from $EDS_ID')).toBe('SELECT\n  *\nFROM\n  $EDS_ID');
});
