import { expect, test } from 'vitest';
import { DAY } from '../../../clock';
import { PARTNER_ACCESS_KEY, PARTNER_ACCOUNT } from '../../../identities';
import { DEFAULT_SEED } from '../../../random';
import { serializeRecord, type CloudTrailRecord } from '../../../records';
import { DEFAULT_SEEDED_EVENTS, seedHistory } from './seed-history';
import { SEEDED_BUCKETS, SEEDED_EVENT_DATA_STORES } from './seed-pool';

// A Sunday noon, floored to the hour as the emulator passes it.
const ANCHOR = Date.UTC(2025, 5, 1, 12);
const config = { seed: DEFAULT_SEED, anchor: ANCHOR, events: DEFAULT_SEEDED_EVENTS };
const history = seedHistory(config);
const records: CloudTrailRecord[] = Array.from({ length: history.count }, (_, index) => history.record(index));
const serialized = records.map(serializeRecord);

const RECORD_ORDER = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'vpcEndpointId',
  'eventCategory',
  'addendum',
  'sessionCredentialFromConsole',
  'tlsDetails',
];
const IDENTITY_ORDER = [
  'type',
  'principalId',
  'arn',
  'accountId',
  'accessKeyId',
  'userName',
  'sessionContext',
  'invokedBy',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

const share = (predicate: (record: CloudTrailRecord) => boolean) => records.filter(predicate).length / records.length;
const failed = (record: CloudTrailRecord) => record.errorMessage !== undefined || record.errorCode !== undefined;
const timeOf = (record: CloudTrailRecord) => Date.parse(record.eventTime);

function isInOrder(keys: string[], order: string[]): boolean {
  const positions = keys.map((key) => order.indexOf(key));
  return positions.every(
    (position, index) => position >= 0 && (index === 0 || position > (positions[index - 1] ?? -1)),
  );
}

/** Does the record name the bucket, as a resource, an object in it, or a request parameter? */
function mentionsBucket(record: CloudTrailRecord, bucket: string): boolean {
  const arn = `arn:aws:s3:::${bucket}`;
  if (record.resources?.some((resource) => resource.ARN === arn || resource.ARN?.startsWith(`${arn}/`)) === true)
    return true;
  return record.requestParameters?.['bucketName'] === bucket;
}

test('builds exactly the requested number of records', () => {
  expect(history.count).toBe(DEFAULT_SEEDED_EVENTS);
  expect(seedHistory({ ...config, events: 10 }).count).toBe(10);
  expect(seedHistory({ ...config, events: 0 }).count).toBe(0);
});

test('rejects an index outside the history', () => {
  expect(() => history.record(history.count)).toThrow(RangeError);
  expect(() => history.record(-1)).toThrow(RangeError);
});

test('the same seed and anchor give byte-identical records', () => {
  const again = seedHistory(config);
  const rebuilt = Array.from({ length: again.count }, (_, index) => serializeRecord(again.record(index)));
  expect(rebuilt).toEqual(serialized);
});

test('a different seed gives a different history', () => {
  const other = seedHistory({ ...config, seed: DEFAULT_SEED + 1 });
  const differing = serialized.slice(0, 50).filter((json, index) => serializeRecord(other.record(index)) !== json);
  expect(differing.length).toBeGreaterThan(45);
});

test('record(i) does not depend on which records were built before', () => {
  const fresh = seedHistory(config);
  expect(serializeRecord(fresh.record(5000))).toBe(serialized[5000]);
  expect(serializeRecord(fresh.record(0))).toBe(serialized[0]);
  expect(serializeRecord(fresh.record(5000))).toBe(serialized[5000]);
});

test('event times are whole seconds, ascending, inside the 90-day window', () => {
  const offenders = records.filter((record, index) => {
    const time = timeOf(record);
    const previous = index === 0 ? -Infinity : timeOf(records[index - 1] as CloudTrailRecord);
    return (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(record.eventTime) ||
      time <= ANCHOR - 90 * DAY ||
      time > ANCHOR ||
      time < previous
    );
  });
  expect(offenders.map((record) => record.eventTime)).toEqual([]);
});

test('activity clusters on weekdays between 07:00 and 19:00 UTC', () => {
  const officeHours = share((record) => {
    const hour = new Date(timeOf(record)).getUTCHours();
    return hour >= 7 && hour < 19;
  });
  expect(officeHours).toBeGreaterThan(0.8);
  const perDay = new Map<string, number>();
  for (const record of records)
    perDay.set(record.eventTime.slice(0, 10), (perDay.get(record.eventTime.slice(0, 10)) ?? 0) + 1);
  const weekday = [...perDay].filter(([day]) => ![0, 6].includes(new Date(day).getUTCDay())).map(([, count]) => count);
  const weekend = [...perDay].filter(([day]) => [0, 6].includes(new Date(day).getUTCDay())).map(([, count]) => count);
  const mean = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0) / counts.length;
  expect(mean(weekday)).toBeGreaterThan(2.5 * mean(weekend));
});

