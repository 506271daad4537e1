// The seeded account's resources (SEMANTICS.md §14): a small fixed pool, so records keep
// referring to the same buckets, instances, functions and keys. Which ones are created or
// deleted inside the 90-day window, and when, is decided by the lifecycle script
// (seed-script.ts); bulk activity only touches a resource while it is alive.
import { DEFAULT_ACCOUNT, type Region } from '../../../identities';
import { sha256Bytes, toBase32 } from '../../../hash';

export const ACCOUNT = DEFAULT_ACCOUNT;

/** How a bucket's object keys look. */
export type ObjectKeyStyle = 'logs' | 'tfstate' | 'assets' | 'exports' | 'parquet' | 'backups' | 'media' | 'scratch';

export interface SeedBucket {
  readonly name: string;
  readonly region: Region;
  readonly objects: ObjectKeyStyle;
}

export interface SeedInstance {
  readonly id: string;
  readonly region: Region;
  readonly name: string;
  readonly type: string;
  readonly image: string;
  readonly privateIp: string;
  /** Runs the application under `app-server-role`; its session calls AWS and it is never stopped. */
  readonly appServer?: boolean;
}

export interface SeedFunction {
  readonly name: string;
  readonly region: Region;
  readonly role: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly description: string;
}

export interface SeedKey {
  readonly id: string;
  readonly alias: string;
  readonly region: Region;
  readonly description: string;
}

export interface SeedUser {
  readonly name: string;
  readonly id: string;
}

export type TrustedBy = 'lambda' | 'ec2' | 'github' | 'account' | 'glue';

export interface SeedRole {
  readonly name: string;
  readonly id: string;
  readonly trust: TrustedBy;
}

export interface SeedSecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly vpc: string;
}

export interface SeedEventDataStore {
  readonly name: string;
  readonly id: string;
  /** Created this many days before the anchor, at the anchor's time of day (§14). */
  readonly createdDaysAgo: number;
}

function roleId(name: string): string {
  return `AROA${toBase32(sha256Bytes(`role:${name}`)).slice(0, 17)}`;
}

function userId(name: string): string {
  return `AIDA${toBase32(sha256Bytes(`user:${name}`)).slice(0, 17)}`;
}

export const BUCKETS: readonly SeedBucket[] = [
  { name: 'acme-prod-logs', region: 'us-east-1', objects: 'logs' },
  { name: 'acme-terraform-state', region: 'us-east-1', objects: 'tfstate' },
  { name: 'acme-web-assets', region: 'us-east-1', objects: 'assets' },
  { name: 'acme-cloudtrail-archive', region: 'us-east-1', objects: 'logs' },
  { name: 'acme-tmp-migration-2024', region: 'us-east-1', objects: 'scratch' },
  { name: 'acme-data-lake-curated', region: 'us-east-1', objects: 'parquet' },
  { name: 'acme-test-bucket-jordan', region: 'us-east-1', objects: 'scratch' },
  { name: 'acme-backups-usw2', region: 'us-west-2', objects: 'backups' },
  { name: 'acme-ml-datasets', region: 'us-west-2', objects: 'parquet' },
  { name: 'acme-qa-scratch', region: 'us-west-2', objects: 'scratch' },
  { name: 'acme-staging-assets', region: 'us-west-2', objects: 'assets' },
  { name: 'acme-eu-customer-exports', region: 'eu-west-1', objects: 'exports' },
  { name: 'acme-eu-app-uploads', region: 'eu-west-1', objects: 'media' },
  { name: 'acme-legacy-reports', region: 'eu-west-1', objects: 'exports' },
  { name: 'acme-analytics-raw-eu', region: 'eu-central-1', objects: 'parquet' },
  { name: 'acme-apse2-media', region: 'ap-southeast-2', objects: 'media' },
  { name: 'acme-ca-reports', region: 'ca-central-1', objects: 'exports' },
];

