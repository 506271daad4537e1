// requestParameters / responseElements / resources as CloudTrail logs them for the seeded calls,
// shared by bulk templates and the lifecycle script so a bucket's CreateBucket and its later
// PutBucketPolicy read alike wherever they come from.
import type { Random } from '../../../random';
import type { JsonObject, RecordResource } from '../../../records';
import {
  ACCOUNT,
  bucketArn,
  eventDataStoreArn,
  functionArn,
  instanceArn,
  keyArn,
  roleArn,
  securityGroupArn,
  userArn,
  type ObjectKeyStyle,
  type SeedBucket,
  type SeedEventDataStore,
  type SeedFunction,
  type SeedInstance,
  type SeedKey,
  type SeedRole,
  type SeedSecurityGroup,
  type SeedUser,
  type TrustedBy,
} from './seed-pool';
import {
  amzId2,
  consoleDate,
  hex,
  isoDay,
  lambdaDate,
  sessionToken,
  temporaryAccessKeyId,
  upperAlnum,
} from './seed-values';

/** The part of a draft a payload builder decides. */
export interface Payload {
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  resources?: RecordResource[];
  additionalEventData?: JsonObject;
  host?: string;
}

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

// ---- resources -------------------------------------------------------------------------------

/** A bucket as a resources[] entry. */
export const bucketResource = (name: string): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::S3::Bucket',
  ARN: bucketArn(name),
});
/** An EC2 instance as a resources[] entry. */
export const instanceResource = (instance: { id: string; region: string }): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::EC2::Instance',
  ARN: instanceArn(instance),
});
/** A security group as a resources[] entry. */
export const groupResource = (group: SeedSecurityGroup): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::EC2::SecurityGroup',
  ARN: securityGroupArn(group),
});
/** A Lambda function as a resources[] entry. */
export const functionResource = (fn: { name: string; region: string }): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::Lambda::Function',
  ARN: functionArn(fn),
});
/** A KMS key as a resources[] entry. */
export const keyResource = (key: SeedKey): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::KMS::Key',
  ARN: keyArn(key),
});
/** An IAM user as a resources[] entry. */
export const userResource = (name: string): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::IAM::User',
  ARN: userArn(name),
});
/** An IAM role as a resources[] entry. */
export const roleResource = (name: string): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::IAM::Role',
  ARN: roleArn(name),
});
/** An event data store as a resources[] entry. */
export const storeResource = (store: SeedEventDataStore): RecordResource => ({
  accountId: ACCOUNT,
  type: 'AWS::CloudTrail::EventDataStore',
  ARN: eventDataStoreArn(store),
});

// ---- S3 ----------------------------------------------------------------------------------------

/** The virtual-hosted-style host a client addresses a bucket by. */
export function s3Host(bucket: string, region: string): string {
  return `${bucket}.s3.${region}.amazonaws.com`;
}

/** S3's additionalEventData: signature, TLS suite, bytes moved and the extended request ID. */
export function s3Extra(rng: Random, cipherSuite: string | undefined, bytesIn: number, bytesOut: number): JsonObject {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: cipherSuite ?? 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': amzId2(rng),
    bytesTransferredOut: bytesOut,
  };
}

/** CreateBucket; S3 returns nothing worth logging. */
export function createBucket(bucket: SeedBucket): Payload {
  const host = s3Host(bucket.name, bucket.region);
  const requestParameters: JsonObject = { bucketName: bucket.name, Host: host };
  // us-east-1 is the default location; the CLI sends no configuration for it.
  if (bucket.region !== 'us-east-1') {
    requestParameters['CreateBucketConfiguration'] = { LocationConstraint: bucket.region, xmlns: S3_XMLNS };
  }
  return { requestParameters, responseElements: null, resources: [bucketResource(bucket.name)], host };
}

/** DeleteBucket. */
export function deleteBucket(bucket: { name: string; region: string }): Payload {
  const host = s3Host(bucket.name, bucket.region);
  return {
    requestParameters: { bucketName: bucket.name, Host: host },
    responseElements: null,
    resources: [bucketResource(bucket.name)],
    host,
  };
}

