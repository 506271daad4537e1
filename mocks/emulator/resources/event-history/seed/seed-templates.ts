// Bulk activity (SEMANTICS.md §14): one template per seeded API call, weighted to give the
// table's mix (about 65% reads, 8% failures). A template picks a caller and a resource alive at
// the event's time, and builds the payload; the lifecycle script owns creations and deletions.
import type { Region } from '../../../identities';
import type { Random } from '../../../random';
import type { JsonObject } from '../../../records';
import { toRecordTime, DAY } from '../../../clock';
import {
  ACCOUNT,
  MISSING_BUCKETS,
  MISSING_FUNCTIONS,
  MISSING_ROLES,
  MISSING_USERS,
  aliveIn,
  isAlive,
  functionArn,
  instanceArn,
  keyArn,
  named,
  roleArn,
  securityGroupArn,
  userArn,
  type Alive,
  type SeedBucket,
  type SeedFunction,
  type SeedInstance,
  type SeedKey,
  type World,
} from './seed-pool';
import {
  ciCaller,
  failedSignInCaller,
  functionCaller,
  humanCaller,
  instanceCaller,
  serviceCaller,
  signInCaller,
  type Caller,
  type CallSite,
  type Client,
  type Human,
} from './seed-callers';
import { draftOf, type Draft } from './seed-record';
import { SERVICES, type Service } from './seed-services';
import * as payload from './seed-payloads';
import { actionName, consoleDate, hex, sessionToken, temporaryAccessKeyId } from './seed-values';

export type ErrorKind = 'denied' | 'missing' | 'invalidState' | 'throttled' | 'signin';

export interface BulkContext {
  readonly rng: Random;
  /** Event time, epoch milliseconds (whole seconds). */
  readonly at: number;
  /** Event time, epoch seconds. */
  readonly sec: number;
  /** The drawn region; a template may move the call to its resource's region. */
  readonly region: Region;
  readonly error: ErrorKind | undefined;
  readonly world: World;
}

export interface Template {
  readonly service: Service;
  readonly name: string;
  readonly weight: number;
  readonly readOnly: boolean;
  /** Global services log in us-east-1 (§2). */
  readonly global?: boolean;
  /** Chance the call fails; 1 for calls the seeded principals are never allowed to make. */
  readonly failure: number;
  readonly errors: readonly ErrorKind[];
  /** Undefined when nothing suitable exists at that time; the service's fallback runs instead. */
  build(ctx: BulkContext): Draft | undefined;
}

type Who = Human | 'ci' | 'ec2' | 'lambda';
type Mix = readonly (readonly [Who, number])[];

const CLIENTS: Readonly<Record<Human, readonly (readonly [Client, number])[]>> = {
  dev: [
    ['cli', 50],
    ['console', 30],
    ['boto3', 10],
    ['terraform', 10],
  ],
  sso: [
    ['console', 55],
    ['cli', 45],
  ],
  admin: [
    ['console', 70],
    ['cli', 30],
  ],
  root: [['console', 1]],
};

const READERS: Mix = [
  ['dev', 40],
  ['sso', 30],
  ['admin', 8],
  ['ci', 20],
  ['root', 1],
];
const WRITERS: Mix = [
  ['dev', 30],
  ['sso', 35],
  ['admin', 10],
  ['ci', 25],
];
const PEOPLE: Mix = [
  ['dev', 40],
  ['sso', 40],
  ['admin', 20],
];
// Access is denied to the least-privileged principals, never to admin, root or the SSO admins.
const DENIED: Mix = [
  ['dev', 75],
  ['ci', 25],
];
const DENIED_DATA: Mix = [
  ['dev', 30],
  ['ec2', 35],
  ['lambda', 35],
];

function site(ctx: BulkContext, service: Service, eventName: string, region: string): CallSite {
  return { at: ctx.at, service, eventName, region };
}

/** A caller from the mix (from `denied` when the call is to be refused); machines need an app server or function alive nearby. */
function pickCaller(ctx: BulkContext, mix: Mix, call: CallSite, force?: Client, denied: Mix = DENIED): Caller {
  const who = ctx.rng.weighted(ctx.error === 'denied' ? denied : mix);
  return callerOf(ctx, who, call, force);
}

function callerOf(ctx: BulkContext, who: Who, call: CallSite, force?: Client): Caller {
  switch (who) {
    case 'ci':
      return ciCaller(force === 'cli' ? 'cli' : ctx.rng.chance(0.75) ? 'terraform' : 'cli', call);
    case 'ec2': {
      const servers = ctx.world.instances.filter(
        (instance) => instance.appServer === true && isAlive(instance, ctx.sec),
      );
      const local = servers.filter((instance) => instance.region === call.region);
      const server = local.length > 0 ? ctx.rng.pick(local) : servers.length > 0 ? ctx.rng.pick(servers) : undefined;
      return server === undefined ? callerOf(ctx, 'dev', call, force) : instanceCaller(server, call);
    }
    case 'lambda': {
      const fns = aliveIn(ctx.world.functions, ctx.sec, call.region);
      const fn = fns.length > 0 ? ctx.rng.pick(fns) : undefined;
      return fn === undefined ? callerOf(ctx, 'dev', call, force) : functionCaller(fn, call);
    }
    default:
      return humanCaller(who, force ?? ctx.rng.weighted(CLIENTS[who]), call);
  }
}