/** Every bucket name the seeded history may mention (besides deliberate misspellings in NoSuchBucket failures). */
export const SEEDED_BUCKETS: readonly string[] = BUCKETS.map((bucket) => bucket.name);

/** Names that never existed, for NoSuchBucket failures (typos of real ones). */
export const MISSING_BUCKETS = ['acme-prod-log', 'acme-terraform-states', 'acme-staging-asset', 'acme-analytics-raw'];

const AL2023 = 'ami-0f3c9e8d7b6a51204';
const UBUNTU = 'ami-04b2d7c6e5f8a9130';

export const INSTANCES: readonly SeedInstance[] = [
  {
    id: 'i-0a4f19c7e2b3d5861',
    region: 'us-east-1',
    name: 'app-server-1',
    type: 'm6i.large',
    image: AL2023,
    privateIp: '10.0.1.23',
    appServer: true,
  },
  {
    id: 'i-0c83e5d1f97a24b06',
    region: 'us-east-1',
    name: 'app-server-2',
    type: 'm6i.large',
    image: AL2023,
    privateIp: '10.0.2.41',
    appServer: true,
  },
  {
    id: 'i-07b2d6e4a19f3c580',
    region: 'us-west-2',
    name: 'app-server-usw2',
    type: 'm6i.large',
    image: AL2023,
    privateIp: '10.1.1.17',
    appServer: true,
  },
  {
    id: 'i-0e5a91b3c7d2f4608',
    region: 'eu-west-1',
    name: 'app-server-eu',
    type: 'm6i.large',
    image: AL2023,
    privateIp: '10.2.1.12',
    appServer: true,
  },
  {
    id: 'i-0d1c7f3a5e9b28264',
    region: 'us-east-1',
    name: 'bastion',
    type: 't3.micro',
    image: AL2023,
    privateIp: '10.0.0.10',
  },
  {
    id: 'i-09f6a2c8e4b1d7135',
    region: 'us-east-1',
    name: 'legacy-batch-worker',
    type: 'c5.xlarge',
    image: UBUNTU,
    privateIp: '10.0.3.77',
  },
  {
    id: 'i-03e8b4d0f6a2c9417',
    region: 'us-east-1',
    name: 'jenkins-old',
    type: 't3.large',
    image: UBUNTU,
    privateIp: '10.0.3.12',
  },
  {
    id: 'i-0b7d3f9a1c5e2e648',
    region: 'us-west-2',
    name: 'ml-training-gpu',
    type: 'g5.xlarge',
    image: UBUNTU,
    privateIp: '10.1.2.55',
  },
  {
    id: 'i-05a1e7c3b9d4f2806',
    region: 'eu-west-1',
    name: 'reporting-eu',
    type: 't3.medium',
    image: AL2023,
    privateIp: '10.2.2.30',
  },
  {
    id: 'i-0f2b8d4a6c1e3a957',
    region: 'eu-central-1',
    name: 'analytics-etl',
    type: 'r6i.large',
    image: AL2023,
    privateIp: '10.3.1.8',
  },
  {
    id: 'i-06c4a0e2f8b5d1379',
    region: 'ap-southeast-2',
    name: 'media-transcoder',
    type: 'c6i.large',
    image: AL2023,
    privateIp: '10.4.1.19',
  },
  // Launched inside the window by the lifecycle script.
  {
    id: 'i-0a9e5c1f3b7d2e480',
    region: 'us-east-1',
    name: 'load-test-runner',
    type: 'c6i.2xlarge',
    image: AL2023,
    privateIp: '10.0.4.101',
  },
  {
    id: 'i-02d8f4b6a0c3e5719',
    region: 'us-west-2',
    name: 'qa-env-1',
    type: 't3.medium',
    image: AL2023,
    privateIp: '10.1.3.44',
  },
  {
    id: 'i-0c6b2e8f4a1d9f352',
    region: 'eu-west-1',
    name: 'eu-worker-3',
    type: 'm6i.large',
    image: AL2023,
    privateIp: '10.2.1.66',
  },
  {
    id: 'i-04f0a6d2c8e1b7593',
    region: 'us-east-1',
    name: 'jordan-sandbox',
    type: 't3.small',
    image: UBUNTU,
    privateIp: '10.0.5.14',
  },
  {
    id: 'i-08a4c0e6b2f9d3175',
    region: 'eu-central-1',
    name: 'analytics-etl-2',
    type: 'r6i.large',
    image: AL2023,
    privateIp: '10.3.1.27',
  },
  {
    id: 'i-0e2c8a4f0b6d5a931',
    region: 'us-east-1',
    name: 'canary-api',
    type: 't3.medium',
    image: AL2023,
    privateIp: '10.0.1.88',
  },
  {
    id: 'i-01b7f3d9e5a2c6048',
    region: 'us-east-1',
    name: 'canary-api-2',
    type: 't3.medium',
    image: AL2023,
    privateIp: '10.0.2.93',
  },
  {
    id: 'i-0d5f1b7c3e9a4b826',
    region: 'us-west-2',
    name: 'ml-training-gpu-2',
    type: 'g5.xlarge',
    image: UBUNTU,
    privateIp: '10.1.2.71',
  },
  {
    id: 'i-07e3c9f5a1b8d0264',
    region: 'ap-southeast-2',
    name: 'media-transcoder-2',
    type: 'c6i.large',
    image: AL2023,
    privateIp: '10.4.1.52',
  },
];

