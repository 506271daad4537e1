// Trails through the SDK (SEMANTICS.md §17.1-17.7, §17.13-17.14): create, update, delete, read
// and list, names and ARNs, home and shadow regions, the quota, §17.4's check order, external
// resources, logging state and status, event selectors, tags on trails and the self-records.
import {
  AddTagsCommand,
  CloudTrailARNInvalidException,
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  InsufficientEncryptionPolicyException,
  InsufficientS3BucketPolicyException,
  InsufficientSnsTopicPolicyException,
  InvalidCloudWatchLogsLogGroupArnException,
  InvalidCloudWatchLogsRoleArnException,
  InvalidEventSelectorsException,
  InvalidHomeRegionException,
  InvalidKmsKeyIdException,
  InvalidNextTokenException,
  InvalidParameterCombinationException,
  InvalidParameterException,
  InvalidS3BucketNameException,
  InvalidS3PrefixException,
  InvalidSnsTopicNameException,
  InvalidTagParameterException,
  InvalidTrailNameException,
  KmsKeyNotFoundException,
  ListTagsCommand,
  ListTrailsCommand,
  LookupEventsCommand,
  MaximumNumberOfTrailsExceededException,
  OrganizationsNotInUseException,
  PutEventSelectorsCommand,
  RemoveTagsCommand,
  ResourceNotFoundException,
  S3BucketDoesNotExistException,
  StartLoggingCommand,
  StopLoggingCommand,
  TagsLimitExceededException,
  TrailAlreadyExistsException,
  TrailNotFoundException,
  UpdateTrailCommand,
  type CreateTrailRequest,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock, TEST_START } from '../../../node';
import { SECOND } from '../../clock';
import { DEFAULT_ACCOUNT, DEV_ACCESS_KEY, PARTNER_ACCESS_KEY } from '../../identities';
import { findBucket } from '../s3/s3-buckets';
import { SEEDED_TRAIL, SEEDED_TRAIL_ARN } from './seed-trail';

const ACCOUNT = DEFAULT_ACCOUNT;
const BUCKET = 'acme-trail-logs';
const arnOf = (name: string, region = 'us-east-1') => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;

async function createTrail(input: Partial<CreateTrailRequest> = {}, region = 'us-east-1') {
  return emulatorClient({ region }).send(new CreateTrailCommand({ Name: 'audit', S3BucketName: BUCKET, ...input }));
}

/** The error a call fails with: name, message and HTTP status. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error).toBeDefined();
  return { name: error?.name, message: error?.message, status: error?.$metadata?.httpStatusCode };
}

/** The newest self-record of an operation, as LookupEvents shows it. */
async function lastRecord(eventName: string, region = 'us-east-1') {
  const { Events = [] } = await emulatorClient({ region }).send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }] }),
  );
  return JSON.parse(Events[0]?.CloudTrailEvent ?? '{}') as Record<string, unknown>;
}

test('CreateTrail answers its fields with the defaults; GetTrail adds HomeRegion and the Has* flags', async () => {
  const created = await createTrail();
  expect(created).toMatchObject({
    Name: 'audit',
    S3BucketName: BUCKET,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: false,
    TrailARN: arnOf('audit'),
    LogFileValidationEnabled: false,
    IsOrganizationTrail: false,
  });
  expect(created).not.toHaveProperty('HomeRegion');
  expect(created).not.toHaveProperty('S3KeyPrefix');
  const { Trail } = await emulatorClient().send(new GetTrailCommand({ Name: 'audit' }));
  expect(Trail).toEqual({
    Name: 'audit',
    S3BucketName: BUCKET,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: false,
    HomeRegion: 'us-east-1',
    TrailARN: arnOf('audit'),
    LogFileValidationEnabled: false,
    HasCustomEventSelectors: false,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
  });
  // A new trail is not logging.
  const status = await emulatorClient().send(new GetTrailStatusCommand({ Name: 'audit' }));
  expect(status.IsLogging).toBe(false);
  // The bucket it names is registered (§17.5).
  expect(findBucket(emulator.state, BUCKET)).toMatchObject({ region: 'us-east-1', account: ACCOUNT });
});