const ENCODED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The error a failing call reports, worded as each service words it. */
function failure(
  ctx: BulkContext,
  caller: Caller,
  service: Service,
  eventName: string,
  resourceArn: string | undefined,
  missing?: { code: string; message: string },
): { code?: string; message: string } | undefined {
  const action = `${SERVICES[service].prefix}:${actionName(eventName)}`;
  const onResource = resourceArn === undefined ? '' : ` on resource: ${resourceArn}`;
  const denied = `User: ${caller.arn} is not authorized to perform: ${action}${onResource} because no identity-based policy allows the ${action} action`;
  switch (ctx.error) {
    case undefined:
      return undefined;
    case 'missing':
      return missing;
    case 'throttled':
      return { code: 'ThrottlingException', message: 'Rate exceeded' };
    case 'signin':
      return { message: 'Failed authentication' };
    case 'invalidState':
      return { code: 'KMSInvalidStateException', message: `${resourceArn ?? ''} is pending deletion.` };
    case 'denied':
      switch (service) {
        case 's3':
          return { code: 'AccessDenied', message: 'Access Denied' };
        case 'ec2':
          return {
            code: 'Client.UnauthorizedOperation',
            message: eventName.startsWith('Describe')
              ? `You are not authorized to perform this operation. ${denied}`
              : `You are not authorized to perform this operation. ${denied}. Encoded authorization failure message: ${ctx.rng.chars(96, ENCODED_ALPHABET)}`,
          };
        case 'sts':
          return {
            code: 'AccessDenied',
            message: `User: ${caller.arn} is not authorized to perform: ${action}${onResource}`,
          };
        case 'iam':
          return { code: 'AccessDenied', message: denied };
        default:
          return { code: 'AccessDeniedException', message: denied };
      }
  }
}

/** A resource alive in the drawn region, else anywhere (the call then moves to its region). */
function localOrAny<T extends Alive<{ region: Region }>>(ctx: BulkContext, items: readonly T[]): T | undefined {
  const local = aliveIn(items, ctx.sec, ctx.region);
  if (local.length > 0) return ctx.rng.pick(local);
  const anywhere = aliveIn(items, ctx.sec);
  return anywhere.length > 0 ? ctx.rng.pick(anywhere) : undefined;
}

function localOnly<T extends Alive<{ region: Region }>>(ctx: BulkContext, items: readonly T[]): T | undefined {
  const local = aliveIn(items, ctx.sec, ctx.region);
  return local.length > 0 ? ctx.rng.pick(local) : undefined;
}

// ---- signin ------------------------------------------------------------------------------------

const SIGNERS: readonly (readonly [Human, number])[] = [
  ['dev', 45],
  ['sso', 35],
  ['admin', 16],
  ['root', 4],
];

const consoleLogin: Template = {
  service: 'signin',
  name: 'ConsoleLogin',
  weight: 5,
  readOnly: false,
  global: true,
  failure: 0.2,
  errors: ['signin'],
  build(ctx): Draft {
    const { rng } = ctx;
    const call = site(ctx, 'signin', 'ConsoleLogin', 'us-east-1');
    const failed = ctx.error !== undefined;
    const human = rng.weighted(SIGNERS);
    const caller = failed ? failedSignInCaller(rng) : signInCaller(human, call);
    const mfa = !failed && (human === 'admin' || human === 'root');
    const additionalEventData: JsonObject =
      !failed && human === 'sso'
        ? { MobileVersion: 'No', MFAUsed: 'No' }
        : {
            LoginTo: `https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_${hex(rng, 16)}`,
            MobileVersion: 'No',
            MFAUsed: mfa ? 'Yes' : 'No',
          };
    return {
      service: 'signin',
      eventName: 'ConsoleLogin',
      region: 'us-east-1',
      caller,
      readOnly: false,
      requestParameters: null,
      responseElements: { ConsoleLogin: failed ? 'Failure' : 'Success' },
      additionalEventData,
      ...(failed ? { error: { message: 'Failed authentication' } } : {}),
      eventType: 'AwsConsoleSignIn',
      host: 'signin.aws.amazon.com',
    };
  },
};

// ---- IAM ---------------------------------------------------------------------------------------

const IAM_HOST = 'iam.amazonaws.com';

function iamCall(
  ctx: BulkContext,
  eventName: string,
  readOnly: boolean,
  mix: Mix,
  body: payload.Payload,
  resourceArn: string | undefined,
  missing?: { code: string; message: string },
): Draft {
  const caller = pickCaller(ctx, mix, site(ctx, 'iam', eventName, 'us-east-1'));
  return draftOf({
    service: 'iam',
    eventName,
    region: 'us-east-1',
    readOnly,
    caller,
    body: { ...body, host: IAM_HOST },
    error: failure(ctx, caller, 'iam', eventName, resourceArn, missing),
  });
}

const MANAGED_POLICIES = [
  'AmazonS3ReadOnlyAccess',
  'CloudWatchLogsFullAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AWSLambdaBasicExecutionRole',
  'AmazonSSMManagedInstanceCore',
  'SecurityAudit',
];

