// The lifecycle script (SEMANTICS.md §14): the seeded world's creations and deletions, as short
// scenes by identifiable principals on fixed days before the anchor. Scenes set the lifetimes the
// bulk activity respects, so a bucket's CreateBucket precedes everything done to it and nothing
// mentions it after its DeleteBucket.
import { randomStream, type Random } from '../../../random';
import { DAY, SECOND } from '../../../clock';
import {
  chainedRoleCaller,
  chainedSessionKey,
  ciCaller,
  humanCaller,
  serviceCaller,
  type Caller,
  type CallSite,
  type Client,
  type Human,
} from './seed-callers';
import { draftOf, type Draft, type Service } from './seed-record';
import * as payload from './seed-payloads';
import { named, type Alive, type SeedBucket, type SeedInstance, type World } from './seed-pool';

/** One scripted record: its time, and how to build it from the record's own random stream. */
export interface ScriptEvent {
  /** Epoch seconds. */
  readonly sec: number;
  build(rng: Random, at: number): Draft;
}

/** A role session a person opened with AssumeRole from their own session; `issuedAt` is set by that step. */
interface Chain {
  readonly human: Human;
  readonly role: string;
  readonly session: string;
  readonly accessKeyId: string;
  issuedAt: number;
}

type Who = { human: Human; client: Client } | { ci: 'terraform' | 'cli' } | { service: string } | { chain: Chain };

interface Step {
  /** Seconds after the scene starts. */
  readonly after: number;
  readonly service: Service;
  readonly eventName: string;
  readonly region: string;
  /** Overrides the scene's principal for this step. */
  readonly who?: Who;
  readonly onTime?: (sec: number) => void;
  readonly body: (rng: Random, at: number, requestId: string) => payload.Payload;
  /** EC2 quotes its request ID in responses, so the step draws it first. */
  readonly ec2?: boolean;
  readonly serviceEvent?: boolean;
}

interface Scene {
  readonly daysAgo: number;
  readonly who: Who;
  readonly steps: readonly Step[];
}

function callerFor(who: Who, call: CallSite): Caller {
  if ('human' in who) return humanCaller(who.human, who.client, call);
  if ('ci' in who) return ciCaller(who.ci, call);
  if ('chain' in who) return chainedRoleCaller(who.chain.human, who.chain, call);
  return serviceCaller(who.service);
}

const dev = (client: Client): Who => ({ human: 'dev', client });
const sso = (client: Client): Who => ({ human: 'sso', client });
const admin = (client: Client): Who => ({ human: 'admin', client });
const terraform: Who = { ci: 'terraform' };
const kmsService: Who = { service: 'kms.amazonaws.com' };

/** Marks a resource created at the step's time. */
const creates = (item: { created: number }) => (sec: number) => {
  item.created = sec;
};
/** Marks a resource deleted (or, for a key, pending deletion) at the step's time. */
const deletes = (item: { deleted: number }) => (sec: number) => {
  item.deleted = sec;
};