test('optional settings are stored and answered: prefix, topic name and ARN, CloudWatch pair, key ARN', async () => {
  const created = await createTrail({
    S3KeyPrefix: 'logs/prod',
    SnsTopicName: 'trail-notices',
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:CloudTrail/audit:*`,
    CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrail_CloudWatchLogs_Role`,
    KmsKeyId: 'alias/trail-key',
    EnableLogFileValidation: true,
  });
  expect(created).toMatchObject({
    S3KeyPrefix: 'logs/prod',
    SnsTopicName: 'trail-notices',
    SnsTopicARN: `arn:aws:sns:us-east-1:${ACCOUNT}:trail-notices`,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:CloudTrail/audit:*`,
    CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrail_CloudWatchLogs_Role`,
    LogFileValidationEnabled: true,
  });
  expect(created.KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
  const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:other-topic`;
  const updated = await emulatorClient().send(new UpdateTrailCommand({ Name: 'audit', SnsTopicName: topicArn }));
  expect(updated).toMatchObject({ SnsTopicName: 'other-topic', SnsTopicARN: topicArn });
});

test.each([
  ['ab', 'Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.'],
  [
    'a'.repeat(129),
    'Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters.',
  ],
  ['-trail', 'Trail name must starts with a letter or number.'],
  ['trail_', 'Trail name must ends with a letter or number.'],
  [
    'my trail',
    'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).',
  ],
  ['my-_trail', 'Trail name my-_trail is not valid.'],
  ['my--trail', 'Trail name my--trail is not valid.'],
  ['192.168.5.4', 'Trail name 192.168.5.4 is not valid.'],
])('the name %j is InvalidTrailNameException: %s', async (Name, message) => {
  expect(await failure(createTrail({ Name }))).toEqual({ name: 'InvalidTrailNameException', message, status: 400 });
});

test('CreateTrail takes a name, not an ARN', async () => {
  await expect(createTrail({ Name: arnOf('audit') })).rejects.toBeInstanceOf(InvalidTrailNameException);
});

test('a missing S3BucketName or Name gives the trail errors, not a generic one', async () => {
  const client = emulatorClient();
  await expect(client.send(new CreateTrailCommand({ Name: 'audit' } as never))).rejects.toBeInstanceOf(
    InvalidS3BucketNameException,
  );
  await expect(client.send(new CreateTrailCommand({ S3BucketName: BUCKET } as never))).rejects.toBeInstanceOf(
    InvalidTrailNameException,
  );
});

test.each(['ab', 'Upper-Case', 'bucket..name', 'bucket.-name', '-bucket', '192.168.1.1', 'a'.repeat(64)])(
  'the bucket name %j is InvalidS3BucketNameException',
  async (S3BucketName) => {
    await expect(createTrail({ S3BucketName })).rejects.toBeInstanceOf(InvalidS3BucketNameException);
  },
);

test.each([
  [{ S3KeyPrefix: 'p'.repeat(201) }, InvalidS3PrefixException],
  [{ S3KeyPrefix: '/logs' }, InvalidS3PrefixException],
  [{ S3KeyPrefix: 'logs/' }, InvalidS3PrefixException],
  [{ S3KeyPrefix: 'a//b' }, InvalidS3PrefixException],
  [{ SnsTopicName: 'bad topic' }, InvalidSnsTopicNameException],
  [{ SnsTopicName: 't'.repeat(257) }, InvalidSnsTopicNameException],
  [{ KmsKeyId: 'not-a-key' }, InvalidKmsKeyIdException],
  [
    { CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g` },
    InvalidParameterCombinationException,
  ],
  [
    {
      CloudWatchLogsLogGroupArn: 'not-an-arn',
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
    },
    InvalidCloudWatchLogsLogGroupArnException,
  ],
  [
    {
      CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
    },
    InvalidCloudWatchLogsLogGroupArnException,
  ],
  [
    {
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`,
      CloudWatchLogsRoleArn: 'arn:aws:iam::999999999999:role/r',
    },
    InvalidCloudWatchLogsRoleArnException,
  ],
  [{ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false }, InvalidParameterCombinationException],
  [{ IsOrganizationTrail: true }, OrganizationsNotInUseException],
  [{ S3BucketName: 'nonexistent-bucket' }, S3BucketDoesNotExistException],
  [{ S3BucketName: 'no-policy-bucket' }, InsufficientS3BucketPolicyException],
  [{ SnsTopicName: 'nonexistent-topic' }, InsufficientSnsTopicPolicyException],
  [{ SnsTopicName: 'no-policy-topic' }, InsufficientSnsTopicPolicyException],
  [{ KmsKeyId: 'alias/nonexistent-key' }, KmsKeyNotFoundException],
  [{ KmsKeyId: 'alias/no-policy-key' }, InsufficientEncryptionPolicyException],
  [
    { KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-4222-8333-444455556666' },
    KmsKeyNotFoundException,
  ],
  [
    {
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:nonexistent-group`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
    },
    InvalidCloudWatchLogsLogGroupArnException,
  ],
])('CreateTrail with %j fails with %o', async (input, error) => {
  const before = emulator.state.fingerprint();
  await expect(createTrail(input)).rejects.toBeInstanceOf(error);
  expect(emulator.state.fingerprint()).toBe(before);
});

test('the messages §17 quotes for rules 12, 13 and the reserved prefixes', async () => {
  expect(await failure(createTrail({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false }))).toMatchObject({
    message: 'Multi-Region trail must include global service events.',
  });
  expect(await failure(createTrail({ IsOrganizationTrail: true }))).toMatchObject({
    message: 'This account is not a member of an organization.',
    status: 404,
  });
  expect(await failure(createTrail({ S3BucketName: 'nonexistent-logs' }))).toEqual({
    name: 'S3BucketDoesNotExistException',
    message: 'S3 bucket nonexistent-logs does not exist.',
    status: 404,
  });
  expect(await failure(createTrail({ S3BucketName: 'no-policy-logs' }))).toEqual({
    name: 'InsufficientS3BucketPolicyException',
    message: 'Incorrect S3 bucket policy is detected for bucket: no-policy-logs',
    status: 403,
  });
});

