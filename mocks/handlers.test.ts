// The transport, checked on the wire: targets, error encoding, unknown operations, bad bodies.
import {
  ListImportsCommand,
  ListEventDataStoresCommand,
  LookupEventsCommand,
  UnsupportedOperationException,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient } from './node';

const ENDPOINT = 'https://cloudtrail.us-east-1.amazonaws.com/';
const LONG_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents';

function post(body: string, target: string | undefined, headers: Record<string, string> = {}) {
  return fetch(ENDPOINT, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'x-amz-target': target }),
      ...headers,
    },
    body,
  });
}

test('accepts the long X-Amz-Target the AWS CLI sends', async () => {
  const response = await post('{"MaxResults":2}', LONG_TARGET);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await response.json()) as { Events: { EventTime: unknown }[] };
  expect(body.Events).toHaveLength(2);
  expect(typeof body.Events[0]?.EventTime).toBe('number');
});

test('accepts the short X-Amz-Target the JS SDK sends', async () => {
  const response = await post('{"MaxResults":1}', 'CloudTrail_20131101.LookupEvents');
  expect(response.status).toBe(200);
});

test('answers an unknown operation with UnknownOperationException', async () => {
  const response = await post('{}', 'CloudTrail_20131101.DescribeEverything');
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
});

test('answers a missing target with UnknownOperationException', async () => {
  const response = await post('{}', undefined);
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
});

test('answers a body that is not JSON with SerializationException', async () => {
  const response = await post('{"MaxResults":', LONG_TARGET);
  expect(response.status).toBe(400);
  const body = (await response.json()) as Record<string, string>;
  expect(body.__type).toBe('SerializationException');
  expect(body.message).toBe(body.Message);
});

test('answers a member of the wrong JSON type with SerializationException', async () => {
  const response = await post('{"MaxResults":"ten"}', LONG_TARGET);
  expect(response.status).toBe(400);
  expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
});

test('treats an empty body as an empty request', async () => {
  const response = await post('', LONG_TARGET);
  expect(response.status).toBe(200);
});

test('answers other methods and paths with UnknownOperationException 404', async () => {
  const response = await fetch(`${ENDPOINT}trails`, { method: 'GET' });
  expect(response.status).toBe(404);
  expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
});

test('answers operations of the model it does not serve with UnsupportedOperationException, and records them', async () => {
  const client = emulatorClient();
  await expect(client.send(new ListImportsCommand({ ImportStatus: 'COMPLETED' }))).rejects.toBeInstanceOf(
    UnsupportedOperationException,
  );
  const { Events } = await client.send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ListImports' }] }),
  );
  const record = JSON.parse(Events?.[0]?.CloudTrailEvent ?? '{}') as Record<string, unknown>;
  expect(record.errorCode).toBe('UnsupportedOperationException');
  expect(record.requestParameters).toEqual({ importStatus: 'COMPLETED' });
});

test('refuses a region it does not serve', async () => {
  const client = emulatorClient({ region: 'me-south-1' });
  await expect(client.send(new LookupEventsCommand({}))).rejects.toBeInstanceOf(UnsupportedOperationException);
});

test('answers the console’s emulator extension for a store’s usage, without recording it', async () => {
  const list = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const store = list.EventDataStores?.find((item) => item.Name === 'management-events');
  const response = await post(
    JSON.stringify({ EventDataStore: store?.EventDataStoreArn }),
    'CloudTrailEmulator_20250101.GetEventDataStoreUsage',
  );
  expect(response.status).toBe(200);
  const usage = (await response.json()) as { EventDataStoreArn: string; Events: number; Bytes: number };
  expect(usage.EventDataStoreArn).toBe(store?.EventDataStoreArn);
  expect(usage.Events).toBeGreaterThan(1000);
  expect(usage.Bytes).toBeGreaterThan(usage.Events * 500);
  const unknown = await post(
    '{"EventDataStore":"00000000-0000-4000-8000-000000000000"}',
    'CloudTrailEmulator_20250101.GetEventDataStoreUsage',
  );
  expect(unknown.headers.get('x-amzn-errortype')).toBe('EventDataStoreNotFoundException');
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetEventDataStoreUsage' }],
    }),
  );
  expect(Events).toEqual([]);
});
