// PutAuditEvents over plain HTTP (SEMANTICS.md §3, §6, §12.1, §12.4, §13, §14): the restJson1
// wire format, every request-level error, every per-event error code, storage in destination
// stores, IngestionStatus, authorization by resource policy, the call's own data event, the seeded
// ingestion, and persistence. The caller is picked by the access key in a SigV4-like header.
import {
  CreateChannelCommand,
  CreateEventDataStoreCommand,
  GetChannelCommand,
  LookupEventsCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { createHandlers } from '../../../handlers';
import {
  emulator,
  emulatorClient,
  server,
  TEST_ANCHOR,
  TEST_START,
  testClock,
  testEmulatorOptions,
} from '../../../node';
import { DAY, SECOND } from '../../clock';
import { createEmulator, type Emulator } from '../../create-emulator';
import { sha256Base64 } from '../../hash';
import { ADMIN_ACCESS_KEY, DEV_ACCESS_KEY, PARTNER_ACCESS_KEY } from '../../identities';
import { recordTimeSeconds, type CloudTrailRecord } from '../../records';
import { mulberry32 } from '../../random';
import { memoryStorage } from '../../storage/memory';
import { eventDataStoreUsage } from '../event-data-stores/event-data-store';
import { normaliseEventTime } from './put-audit-events';

const ACCOUNT = '123456789012';
const INTEGRATIONS_AUDIT_ID = 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';
const INTEGRATIONS_AUDIT_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/${INTEGRATIONS_AUDIT_ID}`;
const PAYMENTS_ID = '5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57';
const PAYMENTS_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/${PAYMENTS_ID}`;
const LAUNCHDARKLY_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/9a7f3c15-2e6b-4d80-b4c9-e1f5a2d7c603`;
const SECURITY_LAKE_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/8c1e5b2f-4a6d-4e93-9b07-d2f8c3a1e645`;
const LD_EXTERNAL_ID = 'ld-ext-7d3f2a91';
const ACTIVITY_SELECTORS = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];

interface Answer {
  status: number;
  errorType: string | null;
  contentType: string | null;
  body: Record<string, unknown>;
}

interface Sent {
  channelArn?: string;
  externalId?: string;
  accessKeyId?: string;
  region?: string;
  /** The raw body; default `{"auditEvents": auditEvents}`. */
  body?: string;
  auditEvents?: unknown[];
}

