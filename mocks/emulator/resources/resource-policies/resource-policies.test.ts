// Resource policies through the SDK (SEMANTICS.md §12.4): put, get and delete by ARN type, and the
// rules a channel policy must follow. Their effect on PutAuditEvents is in audit-events.test.ts.
import {
  CreateChannelCommand,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  DeleteResourcePolicyCommand,
  GetResourcePolicyCommand,
  LookupEventsCommand,
  OperationNotPermittedException,
  PutResourcePolicyCommand,
  ResourceARNNotValidException,
  ResourceNotFoundException,
  ResourcePolicyNotFoundException,
  ResourcePolicyNotValidException,
  ResourceTypeNotSupportedException,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock } from '../../../node';

const ACCOUNT = '123456789012';
const INTEGRATIONS_AUDIT_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80`;
const LAUNCHDARKLY_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/9a7f3c15-2e6b-4d80-b4c9-e1f5a2d7c603`;
const SECURITY_LAKE_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/8c1e5b2f-4a6d-4e93-9b07-d2f8c3a1e645`;

async function newChannel() {
  const { ChannelArn = '' } = await emulatorClient().send(
    new CreateChannelCommand({
      Name: 'policy-target',
      Source: 'Custom',
      Destinations: [{ Type: 'EVENT_DATA_STORE', Location: INTEGRATIONS_AUDIT_ARN }],
    }),
  );
  return ChannelArn;
}

type Statement = Record<string, unknown>;

/** A valid statement for `arn`, with members replaced or (set to undefined) removed. */
function statement(arn: string, overrides: Statement = {}): Statement {
  const base: Statement = {
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: { AWS: '444455556666' },
    Action: 'cloudtrail-data:PutAuditEvents',
    Resource: arn,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined));
}

function policy(statements: unknown, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements, ...extra });
}

function put(ResourceArn: string, ResourcePolicy: string) {
  return emulatorClient().send(new PutResourcePolicyCommand({ ResourceArn, ResourcePolicy }));
}

test('puts, gets, replaces and deletes a channel policy', async () => {
  const arn = await newChannel();
  const client = emulatorClient();
  await expect(client.send(new GetResourcePolicyCommand({ ResourceArn: arn }))).rejects.toBeInstanceOf(
    ResourcePolicyNotFoundException,
  );
  const first = policy([statement(arn)]);
  expect(await put(arn, first)).toMatchObject({ ResourceArn: arn, ResourcePolicy: first });
  expect(await client.send(new GetResourcePolicyCommand({ ResourceArn: arn }))).toMatchObject({
    ResourceArn: arn,
    ResourcePolicy: first,
  });
  const second = policy(statement(arn, { Principal: { AWS: ['111122223333', '444455556666'] } }));
  await put(arn, second);
  expect((await client.send(new GetResourcePolicyCommand({ ResourceArn: arn }))).ResourcePolicy).toBe(second);
  await client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn }));
  await expect(client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn }))).rejects.toBeInstanceOf(
    ResourcePolicyNotFoundException,
  );
});

test('the seeded LaunchDarkly channel allows the partner account with its external ID', async () => {
  const { ResourcePolicy } = await emulatorClient().send(
    new GetResourcePolicyCommand({ ResourceArn: LAUNCHDARKLY_ARN }),
  );
  expect(JSON.parse(ResourcePolicy ?? '{}')).toMatchObject({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: '444455556666' },
        Action: 'cloudtrail-data:PutAuditEvents',
        Resource: LAUNCHDARKLY_ARN,
        Condition: { StringEquals: { 'cloudtrail:ExternalId': 'ld-ext-7d3f2a91' } },
      },
    ],
  });
});

test.each<[string, (arn: string) => Statement | Statement[]]>([
  ['an account ID', (arn) => statement(arn)],
  ['an account root ARN', (arn) => statement(arn, { Principal: { AWS: 'arn:aws:iam::444455556666:root' } })],
  [
    'an IAM user ARN with a path',
    (arn) => statement(arn, { Principal: { AWS: 'arn:aws:iam::444455556666:user/ci/bot' } }),
  ],
  [
    'an IAM role ARN',
    (arn) => statement(arn, { Principal: { AWS: 'arn:aws:iam::444455556666:role/AuditEventsWriter' } }),
  ],
  [
    'an assumed-role ARN',
    (arn) =>
      statement(arn, { Principal: { AWS: 'arn:aws:sts::444455556666:assumed-role/AuditEventsWriter/partner-ingest' } }),
  ],
  [
    'fifty principals',
    (arn) => statement(arn, { Principal: { AWS: Array.from({ length: 50 }, (_, i) => String(100000000000 + i)) } }),
  ],
  ['the action in another case, in a list', (arn) => statement(arn, { Action: ['CloudTrail-Data:putauditevents'] })],
  ['the resource in a list', (arn) => statement(arn, { Resource: [arn] })],
  ['a Deny statement', (arn) => statement(arn, { Effect: 'Deny' })],
  [
    'an external ID condition with a list',
    (arn) => statement(arn, { Condition: { StringEquals: { 'cloudtrail:ExternalId': ['a1', 'b2'] } } }),
  ],
  ['twenty statements', (arn) => Array.from({ length: 20 }, (_, i) => statement(arn, { Sid: `S${String(i)}` }))],
])('accepts a channel policy with %s', async (_case, build) => {
  const arn = await newChannel();
  const text = policy(build(arn));
  expect((await put(arn, text)).ResourcePolicy).toBe(text);
});

test.each<[string, (arn: string) => string, RegExp]>([
  ['text that is not JSON', () => '{"Statement":', /not valid JSON/],
  ['a JSON array', () => '[]', /JSON object/],
  ['no Statement', () => JSON.stringify({ Version: '2012-10-17' }), /no Statement/],
  ['an empty Statement list', () => policy([]), /at least one statement/],
  ['21 statements', (arn) => policy(Array.from({ length: 21 }, () => statement(arn))), /at most 20/],
  ['an unknown Version', (arn) => policy(statement(arn), { Version: '2024-01-01' }), /Version/],
  ['an Effect other than Allow or Deny', (arn) => policy(statement(arn, { Effect: 'allow' })), /Effect/],
  ['a wildcard principal', (arn) => policy(statement(arn, { Principal: '*' })), /Principal/],
  ['a wildcard AWS principal', (arn) => policy(statement(arn, { Principal: { AWS: '*' } })), /Principal '\*'/],
  [
    'a Service principal',
    (arn) => policy(statement(arn, { Principal: { Service: 'cloudtrail.amazonaws.com' } })),
    /Principal type 'Service'/,
  ],
  [
    'a Federated principal beside an AWS one',
    (arn) =>
      policy(statement(arn, { Principal: { AWS: '444455556666', Federated: 'cognito-identity.amazonaws.com' } })),
    /Principal type 'Federated'/,
  ],
  ['no principals', (arn) => policy(statement(arn, { Principal: { AWS: [] } })), /at least one/],
  [
    '51 principals',
    (arn) =>
      policy(statement(arn, { Principal: { AWS: Array.from({ length: 51 }, (_, i) => String(100000000000 + i)) } })),
    /at most 50/,
  ],
  ['an 11-digit account', (arn) => policy(statement(arn, { Principal: { AWS: '44445555666' } })), /not an account ID/],
  [
    'a group ARN',
    (arn) => policy(statement(arn, { Principal: { AWS: 'arn:aws:iam::444455556666:group/ops' } })),
    /not an account ID/,
  ],
  ['another action', (arn) => policy(statement(arn, { Action: 'cloudtrail:GetChannel' })), /cloudtrail:GetChannel/],
  ['a wildcard action', (arn) => policy(statement(arn, { Action: 'cloudtrail-data:*' })), /cloudtrail-data:\*/],
  ['no Action', (arn) => policy(statement(arn, { Action: undefined })), /Action/],
  ['another resource', (arn) => policy(statement(arn, { Resource: `${arn.slice(0, -4)}0000` })), /not this channel/],
  ['a wildcard resource', (arn) => policy(statement(arn, { Resource: '*' })), /not this channel/],
  ['no Resource', (arn) => policy(statement(arn, { Resource: undefined })), /Resource/],
  [
    'another condition operator',
    (arn) => policy(statement(arn, { Condition: { StringLike: { 'cloudtrail:ExternalId': 'x*' } } })),
    /StringLike/,
  ],
  [
    'another condition key',
    (arn) => policy(statement(arn, { Condition: { StringEquals: { 'aws:SourceAccount': '444455556666' } } })),
    /aws:SourceAccount/,
  ],
  ['NotPrincipal', (arn) => policy(statement(arn, { NotPrincipal: { AWS: '111122223333' } })), /NotPrincipal/],
  ['NotAction', (arn) => policy(statement(arn, { NotAction: 'cloudtrail:*' })), /NotAction/],
  ['NotResource', (arn) => policy(statement(arn, { NotResource: '*' })), /NotResource/],
  ['an unknown statement element', (arn) => policy(statement(arn, { Actions: 'x' })), /unknown element 'Actions'/],
  ['more than 8192 characters', (arn) => policy(statement(arn, { Sid: 'x'.repeat(8200) })), /8192/],
])('refuses a channel policy with %s', async (_case, build, message) => {
  const arn = await newChannel();
  const attempt = put(arn, build(arn));
  await expect(attempt).rejects.toBeInstanceOf(ResourcePolicyNotValidException);
  await expect(attempt).rejects.toThrow(message);
});

test('stores any policy object with a Statement on an event data store', async () => {
  const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'cloudtrail:StartQuery' }] });
  expect((await put(INTEGRATIONS_AUDIT_ARN, text)).ResourcePolicy).toBe(text);
  await expect(put(INTEGRATIONS_AUDIT_ARN, '{"Version":"2012-10-17"}')).rejects.toBeInstanceOf(
    ResourcePolicyNotValidException,
  );
});

test.each<[string, string, new (...args: never[]) => Error]>([
  ['text that is not an ARN', 'not-an-arn', ResourceARNNotValidException],
  ['a channel ARN without a UUID', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/abc`, ResourceARNNotValidException],
  [
    'a missing channel',
    `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9`,
    ResourceNotFoundException,
  ],
  ['a channel of another region', LAUNCHDARKLY_ARN.replace('us-east-1', 'eu-west-1'), ResourceNotFoundException],
  [
    'a missing store',
    `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9`,
    ResourceNotFoundException,
  ],
  ['a dashboard', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/ops`, ResourceNotFoundException],
  ['a trail', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management`, ResourceTypeNotSupportedException],
  ['an S3 bucket', 'arn:aws:s3:::acme-prod-logs', ResourceTypeNotSupportedException],
  ['the service-linked channel', SECURITY_LAKE_ARN, OperationNotPermittedException],
])('PutResourcePolicy answers %s with the matching error', async (_case, arn, error) => {
  await expect(put(arn, policy(statement(arn)))).rejects.toBeInstanceOf(error);
});

