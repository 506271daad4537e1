import { expect, test } from 'vitest';
import { resultTableOf } from '@/api/lake-queries';
import {
  eventHistoryFilterFor,
  filteredWidgetQuery,
  labelledValuesOf,
  parseResultTime,
  substitutePlaceholders,
  timeSeriesOf,
  widgetSizeOf,
} from './widget-data';

test('reads GetQueryResults rows by column position', () => {
  const table = resultTableOf([
    { QueryResultRows: [[{ eventName: 'PutObject' }, { calls: '42' }]] },
    { QueryResultRows: [[{ eventName: 'GetObject' }, { calls: '7' }]] },
  ]);
  expect(table).toEqual({
    columns: ['eventName', 'calls'],
    rows: [
      ['PutObject', '42'],
      ['GetObject', '7'],
    ],
  });
});

test('fills placeholders in order: quoted, bare, named and literal values; other literals untouched', () => {
  const statement = `SELECT DATE_TRUNC('?', eventTime), 'it''s ?' FROM ? WHERE eventTime > '?' AND x = ?`;
  expect(
    substitutePlaceholders(statement, ['$Period$', '$EventDataStoreId$', '$StartTime$', 'literal'], {
      $Period$: 'hour',
      $EventDataStoreId$: 'store-1',
      $StartTime$: '2026-01-01T00:00:00.000Z',
    }),
  ).toBe(
    `SELECT DATE_TRUNC('hour', eventTime), 'it''s ?' FROM store-1 WHERE eventTime > '2026-01-01T00:00:00.000Z' AND x = literal`,
  );
  expect(substitutePlaceholders('SELECT ? , ?', ['$StartTime$'], {})).toBe('SELECT $StartTime$ , ?');
});

test('sizes a widget in the 12-column grid, clamped', () => {
  expect(widgetSizeOf({ Width: '4', Height: '2' })).toEqual({ columns: 4, heightPx: 300 });
  expect(widgetSizeOf({ Width: '40', Height: 'x' })).toEqual({ columns: 12, heightPx: 300 });
  expect(widgetSizeOf(undefined)).toEqual({ columns: 6, heightPx: 300 });
});

test('bars and slices add up rows of one label; lines split by FilterColumn and sort by time', () => {
  const bars = {
    columns: ['service', 'eventCount'],
    rows: [
      ['s3', '2'],
      ['ec2', '3'],
      ['s3', '1'],
    ],
  };
  expect(labelledValuesOf(bars, { LabelColumn: 'service', ValueColumn: 'eventCount' })).toEqual([
    { label: 's3', value: 3 },
    { label: 'ec2', value: 3 },
  ]);
  const lines = {
    columns: ['eventDate', 'readOnly', 'eventCount'],
    rows: [
      ['2026-01-01 02:00:00.000', 'read', '5'],
      ['2026-01-01 01:00:00.000', 'read', '4'],
      ['2026-01-01 01:00:00.000', 'write', '1'],
    ],
  };
  const series = timeSeriesOf(lines, { XAxisColumn: 'eventDate', YAxisColumn: 'eventCount', FilterColumn: 'readOnly' });
  expect(series.map((line) => [line.title, line.points.map((point) => point.y)])).toEqual([
    ['read', [4, 5]],
    ['write', [1]],
  ]);
  expect(parseResultTime('2026-01-01 01:00:00.000')?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
  expect(parseResultTime('not a time')).toBeUndefined();
});

test('a clicked label opens Event history for names, users and sources, else the query page', () => {
  expect(eventHistoryFilterFor('eventName', 'DeleteBucket')).toEqual({ key: 'EventName', value: 'DeleteBucket' });
  expect(eventHistoryFilterFor('service', 's3')).toEqual({ key: 'EventSource', value: 's3.amazonaws.com' });
  expect(eventHistoryFilterFor('userArn', 'arn:aws:iam::123456789012:user/alice')).toEqual({
    key: 'Username',
    value: 'alice',
  });
  expect(eventHistoryFilterFor('awsRegion', 'us-east-1')).toBeUndefined();
  expect(filteredWidgetQuery('SELECT awsRegion FROM s', 'awsRegion', "it's")).toBe(
    `SELECT * FROM (\nSELECT awsRegion FROM s\n) AS widget WHERE "awsRegion" = 'it''s'`,
  );
});
