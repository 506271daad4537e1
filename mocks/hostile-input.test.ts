// Hostile input through the transport adapter and the pipeline: every request gets the model's
// error (never a 500), a refused call changes nothing, and calls CloudTrail would record are
// recorded. Ends with a seeded fuzz over every operation of both models.
import {
  CreateEventDataStoreCommand,
  ListEventDataStoresCommand,
  LookupEventsCommand,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import cloudtrailModel from './emulator/model/cloudtrail.json';
import { mulberry32, type Random } from './emulator/random';
import { emulator, emulatorClient } from './node';

const CONTROL_PLANE = 'https://cloudtrail.us-east-1.amazonaws.com/';
const DATA_PLANE = 'https://cloudtrail-data.us-east-1.amazonaws.com/PutAuditEvents';
const SIGNED =
  'AWS4-HMAC-SHA256 Credential=AKIAEMU0ADMIN0000001/20250602/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=0';

async function call(operation: string, body: string, target = `CloudTrail_20131101.${operation}`) {
  const response = await fetch(CONTROL_PLANE, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: SIGNED },
    body,
  });
  const answer = (await response.json()) as { __type?: string; message?: string };
  return { status: response.status, type: answer.__type, body: answer };
}

/** Every entity of the world (stores, channels, policies, tags, counters), as one string. */
function fingerprint(): string {
  return emulator.state.fingerprint();
}

const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'];

test.each(PROTOTYPE_NAMES)('an access key named %s is an ordinary IAM user of the default account', async (key) => {
  const client = emulatorClient({ accessKeyId: key });
  const created = await client.send(
    new CreateEventDataStoreCommand({ Name: `store-of-${key.replaceAll('_', 'x')}`, MultiRegionEnabled: false }),
  );
  expect(created.EventDataStoreArn).toMatch(/^arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore\//);
  const { EventDataStores = [] } = await client.send(new ListEventDataStoresCommand({}));
  expect(EventDataStores.map((store) => store.EventDataStoreArn)).toContain(created.EventDataStoreArn);
  // The call is recorded under the key it was signed with.
  const { Events = [] } = await emulatorClient().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: key }] }),
  );
  // Both in the same second: history orders them by eventID then.
  expect(Events.map((event) => event.EventName).sort()).toEqual(['CreateEventDataStore', 'ListEventDataStores']);
});

test.each(PROTOTYPE_NAMES)('an extension or operation named %s is UnknownOperationException', async (name) => {
  const before = fingerprint();
  for (const target of [`CloudTrailEmulator_20250101.${name}`, `CloudTrail_20131101.${name}`]) {
    const answer = await call(name, '{"EventDataStore":"x"}', target);
    expect({ status: answer.status, type: answer.type }).toEqual({ status: 400, type: 'UnknownOperationException' });
  }
  expect(fingerprint()).toBe(before);
});

test.each(['1e13', '1e309', '-1e20', '8.641e12', '"not a time"'])(
  'a timestamp of %s is SerializationException, recorded, and changes nothing else',
  async (value) => {
    const before = fingerprint();
    for (const member of ['StartTime', 'EndTime']) {
      const answer = await call('LookupEvents', `{"${member}":${value}}`);
      expect({ status: answer.status, type: answer.type }).toEqual({ status: 400, type: 'SerializationException' });
    }
    const { Events = [] } = await emulatorClient().send(
      new LookupEventsCommand({
        MaxResults: 2,
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'LookupEvents' }],
      }),
    );
    expect(Events.map((event) => JSON.parse(event.CloudTrailEvent ?? '{}') as { errorCode?: string })).toEqual([
      expect.objectContaining({ errorCode: 'SerializationException' }),
      expect.objectContaining({ errorCode: 'SerializationException' }),
    ]);
    expect(fingerprint()).toBe(before);
  },
);

test.each([5_000, 10_000])('JSON nested %i levels deep is SerializationException on both planes', async (depth) => {
  const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const before = fingerprint();
  const control = await call('ListEventDataStores', `{"NextToken":${deep}}`);
  expect({ status: control.status, type: control.type }).toEqual({ status: 400, type: 'SerializationException' });
  const data = await fetch(`${DATA_PLANE}?channelArn=5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: SIGNED.replace('/cloudtrail/', '/cloudtrail-data/') },
    body: `{"auditEvents":${deep}}`,
  });
  expect(data.status).toBe(400);
  expect(data.headers.get('x-amzn-errortype')).toBe('SerializationException');
  // Refused before dispatch: not recorded (§6), nothing changed.
  expect(fingerprint()).toBe(before);
});

test('eventData nested thousands of levels deep fails that event with InvalidData', async () => {
  const eventData = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  const response = await fetch(`${DATA_PLANE}?channelArn=5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: SIGNED.replace('/cloudtrail/', '/cloudtrail-data/') },
    body: JSON.stringify({ auditEvents: [{ id: 'deep', eventData }] }),
  });
  expect(response.status).toBe(200);
  const output = (await response.json()) as { failed: { id: string; errorCode: string }[] };
  expect(output.failed).toEqual([expect.objectContaining({ id: 'deep', errorCode: 'InvalidData' })]);
});