test('§17.4 check order: the first failing rule wins', async () => {
  const everythingWrong: Partial<CreateTrailRequest> = {
    Name: '-x',
    S3BucketName: 'BAD',
    S3KeyPrefix: '/p',
    SnsTopicName: 'bad topic',
    KmsKeyId: 'bad',
    CloudWatchLogsLogGroupArn: 'bad',
    TagsList: Array.from({ length: 51 }, (_, index) => ({ Key: `k${String(index)}` })),
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: false,
    IsOrganizationTrail: true,
  };
  const order: [keyof CreateTrailRequest, string][] = [
    ['Name', 'InvalidTrailNameException'],
    ['S3BucketName', 'InvalidS3BucketNameException'],
    ['S3KeyPrefix', 'InvalidS3PrefixException'],
    ['SnsTopicName', 'InvalidSnsTopicNameException'],
    ['KmsKeyId', 'InvalidKmsKeyIdException'],
    ['CloudWatchLogsLogGroupArn', 'InvalidParameterCombinationException'],
    ['TagsList', 'TagsLimitExceededException'],
    ['IsMultiRegionTrail', 'InvalidParameterCombinationException'],
    ['IsOrganizationTrail', 'OrganizationsNotInUseException'],
  ];
  let input: Partial<CreateTrailRequest> = { ...everythingWrong };
  for (const [member, name] of order) {
    expect({ member, name: (await failure(createTrail(input))).name }).toEqual({ member, name });
    // Fix that member and the next rule is reported.
    if (member === 'Name') input.Name = 'audit';
    else if (member === 'S3BucketName') input.S3BucketName = 'nonexistent-bucket';
    else if (member === 'IsMultiRegionTrail') input.IncludeGlobalServiceEvents = true;
    else input = Object.fromEntries(Object.entries(input).filter(([key]) => key !== member));
  }
  // Name clash and quota come before the external resources.
  await createTrail({ Name: 'taken' });
  expect((await failure(createTrail({ ...input, Name: 'taken' }))).name).toBe('TrailAlreadyExistsException');
  expect((await failure(createTrail(input))).name).toBe('S3BucketDoesNotExistException');
});

test('tags at creation: over 50 is TagsLimitExceededException, duplicates and aws: are InvalidTagParameterException', async () => {
  const tags = (count: number) => Array.from({ length: count }, (_, index) => ({ Key: `k${String(index)}` }));
  await expect(createTrail({ TagsList: tags(51) })).rejects.toBeInstanceOf(TagsLimitExceededException);
  await expect(createTrail({ TagsList: [{ Key: 'a' }, { Key: 'a' }] })).rejects.toBeInstanceOf(
    InvalidTagParameterException,
  );
  await expect(createTrail({ TagsList: [{ Key: 'aws:owner' }] })).rejects.toBeInstanceOf(InvalidTagParameterException);
  await createTrail({ TagsList: tags(50) });
  const { ResourceTagList } = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [arnOf('audit')] }));
  expect(ResourceTagList?.[0]?.TagsList).toHaveLength(50);
});

test('names are unique among the trails visible in a region, and a multi-region name everywhere', async () => {
  await createTrail({ Name: 'regional' }, 'eu-west-1');
  // Same name, other region, single-region: allowed.
  await createTrail({ Name: 'regional' }, 'us-west-2');
  expect(await failure(createTrail({ Name: 'regional' }, 'eu-west-1'))).toEqual({
    name: 'TrailAlreadyExistsException',
    message: `Trail regional already exists for customer: ${ACCOUNT}`,
    status: 400,
  });
  // Multi-region: the name must be free in every region.
  await expect(createTrail({ Name: 'regional', IsMultiRegionTrail: true })).rejects.toBeInstanceOf(
    TrailAlreadyExistsException,
  );
  // The seeded multi-region trail is visible everywhere.
  await expect(createTrail({ Name: SEEDED_TRAIL.name }, 'ap-south-1')).rejects.toBeInstanceOf(
    TrailAlreadyExistsException,
  );
});

test('five trails per region, shadows included; the sixth is MaximumNumberOfTrailsExceededException (403)', async () => {
  // The seeded multi-region trail counts in every region.
  for (let index = 0; index < 4; index++) await createTrail({ Name: `trail-${String(index)}` }, 'eu-west-1');
  expect(await failure(createTrail({ Name: 'sixth' }, 'eu-west-1'))).toEqual({
    name: 'MaximumNumberOfTrailsExceededException',
    message: `User: ${ACCOUNT} already has 5 trails in eu-west-1.`,
    status: 403,
  });
  // A multi-region trail must fit in every region.
  await expect(createTrail({ Name: 'everywhere', IsMultiRegionTrail: true })).rejects.toBeInstanceOf(
    MaximumNumberOfTrailsExceededException,
  );
  // Making a trail multi-region that would overflow a region: InvalidParameterException.
  await createTrail({ Name: 'home' });
  await expect(
    emulatorClient().send(new UpdateTrailCommand({ Name: 'home', IsMultiRegionTrail: true })),
  ).rejects.toBeInstanceOf(InvalidParameterException);
  // Other regions still have room.
  await createTrail({ Name: 'sixth' }, 'eu-west-2');
});

