// The console's form limits (src/lib/cloudtrail-limits.ts) against the service model the
// emulator enforces: if either drifts, the console would accept what the API rejects.
import { expect, test } from 'vitest';
import * as limits from '../../src/lib/cloudtrail-limits';
import dataModel from './model/cloudtrail-data.json';
import model from './model/cloudtrail.json';

interface Shape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
const shapes = (model as unknown as { shapes: Record<string, Shape> }).shapes;

const dataShapes = (dataModel as unknown as { shapes: Record<string, Shape> }).shapes;

function dataShape(name: string): Shape {
  const found = dataShapes[name];
  if (!found) throw new Error(`no cloudtrail-data shape ${name}`);
  return found;
}

function shape(name: string): Shape {
  const found = shapes[name];
  if (!found) throw new Error(`no shape ${name}`);
  return found;
}

test('LookupEvents limits match the model', () => {
  expect(limits.LOOKUP_EVENTS_MAX_RESULTS).toMatchObject({
    min: shape('MaxResults').min,
    max: shape('MaxResults').max,
  });
  expect(limits.LOOKUP_ATTRIBUTE_VALUE).toMatchObject({
    min: shape('LookupAttributeValue').min,
    max: shape('LookupAttributeValue').max,
  });
  expect([...limits.LOOKUP_ATTRIBUTE_KEYS].sort()).toEqual([...(shape('LookupAttributeKey').enum ?? [])].sort());
});

test('event data store limits match the model', () => {
  const name = shape('EventDataStoreName');
  expect(limits.EVENT_DATA_STORE_NAME).toMatchObject({ min: name.min, max: name.max });
  expect(limits.EVENT_DATA_STORE_NAME.pattern.source).toBe(new RegExp(name.pattern ?? '').source.replace('\\-', '-'));
  expect(limits.RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING).toMatchObject({
    min: shape('RetentionPeriod').min,
    max: shape('RetentionPeriod').max,
  });
  expect(limits.RETENTION_PERIOD_DAYS.FIXED_RETENTION_PRICING.min).toBe(shape('RetentionPeriod').min);
  expect(limits.RETENTION_PERIOD_DAYS.FIXED_RETENTION_PRICING.max).toBeLessThanOrEqual(
    shape('RetentionPeriod').max ?? 0,
  );
  expect([...limits.BILLING_MODES]).toEqual(shape('BillingMode').enum);
});

test('tag and selector limits match the model', () => {
  expect(limits.TAG_KEY).toMatchObject({ min: shape('TagKey').min, max: shape('TagKey').max });
  expect(limits.TAG_VALUE).toMatchObject({ min: shape('TagValue').min, max: shape('TagValue').max });
  expect(limits.SELECTOR_VALUE).toMatchObject({ min: shape('OperatorValue').min, max: shape('OperatorValue').max });
  expect(limits.SELECTOR_NAME.max).toBe(shape('SelectorName').max);
  const members = Object.keys(
    (shapes.AdvancedFieldSelector as unknown as { members: Record<string, unknown> }).members,
  );
  expect([...limits.SELECTOR_OPERATORS]).toEqual(members.filter((member) => member !== 'Field'));
});

test('channel and PutAuditEvents limits match the models', () => {
  const channelName = shape('ChannelName');
  expect(limits.CHANNEL_NAME).toMatchObject({ min: channelName.min, max: channelName.max });
  expect(limits.CHANNEL_DESTINATIONS).toMatchObject({ min: shape('Destinations').min, max: shape('Destinations').max });
  expect(limits.RESOURCE_POLICY.max).toBe(shape('ResourcePolicy').max);
  expect(dataShape('ExternalId')).toMatchObject({ min: limits.EXTERNAL_ID.min, max: limits.EXTERNAL_ID.max });
  expect(dataShape('AuditEvents')).toMatchObject({
    min: limits.AUDIT_EVENTS_PER_REQUEST.min,
    max: limits.AUDIT_EVENTS_PER_REQUEST.max,
  });
  expect(dataShape('Uuid')).toMatchObject({ min: limits.AUDIT_EVENT_ID.min, max: limits.AUDIT_EVENT_ID.max });
});

test('Lake query limits match the model', () => {
  expect(limits.QUERY_STATEMENT).toMatchObject({ min: shape('QueryStatement').min, max: shape('QueryStatement').max });
  expect(limits.QUERY_RESULTS_PAGE).toMatchObject({
    min: shape('MaxQueryResults').min,
    max: shape('MaxQueryResults').max,
  });
  expect(limits.GENERATE_QUERY_PROMPT).toMatchObject({ min: shape('Prompt').min, max: shape('Prompt').max });
  expect(limits.SAMPLE_QUERY_SEARCH_PHRASE).toMatchObject({
    min: shape('SearchSampleQueriesSearchPhrase').min,
    max: shape('SearchSampleQueriesSearchPhrase').max,
  });
  expect(limits.QUERY_ID.length).toBe(shape('UUID').min);
  expect(limits.QUERY_ID.length).toBe(shape('UUID').max);
  const modelPattern = new RegExp(shape('UUID').pattern ?? '');
  for (const id of ['0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c', '0F9E8D7C-6B5A-4F3E-9D2C-1B0A9F8E7D6C', 'generated-x'])
    expect(limits.QUERY_ID.pattern.test(id)).toBe(modelPattern.test(id));
});