test('a self-recorded call is capped at 256 KB, its oversized parameters replaced by a marker', async () => {
  const answer = await call('LookupEvents', JSON.stringify({ NextToken: 'x'.repeat(300_000) }));
  expect(answer.status).toBe(400);
  const { Events = [] } = await emulatorClient().send(new LookupEventsCommand({ MaxResults: 1 }));
  const json = Events[0]?.CloudTrailEvent ?? '';
  expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(256 * 1024);
  expect(JSON.parse(json)).toEqual(
    expect.objectContaining({
      eventName: 'LookupEvents',
      requestParameters: { omitted: expect.stringMatching(/^requestParameters was \d+ bytes/) as unknown },
    }),
  );
});

// The fuzz: random inputs built from each operation's input shape, mostly well-typed with
// hostile values, sometimes of the wrong JSON type. Bounded and seeded, so it is repeatable.

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  value?: { shape: string };
  enum?: string[];
}
const model = cloudtrailModel as unknown as {
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, Shape>;
};

const STRINGS = [
  '',
  'a',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  'x'.repeat(3000),
  'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/0a1b2c3d-1111-4222-8333-444455556666',
  'arn:aws:cloudtrail:us-east-1:123456789012:channel/5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57',
  'arn:aws:cloudtrail:us-east-1:123456789012:trail/t',
  'SELECT * FROM x',
  '{"Statement":[]}',
  'Custom',
  'eventCategory',
  'Management',
];
const NUMBERS = [0, -1, 1, 50, 1e13, -1e20, 8.641e12, 2 ** 53, 0.5];

function fuzzValue(rng: Random, shapeName: string, depth: number): unknown {
  const shape = model.shapes[shapeName];
  if (rng.chance(0.05)) return rng.pick([null, 7, 'text', [], {}, true]);
  switch (shape?.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [member, ref] of Object.entries(shape.members ?? {}))
        if (rng.chance(0.6)) out[member] = fuzzValue(rng, ref.shape, depth + 1);
      if (rng.chance(0.05)) out.__proto__ = { polluted: true };
      return out;
    }
    case 'list':
      return depth > 4
        ? []
        : Array.from({ length: rng.int(4) }, () => fuzzValue(rng, shape.member?.shape ?? '', depth + 1));
    case 'map':
      return depth > 4 ? {} : { [rng.pick(STRINGS)]: fuzzValue(rng, shape.value?.shape ?? '', depth + 1) };
    case 'string':
      return shape.enum && rng.chance(0.5) ? rng.pick(shape.enum) : rng.pick(STRINGS);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
    case 'timestamp':
      return rng.pick(NUMBERS);
    case 'boolean':
      return rng.chance(0.5);
    default:
      return rng.pick(STRINGS);
  }
}

test(
  'a seeded fuzz over every operation of both models: no 5xx, and a refused call changes nothing but its record',
  { timeout: 120_000 },
  async () => {
    const rng = mulberry32(20250602);
    const problems: string[] = [];
    const operations = Object.keys(model.operations);
    for (const operation of operations) {
      for (let round = 0; round < 6; round++) {
        const input = fuzzValue(rng, model.operations[operation]?.input?.shape ?? '', 0);
        const body = JSON.stringify(input);
        const before = fingerprint();
        const records = emulator.state.sequence;
        const answer = await call(operation, body);
        if (answer.status >= 500)
          problems.push(`${operation} ${body.slice(0, 200)} -> ${String(answer.status)} ${answer.type ?? ''}`);
        if (answer.status >= 400 && answer.type !== 'UnknownOperationException') {
          // Refused: the only change is the call's own record.
          const after = emulator.state.sequence;
          if (after !== records + 1)
            problems.push(`${operation}: ${String(after - records)} records for one refused call`);
          if (fingerprint() !== before)
            problems.push(`${operation}: a refused call changed the world: ${body.slice(0, 200)}`);
        }
      }
    }
    for (let round = 0; round < 40; round++) {
      const events = Array.from({ length: rng.int(3) }, () => ({
        id: rng.pick(['1', '', '__proto__', 'x'.repeat(200), 'a-b']),
        eventData: rng.pick([
          '{}',
          'null',
          '[]',
          '{"version":"1.0"}',
          `{"a":${'['.repeat(50)}${']'.repeat(50)}}`,
          '\ud800',
        ]),
        ...(rng.chance(0.3) ? { eventDataChecksum: rng.pick(['', 'AAAA', '__proto__']) } : {}),
      }));
      const query = rng.pick([
        '',
        '?channelArn=5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57',
        '?channelArn=__proto__',
        '?externalId=%00',
      ]);
      const response = await fetch(`${DATA_PLANE}${query}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: SIGNED.replace('/cloudtrail/', '/cloudtrail-data/'),
        },
        body: JSON.stringify({ auditEvents: events }),
      });
      if (response.status >= 500) problems.push(`PutAuditEvents ${query} -> ${String(response.status)}`);
    }
    expect(problems).toEqual([]);
  },
);