/**
 * PutBucketPolicy; S3 logs the policy parsed. Variants 0 and 1 are the two typical one-statement
 * policies bulk activity sets; 2 and 3 are the lifecycle script's longer ones: TLS only plus the
 * Glue crawler's read access, and that again with public read of every object.
 */
export function putBucketPolicy(bucket: { name: string; region: string }, variant: number): Payload {
  const host = s3Host(bucket.name, bucket.region);
  const arn = bucketArn(bucket.name);
  const denyInsecure: JsonObject = {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  const appServerRead: JsonObject = {
    Sid: 'AllowAppServerRead',
    Effect: 'Allow',
    Principal: { AWS: roleArn('app-server-role') },
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [arn, `${arn}/*`],
  };
  const glueRead: JsonObject = {
    Sid: 'AllowGlueCrawlerRead',
    Effect: 'Allow',
    Principal: { AWS: roleArn('analytics-glue-role') },
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [arn, `${arn}/*`],
  };
  const publicRead: JsonObject = {
    Sid: 'AllowPublicRead',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `${arn}/*`,
  };
  const statements: JsonObject[] =
    variant === 2
      ? [denyInsecure, glueRead]
      : variant === 3
        ? [denyInsecure, glueRead, publicRead]
        : variant % 2 === 0
          ? [denyInsecure]
          : [appServerRead];
  return {
    requestParameters: {
      bucketPolicy: { Version: '2012-10-17', Statement: statements },
      bucketName: bucket.name,
      Host: host,
      policy: '',
    },
    responseElements: null,
    resources: [bucketResource(bucket.name)],
    host,
  };
}

/** PutBucketEncryption: SSE-KMS with the key, else SSE-S3. */
export function putBucketEncryption(bucket: { name: string; region: string }, key: SeedKey | undefined): Payload {
  const host = s3Host(bucket.name, bucket.region);
  const byDefault: JsonObject =
    key === undefined ? { SSEAlgorithm: 'AES256' } : { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn(key) };
  return {
    requestParameters: {
      bucketName: bucket.name,
      Host: host,
      encryption: '',
      ServerSideEncryptionConfiguration: {
        xmlns: S3_XMLNS,
        Rule: { ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: key !== undefined },
      },
    },
    responseElements: null,
    resources: [bucketResource(bucket.name)],
    host,
  };
}

/** GetBucketAcl. */
export function getBucketAcl(bucket: { name: string; region: string }): Payload {
  const host = s3Host(bucket.name, bucket.region);
  return {
    requestParameters: { bucketName: bucket.name, Host: host, acl: '' },
    responseElements: null,
    resources: [bucketResource(bucket.name)],
    host,
  };
}

/** ListBuckets against the region's endpoint. */
export function listBuckets(region: string): Payload {
  const host = `s3.${region}.amazonaws.com`;
  return { requestParameters: { Host: host }, responseElements: null, host };
}

/** An object key in the bucket's style, dated by the event time where the style has dates. */
export function objectKey(rng: Random, style: ObjectKeyStyle, at: number, region: string): string {
  const day = isoDay(at);
  const [year, month, date] = day.split('-') as [string, string, string];
  switch (style) {
    case 'logs':
      return `AWSLogs/${ACCOUNT}/elasticloadbalancing/${region}/${year}/${month}/${date}/${ACCOUNT}_elasticloadbalancing_${region}_app.web-alb.${hex(rng, 16)}_${year}${month}${date}T${String(new Date(at).getUTCHours()).padStart(2, '0')}${rng.pick(['00', '05', '10', '15', '20', '25', '30', '35', '40', '45', '50', '55'])}Z_203.0.113.${String(rng.between(2, 250))}_${hex(rng, 8)}.log.gz`;
    case 'tfstate':
      return rng.pick([
        'env/prod/terraform.tfstate',
        'env/staging/terraform.tfstate',
        'global/iam/terraform.tfstate',
        'env/prod/network.tfstate',
      ]);
    case 'assets':
      return rng.pick([
        `static/js/main.${hex(rng, 8)}.js`,
        `static/css/app.${hex(rng, 8)}.css`,
        `images/products/${String(rng.between(1000, 9999))}.webp`,
        'index.html',
      ]);
    case 'exports':
      return rng.chance(0.5)
        ? `exports/${day}/customers-${String(rng.between(1, 40)).padStart(3, '0')}.csv.gz`
        : `reports/${year}/${month}/sales-${date}.pdf`;
    case 'parquet':
      return `events/dt=${day}/part-${String(rng.between(0, 199)).padStart(5, '0')}-${hex(rng, 8)}.snappy.parquet`;
    case 'backups':
      return `postgres/orders/${day}/base-${hex(rng, 6)}.tar.zst`;
    case 'media':
      return rng.chance(0.6) ? `uploads/${hex(rng, 12)}/original.jpg` : `thumbnails/${hex(rng, 12)}/320x240.webp`;
    case 'scratch':
      return rng.pick([`tmp/${hex(rng, 6)}.json`, `test/run-${String(rng.between(1, 99))}/output.csv`, 'notes.txt']);
  }
}

const OBJECT_SIZES: Readonly<Record<ObjectKeyStyle, readonly [number, number]>> = {
  logs: [20_000, 900_000],
  tfstate: [8_000, 400_000],
  assets: [1_500, 600_000],
  exports: [40_000, 8_000_000],
  parquet: [2_000_000, 60_000_000],
  backups: [50_000_000, 900_000_000],
  media: [80_000, 6_000_000],
  scratch: [12, 50_000],
};

/** An S3 data event (GetObject, HeadObject, PutObject, DeleteObject) on one object. */
export function objectCall(
  rng: Random,
  eventName: 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject',
  bucket: { name: string; region: string; objects: ObjectKeyStyle },
  key: string,
  cipherSuite: string | undefined,
): Payload {
  const host = s3Host(bucket.name, bucket.region);
  const [min, max] = OBJECT_SIZES[bucket.objects];
  const size = rng.between(min, max);
  const requestParameters: JsonObject = { bucketName: bucket.name, Host: host, key };
  let responseElements: JsonObject | null = null;
  if (eventName === 'PutObject') {
    responseElements = { 'x-amz-server-side-encryption': 'AES256' };
    if (bucket.objects === 'tfstate' || bucket.objects === 'backups')
      responseElements['x-amz-version-id'] = rng.chars(
        32,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._',
      );
  }
  return {
    requestParameters,
    responseElements,
    resources: [
      // CloudTrail names the object without an account, the bucket with one.
      { type: 'AWS::S3::Object', ARN: `${bucketArn(bucket.name)}/${key}` },
      bucketResource(bucket.name),
    ],
    additionalEventData: s3Extra(
      rng,
      cipherSuite,
      eventName === 'PutObject' ? size : 0,
      eventName === 'GetObject' ? size : 0,
    ),
    host,
  };
}

// ---- IAM ---------------------------------------------------------------------------------------

const TRUST_PRINCIPAL: Readonly<Record<TrustedBy, JsonObject>> = {
  lambda: { Service: 'lambda.amazonaws.com' },
  ec2: { Service: 'ec2.amazonaws.com' },
  glue: { Service: 'glue.amazonaws.com' },
  account: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  github: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
};

function trustPolicy(trust: TrustedBy): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: TRUST_PRINCIPAL[trust],
        Action: trust === 'github' ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole',
      },
    ],
  });
}