test('event IDs are unique version-4 UUIDs', () => {
  const ids = new Set(records.map((record) => record.eventID));
  expect(ids.size).toBe(records.length);
  expect([...ids].filter((id) => !UUID.test(id))).toEqual([]);
});

test('about 65% of records are reads and 8% failures', () => {
  expect(share((record) => record.readOnly === true)).toBeGreaterThan(0.58);
  expect(share((record) => record.readOnly === true)).toBeLessThan(0.72);
  expect(share(failed)).toBeGreaterThan(0.04);
  expect(share(failed)).toBeLessThan(0.12);
});

test('about 15 S3 data records a day, the rest management records', () => {
  const data = records.filter((record) => record.eventCategory === 'Data');
  expect(data.length / 90).toBeGreaterThan(11);
  expect(data.length / 90).toBeLessThan(19);
  expect(records.every((record) => record.eventCategory === 'Data' || record.eventCategory === 'Management')).toBe(
    true,
  );
});

test('reads and failures log no responseElements, except sign-ins, which report the outcome', () => {
  const offenders = records.filter((record) =>
    record.eventName === 'ConsoleLogin'
      ? record.responseElements?.['ConsoleLogin'] !== (failed(record) ? 'Failure' : 'Success')
      : (record.readOnly === true || failed(record)) && record.responseElements !== null,
  );
  expect(offenders.map((record) => record.eventID)).toEqual([]);
  // Successful writes do log what they returned, where the service returns something.
  expect(records.some((record) => record.eventName === 'RunInstances' && record.responseElements !== null)).toBe(true);
});

test('failed sign-ins hide the user name and say "Failed authentication"', () => {
  const failures = records.filter((record) => record.eventName === 'ConsoleLogin' && failed(record));
  expect(failures.length).toBeGreaterThan(10);
  for (const record of failures) {
    expect(record.userIdentity.userName).toBe('HIDDEN_DUE_TO_SECURITY_REASONS');
    expect(record.errorMessage).toBe('Failed authentication');
    expect(record.eventType).toBe('AwsConsoleSignIn');
  }
  const successes = records.filter((record) => record.eventName === 'ConsoleLogin' && !failed(record));
  const mfa = new Set(successes.map((record) => record.additionalEventData?.['MFAUsed']));
  expect(mfa).toEqual(new Set(['Yes', 'No']));
});

test('global services record in us-east-1', () => {
  const global = records.filter(
    (record) =>
      record.eventSource === 'iam.amazonaws.com' ||
      record.eventSource === 'signin.amazonaws.com' ||
      record.tlsDetails?.clientProvidedHostHeader === 'sts.amazonaws.com',
  );
  expect(global.length).toBeGreaterThan(500);
  expect(global.filter((record) => record.awsRegion !== 'us-east-1')).toEqual([]);
});

test('regions follow the weights of §14', () => {
  const regionShare = (region: string) => share((record) => record.awsRegion === region);
  expect(regionShare('us-east-1')).toBeGreaterThan(0.39);
  expect(regionShare('us-east-1')).toBeLessThan(0.51);
  expect(regionShare('us-west-2')).toBeGreaterThan(0.15);
  expect(regionShare('us-west-2')).toBeLessThan(0.25);
  expect(regionShare('eu-west-1')).toBeGreaterThan(0.1);
  expect(regionShare('eu-west-1')).toBeLessThan(0.2);
  expect(new Set(records.map((record) => record.awsRegion)).size).toBeGreaterThan(10);
});