test('the service-linked channel has no policy to get or delete', async () => {
  const client = emulatorClient();
  await expect(client.send(new GetResourcePolicyCommand({ ResourceArn: SECURITY_LAKE_ARN }))).rejects.toBeInstanceOf(
    ResourcePolicyNotFoundException,
  );
  await expect(client.send(new DeleteResourcePolicyCommand({ ResourceArn: SECURITY_LAKE_ARN }))).rejects.toBeInstanceOf(
    ResourcePolicyNotFoundException,
  );
});

test('policy calls are recorded with the channel as their resource', async () => {
  const arn = await newChannel();
  await put(arn, policy(statement(arn)));
  const { Events } = await emulatorClient().send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutResourcePolicy' }] }),
  );
  const record = JSON.parse(Events?.[0]?.CloudTrailEvent ?? '{}') as Record<string, unknown>;
  expect(record.resources).toEqual([{ accountId: ACCOUNT, type: 'AWS::CloudTrail::Channel', ARN: arn }]);
  expect(record.responseElements).toMatchObject({ resourceArn: arn });
});

test('purges a store’s resource policy with the store, seven days after deletion', async () => {
  const client = emulatorClient();
  const { EventDataStoreArn } = await client.send(
    new CreateEventDataStoreCommand({ Name: 'policy-purge', TerminationProtectionEnabled: false }),
  );
  testClock.advance(5_000);
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: '123456789012' },
        Action: 'cloudtrail:StartQuery',
        Resource: EventDataStoreArn,
      },
    ],
  });
  await client.send(new PutResourcePolicyCommand({ ResourceArn: EventDataStoreArn, ResourcePolicy: policy }));
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: EventDataStoreArn }));
  testClock.advance(7 * 24 * 3600 * 1000 + 1000);
  await expect(client.send(new GetResourcePolicyCommand({ ResourceArn: EventDataStoreArn }))).rejects.toBeInstanceOf(
    ResourceNotFoundException,
  );
  expect(emulator.state.table('resourcePolicies').has(EventDataStoreArn ?? '')).toBe(false);
});