/** CreateUser, which returns the new user. */
export function createUser(user: SeedUser, at: number): Payload {
  return {
    requestParameters: { userName: user.name },
    responseElements: {
      user: { path: '/', userName: user.name, userId: user.id, arn: userArn(user.name), createDate: consoleDate(at) },
    },
    resources: [userResource(user.name)],
  };
}

/** CreateRole; the response carries the trust policy URL-encoded, as IAM logs it. */
export function createRole(role: SeedRole, at: number, description: string): Payload {
  const document = trustPolicy(role.trust);
  return {
    requestParameters: { roleName: role.name, description, assumeRolePolicyDocument: document },
    responseElements: {
      role: {
        path: '/',
        roleName: role.name,
        roleId: role.id,
        arn: roleArn(role.name),
        createDate: consoleDate(at),
        assumeRolePolicyDocument: encodeURIComponent(document),
      },
    },
    resources: [roleResource(role.name)],
  };
}

/** AttachRolePolicy of an AWS managed policy. */
export function attachRolePolicy(role: string, policy: string): Payload {
  return {
    requestParameters: { roleName: role, policyArn: `arn:aws:iam::aws:policy/${policy}` },
    responseElements: null,
    resources: [roleResource(role)],
  };
}

/** CreateAccessKey; CloudTrail never logs the secret. */
export function createAccessKey(rng: Random, user: string, at: number): Payload {
  return {
    requestParameters: { userName: user },
    responseElements: {
      accessKey: {
        userName: user,
        accessKeyId: `AKIA${upperAlnum(rng, 16)}`,
        status: 'Active',
        createDate: consoleDate(at),
      },
    },
    resources: [userResource(user)],
  };
}