test('a multi-region trail is visible in every region as a shadow with the same ARN, name and home region', async () => {
  await createTrail({ Name: 'org-wide', IsMultiRegionTrail: true });
  const shadow = emulatorClient({ region: 'ap-southeast-2' });
  const { Trails } = await shadow.send(new ListTrailsCommand({}));
  expect(Trails).toEqual([
    { TrailARN: SEEDED_TRAIL_ARN, Name: SEEDED_TRAIL.name, HomeRegion: 'us-east-1' },
    { TrailARN: arnOf('org-wide'), Name: 'org-wide', HomeRegion: 'us-east-1' },
  ]);
  // Read class: by ARN from a shadow region.
  const { Trail } = await shadow.send(new GetTrailCommand({ Name: arnOf('org-wide') }));
  expect(Trail).toMatchObject({ Name: 'org-wide', HomeRegion: 'us-east-1', IsMultiRegionTrail: true });
  const status = await shadow.send(new GetTrailStatusCommand({ Name: arnOf('org-wide') }));
  expect(status.IsLogging).toBe(false);
  // By name, only the home region resolves it.
  expect(await failure(shadow.send(new GetTrailCommand({ Name: 'org-wide' })))).toEqual({
    name: 'TrailNotFoundException',
    message: `Unknown trail: org-wide for the user: ${ACCOUNT}`,
    status: 404,
  });
  // Write class from a shadow region: InvalidHomeRegionException.
  expect(await failure(shadow.send(new StartLoggingCommand({ Name: arnOf('org-wide') })))).toEqual({
    name: 'InvalidHomeRegionException',
    message: `The trail ${arnOf('org-wide')} can only be modified from its home Region us-east-1.`,
    status: 400,
  });
  for (const command of [
    new UpdateTrailCommand({ Name: arnOf('org-wide'), S3KeyPrefix: 'x' }),
    new DeleteTrailCommand({ Name: arnOf('org-wide') }),
    new StopLoggingCommand({ Name: arnOf('org-wide') }),
    new PutEventSelectorsCommand({ TrailName: arnOf('org-wide'), EventSelectors: [{ ReadWriteType: 'All' }] }),
  ])
    await expect(shadow.send(command as never)).rejects.toBeInstanceOf(InvalidHomeRegionException);
  // DescribeTrails shows shadows unless told not to.
  const all = await shadow.send(new DescribeTrailsCommand({}));
  expect(all.trailList?.map((trail) => trail.Name)).toEqual([SEEDED_TRAIL.name, 'org-wide']);
  const homeOnly = await shadow.send(new DescribeTrailsCommand({ includeShadowTrails: false }));
  expect(homeOnly.trailList).toEqual([]);
});

test('a single-region trail of another region: reads by ARN are TrailNotFoundException, DescribeTrails returns it', async () => {
  await createTrail({ Name: 'west' }, 'us-west-2');
  const east = emulatorClient();
  const arn = arnOf('west', 'us-west-2');
  expect(await failure(east.send(new GetTrailCommand({ Name: arn })))).toMatchObject({
    name: 'TrailNotFoundException',
    message: `Unknown trail: ${arn} for the user: ${ACCOUNT}`,
  });
  await expect(east.send(new StartLoggingCommand({ Name: arn }))).rejects.toBeInstanceOf(TrailNotFoundException);
  const { trailList } = await east.send(
    new DescribeTrailsCommand({ trailNameList: [arn, arn, 'west', 'unknown-trail', arnOf('unknown-trail')] }),
  );
  // Duplicates collapse, names resolve only here, unknown ones are skipped.
  expect(trailList?.map((trail) => trail.TrailARN)).toEqual([arn]);
  expect(
    (await east.send(new DescribeTrailsCommand({ trailNameList: ['-bad'] })).catch((e: unknown) => e)) as Error,
  ).toBeInstanceOf(InvalidTrailNameException);
  await expect(
    east.send(new DescribeTrailsCommand({ trailNameList: ['arn:aws:cloudtrail:mars-1:123456789012:trail/x'] })),
  ).rejects.toBeInstanceOf(CloudTrailARNInvalidException);
});

test('GetTrailStatus and GetEventSelectors name the ARN they looked for when given an unknown name', async () => {
  const client = emulatorClient({ region: 'eu-west-1' });
  expect(await failure(client.send(new GetTrailStatusCommand({ Name: 'ghost' })))).toMatchObject({
    message: `Unknown trail: ${arnOf('ghost', 'eu-west-1')} for the user: ${ACCOUNT}`,
  });
  expect(await failure(client.send(new GetEventSelectorsCommand({ TrailName: 'ghost' })))).toMatchObject({
    message: `Unknown trail: ${arnOf('ghost', 'eu-west-1')} for the user: ${ACCOUNT}`,
  });
  expect(await failure(client.send(new DeleteTrailCommand({ Name: 'ghost' })))).toMatchObject({
    message: `Unknown trail: ghost for the user: ${ACCOUNT}`,
  });
});