export const SECURITY_GROUPS: readonly SeedSecurityGroup[] = [
  { id: 'sg-0a7c3e9f1b5d24680', name: 'web-alb', region: 'us-east-1', vpc: 'vpc-0c1a2b3d4e5f60718' },
  { id: 'sg-05e1b7d3f9a2c4816', name: 'app-servers', region: 'us-east-1', vpc: 'vpc-0c1a2b3d4e5f60718' },
  { id: 'sg-0b3f9d5a1c7e26403', name: 'bastion-ssh', region: 'us-east-1', vpc: 'vpc-0c1a2b3d4e5f60718' },
  { id: 'sg-0d9b5f1c7a3e48265', name: 'app-servers', region: 'us-west-2', vpc: 'vpc-06d2e8f4a0b1c3957' },
  { id: 'sg-0e2a8c4f0b6d19374', name: 'app-servers', region: 'eu-west-1', vpc: 'vpc-0a8f4b0c6d2e19375' },
  { id: 'sg-07c3a9e5f1b2d6048', name: 'etl', region: 'eu-central-1', vpc: 'vpc-0b5e1f7a3c9d28461' },
  { id: 'sg-0f4d0b6a2c8e15937', name: 'transcoder', region: 'ap-southeast-2', vpc: 'vpc-03f9a5b1c7d2e8604' },
];

export const FUNCTIONS: readonly SeedFunction[] = [
  {
    name: 'orders-api',
    region: 'us-east-1',
    role: 'orders-api-role',
    runtime: 'nodejs20.x',
    memorySize: 1024,
    timeout: 15,
    description: 'Orders REST API',
  },
  {
    name: 'thumbnail-generator',
    region: 'us-east-1',
    role: 'thumbnail-generator-role',
    runtime: 'python3.12',
    memorySize: 2048,
    timeout: 60,
    description: 'Creates thumbnails for uploaded media',
  },
  {
    name: 'nightly-report',
    region: 'us-east-1',
    role: 'nightly-report-role',
    runtime: 'python3.12',
    memorySize: 512,
    timeout: 300,
    description: 'Builds the nightly sales report',
  },
  {
    name: 'inventory-sync',
    region: 'us-west-2',
    role: 'inventory-sync-role',
    runtime: 'nodejs20.x',
    memorySize: 512,
    timeout: 120,
    description: 'Syncs inventory from the ERP',
  },
  {
    name: 'eu-gdpr-export',
    region: 'eu-west-1',
    role: 'eu-gdpr-export-role',
    runtime: 'python3.12',
    memorySize: 1024,
    timeout: 900,
    description: 'GDPR data subject exports',
  },
  {
    name: 'eu-webhook-relay',
    region: 'eu-west-1',
    role: 'eu-webhook-relay-role',
    runtime: 'nodejs20.x',
    memorySize: 256,
    timeout: 10,
    description: 'Relays partner webhooks',
  },
  {
    name: 'de-invoice-renderer',
    region: 'eu-central-1',
    role: 'lambda-basic-execution',
    runtime: 'nodejs20.x',
    memorySize: 1536,
    timeout: 30,
    description: 'Renders invoices as PDF',
  },
];