const iamTemplates: readonly Template[] = [
  {
    service: 'iam',
    name: 'GetUser',
    weight: 2.5,
    readOnly: true,
    global: true,
    failure: 0.08,
    errors: ['denied', 'missing'],
    build(ctx) {
      if (ctx.error === 'missing') {
        const name = ctx.rng.pick(MISSING_USERS);
        return iamCall(
          ctx,
          'GetUser',
          true,
          READERS,
          { requestParameters: { userName: name }, responseElements: null },
          undefined,
          {
            code: 'NoSuchEntityException',
            message: `The user with name ${name} cannot be found.`,
          },
        );
      }
      const user = ctx.rng.pick(aliveIn(ctx.world.users, ctx.sec));
      return iamCall(
        ctx,
        'GetUser',
        true,
        READERS,
        {
          requestParameters: { userName: user.name },
          responseElements: null,
          resources: [payload.userResource(user.name)],
        },
        userArn(user.name),
      );
    },
  },
  {
    service: 'iam',
    name: 'ListUsers',
    weight: 2,
    readOnly: true,
    global: true,
    failure: 0.05,
    errors: ['denied'],
    build: (ctx) =>
      iamCall(
        ctx,
        'ListUsers',
        true,
        READERS,
        { requestParameters: null, responseElements: null },
        `arn:aws:iam::${ACCOUNT}:user/`,
      ),
  },
  {
    service: 'iam',
    name: 'ListRoles',
    weight: 2.5,
    readOnly: true,
    global: true,
    failure: 0.05,
    errors: ['denied'],
    build: (ctx) =>
      iamCall(
        ctx,
        'ListRoles',
        true,
        READERS,
        { requestParameters: { maxItems: 1000 }, responseElements: null },
        `arn:aws:iam::${ACCOUNT}:role/`,
      ),
  },
  {
    service: 'iam',
    name: 'AttachRolePolicy',
    weight: 1,
    readOnly: false,
    global: true,
    failure: 0.15,
    errors: ['denied', 'missing'],
    build(ctx) {
      const policy = ctx.rng.pick(MANAGED_POLICIES);
      if (ctx.error === 'missing') {
        const name = ctx.rng.pick(MISSING_ROLES);
        return iamCall(
          ctx,
          'AttachRolePolicy',
          false,
          WRITERS,
          {
            requestParameters: { roleName: name, policyArn: `arn:aws:iam::aws:policy/${policy}` },
            responseElements: null,
          },
          undefined,
          { code: 'NoSuchEntityException', message: `The role with name ${name} cannot be found.` },
        );
      }
      const role = ctx.rng.pick(aliveIn(ctx.world.roles, ctx.sec));
      return iamCall(
        ctx,
        'AttachRolePolicy',
        false,
        WRITERS,
        payload.attachRolePolicy(role.name, policy),
        roleArn(role.name),
      );
    },
  },
  {
    service: 'iam',
    name: 'CreateAccessKey',
    weight: 0.5,
    readOnly: false,
    global: true,
    failure: 0.2,
    errors: ['denied'],
    build(ctx) {
      const users = aliveIn(ctx.world.users, ctx.sec).filter(
        (user) => user.name.startsWith('svc-') || user.name.startsWith('ci-'),
      );
      const user = users.length > 0 ? ctx.rng.pick(users) : named(ctx.world.users, 'dev-jordan');
      return iamCall(
        ctx,
        'CreateAccessKey',
        false,
        PEOPLE,
        payload.createAccessKey(ctx.rng, user.name, ctx.at),
        userArn(user.name),
      );
    },
  },
  {
    service: 'iam',
    name: 'CreateUser',
    weight: 0.25,
    readOnly: false,
    global: true,
    failure: 1,
    errors: ['denied'],
    build: (ctx) =>
      iamCall(
        ctx,
        'CreateUser',
        false,
        DENIED,
        { requestParameters: { userName: 'jordan-test' }, responseElements: null },
        userArn('jordan-test'),
      ),
  },
  {
    service: 'iam',
    name: 'CreateRole',
    weight: 0.25,
    readOnly: false,
    global: true,
    failure: 1,
    errors: ['denied'],
    build: (ctx) =>
      iamCall(
        ctx,
        'CreateRole',
        false,
        DENIED,
        {
          requestParameters: {
            roleName: 'jordan-lambda-test-role',
            assumeRolePolicyDocument:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
          },
          responseElements: null,
        },
        roleArn('jordan-lambda-test-role'),
      ),
  },
];

// ---- STS ---------------------------------------------------------------------------------------

const assumeRole: Template = {
  service: 'sts',
  name: 'AssumeRole',
  weight: 8,
  readOnly: false,
  failure: 0.04,
  errors: ['denied'],
  build(ctx) {
    const { rng, world } = ctx;
    const kind =
      ctx.error === 'denied'
        ? 'denied'
        : rng.weighted([
            ['lambda', 35],
            ['ec2', 25],
            ['people', 25],
            ['ci', 15],
          ] as const);
    if (kind === 'lambda' || kind === 'ec2') {
      // Services assume execution and instance roles through their regional STS endpoint.
      const servers = world.instances.filter((instance) => instance.appServer === true && isAlive(instance, ctx.sec));
      const local = servers.filter((instance) => instance.region === ctx.region);
      const fn = kind === 'lambda' ? localOrAny(ctx, world.functions) : undefined;
      const server = kind === 'ec2' && servers.length > 0 ? rng.pick(local.length > 0 ? local : servers) : undefined;
      const assumed = fn ?? server;
      if (assumed === undefined) return undefined;
      const role = named(world.roles, fn === undefined ? 'app-server-role' : fn.role);
      const session = fn === undefined ? (server?.id ?? '') : fn.name;
      return draftOf({
        service: 'sts',
        eventName: 'AssumeRole',
        region: assumed.region,
        readOnly: false,
        caller: serviceCaller(fn === undefined ? 'ec2.amazonaws.com' : 'lambda.amazonaws.com'),
        body: {
          ...payload.assumeRole(rng, role, session, ctx.at, fn === undefined ? 21_600 : 43_200),
          host: `sts.${assumed.region}.amazonaws.com`,
        },
      });
    }
    const auditor = world.roles.find((role) => role.name === 'readonly-auditor' && isAlive(role, ctx.sec));
    const role =
      kind === 'ci' || kind === 'denied' || auditor === undefined || rng.chance(0.5)
        ? named(world.roles, 'terraform-admin')
        : auditor;
    const call = site(ctx, 'sts', 'AssumeRole', 'us-east-1');
    const caller = kind === 'ci' ? ciCaller('terraform', call) : pickCaller(ctx, PEOPLE, call, 'cli');
    const session =
      kind === 'ci' ? 'terraform' : `${caller.arn.slice(caller.arn.lastIndexOf('/') + 1)}-${String(ctx.sec)}`;
    return draftOf({
      service: 'sts',
      eventName: 'AssumeRole',
      region: 'us-east-1',
      readOnly: false,
      caller,
      body: { ...payload.assumeRole(rng, role, session, ctx.at, 3600), host: 'sts.amazonaws.com' },
      error: failure(ctx, caller, 'sts', 'AssumeRole', roleArn(role.name)),
    });
  },
};