function scenes(world: World): Scene[] {
  const bucket = (name: string) => named(world.buckets, name);
  const instance = (name: string) => named(world.instances, name);
  const fn = (name: string) => named(world.functions, name);
  const role = (name: string) => named(world.roles, name);
  const user = (name: string) => named(world.users, name);
  const key = (alias: string) => {
    const found = world.keys.find((candidate) => candidate.alias === alias);
    if (found === undefined) throw new Error(`seed pool has no key ${alias}`);
    return found;
  };
  const group = (region: string) => world.groups.find((candidate) => candidate.region === region);

  const createBucket = (target: Alive<SeedBucket>, after = 0): Step => ({
    after,
    service: 's3',
    eventName: 'CreateBucket',
    region: target.region,
    onTime: creates(target),
    body: () => payload.createBucket(target),
  });
  const emptyAndDelete = (target: Alive<SeedBucket>, objects: number): Step[] => [
    ...Array.from({ length: objects }, (_, index): Step => ({
      after: index,
      service: 's3',
      eventName: 'DeleteObject',
      region: target.region,
      body: (rng, at) =>
        payload.objectCall(
          rng,
          'DeleteObject',
          target,
          payload.objectKey(rng, target.objects, at, target.region),
          undefined,
        ),
    })),
    {
      after: objects + 2,
      service: 's3',
      eventName: 'DeleteBucket',
      region: target.region,
      onTime: deletes(target),
      body: () => payload.deleteBucket(target),
    },
  ];
  const bucketSetting = (
    target: SeedBucket,
    after: number,
    eventName: 'PutBucketPolicy' | 'PutBucketEncryption',
    keyAlias?: string,
  ): Step => ({
    after,
    service: 's3',
    eventName,
    region: target.region,
    body: () =>
      eventName === 'PutBucketPolicy'
        ? payload.putBucketPolicy(target, 0)
        : payload.putBucketEncryption(target, keyAlias === undefined ? undefined : key(keyAlias)),
  });
  const bucketPolicy = (target: SeedBucket, after: number, variant: number): Step => ({
    after,
    service: 's3',
    eventName: 'PutBucketPolicy',
    region: target.region,
    body: () => payload.putBucketPolicy(target, variant),
  });
  // Maria (IAM Identity Center) assumes terraform-admin from her SSO session; the key that
  // AssumeRole returns is the one the chained session's calls carry.
  const cleanup: Chain = {
    human: 'sso',
    role: 'terraform-admin',
    session: 'tf-cleanup',
    accessKeyId: chainedSessionKey('terraform-admin:tf-cleanup'),
    issuedAt: 0,
  };
  const assumeChained = (chain: Chain, after: number): Step => ({
    after,
    service: 'sts',
    eventName: 'AssumeRole',
    region: 'us-east-1',
    onTime: (sec) => {
      chain.issuedAt = sec * SECOND;
    },
    body: (rng, at) => {
      const issued = payload.assumeRole(rng, role(chain.role), chain.session, at, 3600);
      const credentials = issued.responseElements?.['credentials'];
      return {
        ...issued,
        responseElements: {
          ...issued.responseElements,
          credentials: { ...(credentials as Record<string, string>), accessKeyId: chain.accessKeyId },
        },
        host: 'sts.amazonaws.com',
      };
    },
  });
  const run = (targets: Alive<SeedInstance>[], after = 0): Step => {
    const first = targets[0];
    if (first === undefined) throw new RangeError('RunInstances needs an instance');
    return {
      after,
      service: 'ec2',
      eventName: 'RunInstances',
      region: first.region,
      ec2: true,
      onTime: (sec) => {
        for (const target of targets) target.created = sec;
      },
      body: (rng, at, requestId) => payload.runInstances(rng, requestId, targets, group(first.region), at),
    };
  };
  const terminate = (target: Alive<SeedInstance>, after = 0): Step => ({
    after,
    service: 'ec2',
    eventName: 'TerminateInstances',
    region: target.region,
    ec2: true,
    onTime: deletes(target),
    body: (_rng, _at, requestId) => payload.changeInstanceState(requestId, [target], 'TerminateInstances'),
  });
  const createRole = (name: string, description: string, after = 0): Step => ({
    after,
    service: 'iam',
    eventName: 'CreateRole',
    region: 'us-east-1',
    onTime: creates(role(name)),
    body: (_rng, at) => payload.createRole(role(name), at, description),
  });
  const attach = (name: string, policy: string, after: number): Step => ({
    after,
    service: 'iam',
    eventName: 'AttachRolePolicy',
    region: 'us-east-1',
    body: () => payload.attachRolePolicy(name, policy),
  });
  const createUser = (name: string, after = 0): Step => ({
    after,
    service: 'iam',
    eventName: 'CreateUser',
    region: 'us-east-1',
    onTime: creates(user(name)),
    body: (_rng, at) => payload.createUser(user(name), at),
  });
  const accessKey = (name: string, after: number): Step => ({
    after,
    service: 'iam',
    eventName: 'CreateAccessKey',
    region: 'us-east-1',
    body: (rng, at) => payload.createAccessKey(rng, name, at),
  });
  const createFunction = (name: string, after: number): Step => ({
    after,
    service: 'lambda',
    eventName: 'CreateFunction20150331',
    region: fn(name).region,
    onTime: creates(fn(name)),
    body: (rng, at) => payload.createFunction(rng, fn(name), at),
  });
  const rotate = (alias: string): Step => ({
    after: 0,
    service: 'kms',
    eventName: 'RotateKey',
    region: key(alias).region,
    serviceEvent: true,
    body: () => payload.rotateKey(key(alias)),
  });

  const lake = bucket('acme-data-lake-curated');
  return [
    { daysAgo: 86, who: terraform, steps: [run([instance('load-test-runner')])] },
    { daysAgo: 84, who: admin('console'), steps: [createUser('priya.n')] },
    { daysAgo: 80, who: dev('console'), steps: [run([instance('qa-env-1')])] },
    { daysAgo: 78, who: terraform, steps: [terminate(instance('load-test-runner'))] },
    {
      daysAgo: 75,
      who: sso('cli'),
      steps: [
        {
          after: 0,
          who: sso('console'),
          service: 'kms',
          eventName: 'CreateKey',
          region: key('analytics-eu').region,
          onTime: creates(key('analytics-eu')),
          body: (_rng, at) => payload.createKey(key('analytics-eu'), at),
        },
        createBucket(bucket('acme-analytics-raw-eu'), 600),
        bucketSetting(bucket('acme-analytics-raw-eu'), 640, 'PutBucketEncryption', 'analytics-eu'),
        bucketSetting(bucket('acme-analytics-raw-eu'), 675, 'PutBucketPolicy'),
      ],
    },
    { daysAgo: 70, who: dev('console'), steps: [createBucket(bucket('acme-qa-scratch'))] },
    { daysAgo: 66, who: terraform, steps: [run([instance('eu-worker-3')])] },
    { daysAgo: 64, who: kmsService, steps: [rotate('prod-data')] },
    { daysAgo: 62, who: dev('cli'), steps: emptyAndDelete(bucket('acme-tmp-migration-2024'), 3) },
    { daysAgo: 60, who: dev('cli'), steps: [terminate(instance('jenkins-old'))] },
    {
      daysAgo: 58,
      who: sso('cli'),
      steps: [
        createRole('nightly-report-role', 'Execution role for nightly-report'),
        attach('nightly-report-role', 'service-role/AWSLambdaBasicExecutionRole', 3),
        attach('nightly-report-role', 'AmazonS3ReadOnlyAccess', 5),
        createFunction('nightly-report', 95),
      ],
    },
    { daysAgo: 52, who: dev('cli'), steps: [run([instance('jordan-sandbox')])] },
    {
      daysAgo: 50,
      who: terraform,
      steps: [
        createBucket(bucket('acme-data-lake-curated')),
        bucketSetting(bucket('acme-data-lake-curated'), 2, 'PutBucketEncryption', 'prod-data'),
        bucketSetting(bucket('acme-data-lake-curated'), 3, 'PutBucketPolicy'),
      ],
    },
    {
      daysAgo: 47,
      who: admin('console'),
      steps: [createUser('temp-contractor-sam'), accessKey('temp-contractor-sam', 30)],
    },
    { daysAgo: 44, who: sso('console'), steps: [run([instance('analytics-etl-2')])] },
    { daysAgo: 41, who: sso('console'), steps: [terminate(instance('qa-env-1'))] },
    {
      daysAgo: 40,
      who: terraform,
      steps: [
        createBucket(bucket('acme-staging-assets')),
        bucketSetting(bucket('acme-staging-assets'), 2, 'PutBucketEncryption'),
      ],
    },
    {
      daysAgo: 37,
      who: terraform,
      steps: [
        createRole('eu-webhook-relay-role', 'Execution role for eu-webhook-relay'),
        attach('eu-webhook-relay-role', 'service-role/AWSLambdaBasicExecutionRole', 2),
        createFunction('eu-webhook-relay', 12),
      ],
    },
    // The curated lake's policy changes: the Glue crawler gets read access, public read is added, then removed.
    { daysAgo: 35, who: sso('console'), steps: [bucketPolicy(lake, 0, 2)] },
    { daysAgo: 33, who: admin('console'), steps: emptyAndDelete(bucket('acme-legacy-reports'), 2) },
    { daysAgo: 31, who: kmsService, steps: [rotate('eu-customer-data')] },
    { daysAgo: 30, who: terraform, steps: [run([instance('canary-api'), instance('canary-api-2')])] },
    {
      daysAgo: 29,
      who: terraform,
      steps: [
        createRole('analytics-glue-role', 'Glue crawlers for the analytics lake'),
        attach('analytics-glue-role', 'service-role/AWSGlueServiceRole', 2),
      ],
    },
    { daysAgo: 27, who: terraform, steps: [terminate(instance('reporting-eu'))] },
    { daysAgo: 25, who: dev('cli'), steps: [createBucket(bucket('acme-test-bucket-jordan'))] },
    { daysAgo: 22, who: dev('cli'), steps: [bucketPolicy(lake, 0, 3)] },
    { daysAgo: 21, who: dev('console'), steps: [createFunction('de-invoice-renderer', 0)] },
    {
      daysAgo: 20,
      who: admin('console'),
      steps: [
        {
          after: 0,
          service: 'kms',
          eventName: 'ScheduleKeyDeletion',
          region: key('legacy-app').region,
          onTime: deletes(key('legacy-app')),
          body: (_rng, at) => payload.scheduleKeyDeletion(key('legacy-app'), at, 30),
        },
      ],
    },
    { daysAgo: 19, who: sso('console'), steps: [bucketPolicy(lake, 0, 2)] },
    {
      daysAgo: 18,
      who: sso('console'),
      steps: [
        createRole('readonly-auditor', 'Read-only access for the external auditors'),
        attach('readonly-auditor', 'SecurityAudit', 4),
        attach('readonly-auditor', 'ReadOnlyAccess', 6),
      ],
    },
    { daysAgo: 15, who: dev('cli'), steps: [run([instance('ml-training-gpu-2')])] },
    { daysAgo: 13, who: dev('console'), steps: [terminate(instance('jordan-sandbox'))] },
    { daysAgo: 12, who: sso('console'), steps: emptyAndDelete(bucket('acme-qa-scratch'), 2) },
    { daysAgo: 9, who: admin('cli'), steps: [createUser('svc-grafana-reader'), accessKey('svc-grafana-reader', 8)] },
    { daysAgo: 6, who: kmsService, steps: [rotate('backups')] },
    // A role chain: SSO user, then AssumeRole into terraform-admin, whose session empties and deletes a bucket.
    {
      daysAgo: 4,
      who: sso('cli'),
      steps: [
        assumeChained(cleanup, 0),
        ...emptyAndDelete(bucket('acme-web-assets'), 2).map((step) => ({
          ...step,
          after: step.after + 45,
          who: { chain: cleanup },
        })),
      ],
    },
    { daysAgo: 5, who: terraform, steps: [run([instance('media-transcoder-2')])] },
    { daysAgo: 3, who: dev('cli'), steps: emptyAndDelete(bucket('acme-test-bucket-jordan'), 1) },
    { daysAgo: 2, who: terraform, steps: [terminate(instance('canary-api-2'))] },
  ];
}

