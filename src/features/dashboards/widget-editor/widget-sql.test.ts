import { expect, test } from 'vitest';
import { guessParameters } from './widget-form-schema';
import { customWidgetOf, previewStatement } from './widget-sql';

test('a managed widget reads the chosen store: its store placeholder is filled and its parameter dropped', () => {
  const widget = customWidgetOf(
    {
      QueryStatement: "SELECT eventName FROM ? WHERE eventTime > '?' AND eventTime < '?' AND note = 'why?'",
      QueryParameters: ['$EventDataStoreId$', '$StartTime$', '$EndTime$'],
      ViewProperties: { View: 'Table', Title: 'Events' },
      QueryAlias: 'Widget-AWSCloudTrail-Overview-1',
    },
    'store-1',
  );
  expect(widget).toEqual({
    QueryStatement: "SELECT eventName FROM store-1 WHERE eventTime > '?' AND eventTime < '?' AND note = 'why?'",
    QueryParameters: ['$StartTime$', '$EndTime$'],
    ViewProperties: { View: 'Table', Title: 'Events' },
  });
});

test('the preview fills placeholders as a refresh of the last 24 hours by hour', () => {
  const statement = "SELECT DATE_TRUNC('?', eventTime) FROM s WHERE eventTime > '?' AND eventTime < '?' LIMIT ?";
  expect(
    previewStatement(statement, ['$Period$', '$StartTime$', '$EndTime$', '5'], new Date('2025-06-02T12:30:00.250Z')),
  ).toBe(
    "SELECT DATE_TRUNC('hour', eventTime) FROM s WHERE eventTime > '2025-06-01T12:30:00Z' AND eventTime < '2025-06-02T12:30:00Z' LIMIT 5",
  );
});

test('placeholders get a guessed parameter: the period in DATE_TRUNC, then start and end times', () => {
  const statement = "SELECT DATE_TRUNC( '?', eventTime) FROM s WHERE eventTime > '?' AND eventTime < '?'";
  expect(guessParameters(statement, [])).toEqual(['$Period$', '$StartTime$', '$EndTime$']);
  expect(guessParameters(statement, ['$EndTime$'])).toEqual(['$EndTime$', '$StartTime$', '$EndTime$']);
  expect(guessParameters('SELECT 1', ['$StartTime$'])).toEqual([]);
});
