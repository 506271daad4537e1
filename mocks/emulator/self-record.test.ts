// Self-recording (SEMANTICS.md §6), observed the way a client would: through LookupEvents.
import { LookupEventsCommand, InvalidMaxResultsException } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient } from '../node';
import { DEV_ACCESS_KEY, SSO_ACCESS_KEY } from './identities';

async function latestRecord(client = emulatorClient(), eventName?: string) {
  const { Events } = await client.send(
    new LookupEventsCommand({
      MaxResults: 1,
      ...(eventName ? { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }] } : {}),
    }),
  );
  const event = Events?.[0];
  return { event, record: JSON.parse(event?.CloudTrailEvent ?? '{}') as Record<string, unknown> };
}

test('records a successful call as a read-only management event of the caller', async () => {
  const client = emulatorClient({ accessKeyId: DEV_ACCESS_KEY });
  await client.send(new LookupEventsCommand({ MaxResults: 3 }));
  const { event, record } = await latestRecord(client);
  expect(event).toMatchObject({
    EventName: 'LookupEvents',
    Username: 'dev-jordan',
    ReadOnly: 'true',
    AccessKeyId: DEV_ACCESS_KEY,
  });
  expect(record).toMatchObject({
    eventVersion: '1.11',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'LookupEvents',
    awsRegion: 'us-east-1',
    eventType: 'AwsApiCall',
    eventCategory: 'Management',
    managementEvent: true,
    readOnly: true,
    recipientAccountId: '123456789012',
    requestParameters: { maxResults: 3 },
    responseElements: null,
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEMU0DEVELOPER0002',
      arn: 'arn:aws:iam::123456789012:user/dev-jordan',
      accountId: '123456789012',
      accessKeyId: DEV_ACCESS_KEY,
      userName: 'dev-jordan',
    },
  });
  expect(record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('records a failed call with its error code and message', async () => {
  const client = emulatorClient();
  await expect(client.send(new LookupEventsCommand({ MaxResults: 0 }))).rejects.toBeInstanceOf(
    InvalidMaxResultsException,
  );
  const { record } = await latestRecord(client);
  expect(record.errorCode).toBe('InvalidMaxResultsException');
  expect(record.errorMessage).toMatch(/maxResults/);
  expect(record.requestParameters).toEqual({ maxResults: 0 });
});

test('uses the request ID the response carried', async () => {
  const client = emulatorClient();
  const output = await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  const { record } = await latestRecord(client);
  expect(record.requestID).toBe(output.$metadata.requestId);
});

test('records an SSO session with its session issuer and username', async () => {
  const client = emulatorClient({ accessKeyId: SSO_ACCESS_KEY });
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  const { event, record } = await latestRecord(client);
  expect(event?.Username).toBe('maria.garcia@example.com');
  expect(record.userIdentity).toMatchObject({
    type: 'AssumedRole',
    principalId: 'AROAEMU0SSOADMINROLE1:maria.garcia@example.com',
    sessionContext: {
      sessionIssuer: { type: 'Role', userName: 'AWSReservedSSO_AdministratorAccess_3f2a1b6c9d8e7f01' },
    },
  });
});

test('marks calls from the console as console sessions', async () => {
  const client = emulatorClient({ userAgent: 'cloudtrail-emulator-console/0.1.0' });
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  const { record } = await latestRecord(client);
  expect(record.sessionCredentialFromConsole).toBe('true');
  expect(record.userAgent).toContain('cloudtrail-emulator-console/0.1.0');
});

test('gives an unknown access key a stable IAM user of the default account', async () => {
  const client = emulatorClient({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  await client.send(new LookupEventsCommand({ MaxResults: 1 }));
  const { event, record } = await latestRecord(client);
  expect(event?.Username).toBe('user-7example');
  expect(record.userIdentity).toMatchObject({ type: 'IAMUser', accountId: '123456789012' });
  expect((record.userIdentity as { principalId: string }).principalId).toMatch(/^AIDA[A-Z2-7]{17}$/);
});

test('keeps each account and region apart', async () => {
  await emulatorClient({ region: 'eu-west-1' }).send(new LookupEventsCommand({ MaxResults: 1 }));
  const { record } = await latestRecord(emulatorClient({ region: 'eu-west-1' }), 'LookupEvents');
  expect(record.awsRegion).toBe('eu-west-1');
  // The partner account's history holds none of the default account's calls.
  const partner = emulatorClient({ accessKeyId: 'ASIAEMU0PARTNER00005' });
  await partner.send(new LookupEventsCommand({ MaxResults: 5 }));
  const { Events } = await partner.send(new LookupEventsCommand({}));
  expect(Events).toHaveLength(1);
  expect(JSON.parse(Events?.[0]?.CloudTrailEvent ?? '{}')).toMatchObject({
    recipientAccountId: '444455556666',
    requestParameters: { maxResults: 5 },
  });
});