// ---- STS ---------------------------------------------------------------------------------------

/** AssumeRole with the temporary credentials and the assumed-role user it returns. */
export function assumeRole(rng: Random, role: SeedRole, session: string, at: number, durationSeconds: number): Payload {
  return {
    requestParameters: { roleArn: roleArn(role.name), roleSessionName: session, durationSeconds },
    responseElements: {
      credentials: {
        accessKeyId: temporaryAccessKeyId(rng),
        sessionToken: sessionToken(rng),
        expiration: consoleDate(at + durationSeconds * 1000),
      },
      assumedRoleUser: {
        assumedRoleId: `${role.id}:${session}`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/${session}`,
      },
    },
    resources: [roleResource(role.name)],
  };
}

// ---- EC2 ---------------------------------------------------------------------------------------

const SUBNETS: Readonly<Record<string, readonly [string, string, string]>> = {
  // [subnet, vpc, availability zone]
  'us-east-1': ['subnet-0a6c2e8f4b1d39570', 'vpc-0c1a2b3d4e5f60718', 'us-east-1a'],
  'us-west-2': ['subnet-03e9b5d1f7a2c4806', 'vpc-06d2e8f4a0b1c3957', 'us-west-2b'],
  'eu-west-1': ['subnet-0d7f3b9a5c1e28461', 'vpc-0a8f4b0c6d2e19375', 'eu-west-1a'],
  'eu-central-1': ['subnet-0f1b7d3a9e5c64820', 'vpc-0b5e1f7a3c9d28461', 'eu-central-1a'],
  'ap-southeast-2': ['subnet-06a2e8c4f0b1d5937', 'vpc-03f9a5b1c7d2e8604', 'ap-southeast-2a'],
};

function subnetOf(region: string): readonly [string, string, string] {
  return SUBNETS[region] ?? ['subnet-0b0c1d2e3f4a5b6c7', 'vpc-0f0e1d2c3b4a59687', `${region}a`];
}

function nameTag(name: string): JsonObject {
  return { items: [{ key: 'Name', value: name }] };
}

/** RunInstances launching the given instances, with the reservation EC2 returns. */
export function runInstances(
  rng: Random,
  requestId: string,
  instances: readonly SeedInstance[],
  group: SeedSecurityGroup | undefined,
  at: number,
): Payload {
  const first = instances[0];
  if (first === undefined) throw new RangeError('RunInstances needs an instance');
  const [subnet, vpc, zone] = subnetOf(first.region);
  const groupSet: JsonObject = group === undefined ? {} : { items: [{ groupId: group.id, groupName: group.name }] };
  return {
    requestParameters: {
      instancesSet: { items: [{ imageId: first.image, minCount: instances.length, maxCount: instances.length }] },
      instanceType: first.type,
      blockDeviceMapping: {},
      monitoring: { enabled: false },
      subnetId: subnet,
      disableApiTermination: false,
      disableApiStop: false,
      clientToken: rng.uuid(),
      tagSpecificationSet: { items: [{ resourceType: 'instance', tags: [{ key: 'Name', value: first.name }] }] },
      ...(group === undefined ? {} : { groupSet: { items: [{ groupId: group.id }] } }),
    },
    responseElements: {
      requestId,
      reservationId: `r-0${hex(rng, 16)}`,
      ownerId: ACCOUNT,
      groupSet: {},
      instancesSet: {
        items: instances.map((instance, launchIndex) => ({
          instanceId: instance.id,
          imageId: instance.image,
          currentInstanceState: { code: 0, name: 'pending' },
          privateDnsName: `ip-${instance.privateIp.replaceAll('.', '-')}.${instance.region === 'us-east-1' ? 'ec2.internal' : `${instance.region}.compute.internal`}`,
          amiLaunchIndex: launchIndex,
          productCodes: {},
          instanceType: instance.type,
          launchTime: Math.floor(at / 1000) * 1000,
          placement: { availabilityZone: zone, tenancy: 'default' },
          monitoring: { state: 'disabled' },
          subnetId: subnet,
          vpcId: vpc,
          privateIpAddress: instance.privateIp,
          stateReason: { code: 'pending', message: 'pending' },
          architecture: 'x86_64',
          rootDeviceType: 'ebs',
          rootDeviceName: '/dev/xvda',
          blockDeviceMapping: {},
          virtualizationType: 'hvm',
          hypervisor: 'xen',
          tagSet: nameTag(instance.name),
          groupSet,
          sourceDestCheck: true,
          ebsOptimized: false,
          enaSupport: true,
          metadataOptions: {
            state: 'pending',
            httpTokens: 'required',
            httpPutResponseHopLimit: 2,
            httpEndpoint: 'enabled',
          },
        })),
      },
    },
    resources: instances.map(instanceResource),
  };
}

/** StopInstances / TerminateInstances: the state change of each instance. */
export function changeInstanceState(
  requestId: string,
  instances: readonly { id: string; region: string }[],
  eventName: 'StopInstances' | 'TerminateInstances',
): Payload {
  const current = eventName === 'StopInstances' ? { code: 64, name: 'stopping' } : { code: 32, name: 'shutting-down' };
  return {
    requestParameters: {
      instancesSet: { items: instances.map((instance) => ({ instanceId: instance.id })) },
      ...(eventName === 'StopInstances' ? { force: false } : {}),
    },
    responseElements: {
      requestId,
      instancesSet: {
        items: instances.map((instance) => ({
          instanceId: instance.id,
          currentState: current,
          previousState: { code: 16, name: 'running' },
        })),
      },
    },
    resources: instances.map(instanceResource),
  };
}

// ---- Lambda ------------------------------------------------------------------------------------

function functionConfiguration(rng: Random, fn: SeedFunction, at: number, created: boolean): JsonObject {
  // UpdateFunctionCode really does report "being created" / Creating while the update runs.
  const status: JsonObject = created
    ? { state: 'Pending', stateReason: 'The function is being created.', stateReasonCode: 'Creating' }
    : {
        state: 'Active',
        lastUpdateStatus: 'InProgress',
        lastUpdateStatusReason: 'The function is being created.',
        lastUpdateStatusReasonCode: 'Creating',
      };
  return {
    functionName: fn.name,
    functionArn: functionArn(fn),
    runtime: fn.runtime,
    role: roleArn(fn.role),
    handler: fn.runtime.startsWith('python') ? 'app.handler' : 'index.handler',
    codeSize: rng.between(2_000, 9_000_000),
    description: fn.description,
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    lastModified: lambdaDate(at),
    codeSha256: `${rng.chars(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}=`,
    version: '$LATEST',
    tracingConfig: { mode: 'PassThrough' },
    revisionId: rng.uuid(),
    ...status,
    packageType: 'Zip',
    architectures: ['arm64'],
    ephemeralStorage: { size: 512 },
    snapStart: { applyOn: 'None', optimizationStatus: 'Off' },
    loggingConfig: { logFormat: 'Text', logGroup: `/aws/lambda/${fn.name}` },
  };
}

/** CreateFunction (API version 2015-03-31) with the configuration Lambda returns. */
export function createFunction(rng: Random, fn: SeedFunction, at: number): Payload {
  return {
    requestParameters: {
      functionName: fn.name,
      runtime: fn.runtime,
      role: roleArn(fn.role),
      handler: fn.runtime.startsWith('python') ? 'app.handler' : 'index.handler',
      code: {},
      description: fn.description,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      publish: false,
      packageType: 'Zip',
      architectures: ['arm64'],
    },
    responseElements: functionConfiguration(rng, fn, at, true),
    resources: [functionResource(fn)],
  };
}

/** UpdateFunctionCode (API version 2015-03-31 v2) with the configuration Lambda returns. */
export function updateFunctionCode(rng: Random, fn: SeedFunction, at: number): Payload {
  return {
    requestParameters: { functionName: fn.name, publish: false, dryRun: false, architectures: ['arm64'] },
    responseElements: functionConfiguration(rng, fn, at, false),
    resources: [functionResource(fn)],
  };
}

// ---- KMS ---------------------------------------------------------------------------------------

/** CreateKey with the key metadata KMS returns. */
export function createKey(key: SeedKey, at: number): Payload {
  return {
    requestParameters: {
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      description: key.description,
      origin: 'AWS_KMS',
      multiRegion: false,
      bypassPolicyLockoutSafetyCheck: false,
    },
    responseElements: {
      keyMetadata: {
        aWSAccountId: ACCOUNT,
        keyId: key.id,
        arn: keyArn(key),
        creationDate: consoleDate(at),
        enabled: true,
        description: key.description,
        keyUsage: 'ENCRYPT_DECRYPT',
        keyState: 'Enabled',
        origin: 'AWS_KMS',
        keyManager: 'CUSTOMER',
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        keySpec: 'SYMMETRIC_DEFAULT',
        encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        multiRegion: false,
      },
    },
    resources: [keyResource(key)],
  };
}

/** ScheduleKeyDeletion; the key is pending deletion from then on. */
export function scheduleKeyDeletion(key: SeedKey, at: number, days: number): Payload {
  return {
    requestParameters: { keyId: key.id, pendingWindowInDays: days },
    responseElements: {
      keyId: keyArn(key),
      deletionDate: consoleDate(Math.floor(at / 86_400_000 + days + 1) * 86_400_000),
      keyState: 'PendingDeletion',
      pendingWindowInDays: days,
    },
    resources: [keyResource(key)],
  };
}

/** Automatic yearly rotation: KMS acting by itself, so no request. */
export function rotateKey(key: SeedKey): Payload {
  return {
    requestParameters: null,
    responseElements: null,
    additionalEventData: { keyId: keyArn(key) },
    resources: [keyResource(key)],
  };
}

// ---- CloudTrail --------------------------------------------------------------------------------

/** StartQuery on an event data store. */
export function startQuery(store: SeedEventDataStore, queryId: string, statement: string): Payload {
  return {
    requestParameters: { queryStatement: statement },
    responseElements: { queryId },
    resources: [storeResource(store)],
  };
}

/** GetEventDataStore by ARN. */
export function getEventDataStore(store: SeedEventDataStore): Payload {
  return {
    requestParameters: { eventDataStore: eventDataStoreArn(store) },
    responseElements: null,
    resources: [storeResource(store)],
  };
}