/** Midnight UTC of the day `daysAgo` before the anchor, moved off weekends. */
function sceneDay(anchor: number, daysAgo: number): number {
  let day = Math.floor((anchor - daysAgo * DAY) / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  // People do this work on weekdays: Saturday moves to Friday, Sunday to Monday.
  if (weekday === 6) day -= DAY;
  if (weekday === 0) day += DAY;
  return day;
}

/**
 * The scripted records, ascending by time, and the lifetimes they imply written into `world`.
 * Scenes start between 08:00 and 17:59 UTC on their day (1 to 87 days back once weekends are moved,
 * so a step is always inside the 90-day window and before the anchor).
 */
export function lifecycleScript(seed: number, anchor: number, world: World): ScriptEvent[] {
  const rng = randomStream(seed, 'lifecycle');
  const events: ScriptEvent[] = [];
  for (const scene of scenes(world)) {
    const start = sceneDay(anchor, scene.daysAgo) + rng.between(8 * 3600, 18 * 3600 - 1) * SECOND;
    for (const step of scene.steps) {
      const sec = Math.floor(start / SECOND) + step.after;
      step.onTime?.(sec);
      const who = step.who ?? scene.who;
      events.push({
        sec,
        build(stream, at) {
          const call: CallSite = { at, service: step.service, eventName: step.eventName, region: step.region };
          const caller = callerFor(who, call);
          const requestId = step.ec2 === true ? stream.uuid() : '';
          const body = step.body(stream, at, requestId);
          if (step.service === 's3') body.additionalEventData ??= payload.s3Extra(stream, caller.cipherSuite, 0, 0);
          const draft = draftOf({
            service: step.service,
            eventName: step.eventName,
            region: step.region,
            readOnly: false,
            caller,
            body,
            ...(step.ec2 === true ? { requestID: requestId } : {}),
          });
          if (step.serviceEvent === true) draft.eventType = 'AwsServiceEvent';
          if (step.eventName === 'DeleteObject') draft.data = true;
          return draft;
        },
      });
    }
  }
  events.sort((a, b) => a.sec - b.sec);
  return events;
}