test('every record belongs to the default account and never to the partner', () => {
  const offenders = records.filter(
    (record) =>
      record.recipientAccountId !== '123456789012' ||
      record.userIdentity.accessKeyId === PARTNER_ACCESS_KEY ||
      record.userIdentity.accountId === PARTNER_ACCOUNT,
  );
  expect(offenders.map((record) => record.eventID)).toEqual([]);
});

test('every resource entry has a type and an ARN', () => {
  const withResources = records.filter((record) => record.resources !== undefined);
  expect(withResources.length).toBeGreaterThan(records.length / 2);
  const offenders = withResources.filter(
    (record) =>
      record.resources?.length === 0 ||
      record.resources?.some(
        (resource) => !/^AWS::\w+::\w+$/.test(resource.type) || !/^arn:aws:[a-z0-9-]+:/.test(resource.ARN ?? ''),
      ),
  );
  expect(offenders.map((record) => record.resources)).toEqual([]);
  const types = new Set(withResources.flatMap((record) => (record.resources ?? []).map((resource) => resource.type)));
  for (const type of [
    'AWS::IAM::User',
    'AWS::IAM::Role',
    'AWS::EC2::Instance',
    'AWS::EC2::SecurityGroup',
    'AWS::S3::Bucket',
    'AWS::S3::Object',
    'AWS::Lambda::Function',
    'AWS::KMS::Key',
    'AWS::CloudTrail::EventDataStore',
  ]) {
    expect(types).toContain(type);
  }
});

test('records are complete: version, IDs in the service shape, agent and TLS details', () => {
  const problems = records.flatMap((record) => {
    const found: string[] = [];
    if (!['1.08', '1.09', '1.10', '1.11'].includes(record.eventVersion)) found.push('eventVersion');
    if (!(record.eventSource === 's3.amazonaws.com' ? /^[A-Z0-9]{16}$/ : UUID).test(record.requestID))
      found.push('requestID');
    if (record.sourceIPAddress === '' || !record.userAgent) found.push('client');
    if (!['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleSignIn'].includes(record.eventType)) found.push('eventType');
    if (record.managementEvent !== (record.eventCategory === 'Management')) found.push('managementEvent');
    // Calls AWS services make for the account carry no TLS details; every client call does.
    if ((record.tlsDetails === undefined) !== (record.userIdentity.type === 'AWSService')) found.push('tlsDetails');
    if (record.tlsDetails !== undefined && record.tlsDetails.tlsVersion !== 'TLSv1.3') found.push('tlsVersion');
    return found.map((problem) => `${record.eventID} ${record.eventName}: ${problem}`);
  });
  expect(problems).toEqual([]);
});

test('console calls are flagged and carry the console session', () => {
  const consoleCalls = records.filter((record) => record.sessionCredentialFromConsole !== undefined);
  expect(consoleCalls.length).toBeGreaterThan(500);
  const offenders = consoleCalls.filter(
    (record) =>
      record.sessionCredentialFromConsole !== 'true' || record.userIdentity.sessionContext?.attributes === undefined,
  );
  expect(offenders.map((record) => record.eventID)).toEqual([]);
});

test('records serialize with CloudTrail key order, the way they are built', () => {
  const offenders = records.filter((record, index) => {
    const json = serialized[index] ?? '';
    const parsed = JSON.parse(json) as Record<string, unknown> & { userIdentity: Record<string, unknown> };
    return (
      !isInOrder(Object.keys(parsed), RECORD_ORDER) ||
      !isInOrder(Object.keys(parsed.userIdentity), IDENTITY_ORDER) ||
      JSON.stringify(record) !== json
    );
  });
  expect(offenders.map((record) => record.eventID)).toEqual([]);
});