export const MISSING_FUNCTIONS = ['orders-api-v2', 'thumbnail-generater', 'nightly-reports'];

export const KEYS: readonly SeedKey[] = [
  {
    id: '3f6c1a9e-7b2d-4e58-a0c4-9d1e6b7f2a35',
    alias: 'prod-data',
    region: 'us-east-1',
    description: 'Production data at rest',
  },
  {
    id: '8a2e5d7c-1f9b-4c36-b8e1-5a7d2c9f0e64',
    alias: 'terraform-state',
    region: 'us-east-1',
    description: 'Terraform state bucket',
  },
  {
    id: 'c5d9f1a3-6e2b-48b7-9c05-e3a8b1d4f726',
    alias: 'legacy-app',
    region: 'us-east-1',
    description: 'Legacy batch application',
  },
  {
    id: '1e7b3d9f-5a2c-4d80-86f1-b4c9e2a7d053',
    alias: 'backups',
    region: 'us-west-2',
    description: 'Backup encryption',
  },
  {
    id: '6b0f4c8a-2d7e-4f19-a3b6-7e1c5d9a8f42',
    alias: 'eu-customer-data',
    region: 'eu-west-1',
    description: 'EU customer data',
  },
  {
    id: 'd2a8e4b0-9c6f-4a73-b51e-0f8d3c6a2b97',
    alias: 'analytics-eu',
    region: 'eu-central-1',
    description: 'Analytics raw zone',
  },
  {
    id: '7c3a9f5e-0b1d-46e2-9f84-c6b2a8e1d530',
    alias: 'media-apse2',
    region: 'ap-southeast-2',
    description: 'Media library',
  },
];

export const USERS: readonly SeedUser[] = [
  { name: 'admin', id: 'AIDAEMU0ADMINUSER0001' },
  { name: 'dev-jordan', id: 'AIDAEMU0DEVELOPER0002' },
  ...[
    'alex.chen',
    'ci-legacy-deployer',
    'svc-backup-agent',
    'priya.n',
    'temp-contractor-sam',
    'svc-grafana-reader',
  ].map((name) => ({ name, id: userId(name) })),
];

export const MISSING_USERS = ['jordan', 'alex-chen', 'svc-backup'];

const ROLE_TRUST: readonly (readonly [string, TrustedBy])[] = [
  ['app-server-role', 'ec2'],
  ['github-actions-deploy', 'github'],
  ['terraform-admin', 'account'],
  ['orders-api-role', 'lambda'],
  ['thumbnail-generator-role', 'lambda'],
  ['inventory-sync-role', 'lambda'],
  ['eu-gdpr-export-role', 'lambda'],
  ['lambda-basic-execution', 'lambda'],
  ['nightly-report-role', 'lambda'],
  ['eu-webhook-relay-role', 'lambda'],
  ['analytics-glue-role', 'glue'],
  ['readonly-auditor', 'account'],
];

export const ROLES: readonly SeedRole[] = ROLE_TRUST.map(([name, trust]) => ({ name, id: roleId(name), trust }));

export const MISSING_ROLES = ['deploy-role-old', 'readonly-auditors'];