/** A PutAuditEvents request as the AWS CLI sends it: restJson1, query string, SigV4 scope naming the caller. */
async function send({
  channelArn = PAYMENTS_ARN,
  externalId,
  accessKeyId = ADMIN_ACCESS_KEY,
  region = 'us-east-1',
  body,
  auditEvents,
}: Sent): Promise<Answer> {
  const url = new URL(`https://cloudtrail-data.${region}.amazonaws.com/PutAuditEvents`);
  if (channelArn !== '') url.searchParams.set('channelArn', channelArn);
  if (externalId !== undefined) url.searchParams.set('externalId', externalId);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/${region}/cloudtrail-data/aws4_request, SignedHeaders=host, Signature=x`,
    },
    body: body ?? JSON.stringify({ auditEvents: auditEvents ?? [auditEvent('1')] }),
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

type EventData = Record<string, unknown>;

/** A complete, valid eventData object for the default account. */
function eventData(overrides: EventData = {}): EventData {
  return {
    version: '1.0',
    userIdentity: { type: 'CustomUser', principalId: 'user-42', details: { email: 'kim@example.com' } },
    userAgent: 'orders-web/1.2',
    eventSource: 'orders.example.com',
    eventName: 'PlaceOrder',
    eventTime: '2025-06-02T12:10:00Z',
    UID: 'uid-0001',
    requestParameters: { orderId: 'o-1' },
    responseElements: { status: 'accepted' },
    sourceIPAddress: '203.0.113.9',
    recipientAccountId: ACCOUNT,
    additionalEventData: { tenant: 'acme' },
    ...overrides,
  };
}

/** Removes a member by dotted path. */
function without(path: string): EventData {
  const data = structuredClone(eventData());
  const [head = '', tail] = path.split('.');
  if (tail === undefined) Reflect.deleteProperty(data, head);
  else Reflect.deleteProperty(data[head] as object, tail);
  return data;
}

function auditEvent(id: string, data: EventData | string = eventData(), checksum?: string) {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return { id, eventData: text, ...(checksum === undefined ? {} : { eventDataChecksum: checksum }) };
}

function usage(storeId = INTEGRATIONS_AUDIT_ID) {
  return eventDataStoreUsage(emulator.state, storeId, testClock.now()).events;
}

/** Data events of PutAuditEvents calls the emulator recorded during the test. */
function callRecords(): CloudTrailRecord[] {
  return [...emulator.state.allEntries()]
    .filter((entry) => entry.eventName === 'PutAuditEvents' && entry.time * SECOND >= TEST_START)
    .map((entry) => JSON.parse(emulator.state.jsonOf(entry)) as CloudTrailRecord);
}

async function newChannel(Name = 'orders-app', Destinations = [INTEGRATIONS_AUDIT_ARN]) {
  const { ChannelArn = '' } = await emulatorClient().send(
    new CreateChannelCommand({
      Name,
      Source: 'Custom',
      Destinations: Destinations.map((Location) => ({ Type: 'EVENT_DATA_STORE' as const, Location })),
    }),
  );
  return ChannelArn;
}

async function newActivityStore(Name: string) {
  const { EventDataStoreArn = '' } = await emulatorClient().send(
    new CreateEventDataStoreCommand({ Name, AdvancedEventSelectors: ACTIVITY_SELECTORS, MultiRegionEnabled: false }),
  );
  return EventDataStoreArn;
}

const storeIdOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

test('stores valid events in the channel’s destination and answers both lists in restJson1', async () => {
  const before = usage();
  const answer = await send({ auditEvents: [auditEvent('a-1'), auditEvent('a-2')] });
  expect(answer.status).toBe(200);
  expect(answer.contentType).toBe('application/json');
  expect(answer.body.failed).toEqual([]);
  const successful = answer.body.successful as { id: string; eventID: string }[];
  expect(successful.map((entry) => entry.id)).toEqual(['a-1', 'a-2']);
  for (const entry of successful)
    expect(entry.eventID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(usage()).toBe(before + 2);
});

test('stores the record in CloudTrail’s ActivityAuditLog shape, eventData kept as sent', async () => {
  const data = eventData({ eventTime: '2025-06-02T12:10:00.123', custom: { nested: [1, 'two'] } });
  const answer = await send({ auditEvents: [auditEvent('a-1', data)] });
  const eventID = (answer.body.successful as { eventID: string }[])[0]?.eventID ?? '';
  const entry = emulator.state.entry(eventID);
  expect(entry).toBeDefined();
  const json = emulator.state.jsonOf(entry ?? never());
  expect(json).toBe(
    JSON.stringify({
      eventVersion: '1.0',
      eventCategory: 'ActivityAuditLog',
      eventType: 'ActivityLog',
      eventID,
      eventTime: '2025-06-02T12:10:00Z',
      awsRegion: 'us-east-1',
      recipientAccountId: ACCOUNT,
      metadata: { ingestionTime: '2025-06-02T12:30:00Z', channelARN: PAYMENTS_ARN },
      eventData: data,
    }),
  );
  // ActivityAuditLog records never enter event history.
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: eventID }] }),
  );
  expect(Events).toEqual([]);
});

function never(): never {
  throw new Error('unreachable');
}

test('accepts a bare channel UUID of the caller’s account', async () => {
  expect((await send({ channelArn: PAYMENTS_ID })).status).toBe(200);
});

test.each<[string, string, Sent]>([
  ['a body that is not JSON', 'SerializationException', { body: '{"auditEvents": [' }],
  ['a body that is a JSON array', 'SerializationException', { body: '[]' }],
  ['auditEvents of the wrong type', 'SerializationException', { body: '{"auditEvents": {}}' }],
  ['an eventData that is not a string', 'SerializationException', { auditEvents: [{ id: '1', eventData: {} }] }],
  ['no auditEvents', 'ValidationException', { body: '{}' }],
  ['an empty body', 'ValidationException', { body: '' }],
  ['no events', 'ValidationException', { auditEvents: [] }],
  ['101 events', 'ValidationException', { auditEvents: Array.from({ length: 101 }, (_, i) => auditEvent(String(i))) }],
  ['an event without id', 'ValidationException', { auditEvents: [{ eventData: '{}' }] }],
  ['an id with a space', 'ValidationException', { auditEvents: [auditEvent('a 1')] }],
  ['an id of 129 characters', 'ValidationException', { auditEvents: [auditEvent('x'.repeat(129))] }],
  ['an event without eventData', 'ValidationException', { auditEvents: [{ id: '1' }] }],
  [
    'a body over 1 MB',
    'ValidationException',
    { auditEvents: [auditEvent('1', eventData({ padding: 'é'.repeat(530_000) }))] },
  ],
  ['an external ID with a space', 'ValidationException', { externalId: 'a b' }],
  ['no channelArn', 'InvalidChannelARN', { channelArn: '' }],
  ['a channelArn that is no ARN', 'InvalidChannelARN', { channelArn: 'payments-app-audit' }],
  ['a store ARN as channelArn', 'InvalidChannelARN', { channelArn: INTEGRATIONS_AUDIT_ARN }],
  ['an unknown channel', 'ChannelNotFound', { channelArn: PAYMENTS_ARN.replace('5c2e8a41', '00000000') }],
  ['a channel ARN of another region', 'ChannelNotFound', { channelArn: PAYMENTS_ARN, region: 'us-west-2' }],
  ['the service-linked channel', 'ChannelUnsupportedSchema', { channelArn: SECURITY_LAKE_ARN }],
  [
    'a repeated id',
    'DuplicatedAuditEventId',
    { auditEvents: [auditEvent('dup'), auditEvent('ok'), auditEvent('dup')] },
  ],
  ['a partner without a policy', 'ChannelInsufficientPermission', { accessKeyId: PARTNER_ACCESS_KEY }],
  ['an unserved region', 'UnsupportedOperationException', { region: 'me-south-1' }],
])('answers %s with 400 %s and stores nothing', async (_case, name, sent) => {
  const before = usage();
  const answer = await send(sent);
  expect(answer.status).toBe(400);
  expect(answer.errorType).toBe(name);
  expect(answer.contentType).toBe('application/json');
  expect(answer.body).toEqual({ __type: name, message: expect.any(String) as unknown });
  expect(usage()).toBe(before);
});

test('a body that is not JSON is refused before the call is served, so it is not recorded', async () => {
  await send({ body: 'nonsense' });
  expect(callRecords()).toEqual([]);
  await send({ auditEvents: [] });
  expect(callRecords().map((record) => record.errorCode)).toEqual(['ValidationException']);
});

test.each<[string, string, EventData | string]>([
  ['eventData that is not JSON', 'InvalidData', '{"version":'],
  ['eventData that is a JSON array', 'InvalidData', '[]'],
  ['eventData that is a JSON string', 'InvalidData', '"event"'],
  ['a number as eventSource', 'InvalidData', eventData({ eventSource: 42 })],
  ['a userIdentity that is a string', 'InvalidData', eventData({ userIdentity: 'kim' })],
  ['a principalId that is a number', 'InvalidData', eventData({ userIdentity: { type: 'User', principalId: 7 } })],
  [
    'details that are a list',
    'InvalidData',
    eventData({ userIdentity: { type: 'User', principalId: 'p', details: [] } }),
  ],
  ['requestParameters that are a list', 'InvalidData', eventData({ requestParameters: ['a'] })],
  ['responseElements that are a string', 'InvalidData', eventData({ responseElements: 'ok' })],
  ['additionalEventData that is a number', 'InvalidData', eventData({ additionalEventData: 1 })],
  ['an errorCode that is a boolean', 'InvalidData', eventData({ errorCode: true })],
  ['an eventTime with a space', 'InvalidData', eventData({ eventTime: '2025-06-02 12:10:00' })],
  ['an eventTime with an offset', 'InvalidData', eventData({ eventTime: '2025-06-02T12:10:00+02:00' })],
  ['an eventTime in month 13', 'InvalidData', eventData({ eventTime: '2025-13-02T12:10:00Z' })],
  ['an eventTime on 30 February', 'InvalidData', eventData({ eventTime: '2025-02-30T12:10:00Z' })],
  ['a sourceIPAddress that is a host name', 'InvalidData', eventData({ sourceIPAddress: 'localhost' })],
  ['a sourceIPAddress out of range', 'InvalidData', eventData({ sourceIPAddress: '256.1.1.1' })],
  ['a malformed IPv6 sourceIPAddress', 'InvalidData', eventData({ sourceIPAddress: '2001:db8::1::2' })],
  ['a recipientAccountId of another account', 'InvalidRecipient', eventData({ recipientAccountId: '444455556666' })],
])('fails an event with %s with %s', async (_case, code, data) => {
  const answer = await send({ auditEvents: [auditEvent('bad', data)] });
  expect(answer.status).toBe(200);
  expect(answer.body.successful).toEqual([]);
  expect(answer.body.failed).toEqual([{ id: 'bad', errorCode: code, errorMessage: expect.any(String) as unknown }]);
});

test.each([
  'version',
  'userIdentity',
  'userIdentity.type',
  'userIdentity.principalId',
  'eventSource',
  'eventName',
  'eventTime',
  'UID',
  'recipientAccountId',
])('fails an event without %s with FieldNotFound naming it', async (path) => {
  const answer = await send({ auditEvents: [auditEvent('missing', without(path))] });
  const [failure] = answer.body.failed as { errorCode: string; errorMessage: string }[];
  expect(failure?.errorCode).toBe('FieldNotFound');
  expect(failure?.errorMessage).toContain(path);
});

test('a null required field counts as missing', async () => {
  const answer = await send({ auditEvents: [auditEvent('null', eventData({ eventName: null }))] });
  expect((answer.body.failed as { errorCode: string }[])[0]?.errorCode).toBe('FieldNotFound');
});

const identity = (type: string, principalId: string) => ({ userIdentity: { type, principalId } });

test.each<[string, EventData, EventData]>([
  ['version', { version: 'v'.repeat(256) }, { version: 'v'.repeat(257) }],
  ['userIdentity.type', identity('t'.repeat(128), 'p'), identity('t'.repeat(129), 'p')],
  ['userIdentity.principalId', identity('t', 'p'.repeat(1024)), identity('t', 'p'.repeat(1025))],
  ['userAgent', { userAgent: 'u'.repeat(1024) }, { userAgent: 'u'.repeat(1025) }],
  ['eventSource', { eventSource: 's'.repeat(1024) }, { eventSource: 's'.repeat(1025) }],
  ['eventName', { eventName: 'n'.repeat(1024) }, { eventName: 'n'.repeat(1025) }],
  ['UID', { UID: 'i'.repeat(1024) }, { UID: 'i'.repeat(1025) }],
  ['errorCode', { errorCode: 'e'.repeat(256) }, { errorCode: 'e'.repeat(257) }],
  ['errorMessage', { errorMessage: 'm'.repeat(256) }, { errorMessage: 'm'.repeat(257) }],
  // {"x":"…"} is 8 bytes of JSON around the value.
  [
    'requestParameters',
    { requestParameters: { x: 'r'.repeat(102_400 - 8) } },
    { requestParameters: { x: 'r'.repeat(102_400 - 7) } },
  ],
  [
    'responseElements',
    { responseElements: { x: 'é'.repeat(51_196) } },
    { responseElements: { x: 'é'.repeat(51_197) } },
  ],
  [
    'additionalEventData',
    { additionalEventData: { x: 'a'.repeat(28_672 - 8) } },
    { additionalEventData: { x: 'a'.repeat(28_672 - 7) } },
  ],
])('accepts %s at its limit and fails it with FieldTooLong one past', async (_case, atLimit, pastLimit) => {
  const answer = await send({
    auditEvents: [auditEvent('at', eventData(atLimit)), auditEvent('past', eventData(pastLimit))],
  });
  expect((answer.body.successful as { id: string }[]).map((entry) => entry.id)).toEqual(['at']);
  expect(answer.body.failed).toEqual([
    { id: 'past', errorCode: 'FieldTooLong', errorMessage: expect.any(String) as unknown },
  ]);
});

test('counts a number that prints longer than it was sent at its printed length', async () => {
  // 1e20 prints as 21 digits: 4 characters sent, 21 bytes counted.
  const numbers = `[${Array.from({ length: 1400 }, () => '1e20').join(',')}]`;
  const text = JSON.stringify(eventData({ additionalEventData: { n: 'NUMBERS' } })).replace('"NUMBERS"', numbers);
  const answer = await send({ auditEvents: [auditEvent('n', text)] });
  expect((answer.body.failed as { errorCode: string }[])[0]?.errorCode).toBe('FieldTooLong');
});

test('checks eventDataChecksum against the SHA-256 of eventData’s UTF-8 bytes as sent', async () => {
  // Not compact, and with characters outside ASCII: the checksum covers these exact bytes.
  const text = JSON.stringify(eventData({ eventName: 'Überweisung 💶' }), null, 2);
  const latin1 = btoa(String.fromCharCode(...Array.from(text, (char) => char.charCodeAt(0) & 0xff)));
  const answer = await send({
    auditEvents: [
      auditEvent('valid', text, sha256Base64(text)),
      auditEvent('other-bytes', text, sha256Base64(JSON.stringify(JSON.parse(text)))),
      auditEvent('not-base64', text, 'abc'),
      auditEvent('wrong-encoding', text, latin1),
      auditEvent('empty', text, ''),
      auditEvent('absent', text),
    ],
  });
  expect((answer.body.successful as { id: string }[]).map((entry) => entry.id)).toEqual(['valid', 'absent']);
  expect(
    (answer.body.failed as { id: string; errorCode: string }[]).map((entry) => [entry.id, entry.errorCode]),
  ).toEqual([
    ['other-bytes', 'InvalidChecksum'],
    ['not-base64', 'InvalidChecksum'],
    ['wrong-encoding', 'InvalidChecksum'],
    ['empty', 'InvalidChecksum'],
  ]);
});

test('the checksum is checked first, then the data', async () => {
  const answer = await send({ auditEvents: [auditEvent('both', 'not json', sha256Base64('other'))] });
  expect((answer.body.failed as { errorCode: string }[])[0]?.errorCode).toBe('InvalidChecksum');
});

test('the browser’s emulator, with its own SHA-256 instead of node:crypto’s, answers and stores the same', async () => {
  const text = JSON.stringify(eventData({ eventName: 'Überweisung 💶' }), null, 2);
  // A lone surrogate is hashed as U+FFFD, as TextEncoder and node:crypto both encode it.
  const lone = JSON.stringify(eventData({ eventName: 'NAME' })).replace('NAME', 'x\ud800');
  const auditEvents = [
    auditEvent('valid', text, sha256Base64(text)),
    auditEvent('other-bytes', text, sha256Base64(JSON.stringify(JSON.parse(text)))),
    auditEvent('lone-surrogate', lone, sha256Base64(lone)),
    auditEvent('absent', text),
  ];
  const stored = (world: Emulator, answer: Answer) =>
    (answer.body.successful as { eventID: string }[]).map(({ eventID }) =>
      world.state.jsonOf(world.state.entry(eventID) ?? never()),
    );
  const native = await send({ auditEvents });
  expect((native.body.successful as { id: string }[]).map((entry) => entry.id)).toEqual([
    'valid',
    'lone-surrogate',
    'absent',
  ]);

  const browser = await createEmulator(testEmulatorOptions({ sha256Base64: undefined }));
  server.use(...createHandlers(browser));
  const answer = await send({ auditEvents });
  expect(answer).toEqual(native);
  expect(stored(browser, answer)).toEqual(stored(emulator, native));
});

test('accepts IPv4 and IPv6 source addresses and fractional or zone-less event times', async () => {
  const cases = [
    eventData({ sourceIPAddress: '10.0.0.1' }),
    eventData({ sourceIPAddress: '2001:db8::8a2e:370:7334' }),
    eventData({ sourceIPAddress: '::ffff:192.0.2.1' }),
    eventData({ sourceIPAddress: '::1' }),
    eventData({ eventTime: '2025-06-02T12:10:00.5Z' }),
    eventData({ eventTime: '2025-06-02T12:10:00' }),
    eventData({ userIdentity: { type: 'User', principalId: 'p' }, sourceIPAddress: undefined }),
  ];
  const answer = await send({ auditEvents: cases.map((data, index) => auditEvent(String(index), data)) });
  expect(answer.body.failed).toEqual([]);
});

test('an eventTime is taken when it has the form and is a real UTC time, and indexed at the second Date.parse reads', () => {
  const FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$/;
  // A real time reads back as itself; February 30 or 24:00 would roll over.
  const real = (time: string) => {
    const at = Date.parse(time);
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 19) === time.slice(0, 19);
  };
  const texts: string[] = [];
  for (const year of ['0000', '1900', '1970', '2000', '2024', '2025', '2100', '9999'])
    for (const month of ['00', '01', '02', '04', '12', '13'])
      for (const day of ['00', '01', '28', '29', '30', '31', '32'])
        for (const time of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60'])
          for (const tail of ['', 'Z', '.5', '.250Z', '.Z', 'ZZ', '+00:00'])
            texts.push(`${year}-${month}-${day}T${time}${tail}`);
  const rng = mulberry32(9);
  const alphabet = '0123456789-T:Z.z+ \u0660';
  for (let index = 0; index < 20_000; index++) {
    const chars = Array.from('2024-02-29T23:59:59.250Z');
    for (let edits = rng.int(3); edits >= 0; edits--) {
      const at = rng.int(chars.length + 1);
      const char = alphabet.charAt(rng.int(alphabet.length));
      // Insert, delete or replace one character.
      const edit = rng.int(3);
      if (edit === 0) chars.splice(at, 0, char);
      else if (edit === 1) chars.splice(at, 1);
      else chars[at] = char;
    }
    texts.push(chars.join(''));
  }
  for (const text of texts) {
    const normalised = `${text.slice(0, 19)}Z`;
    const expected = FORM.test(text) && real(normalised) ? normalised : undefined;
    expect(normaliseEventTime(text)).toBe(expected);
    expect(recordTimeSeconds(normalised)).toBe(Math.floor(Date.parse(normalised) / 1000));
  }
});

test('answers a mixed batch in request order, storing only the valid events', async () => {
  const before = usage();
  const answer = await send({
    auditEvents: [
      auditEvent('1'),
      auditEvent('2', without('UID')),
      auditEvent('3'),
      auditEvent('4', eventData({ recipientAccountId: '111122223333' })),
    ],
  });
  expect((answer.body.successful as { id: string }[]).map((entry) => entry.id)).toEqual(['1', '3']);
  expect(
    (answer.body.failed as { id: string; errorCode: string }[]).map((entry) => [entry.id, entry.errorCode]),
  ).toEqual([
    ['2', 'FieldNotFound'],
    ['4', 'InvalidRecipient'],
  ]);
  expect(usage()).toBe(before + 2);
});

test('writes to every destination ENABLED at that moment, and succeeds without any', async () => {
  const second = await newActivityStore('second-destination');
  const channel = await newChannel('two-destinations', [INTEGRATIONS_AUDIT_ARN, second]);
  const before = usage();
  // The new store is still CREATED: only integrations-audit takes the event.
  await send({ channelArn: channel, auditEvents: [auditEvent('early')] });
  expect([usage(), usage(storeIdOf(second))]).toEqual([before + 1, 0]);
  testClock.advance(3 * SECOND);
  await send({ channelArn: channel, auditEvents: [auditEvent('a'), auditEvent('b')] });
  expect([usage(), usage(storeIdOf(second))]).toEqual([before + 3, 2]);

  const lonely = await newActivityStore('not-yet-enabled');
  const answer = await send({ channelArn: await newChannel('lonely', [lonely]), auditEvents: [auditEvent('x')] });
  expect(answer.status).toBe(200);
  expect(answer.body.successful).toHaveLength(1);
});

test('the store usage extension counts ingested events', async () => {
  const post = (body: unknown) =>
    fetch('https://cloudtrail.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CloudTrailEmulator_20250101.GetEventDataStoreUsage',
      },
      body: JSON.stringify(body),
    }).then(async (response) => (await response.json()) as { Events: number; Bytes: number });
  const before = await post({ EventDataStore: INTEGRATIONS_AUDIT_ARN });
  await send({ auditEvents: Array.from({ length: 5 }, (_, i) => auditEvent(String(i))) });
  const after = await post({ EventDataStore: INTEGRATIONS_AUDIT_ARN });
  expect(after.Events).toBe(before.Events + 5);
  expect(after.Bytes).toBeGreaterThan(before.Bytes + 5 * 400);
});

test('IngestionStatus follows each call that passes the request checks', async () => {
  const channel = await newChannel();
  const client = emulatorClient();
  const status = async () => (await client.send(new GetChannelCommand({ Channel: channel }))).IngestionStatus;
  expect(await status()).toEqual({});

  const mixed = await send({
    channelArn: channel,
    auditEvents: [auditEvent('ok-1'), auditEvent('bad', without('UID')), auditEvent('ok-2')],
  });
  const lastSuccess = (mixed.body.successful as { eventID: string }[])[1]?.eventID;
  const first = await status();
  expect(first).toEqual({
    LatestIngestionSuccessTime: new Date(TEST_START),
    LatestIngestionSuccessEventID: lastSuccess,
    LatestIngestionErrorCode: 'FieldNotFound',
    LatestIngestionAttemptTime: new Date(TEST_START),
    LatestIngestionAttemptEventID: lastSuccess,
  });

  // A call whose events all fail moves the attempt time and the error code, not the IDs.
  testClock.advance(60 * SECOND);
  await send({
    channelArn: channel,
    auditEvents: [auditEvent('x', eventData({ recipientAccountId: '111122223333' }))],
  });
  expect(await status()).toEqual({
    ...first,
    LatestIngestionErrorCode: 'InvalidRecipient',
    LatestIngestionAttemptTime: new Date(TEST_START + 60 * SECOND),
  });

  // A later success keeps the last error code.
  testClock.advance(60 * SECOND);
  const answer = await send({ channelArn: channel, auditEvents: [auditEvent('ok-3')] });
  const eventID = (answer.body.successful as { eventID: string }[])[0]?.eventID;
  const later = new Date(TEST_START + 120 * SECOND);
  expect(await status()).toEqual({
    LatestIngestionSuccessTime: later,
    LatestIngestionSuccessEventID: eventID,
    LatestIngestionErrorCode: 'InvalidRecipient',
    LatestIngestionAttemptTime: later,
    LatestIngestionAttemptEventID: eventID,
  });

  // Request-level errors change nothing.
  testClock.advance(60 * SECOND);
  await send({ channelArn: channel, auditEvents: [auditEvent('d'), auditEvent('d')] });
  await send({ channelArn: channel, accessKeyId: PARTNER_ACCESS_KEY });
  expect((await status())?.LatestIngestionAttemptTime).toEqual(later);
});

test('records each call as a data event of the channel owner, never in history', async () => {
  await send({ auditEvents: [auditEvent('1'), auditEvent('2', without('UID'))], accessKeyId: DEV_ACCESS_KEY });
  const [record] = callRecords();
  expect(record).toMatchObject({
    eventVersion: '1.11',
    userIdentity: { type: 'IAMUser', userName: 'dev-jordan', accessKeyId: DEV_ACCESS_KEY },
    eventSource: 'cloudtrail-data.amazonaws.com',
    eventName: 'PutAuditEvents',
    awsRegion: 'us-east-1',
    requestParameters: { channelArn: PAYMENTS_ARN },
    responseElements: null,
    additionalEventData: { successfulCount: 1, failedCount: 1 },
    readOnly: false,
    resources: [{ accountId: ACCOUNT, type: 'AWS::CloudTrail::Channel', ARN: PAYMENTS_ARN }],
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Data',
  });
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutAuditEvents' }] }),
  );
  expect(Events).toEqual([]);
});

test('records a failed call with its error, and an unknown channel in the caller’s account without resources', async () => {
  await send({ channelArn: SECURITY_LAKE_ARN });
  await send({ channelArn: PAYMENTS_ARN.replace('5c2e8a41', '00000000'), accessKeyId: PARTNER_ACCESS_KEY });
  const [unsupported, unknown] = callRecords();
  expect(unsupported).toMatchObject({
    errorCode: 'ChannelUnsupportedSchema',
    recipientAccountId: ACCOUNT,
    resources: [{ type: 'AWS::CloudTrail::Channel', ARN: SECURITY_LAKE_ARN }],
  });
  expect(unsupported?.additionalEventData).toBeUndefined();
  expect(unknown).toMatchObject({ errorCode: 'ChannelNotFound', recipientAccountId: '444455556666' });
  expect(unknown?.resources).toBeUndefined();
});

test('only stores selecting Data events of channels get the call’s data event', async () => {
  const { EventDataStoreArn = '' } = await emulatorClient().send(
    new CreateEventDataStoreCommand({
      Name: 'channel-calls',
      MultiRegionEnabled: false,
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::CloudTrail::Channel'] },
          ],
        },
      ],
    }),
  );
  testClock.advance(3 * SECOND);
  const management = usage('a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24');
  await send({});
  expect(usage(storeIdOf(EventDataStoreArn))).toBe(1);
  expect(usage('a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24')).toBe(management);
});

test('the partner may write to LaunchDarkly’s channel only with the policy’s external ID', async () => {
  const ok = await send({ channelArn: LAUNCHDARKLY_ARN, accessKeyId: PARTNER_ACCESS_KEY, externalId: LD_EXTERNAL_ID });
  expect(ok.status).toBe(200);
  expect(ok.body.successful).toHaveLength(1);
  for (const externalId of [undefined, 'ld-ext-00000000']) {
    const refused = await send({ channelArn: LAUNCHDARKLY_ARN, accessKeyId: PARTNER_ACCESS_KEY, externalId });
    expect(refused.errorType).toBe('ChannelInsufficientPermission');
  }
  // The partner's call is filed under the channel owner, with the partner as caller.
  const [record] = callRecords();
  expect(record).toMatchObject({
    userIdentity: { type: 'AssumedRole', accountId: '444455556666', accessKeyId: PARTNER_ACCESS_KEY },
    recipientAccountId: ACCOUNT,
    requestParameters: { channelArn: LAUNCHDARKLY_ARN, externalId: LD_EXTERNAL_ID },
  });
});

test('the owner account needs no policy and no external ID', async () => {
  const answer = await send({ channelArn: LAUNCHDARKLY_ARN, accessKeyId: DEV_ACCESS_KEY });
  expect(answer.status).toBe(200);
});

test('another account is refused without a policy', async () => {
  const answer = await send({ accessKeyId: PARTNER_ACCESS_KEY, externalId: LD_EXTERNAL_ID });
  expect(answer.errorType).toBe('ChannelInsufficientPermission');
});

async function partnerWith(statements: Record<string, unknown>[], name = 'partner-feed') {
  const channel = await newChannel(name);
  await emulatorClient().send(
    new PutResourcePolicyCommand({
      ResourceArn: channel,
      ResourcePolicy: JSON.stringify({
        Statement: statements.map((statement) => ({
          Action: 'cloudtrail-data:PutAuditEvents',
          Resource: channel,
          ...statement,
        })),
      }),
    }),
  );
  return async (externalId?: string) =>
    (await send({ channelArn: channel, accessKeyId: PARTNER_ACCESS_KEY, ...(externalId ? { externalId } : {}) }))
      .status;
}

test.each([
  '444455556666',
  'arn:aws:iam::444455556666:root',
  'arn:aws:iam::444455556666:role/AuditEventsWriter',
  'arn:aws:sts::444455556666:assumed-role/AuditEventsWriter/partner-ingest',
])('a policy naming the partner as %s lets it write, with any external ID', async (principal) => {
  const status = await partnerWith([{ Effect: 'Allow', Principal: { AWS: principal } }]);
  expect(await status()).toBe(200);
  expect(await status('anything')).toBe(200);
});

test.each([
  '111122223333',
  'arn:aws:iam::444455556666:role/OtherRole',
  'arn:aws:sts::444455556666:assumed-role/AuditEventsWriter/other-session',
  'arn:aws:iam::444455556666:user/partner-ingest',
])('a policy naming only %s does not let the partner write', async (principal) => {
  const status = await partnerWith([{ Effect: 'Allow', Principal: { AWS: principal } }]);
  expect(await status()).toBe(400);
});

test('an applying Deny wins over an Allow, and a Deny with an external ID applies only with it', async () => {
  const principal = { AWS: '444455556666' };
  const denied = await partnerWith([
    { Effect: 'Allow', Principal: principal },
    { Effect: 'Deny', Principal: principal },
  ]);
  expect(await denied()).toBe(400);
  const conditional = await partnerWith(
    [
      { Effect: 'Allow', Principal: principal },
      { Effect: 'Deny', Principal: principal, Condition: { StringEquals: { 'cloudtrail:ExternalId': ['blocked'] } } },
    ],
    'conditional-deny',
  );
  expect(await conditional('fine')).toBe(200);
  expect(await conditional('blocked')).toBe(400);
});

test('the seed holds the payments and LaunchDarkly events in integrations-audit and their calls as data events', () => {
  const entries = [...emulator.state.allEntries()];
  const activity = entries.filter((entry) => entry.category === 'ActivityAuditLog');
  const bySource = (source: string) => activity.filter((entry) => entry.eventSource === source);
  // About 8 a day for 44 days and about 5 a day for 30 days (§14).
  expect(bySource('payments.acme.internal').length).toBeGreaterThan(44 * 6);
  expect(bySource('payments.acme.internal').length).toBeLessThan(44 * 10);
  expect(bySource('app.launchdarkly.com').length).toBeGreaterThan(30 * 3);
  expect(bySource('app.launchdarkly.com').length).toBeLessThan(30 * 7);
  expect(usage()).toBe(activity.length);
  for (const entry of activity) expect(entry.time * SECOND).toBeLessThan(TEST_ANCHOR);

  const calls = entries
    .filter((entry) => entry.eventName === 'PutAuditEvents')
    .map((entry) => JSON.parse(emulator.state.jsonOf(entry)) as CloudTrailRecord);
  const counted = calls.reduce((sum, call) => sum + Number(call.additionalEventData?.successfulCount ?? 0), 0);
  expect(counted).toBe(activity.length);
  const failures = calls.filter((call) => call.additionalEventData?.failedCount !== 0);
  expect(failures).toHaveLength(1);
  expect(failures[0]?.requestParameters).toEqual({ channelArn: LAUNCHDARKLY_ARN, externalId: LD_EXTERNAL_ID });
  expect(Date.parse(failures[0]?.eventTime ?? '')).toBeGreaterThan(TEST_ANCHOR - 3 * DAY);
  expect(new Set(calls.map((call) => call.userIdentity.accessKeyId))).toEqual(
    new Set([DEV_ACCESS_KEY, PARTNER_ACCESS_KEY]),
  );
});

test('the seeded ingestion is the same on every load of the same seed and anchor', async () => {
  const ids = (world: Emulator) =>
    [...world.state.allEntries()]
      .filter((entry) => entry.category === 'ActivityAuditLog')
      .map((entry) => world.state.jsonOf(entry));
  const other = await createEmulator(testEmulatorOptions());
  expect(ids(other)).toEqual(ids(emulator));
});

test('ingested events, IngestionStatus and the call records survive a restart', async () => {
  const storage = memoryStorage();
  const first = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(first));
  const channel = await newChannel();
  const answer = await send({ channelArn: channel, auditEvents: [auditEvent('1'), auditEvent('2', without('UID'))] });
  const eventID = (answer.body.successful as { eventID: string }[])[0]?.eventID ?? '';
  const before = {
    status: (await emulatorClient().send(new GetChannelCommand({ Channel: channel }))).IngestionStatus,
    usage: eventDataStoreUsage(first.state, INTEGRATIONS_AUDIT_ID, testClock.now()),
    json: first.state.jsonOf(first.state.entry(eventID) ?? never()),
  };

  const second = await createEmulator(testEmulatorOptions({ storage }));
  server.use(...createHandlers(second));
  expect((await emulatorClient().send(new GetChannelCommand({ Channel: channel }))).IngestionStatus).toEqual(
    before.status,
  );
  expect(eventDataStoreUsage(second.state, INTEGRATIONS_AUDIT_ID, testClock.now())).toEqual(before.usage);
  expect(second.state.jsonOf(second.state.entry(eventID) ?? never())).toBe(before.json);
  const calls = [...second.state.allEntries()].filter(
    (entry) => entry.eventName === 'PutAuditEvents' && entry.time * SECOND >= TEST_START,
  );
  expect(calls).toHaveLength(1);
});