test('S3 data events are Data records on an object and its bucket', () => {
  const data = records.filter((record) => record.eventCategory === 'Data');
  expect(new Set(data.map((record) => record.eventName))).toEqual(
    new Set(['GetObject', 'HeadObject', 'PutObject', 'DeleteObject']),
  );
  const offenders = data.filter((record) => {
    const bucket = textOf(record.requestParameters?.['bucketName']);
    const key = textOf(record.requestParameters?.['key']);
    const expected = [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: '123456789012', type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ];
    return (
      record.eventSource !== 's3.amazonaws.com' ||
      record.managementEvent !== false ||
      JSON.stringify(record.resources) !== JSON.stringify(expected)
    );
  });
  expect(offenders.map((record) => record.eventID)).toEqual([]);
});

test('no record mentions a bucket outside its lifetime', () => {
  for (const bucket of SEEDED_BUCKETS) {
    const created = records.flatMap((record, index) =>
      record.eventName === 'CreateBucket' && !failed(record) && mentionsBucket(record, bucket) ? [index] : [],
    );
    const deleted = records.flatMap((record, index) =>
      record.eventName === 'DeleteBucket' && !failed(record) && mentionsBucket(record, bucket) ? [index] : [],
    );
    expect(created.length).toBeLessThanOrEqual(1);
    expect(deleted.length).toBeLessThanOrEqual(1);
    const from = created[0] ?? -1;
    const until = deleted[0] ?? records.length;
    const outside = records.flatMap((record, index) =>
      index !== from && index !== until && mentionsBucket(record, bucket) && !(index > from && index < until)
        ? [`${record.eventTime} ${record.eventName}`]
        : [],
    );
    expect({ bucket, outside }).toEqual({ bucket, outside: [] });
  }
});

test('instances are only acted on between their launch and termination', () => {
  const launched = new Map<string, number>();
  const terminated = new Map<string, number>();
  records.forEach((record, index) => {
    if (failed(record)) return;
    for (const resource of record.resources ?? []) {
      if (resource.type !== 'AWS::EC2::Instance' || resource.ARN === undefined) continue;
      if (record.eventName === 'RunInstances') launched.set(resource.ARN, index);
      if (record.eventName === 'TerminateInstances') terminated.set(resource.ARN, index);
    }
  });
  expect(launched.size).toBeGreaterThan(5);
  expect(terminated.size).toBeGreaterThan(3);
  const outside = records.flatMap((record, index) =>
    (record.resources ?? []).flatMap((resource) => {
      if (resource.type !== 'AWS::EC2::Instance' || resource.ARN === undefined) return [];
      const from = launched.get(resource.ARN) ?? -1;
      const until = terminated.get(resource.ARN) ?? records.length;
      return index === from || index === until || (index > from && index < until)
        ? []
        : [`${record.eventTime} ${record.eventName} ${resource.ARN}`];
    }),
  );
  expect(outside).toEqual([]);
});

test('at least three buckets are deleted, each by an identifiable principal', () => {
  const deletions = records.filter((record) => record.eventName === 'DeleteBucket' && !failed(record));
  expect(deletions.length).toBeGreaterThanOrEqual(3);
  for (const deletion of deletions) {
    expect(deletion.userIdentity.arn).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
    expect(SEEDED_BUCKETS).toContain(deletion.requestParameters?.['bucketName']);
    expect(deletion.resources?.[0]?.type).toBe('AWS::S3::Bucket');
  }
  // One of them is also created inside the window, so its whole life is in the history.
  const created = new Set(
    records
      .filter((record) => record.eventName === 'CreateBucket' && !failed(record))
      .map((record) => record.requestParameters?.['bucketName']),
  );
  expect(deletions.some((deletion) => created.has(deletion.requestParameters?.['bucketName']))).toBe(true);
});

test('automatic key rotation is a service event by KMS', () => {
  const rotations = records.filter((record) => record.eventName === 'RotateKey');
  expect(rotations.length).toBeGreaterThan(0);
  for (const record of rotations) {
    expect(record.eventType).toBe('AwsServiceEvent');
    expect(record.userIdentity).toEqual({ type: 'AWSService', invokedBy: 'kms.amazonaws.com' });
    expect(record.resources?.[0]?.type).toBe('AWS::KMS::Key');
  }
});