/** Stores that exist in the seeded world (§14); their creation records come from another module. */
export const SEEDED_EVENT_DATA_STORES: readonly SeedEventDataStore[] = [
  { name: 'management-events', id: 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24', createdDaysAgo: 60 },
  { name: 'integrations-audit', id: 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80', createdDaysAgo: 45 },
];

/** ARN of a seeded event data store (home region us-east-1). */
export function eventDataStoreArn(store: SeedEventDataStore): string {
  return `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/${store.id}`;
}

/** ARN of a bucket. */
export function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`;
}

/** ARN of an EC2 instance. */
export function instanceArn(instance: { id: string; region: string }): string {
  return `arn:aws:ec2:${instance.region}:${ACCOUNT}:instance/${instance.id}`;
}

/** ARN of a security group. */
export function securityGroupArn(group: SeedSecurityGroup): string {
  return `arn:aws:ec2:${group.region}:${ACCOUNT}:security-group/${group.id}`;
}

/** ARN of a Lambda function. */
export function functionArn(fn: { name: string; region: string }): string {
  return `arn:aws:lambda:${fn.region}:${ACCOUNT}:function:${fn.name}`;
}

/** ARN of a KMS key. */
export function keyArn(key: SeedKey): string {
  return `arn:aws:kms:${key.region}:${ACCOUNT}:key/${key.id}`;
}

/** ARN of an IAM user. */
export function userArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:user/${name}`;
}

/** ARN of an IAM role (all seeded roles sit at path `/`). */
export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

export const GITHUB_OIDC_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

/** Lifetime of a pooled resource in epoch seconds: alive strictly between `created` and `deleted`. */
export interface Lifetime {
  created: number;
  deleted: number;
}

export type Alive<T> = T & Lifetime;

/** The pool with this seed's lifetimes; built once per seeded history. */
export interface World {
  readonly buckets: readonly Alive<SeedBucket>[];
  readonly instances: readonly Alive<SeedInstance>[];
  readonly functions: readonly Alive<SeedFunction>[];
  readonly keys: readonly Alive<SeedKey>[];
  readonly users: readonly Alive<SeedUser>[];
  readonly roles: readonly Alive<SeedRole>[];
  readonly groups: readonly SeedSecurityGroup[];
  readonly stores: readonly Alive<SeedEventDataStore>[];
}

function forever<T>(item: T): Alive<T> {
  return { ...item, created: -Infinity, deleted: Infinity };
}

/** A world where everything has always existed; the lifecycle script then sets creation and deletion times. */
export function createWorld(anchorSeconds: number): World {
  return {
    buckets: BUCKETS.map(forever),
    instances: INSTANCES.map(forever),
    functions: FUNCTIONS.map(forever),
    keys: KEYS.map(forever),
    users: USERS.map(forever),
    roles: ROLES.map(forever),
    groups: SECURITY_GROUPS,
    stores: SEEDED_EVENT_DATA_STORES.map((store) => ({
      ...store,
      created: anchorSeconds - store.createdDaysAgo * 86_400,
      deleted: Infinity,
    })),
  };
}

/** Whether a resource exists at a moment (epoch seconds). */
export function isAlive(item: Lifetime, seconds: number): boolean {
  return item.created < seconds && seconds < item.deleted;
}

/** Items alive at a moment, optionally in one region. */
export function aliveIn<T extends Lifetime & { region?: string }>(
  items: readonly T[],
  seconds: number,
  region?: string,
): T[] {
  const out: T[] = [];
  for (const item of items)
    if (isAlive(item, seconds) && (region === undefined || item.region === region)) out.push(item);
  return out;
}

/** The pool entry with that name; a typo in the script fails loudly. */
export function named<T extends { name: string }>(items: readonly T[], name: string): T {
  const found = items.find((item) => item.name === name);
  if (found === undefined) throw new Error(`seed pool has no ${name}`);
  return found;
}