test('ARNs: malformed, unserved region or bad name is CloudTrailARNInvalidException; another account names the caller', async () => {
  const client = emulatorClient();
  for (const Name of [
    'arn:aws:cloudtrail:us-east-1:123456789012:trail/',
    'arn:aws:cloudtrail:mars-1:123456789012:trail/audit',
    'arn:aws:cloudtrail:us-east-1:1234:trail/audit',
    'arn:aws:cloudtrail:us-east-1:123456789012:trail/-bad',
    'arn:aws:s3:::bucket',
  ])
    expect({ Name, error: (await failure(client.send(new GetTrailCommand({ Name })))).name }).toEqual({
      Name,
      error: 'CloudTrailARNInvalidException',
    });
  expect(
    await failure(client.send(new GetTrailCommand({ Name: arnOf('audit').replace(ACCOUNT, '444455556666') }))),
  ).toEqual({
    name: 'CloudTrailARNInvalidException',
    message: `AccountID in ARN is wrong, you can only access resources with AccountID ${ACCOUNT}.`,
    status: 400,
  });
});

test('trails belong to the caller account', async () => {
  await createTrail({ Name: 'account-trail' });
  const partner = emulatorClient({ accessKeyId: PARTNER_ACCESS_KEY });
  const { Trails } = await partner.send(new ListTrailsCommand({}));
  expect(Trails).toEqual([]);
  // Another IAM user of the same account sees the account's trails.
  const dev = emulatorClient({ accessKeyId: DEV_ACCESS_KEY });
  expect((await dev.send(new ListTrailsCommand({}))).Trails?.map((trail) => trail.Name)).toContain('account-trail');
});

test('ListTrails lists what the region sees (at most 5 by the quota); a foreign NextToken is InvalidNextTokenException', async () => {
  // Fill the account over many regions: 4 per region besides the seeded trail.
  const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1'];
  for (const region of regions)
    for (let index = 0; index < 4; index++) await createTrail({ Name: `t-${region}-${String(index)}` }, region);
  // Only what is visible in a region is listed: its own 4 and the seeded shadow.
  const { Trails, NextToken } = await emulatorClient({ region: 'us-west-1' }).send(new ListTrailsCommand({}));
  expect(Trails).toHaveLength(5);
  expect(NextToken).toBeUndefined();
  await expect(emulatorClient().send(new ListTrailsCommand({ NextToken: 'garbage' }))).rejects.toBeInstanceOf(
    InvalidNextTokenException,
  );
});