test('seed-only principals appear: services, an instance profile and the CI role via web identity', () => {
  expect(
    records.some(
      (record) => record.userIdentity.type === 'AWSService' && record.sourceIPAddress === record.userIdentity.invokedBy,
    ),
  ).toBe(true);
  expect(records.some((record) => record.userIdentity.sessionContext?.ec2RoleDelivery === '2.0')).toBe(true);
  const ci = records.filter((record) => record.userIdentity.sessionContext?.webIdFederationData !== undefined);
  expect(ci.length).toBeGreaterThan(100);
  expect(ci[0]?.userIdentity.sessionContext?.webIdFederationData?.federatedProvider).toBe(
    'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  );
  expect(share((record) => record.userIdentity.type === 'Root')).toBeLessThan(0.02);
});

test('calls on an event data store come only after the store exists, and no store or channel is created', () => {
  const storeCalls = records.filter((record) =>
    record.resources?.some((resource) => resource.type === 'AWS::CloudTrail::EventDataStore'),
  );
  expect(storeCalls.length).toBeGreaterThan(0);
  for (const record of storeCalls) {
    for (const resource of record.resources ?? []) {
      const store = SEEDED_EVENT_DATA_STORES.find((candidate) => resource.ARN?.endsWith(`/${candidate.id}`));
      expect(store).toBeDefined();
      expect(timeOf(record)).toBeGreaterThan(ANCHOR - (store?.createdDaysAgo ?? 0) * DAY);
    }
    expect(record.awsRegion).toBe('us-east-1');
  }
  expect(records.some((record) => ['CreateEventDataStore', 'CreateChannel'].includes(record.eventName))).toBe(false);
});

test('a few records were delivered late and carry an addendum', () => {
  const late = records.filter((record) => record.addendum !== undefined);
  expect(late.length).toBeGreaterThan(0);
  expect(late.length).toBeLessThan(records.length / 100);
  for (const record of late) expect(record.addendum).toEqual({ reason: 'DELIVERY_DELAY' });
});

test('a role chain: an SSO user assumes a second role, whose session deletes a bucket', () => {
  const deletion = records.find(
    (record) =>
      record.eventName === 'DeleteBucket' &&
      !failed(record) &&
      record.requestParameters?.['bucketName'] === 'acme-web-assets',
  );
  expect(deletion?.userIdentity.type).toBe('AssumedRole');
  expect(deletion?.userIdentity.sessionContext?.sessionIssuer?.userName).toBe('terraform-admin');
  const key = deletion?.userIdentity.accessKeyId;
  const issuing = records.filter(
    (record) =>
      record.eventName === 'AssumeRole' &&
      (record.responseElements?.['credentials'] as { accessKeyId?: string } | undefined)?.accessKeyId === key,
  );
  expect(issuing).toHaveLength(1);
  const [assumed] = issuing;
  expect(timeOf(assumed as CloudTrailRecord)).toBeLessThan(timeOf(deletion as CloudTrailRecord));
  // The caller of that AssumeRole is the SSO user's session, named after her email.
  expect(assumed?.userIdentity.sessionContext?.sessionIssuer?.userName).toMatch(/^AWSReservedSSO_/);
  expect(assumed?.userIdentity.arn).toMatch(/\/maria\.garcia@example\.com$/);
  expect(deletion?.userIdentity.sessionContext?.attributes?.creationDate).toBe(assumed?.eventTime);
});

test('one bucket has at least three differing bucket policies over time', () => {
  const policies = records
    .filter(
      (record) =>
        record.eventName === 'PutBucketPolicy' &&
        !failed(record) &&
        record.requestParameters?.['bucketName'] === 'acme-data-lake-curated',
    )
    .map((record) => JSON.stringify(record.requestParameters?.['bucketPolicy']));
  expect(policies.length).toBeGreaterThanOrEqual(4);
  expect(new Set(policies).size).toBeGreaterThanOrEqual(3);
});