const getCallerIdentity: Template = {
  service: 'sts',
  name: 'GetCallerIdentity',
  weight: 5,
  readOnly: true,
  failure: 0,
  errors: [],
  build(ctx) {
    const who = ctx.rng.weighted([
      ['ci', 40],
      ['dev', 35],
      ['sso', 15],
      ['ec2', 10],
    ] as const);
    // People's CLI defaults to the global endpoint here; CI and SDKs on servers use the regional one.
    const global = who === 'dev' || who === 'sso';
    const region = global ? 'us-east-1' : ctx.region;
    const caller = callerOf(ctx, who, site(ctx, 'sts', 'GetCallerIdentity', region), global ? 'cli' : undefined);
    return draftOf({
      service: 'sts',
      eventName: 'GetCallerIdentity',
      region,
      readOnly: true,
      caller,
      body: {
        requestParameters: null,
        responseElements: null,
        host: global ? 'sts.amazonaws.com' : `sts.${region}.amazonaws.com`,
      },
    });
  },
};

const getSessionToken: Template = {
  service: 'sts',
  name: 'GetSessionToken',
  weight: 1.5,
  readOnly: false,
  global: true,
  failure: 0.06,
  errors: ['denied'],
  build(ctx) {
    const { rng } = ctx;
    const who = ctx.error === 'denied' || rng.chance(0.8) ? 'dev' : 'admin';
    const caller = humanCaller(who, 'cli', site(ctx, 'sts', 'GetSessionToken', 'us-east-1'));
    const user = who === 'dev' ? 'dev-jordan' : 'admin';
    return draftOf({
      service: 'sts',
      eventName: 'GetSessionToken',
      region: 'us-east-1',
      readOnly: false,
      caller,
      body: {
        requestParameters: { durationSeconds: 43_200, serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/${user}` },
        responseElements: {
          credentials: {
            accessKeyId: temporaryAccessKeyId(rng),
            sessionToken: sessionToken(rng),
            expiration: consoleDate(ctx.at + 43_200_000),
          },
        },
        host: 'sts.amazonaws.com',
      },
      error:
        ctx.error === 'denied'
          ? { code: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ' }
          : undefined,
    });
  },
};

// ---- EC2 ---------------------------------------------------------------------------------------

function ec2Call(
  ctx: BulkContext,
  eventName: string,
  readOnly: boolean,
  mix: Mix,
  region: string,
  build: (requestId: string, caller: Caller) => payload.Payload,
  resourceArn: string | undefined,
): Draft {
  const caller = pickCaller(ctx, mix, site(ctx, 'ec2', eventName, region));
  // EC2 quotes the request ID in its responses.
  const requestID = ctx.rng.uuid();
  return draftOf({
    service: 'ec2',
    eventName,
    region,
    readOnly,
    caller,
    body: build(requestID, caller),
    error: failure(ctx, caller, 'ec2', eventName, resourceArn),
    requestID,
  });
}

const describeInstances: Template = {
  service: 'ec2',
  name: 'DescribeInstances',
  weight: 10,
  readOnly: true,
  failure: 0.06,
  errors: ['denied'],
  build(ctx) {
    const instance = ctx.rng.chance(0.4) ? localOnly(ctx, ctx.world.instances) : undefined;
    return ec2Call(
      ctx,
      'DescribeInstances',
      true,
      READERS,
      ctx.region,
      (): payload.Payload =>
        instance === undefined
          ? { requestParameters: { maxResults: 1000, instancesSet: {}, filterSet: {} }, responseElements: null }
          : {
              requestParameters: { instancesSet: { items: [{ instanceId: instance.id }] }, filterSet: {} },
              responseElements: null,
              resources: [payload.instanceResource(instance)],
            },
      undefined,
    );
  },
};

const ec2Templates: readonly Template[] = [
  describeInstances,
  {
    service: 'ec2',
    name: 'StopInstances',
    weight: 1.5,
    readOnly: false,
    failure: 0.12,
    errors: ['denied'],
    build(ctx) {
      const instances = aliveIn(ctx.world.instances, ctx.sec, ctx.region).filter(
        (instance) => instance.appServer !== true,
      );
      if (instances.length === 0) return undefined;
      const instance = ctx.rng.pick(instances);
      return ec2Call(
        ctx,
        'StopInstances',
        false,
        WRITERS,
        instance.region,
        (requestId) => payload.changeInstanceState(requestId, [instance], 'StopInstances'),
        instanceArn(instance),
      );
    },
  },
  {
    service: 'ec2',
    name: 'TerminateInstances',
    weight: 0.4,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const instance = localOnly(ctx, ctx.world.instances);
      if (instance === undefined) return undefined;
      return ec2Call(
        ctx,
        'TerminateInstances',
        false,
        DENIED,
        instance.region,
        (requestId) => payload.changeInstanceState(requestId, [instance], 'TerminateInstances'),
        instanceArn(instance),
      );
    },
  },
  {
    service: 'ec2',
    name: 'RunInstances',
    weight: 0.3,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const attempted: SeedInstance = {
        id: `i-0${hex(ctx.rng, 16)}`,
        region: ctx.region,
        name: 'jordan-gpu-test',
        type: 'p4d.24xlarge',
        image: 'ami-04b2d7c6e5f8a9130',
        privateIp: '10.0.9.9',
      };
      return ec2Call(
        ctx,
        'RunInstances',
        false,
        DENIED,
        ctx.region,
        (requestId) => {
          const body = payload.runInstances(ctx.rng, requestId, [attempted], undefined, ctx.at);
          return { requestParameters: body.requestParameters, responseElements: null };
        },
        `arn:aws:ec2:${ctx.region}:${ACCOUNT}:instance/*`,
      );
    },
  },
  {
    service: 'ec2',
    name: 'CreateTags',
    weight: 2.5,
    readOnly: false,
    failure: 0.08,
    errors: ['denied'],
    build(ctx) {
      const instance = localOnly(ctx, ctx.world.instances);
      if (instance === undefined) return undefined;
      const [key, value] = ctx.rng.pick([
        ['Owner', 'jordan'],
        ['CostCenter', 'cc-1042'],
        ['Environment', 'production'],
        ['Backup', 'daily'],
        ['Patch Group', 'linux-prod'],
      ] as const);
      return ec2Call(
        ctx,
        'CreateTags',
        false,
        WRITERS,
        instance.region,
        (requestId) => ({
          requestParameters: {
            resourcesSet: { items: [{ resourceId: instance.id }] },
            tagSet: { items: [{ key, value }] },
          },
          responseElements: { requestId, _return: true },
          resources: [payload.instanceResource(instance)],
        }),
        instanceArn(instance),
      );
    },
  },
  {
    service: 'ec2',
    name: 'AuthorizeSecurityGroupIngress',
    weight: 1.5,
    readOnly: false,
    failure: 0.1,
    errors: ['denied'],
    build(ctx) {
      const groups = ctx.world.groups.filter((group) => group.region === ctx.region);
      if (groups.length === 0) return undefined;
      const group = ctx.rng.pick(groups);
      const port = ctx.rng.pick([443, 22, 5432, 8080]);
      const cidr = ctx.rng.pick(['203.0.113.0/24', '198.51.100.61/32', '10.0.0.0/16', '0.0.0.0/0']);
      return ec2Call(
        ctx,
        'AuthorizeSecurityGroupIngress',
        false,
        WRITERS,
        group.region,
        (requestId) => ({
          requestParameters: {
            groupId: group.id,
            ipPermissions: {
              items: [
                {
                  ipProtocol: 'tcp',
                  fromPort: port,
                  toPort: port,
                  groups: {},
                  ipRanges: { items: [{ cidrIp: cidr }] },
                  ipv6Ranges: {},
                  prefixListIds: {},
                },
              ],
            },
          },
          responseElements: {
            requestId,
            _return: true,
            securityGroupRuleSet: {
              items: [
                {
                  groupOwnerId: ACCOUNT,
                  groupId: group.id,
                  securityGroupRuleId: `sgr-0${hex(ctx.rng, 16)}`,
                  isEgress: false,
                  ipProtocol: 'tcp',
                  fromPort: port,
                  toPort: port,
                  cidrIpv4: cidr,
                },
              ],
            },
          },
          resources: [payload.groupResource(group)],
        }),
        securityGroupArn(group),
      );
    },
  },
];

// ---- S3 (management) ---------------------------------------------------------------------------

function s3Call(
  ctx: BulkContext,
  eventName: string,
  readOnly: boolean,
  mix: Mix,
  region: string,
  body: (caller: Caller) => payload.Payload,
  missing?: boolean,
): Draft {
  const caller = pickCaller(ctx, mix, site(ctx, 's3', eventName, region));
  const built = body(caller);
  built.additionalEventData = payload.s3Extra(ctx.rng, caller.cipherSuite, 0, 0);
  return draftOf({
    service: 's3',
    eventName,
    region,
    readOnly,
    caller,
    body: built,
    error:
      missing === true
        ? { code: 'NoSuchBucket', message: 'The specified bucket does not exist' }
        : failure(ctx, caller, 's3', eventName, undefined),
  });
}

const BUCKET_LISTERS: Mix = [...READERS, ['ec2', 6], ['root', 2]];

const listBuckets: Template = {
  service: 's3',
  name: 'ListBuckets',
  weight: 5,
  readOnly: true,
  failure: 0.03,
  errors: ['denied'],
  build: (ctx) => s3Call(ctx, 'ListBuckets', true, BUCKET_LISTERS, ctx.region, () => payload.listBuckets(ctx.region)),
};

/** A bucket for a bucket-level call, or a misspelt one when the call is to fail with NoSuchBucket. */
function bucketFor(ctx: BulkContext): { name: string; region: string } | undefined {
  if (ctx.error === 'missing') return { name: ctx.rng.pick(MISSING_BUCKETS), region: ctx.region };
  return localOrAny(ctx, ctx.world.buckets);
}

const s3Templates: readonly Template[] = [
  listBuckets,
  {
    service: 's3',
    name: 'GetBucketAcl',
    weight: 4,
    readOnly: true,
    failure: 0.08,
    errors: ['denied', 'missing'],
    build(ctx) {
      const bucket = bucketFor(ctx);
      if (bucket === undefined) return undefined;
      return s3Call(
        ctx,
        'GetBucketAcl',
        true,
        READERS,
        bucket.region,
        () => payload.getBucketAcl(bucket),
        ctx.error === 'missing',
      );
    },
  },
  {
    service: 's3',
    name: 'PutBucketPolicy',
    weight: 1.5,
    readOnly: false,
    failure: 0.12,
    errors: ['denied', 'missing'],
    build(ctx) {
      const bucket = bucketFor(ctx);
      if (bucket === undefined) return undefined;
      const variant = ctx.rng.int(2);
      return s3Call(
        ctx,
        'PutBucketPolicy',
        false,
        WRITERS,
        bucket.region,
        () => payload.putBucketPolicy(bucket, variant),
        ctx.error === 'missing',
      );
    },
  },
  {
    service: 's3',
    name: 'PutBucketEncryption',
    weight: 1.5,
    readOnly: false,
    failure: 0.08,
    errors: ['denied'],
    build(ctx) {
      const bucket = localOrAny(ctx, ctx.world.buckets);
      if (bucket === undefined) return undefined;
      const keys = aliveIn(ctx.world.keys, ctx.sec, bucket.region);
      const key = keys.length > 0 && ctx.rng.chance(0.7) ? ctx.rng.pick(keys) : undefined;
      return s3Call(ctx, 'PutBucketEncryption', false, WRITERS, bucket.region, () =>
        payload.putBucketEncryption(bucket, key),
      );
    },
  },
  {
    service: 's3',
    name: 'DeleteBucket',
    weight: 0.2,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const bucket = localOrAny(ctx, ctx.world.buckets);
      if (bucket === undefined) return undefined;
      return s3Call(ctx, 'DeleteBucket', false, DENIED, bucket.region, () => payload.deleteBucket(bucket));
    },
  },
  {
    service: 's3',
    name: 'CreateBucket',
    weight: 0.15,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const attempted = { name: `jordan-scratch-${hex(ctx.rng, 6)}`, region: ctx.region, objects: 'scratch' as const };
      return s3Call(ctx, 'CreateBucket', false, DENIED, ctx.region, () => payload.createBucket(attempted));
    },
  },
];

// ---- Lambda ------------------------------------------------------------------------------------

function lambdaCall(
  ctx: BulkContext,
  eventName: string,
  readOnly: boolean,
  mix: Mix,
  region: string,
  body: payload.Payload,
  resourceArn: string | undefined,
  missingName?: string,
): Draft {
  const caller = pickCaller(ctx, mix, site(ctx, 'lambda', eventName, region));
  return draftOf({
    service: 'lambda',
    eventName,
    region,
    readOnly,
    caller,
    body,
    error: failure(ctx, caller, 'lambda', eventName, resourceArn, {
      code: 'ResourceNotFoundException',
      message: `Function not found: ${functionArn({ name: missingName ?? '', region })}`,
    }),
  });
}

const listFunctions: Template = {
  service: 'lambda',
  name: 'ListFunctions20150331',
  weight: 3.5,
  readOnly: true,
  failure: 0.04,
  errors: ['denied'],
  build: (ctx) =>
    lambdaCall(
      ctx,
      'ListFunctions20150331',
      true,
      READERS,
      ctx.region,
      { requestParameters: null, responseElements: null },
      `arn:aws:lambda:${ctx.region}:${ACCOUNT}:function:*`,
    ),
};

const lambdaTemplates: readonly Template[] = [
  listFunctions,
  {
    service: 'lambda',
    name: 'GetFunction20150331v2',
    weight: 3.5,
    readOnly: true,
    failure: 0.1,
    errors: ['denied', 'missing'],
    build(ctx) {
      if (ctx.error === 'missing') {
        const name = ctx.rng.pick(MISSING_FUNCTIONS);
        return lambdaCall(
          ctx,
          'GetFunction20150331v2',
          true,
          READERS,
          ctx.region,
          { requestParameters: { functionName: name }, responseElements: null },
          undefined,
          name,
        );
      }
      const fn = localOnly(ctx, ctx.world.functions);
      if (fn === undefined) return undefined;
      return lambdaCall(
        ctx,
        'GetFunction20150331v2',
        true,
        READERS,
        fn.region,
        {
          requestParameters: { functionName: fn.name },
          responseElements: null,
          resources: [payload.functionResource(fn)],
        },
        functionArn(fn),
      );
    },
  },
  {
    service: 'lambda',
    name: 'UpdateFunctionCode20150331v2',
    weight: 2,
    readOnly: false,
    failure: 0.08,
    errors: ['denied', 'missing'],
    build(ctx) {
      const mix: Mix = [
        ['ci', 70],
        ['dev', 30],
      ];
      if (ctx.error === 'missing') {
        const name = ctx.rng.pick(MISSING_FUNCTIONS);
        return lambdaCall(
          ctx,
          'UpdateFunctionCode20150331v2',
          false,
          mix,
          ctx.region,
          { requestParameters: { functionName: name, publish: false, dryRun: false }, responseElements: null },
          undefined,
          name,
        );
      }
      const fn = localOrAny(ctx, ctx.world.functions);
      if (fn === undefined) return undefined;
      return lambdaCall(
        ctx,
        'UpdateFunctionCode20150331v2',
        false,
        mix,
        fn.region,
        payload.updateFunctionCode(ctx.rng, fn, ctx.at),
        functionArn(fn),
      );
    },
  },
  {
    service: 'lambda',
    name: 'CreateFunction20150331',
    weight: 0.15,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const attempted: SeedFunction = {
        name: 'jordan-experiment',
        region: ctx.region,
        role: 'lambda-basic-execution',
        runtime: 'python3.12',
        memorySize: 128,
        timeout: 3,
        description: '',
      };
      const body = payload.createFunction(ctx.rng, attempted, ctx.at);
      return lambdaCall(
        ctx,
        'CreateFunction20150331',
        false,
        DENIED,
        ctx.region,
        { requestParameters: body.requestParameters, responseElements: null },
        functionArn(attempted),
      );
    },
  },
];

// ---- KMS ---------------------------------------------------------------------------------------

/** A key that exists (possibly pending deletion) in the region, else anywhere. */
function existingKey(ctx: BulkContext): (SeedKey & { created: number; deleted: number }) | undefined {
  const existing = ctx.world.keys.filter((key) => key.created < ctx.sec);
  const local = existing.filter((key) => key.region === ctx.region);
  const pool = local.length > 0 ? local : existing;
  return pool.length > 0 ? ctx.rng.pick(pool) : undefined;
}

function kmsCall(
  ctx: BulkContext,
  eventName: string,
  readOnly: boolean,
  mix: Mix,
  key: Alive<SeedKey>,
  body: payload.Payload,
  caller?: Caller,
): Draft {
  const who = caller ?? pickCaller(ctx, mix, site(ctx, 'kms', eventName, key.region));
  // A key pending deletion refuses every cryptographic operation (KMSInvalidStateException).
  const pending = key.deleted <= ctx.sec;
  const error = pending
    ? failure({ ...ctx, error: 'invalidState' }, who, 'kms', eventName, keyArn(key))
    : failure(ctx, who, 'kms', eventName, keyArn(key));
  return draftOf({
    service: 'kms',
    eventName,
    region: key.region,
    readOnly,
    caller: who,
    body: { ...body, resources: [payload.keyResource(key)] },
    error,
  });
}

const MACHINES: Mix = [
  ['ec2', 40],
  ['lambda', 40],
  ['dev', 8],
  ['ci', 12],
];

const kmsTemplates: readonly Template[] = [
  {
    service: 'kms',
    name: 'Decrypt',
    weight: 6,
    readOnly: true,
    failure: 0.05,
    errors: ['denied'],
    build(ctx) {
      const key = existingKey(ctx);
      if (key === undefined) return undefined;
      return kmsCall(ctx, 'Decrypt', true, MACHINES, key, {
        requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
        responseElements: null,
      });
    },
  },
  {
    service: 'kms',
    name: 'GenerateDataKey',
    weight: 4.5,
    readOnly: true,
    failure: 0.03,
    errors: ['denied'],
    build(ctx) {
      const key = existingKey(ctx);
      if (key === undefined) return undefined;
      if (ctx.error === undefined && ctx.rng.chance(0.3)) {
        // CloudWatch Logs encrypting a log group with the key.
        const logGroup = `arn:aws:logs:${key.region}:${ACCOUNT}:log-group:/aws/lambda/${ctx.rng.pick(['orders-api', 'inventory-sync', 'eu-gdpr-export'])}`;
        return kmsCall(
          ctx,
          'GenerateDataKey',
          true,
          MACHINES,
          key,
          {
            requestParameters: {
              keyId: keyArn(key),
              encryptionContext: { 'aws:logs:arn': logGroup },
              keySpec: 'AES_256',
            },
            responseElements: null,
          },
          serviceCaller('logs.amazonaws.com'),
        );
      }
      return kmsCall(ctx, 'GenerateDataKey', true, MACHINES, key, {
        requestParameters: { keyId: `alias/${key.alias}`, keySpec: 'AES_256' },
        responseElements: null,
      });
    },
  },
  {
    service: 'kms',
    name: 'DescribeKey',
    weight: 2.5,
    readOnly: true,
    failure: 0.05,
    errors: ['denied'],
    build(ctx) {
      const key = existingKey(ctx);
      if (key === undefined) return undefined;
      const mix: Mix = [
        ['ci', 50],
        ['dev', 25],
        ['sso', 25],
      ];
      // DescribeKey works on keys pending deletion, so it never reports their state as an error.
      const who = pickCaller(ctx, mix, site(ctx, 'kms', 'DescribeKey', key.region));
      return draftOf({
        service: 'kms',
        eventName: 'DescribeKey',
        region: key.region,
        readOnly: true,
        caller: who,
        body: {
          requestParameters: { keyId: ctx.rng.chance(0.5) ? `alias/${key.alias}` : key.id },
          responseElements: null,
          resources: [payload.keyResource(key)],
        },
        error: failure(ctx, who, 'kms', 'DescribeKey', keyArn(key)),
      });
    },
  },
  {
    service: 'kms',
    name: 'CreateKey',
    weight: 0.15,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const caller = pickCaller(ctx, DENIED, site(ctx, 'kms', 'CreateKey', ctx.region));
      return draftOf({
        service: 'kms',
        eventName: 'CreateKey',
        region: ctx.region,
        readOnly: false,
        caller,
        body: {
          requestParameters: {
            keyUsage: 'ENCRYPT_DECRYPT',
            keySpec: 'SYMMETRIC_DEFAULT',
            description: 'test key',
            origin: 'AWS_KMS',
            multiRegion: false,
            bypassPolicyLockoutSafetyCheck: false,
          },
          responseElements: null,
        },
        error: failure(ctx, caller, 'kms', 'CreateKey', `arn:aws:kms:${ctx.region}:${ACCOUNT}:key/*`),
      });
    },
  },
  {
    service: 'kms',
    name: 'ScheduleKeyDeletion',
    weight: 0.1,
    readOnly: false,
    failure: 1,
    errors: ['denied'],
    build(ctx) {
      const key = existingKey(ctx);
      if (key === undefined) return undefined;
      return kmsCall(ctx, 'ScheduleKeyDeletion', false, DENIED, key, {
        requestParameters: { keyId: key.id, pendingWindowInDays: 7 },
        responseElements: null,
      });
    },
  },
];

// ---- CloudTrail --------------------------------------------------------------------------------

function cloudtrailCall(
  ctx: BulkContext,
  eventName: string,
  readOnly: boolean,
  mix: Mix,
  region: string,
  body: payload.Payload,
): Draft {
  const caller = pickCaller(ctx, mix, site(ctx, 'cloudtrail', eventName, region));
  return draftOf({
    service: 'cloudtrail',
    eventName,
    region,
    readOnly,
    caller,
    body,
    error: failure(ctx, caller, 'cloudtrail', eventName, undefined),
  });
}

const TRAIL_USERS: Mix = [
  ['sso', 40],
  ['dev', 30],
  ['admin', 30],
];

const lookupEvents: Template = {
  service: 'cloudtrail',
  name: 'LookupEvents',
  weight: 4,
  readOnly: true,
  failure: 0.12,
  errors: ['throttled'],
  build(ctx) {
    const { rng } = ctx;
    const [key, value] = rng.pick([
      ['EventName', 'DeleteBucket'],
      ['EventName', 'ConsoleLogin'],
      ['Username', 'dev-jordan'],
      ['ResourceName', 'acme-prod-logs'],
      ['EventSource', 'iam.amazonaws.com'],
      ['ReadOnly', 'false'],
      ['ResourceType', 'AWS::EC2::Instance'],
    ] as const);
    const requestParameters: JsonObject = rng.chance(0.6)
      ? { lookupAttributes: [{ attributeKey: key, attributeValue: value }], maxResults: 50 }
      : { startTime: toRecordTime(ctx.at - DAY), endTime: toRecordTime(ctx.at), maxResults: 50 };
    return cloudtrailCall(ctx, 'LookupEvents', true, TRAIL_USERS, ctx.region, {
      requestParameters,
      responseElements: null,
    });
  },
};

function storeFor(ctx: BulkContext) {
  const stores = aliveIn(ctx.world.stores, ctx.sec);
  return stores.length > 0 ? ctx.rng.pick(stores) : undefined;
}

const QUERIES = [
  (id: string, day: string) =>
    `SELECT eventName, COUNT(*) AS calls FROM ${id} WHERE eventTime > '${day} 00:00:00' GROUP BY eventName ORDER BY calls DESC LIMIT 20`,
  (id: string, day: string) =>
    `SELECT eventTime, userIdentity.arn, eventName, errorCode FROM ${id} WHERE errorCode IS NOT NULL AND eventTime > '${day} 00:00:00' ORDER BY eventTime DESC`,
  (id: string, day: string) =>
    `SELECT sourceIPAddress, COUNT(*) AS attempts FROM ${id} WHERE eventName = 'ConsoleLogin' AND eventTime > '${day} 00:00:00' GROUP BY sourceIPAddress`,
  (id: string, day: string) =>
    `SELECT eventTime, eventName, requestParameters['bucketName'] FROM ${id} WHERE eventSource = 's3.amazonaws.com' AND eventName LIKE 'Delete%' AND eventTime > '${day} 00:00:00'`,
];

const cloudtrailTemplates: readonly Template[] = [
  lookupEvents,
  {
    service: 'cloudtrail',
    name: 'GetEventDataStore',
    weight: 1.5,
    readOnly: true,
    failure: 0.03,
    errors: ['throttled'],
    build(ctx) {
      const store = storeFor(ctx);
      if (store === undefined) return undefined;
      return cloudtrailCall(ctx, 'GetEventDataStore', true, TRAIL_USERS, 'us-east-1', payload.getEventDataStore(store));
    },
  },
  {
    service: 'cloudtrail',
    name: 'GetQueryResults',
    weight: 1.5,
    readOnly: true,
    failure: 0.02,
    errors: ['throttled'],
    build(ctx) {
      const store = storeFor(ctx);
      if (store === undefined) return undefined;
      return cloudtrailCall(ctx, 'GetQueryResults', true, TRAIL_USERS, 'us-east-1', {
        requestParameters: { eventDataStore: payload.storeResource(store).ARN ?? '', queryId: ctx.rng.uuid() },
        responseElements: null,
        resources: [payload.storeResource(store)],
      });
    },
  },
  {
    service: 'cloudtrail',
    name: 'StartQuery',
    weight: 1,
    readOnly: false,
    failure: 0.04,
    errors: ['throttled'],
    build(ctx) {
      const store = storeFor(ctx);
      if (store === undefined || store.name !== 'management-events') return undefined;
      const since = new Date(ctx.at - 7 * DAY).toISOString().slice(0, 10);
      const statement = ctx.rng.pick(QUERIES)(store.id, since);
      return cloudtrailCall(
        ctx,
        'StartQuery',
        false,
        TRAIL_USERS,
        'us-east-1',
        payload.startQuery(store, ctx.rng.uuid(), statement),
      );
    },
  },
];

// ---- S3 data events ----------------------------------------------------------------------------

const DATA_USERS: Mix = [
  ['ec2', 40],
  ['lambda', 30],
  ['dev', 20],
  ['sso', 10],
];

type ObjectEvent = 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject';

/** Who touches a bucket's objects depends on what the bucket holds. */
function objectCaller(ctx: BulkContext, bucket: Alive<SeedBucket>, eventName: ObjectEvent, call: CallSite): Caller {
  if (ctx.error !== 'denied') {
    if (bucket.objects === 'tfstate')
      return ctx.rng.chance(0.7) ? ciCaller('terraform', call) : humanCaller('dev', 'terraform', call);
    if (bucket.objects === 'logs' && eventName === 'PutObject') {
      return serviceCaller(
        bucket.name === 'acme-cloudtrail-archive' ? 'cloudtrail.amazonaws.com' : 'delivery.logs.amazonaws.com',
      );
    }
  }
  return pickCaller(ctx, DATA_USERS, call, undefined, DENIED_DATA);
}

function objectTemplate(eventName: ObjectEvent, weight: number, failureRate: number): Template {
  return {
    service: 's3',
    name: eventName,
    weight,
    readOnly: eventName === 'GetObject' || eventName === 'HeadObject',
    failure: failureRate,
    errors: ['denied'],
    build(ctx) {
      const bucket = localOrAny(ctx, ctx.world.buckets);
      if (bucket === undefined) return undefined;
      const call = site(ctx, 's3', eventName, bucket.region);
      const caller = objectCaller(ctx, bucket, eventName, call);
      const key = payload.objectKey(ctx.rng, bucket.objects, ctx.at, bucket.region);
      const draft = draftOf({
        service: 's3',
        eventName,
        region: bucket.region,
        readOnly: eventName === 'GetObject' || eventName === 'HeadObject',
        caller,
        body: payload.objectCall(ctx.rng, eventName, bucket, key, caller.cipherSuite),
        error: failure(ctx, caller, 's3', eventName, undefined),
      });
      draft.data = true;
      return draft;
    },
  };
}

export const DATA_TEMPLATES: readonly Template[] = [
  objectTemplate('GetObject', 40, 0.05),
  objectTemplate('HeadObject', 20, 0.04),
  objectTemplate('PutObject', 33, 0.05),
  objectTemplate('DeleteObject', 7, 0.08),
];

export const MANAGEMENT_TEMPLATES: readonly Template[] = [
  consoleLogin,
  ...iamTemplates,
  assumeRole,
  getCallerIdentity,
  getSessionToken,
  ...ec2Templates,
  ...s3Templates,
  ...lambdaTemplates,
  ...kmsTemplates,
  ...cloudtrailTemplates,
];

/**
 * What a template falls back to when it finds nothing alive to act on (say, no function in the
 * drawn region yet): a plain read of the same service, else GetCallerIdentity, which needs nothing.
 */
export const FALLBACK: Readonly<Partial<Record<Service, Template>>> = {
  ec2: describeInstances,
  s3: listBuckets,
  lambda: listFunctions,
  cloudtrail: lookupEvents,
};

export const LAST_RESORT: Template = getCallerIdentity;