test('logging: Start and Stop set the state and times once; repeating changes nothing', async () => {
  await createTrail({ EnableLogFileValidation: true });
  const client = emulatorClient();
  const before = await client.send(new GetTrailStatusCommand({ Name: 'audit' }));
  expect(before).toMatchObject({
    IsLogging: false,
    TimeLoggingStarted: '',
    TimeLoggingStopped: '',
    LatestDeliveryAttemptTime: '',
    LatestDeliveryAttemptSucceeded: '',
    LatestNotificationAttemptTime: '',
    LatestNotificationAttemptSucceeded: '',
  });
  expect(before.StartLoggingTime).toBeUndefined();
  expect(before.StopLoggingTime).toBeUndefined();
  expect(before.LatestDeliveryTime).toBeUndefined();

  testClock.set(TEST_START + 1234);
  await client.send(new StartLoggingCommand({ Name: 'audit' }));
  testClock.advance(10 * SECOND);
  await client.send(new StartLoggingCommand({ Name: arnOf('audit') }));
  const started = await client.send(new GetTrailStatusCommand({ Name: 'audit' }));
  expect(started.IsLogging).toBe(true);
  // Epoch seconds with milliseconds on the wire.
  expect(started.StartLoggingTime?.getTime()).toBe(TEST_START + 1234);
  expect(started.TimeLoggingStarted).toBe(new Date(TEST_START + 1234).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  expect(started.StopLoggingTime).toBeUndefined();

  testClock.advance(60 * SECOND);
  const stoppedAt = testClock.now();
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  testClock.advance(60 * SECOND);
  await client.send(new StopLoggingCommand({ Name: 'audit' }));
  const stopped = await client.send(new GetTrailStatusCommand({ Name: 'audit' }));
  expect(stopped.IsLogging).toBe(false);
  expect(stopped.StopLoggingTime?.getTime()).toBe(stoppedAt);
  expect(stopped.StartLoggingTime?.getTime()).toBe(TEST_START + 1234);
  expect(stopped.TimeLoggingStopped).toBe(new Date(stoppedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'));
});

test('UpdateTrail changes only what is sent; empty strings clear; only Name changes nothing', async () => {
  await createTrail({
    S3KeyPrefix: 'p',
    SnsTopicName: 'topic',
    KmsKeyId: 'alias/k',
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`,
    CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
  });
  const client = emulatorClient();
  const unchanged = await client.send(new UpdateTrailCommand({ Name: 'audit' }));
  expect(unchanged).toMatchObject({ S3KeyPrefix: 'p', SnsTopicName: 'topic' });
  // The CloudWatch pair is cleared together.
  await expect(
    client.send(new UpdateTrailCommand({ Name: 'audit', CloudWatchLogsLogGroupArn: '' })),
  ).rejects.toBeInstanceOf(InvalidParameterCombinationException);
  const cleared = await client.send(
    new UpdateTrailCommand({
      Name: 'audit',
      S3KeyPrefix: '',
      SnsTopicName: '',
      KmsKeyId: '',
      CloudWatchLogsLogGroupArn: '',
      CloudWatchLogsRoleArn: '',
      S3BucketName: 'acme-new-bucket',
    }),
  );
  expect(cleared).toEqual({
    $metadata: expect.anything() as unknown,
    Name: 'audit',
    S3BucketName: 'acme-new-bucket',
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: false,
    TrailARN: arnOf('audit'),
    LogFileValidationEnabled: false,
    IsOrganizationTrail: false,
  });
  expect(findBucket(emulator.state, 'acme-new-bucket')).toBeDefined();
  await expect(
    client.send(new UpdateTrailCommand({ Name: 'audit', S3BucketName: 'nonexistent-x' })),
  ).rejects.toBeInstanceOf(S3BucketDoesNotExistException);
  await expect(
    client.send(new UpdateTrailCommand({ Name: 'audit', IsOrganizationTrail: true })),
  ).rejects.toBeInstanceOf(OrganizationsNotInUseException);
});

test('single -> multi-region turns global service events on; multi -> single turns them off unless sent', async () => {
  await createTrail({ IncludeGlobalServiceEvents: false });
  const client = emulatorClient();
  const multi = await client.send(new UpdateTrailCommand({ Name: 'audit', IsMultiRegionTrail: true }));
  expect(multi).toMatchObject({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true });
  expect((await emulatorClient({ region: 'eu-north-1' }).send(new ListTrailsCommand({}))).Trails).toHaveLength(2);
  await expect(
    client.send(new UpdateTrailCommand({ Name: 'audit', IncludeGlobalServiceEvents: false })),
  ).rejects.toBeInstanceOf(InvalidParameterCombinationException);
  const single = await client.send(new UpdateTrailCommand({ Name: 'audit', IsMultiRegionTrail: false }));
  expect(single).toMatchObject({ IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false });
  expect((await emulatorClient({ region: 'eu-north-1' }).send(new ListTrailsCommand({}))).Trails).toHaveLength(1);
  await client.send(new UpdateTrailCommand({ Name: 'audit', IsMultiRegionTrail: true }));
  const kept = await client.send(
    new UpdateTrailCommand({ Name: 'audit', IsMultiRegionTrail: false, IncludeGlobalServiceEvents: true }),
  );
  expect(kept.IncludeGlobalServiceEvents).toBe(true);
  // A name used by a single-region trail elsewhere blocks going multi-region.
  await createTrail({ Name: 'audit' }, 'eu-west-3');
  await expect(client.send(new UpdateTrailCommand({ Name: 'audit', IsMultiRegionTrail: true }))).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
});

test('DeleteTrail removes the trail, its shadows and its tags; only from the home region', async () => {
  await createTrail({ Name: 'gone', IsMultiRegionTrail: true, TagsList: [{ Key: 'team', Value: 'sec' }] });
  await emulatorClient().send(new DeleteTrailCommand({ Name: 'gone' }));
  await expect(emulatorClient().send(new GetTrailCommand({ Name: 'gone' }))).rejects.toBeInstanceOf(
    TrailNotFoundException,
  );
  expect(
    (await emulatorClient({ region: 'eu-west-1' }).send(new ListTrailsCommand({}))).Trails?.map((trail) => trail.Name),
  ).toEqual([SEEDED_TRAIL.name]);
  expect(emulator.state.table('tags').has(arnOf('gone'))).toBe(false);
  // Recreating it starts from nothing.
  await createTrail({ Name: 'gone' });
  const { ResourceTagList } = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [arnOf('gone')] }));
  expect(ResourceTagList).toEqual([{ ResourceId: arnOf('gone'), TagsList: [] }]);
});

test('event selectors: the default, basic with defaults filled in, advanced replacing basic entirely', async () => {
  await createTrail();
  const client = emulatorClient();
  expect(await client.send(new GetEventSelectorsCommand({ TrailName: 'audit' }))).toMatchObject({
    TrailARN: arnOf('audit'),
    EventSelectors: [
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
    ],
  });
  const basic = await client.send(
    new PutEventSelectorsCommand({
      TrailName: 'audit',
      EventSelectors: [
        {
          ReadWriteType: 'WriteOnly',
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::acme-bucket/'] }],
        },
      ],
    }),
  );
  expect(basic).toMatchObject({
    TrailARN: arnOf('audit'),
    EventSelectors: [
      {
        ReadWriteType: 'WriteOnly',
        IncludeManagementEvents: true,
        DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::acme-bucket/'] }],
        ExcludeManagementEventSources: [],
      },
    ],
  });
  expect(basic.AdvancedEventSelectors).toBeUndefined();
  expect((await client.send(new GetTrailCommand({ Name: 'audit' }))).Trail?.HasCustomEventSelectors).toBe(true);
  const advancedSelectors = [
    {
      Name: 'Writes',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'readOnly', Equals: ['false'] },
      ],
    },
    {
      Name: 'S3 objects',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::acme-bucket/'] },
      ],
    },
  ];
  const advanced = await client.send(
    new PutEventSelectorsCommand({ TrailName: arnOf('audit'), AdvancedEventSelectors: advancedSelectors }),
  );
  expect(advanced.AdvancedEventSelectors).toEqual(advancedSelectors);
  expect(advanced.EventSelectors).toBeUndefined();
  const read = await client.send(new GetEventSelectorsCommand({ TrailName: 'audit' }));
  expect(read.AdvancedEventSelectors).toEqual(advancedSelectors);
  expect(read.EventSelectors).toBeUndefined();
  // A shadow region reads them by ARN.
  await client.send(new UpdateTrailCommand({ Name: 'audit', IsMultiRegionTrail: true }));
  const shadow = await emulatorClient({ region: 'eu-west-1' }).send(
    new GetEventSelectorsCommand({ TrailName: arnOf('audit') }),
  );
  expect(shadow.AdvancedEventSelectors).toEqual(advancedSelectors);
});

test.each([
  ['neither kind', {}],
  [
    'both kinds',
    {
      EventSelectors: [{}],
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
    },
  ],
  ['an empty list', { EventSelectors: [] }],
  ['six basic selectors', { EventSelectors: Array.from({ length: 6 }, () => ({})) }],
  ['a bad ReadWriteType', { EventSelectors: [{ ReadWriteType: 'Sometimes' }] }],
  [
    'an excluded source other than kms/rdsdata',
    { EventSelectors: [{ ExcludeManagementEventSources: ['s3.amazonaws.com'] }] },
  ],
  [
    'an unknown data resource type',
    { EventSelectors: [{ DataResources: [{ Type: 'AWS::SQS::Queue', Values: ['arn:aws:sqs'] }] }] },
  ],
  [
    'a data resource without values',
    { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: [] }] }] },
  ],
  [
    '251 values',
    {
      EventSelectors: [
        {
          DataResources: [
            {
              Type: 'AWS::S3::Object',
              Values: Array.from({ length: 251 }, (_, i) => `arn:aws:s3:::bucket-${String(i)}/`),
            },
          ],
        },
      ],
    },
  ],
  [
    'an advanced Insight selector',
    { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Insight'] }] }] },
  ],
  [
    'an advanced ActivityAuditLog selector',
    { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }] },
  ],
  [
    'an advanced Data selector without resources.type',
    { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] },
  ],
  [
    '501 advanced values',
    {
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventName', Equals: Array.from({ length: 500 }, (_, i) => `Op${String(i)}`) },
          ],
        },
      ],
    },
  ],
])('PutEventSelectors with %s is InvalidEventSelectorsException', async (_, selectors) => {
  await createTrail();
  const before = emulator.state.fingerprint();
  await expect(
    emulatorClient().send(new PutEventSelectorsCommand({ TrailName: 'audit', ...selectors } as never)),
  ).rejects.toBeInstanceOf(InvalidEventSelectorsException);
  expect(emulator.state.fingerprint()).toBe(before);
});

test.each([
  ['arn:aws:s3:::bucket', 'AWS::S3::Object'],
  ['arn:aws:s3:::', 'AWS::Lambda::Function'],
  ['arn:aws:lambda:us-east-1:123456789012:function', 'AWS::Lambda::Function'],
  ['arn:aws:dynamodb:us-east-1:123456789012:table', 'AWS::DynamoDB::Table'],
])('the data resource value %s of %s is invalid, with CloudTrail message', async (value, Type) => {
  await createTrail();
  expect(
    await failure(
      emulatorClient().send(
        new PutEventSelectorsCommand({
          TrailName: 'audit',
          EventSelectors: [{ DataResources: [{ Type, Values: [value] }] }],
        }),
      ),
    ),
  ).toMatchObject({
    name: 'InvalidEventSelectorsException',
    message: `Value ${value} for DataResources.Values is invalid.`,
  });
});

test('advanced selectors: more than five are allowed on a trail (not on a store)', async () => {
  await createTrail();
  const selectors = Array.from({ length: 8 }, (_, index) => ({
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Management'] },
      { Field: 'eventSource', Equals: [`service${String(index)}.amazonaws.com`] },
    ],
  }));
  const { AdvancedEventSelectors } = await emulatorClient().send(
    new PutEventSelectorsCommand({ TrailName: 'audit', AdvancedEventSelectors: selectors }),
  );
  expect(AdvancedEventSelectors).toHaveLength(8);
});

test('tags on trails: by ARN in the home region; names, other regions and unknown trails are refused', async () => {
  await createTrail({ Name: 'tagged', IsMultiRegionTrail: true });
  const client = emulatorClient();
  const arn = arnOf('tagged');
  await client.send(
    new AddTagsCommand({
      ResourceId: arn,
      TagsList: [
        { Key: 'team', Value: 'sec' },
        { Key: 'env', Value: 'prod' },
      ],
    }),
  );
  await client.send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'env', Value: 'dev' }] }));
  await client.send(new RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'team' }] }));
  await createTrail({ Name: 'plain' });
  const { ResourceTagList } = await client.send(new ListTagsCommand({ ResourceIdList: [arn, arnOf('plain')] }));
  expect(ResourceTagList).toEqual([
    { ResourceId: arn, TagsList: [{ Key: 'env', Value: 'dev' }] },
    { ResourceId: arnOf('plain'), TagsList: [] },
  ]);
  await expect(
    client.send(new AddTagsCommand({ ResourceId: 'tagged', TagsList: [{ Key: 'a' }] })),
  ).rejects.toBeInstanceOf(CloudTrailARNInvalidException);
  expect(
    await failure(emulatorClient({ region: 'eu-west-1' }).send(new ListTagsCommand({ ResourceIdList: [arn] }))),
  ).toEqual({
    name: 'CloudTrailARNInvalidException',
    message: 'Region in ARN is wrong, you can only access resources in region eu-west-1.',
    status: 400,
  });
  await expect(
    client.send(new AddTagsCommand({ ResourceId: arnOf('unknown'), TagsList: [{ Key: 'a' }] })),
  ).rejects.toBeInstanceOf(ResourceNotFoundException);
  const many = Array.from({ length: 50 }, (_, index) => ({ Key: `k${String(index)}` }));
  await expect(client.send(new AddTagsCommand({ ResourceId: arn, TagsList: many }))).rejects.toBeInstanceOf(
    TagsLimitExceededException,
  );
});

test('self-records: trail resources, lower-camel members as sent, responses for writes only', async () => {
  await createTrail({ S3KeyPrefix: 'p', SnsTopicName: 'topic', TagsList: [{ Key: 'k', Value: 'v' }] });
  const create = await lastRecord('CreateTrail');
  expect(create).toMatchObject({
    eventSource: 'cloudtrail.amazonaws.com',
    readOnly: false,
    requestParameters: {
      name: 'audit',
      s3BucketName: BUCKET,
      s3KeyPrefix: 'p',
      snsTopicName: 'topic',
      tagsList: [{ key: 'k', value: 'v' }],
    },
    responseElements: {
      name: 'audit',
      s3BucketName: BUCKET,
      s3KeyPrefix: 'p',
      snsTopicName: 'topic',
      snsTopicARN: `arn:aws:sns:us-east-1:${ACCOUNT}:topic`,
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: false,
      trailARN: arnOf('audit'),
      logFileValidationEnabled: false,
      isOrganizationTrail: false,
    },
    resources: [{ accountId: ACCOUNT, type: 'AWS::CloudTrail::Trail', ARN: arnOf('audit') }],
  });
  await emulatorClient().send(new StartLoggingCommand({ Name: 'audit' }));
  expect(await lastRecord('StartLogging')).toMatchObject({
    requestParameters: { name: 'audit' },
    responseElements: null,
  });
  await emulatorClient().send(
    new PutEventSelectorsCommand({ TrailName: 'audit', EventSelectors: [{ ReadWriteType: 'ReadOnly' }] }),
  );
  expect(await lastRecord('PutEventSelectors')).toMatchObject({
    requestParameters: { trailName: 'audit', eventSelectors: [{ readWriteType: 'ReadOnly' }] },
    responseElements: {
      trailARN: arnOf('audit'),
      eventSelectors: [expect.objectContaining({ readWriteType: 'ReadOnly' })],
    },
  });
  await emulatorClient().send(new GetTrailStatusCommand({ Name: 'audit' }));
  expect(await lastRecord('GetTrailStatus')).toMatchObject({ readOnly: true, responseElements: null });
  await emulatorClient()
    .send(new DeleteTrailCommand({ Name: 'missing-trail' }))
    .catch(() => undefined);
  expect(await lastRecord('DeleteTrail')).toMatchObject({
    errorCode: 'TrailNotFoundException',
    errorMessage: `Unknown trail: missing-trail for the user: ${ACCOUNT}`,
    requestParameters: { name: 'missing-trail' },
  });
});

test('the seeded trail: multi-region, logging since a day before the anchor, created by the SSO session', async () => {
  const { Trail } = await emulatorClient().send(new GetTrailCommand({ Name: SEEDED_TRAIL.name }));
  expect(Trail).toMatchObject({
    TrailARN: SEEDED_TRAIL_ARN,
    S3BucketName: SEEDED_TRAIL.bucket,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    LogFileValidationEnabled: true,
    HasCustomEventSelectors: false,
  });
  const status = await emulatorClient().send(new GetTrailStatusCommand({ Name: SEEDED_TRAIL.name }));
  expect(status.IsLogging).toBe(true);
  expect(status.StartLoggingTime?.getTime()).toBe(emulator.state.config.anchor - SEEDED_TRAIL.startedBefore);
  const create = await lastRecord('CreateTrail');
  expect(create).toMatchObject({
    userIdentity: { type: 'AssumedRole', accessKeyId: 'ASIAEMU0SSOSESSION03' },
    requestParameters: { name: SEEDED_TRAIL.name, isMultiRegionTrail: true, enableLogFileValidation: true },
  });
});
