// Who makes the seeded calls (SEMANTICS.md §4, §14): the catalogue's people through the console,
// the CLI, scripts and Terraform, plus seed-only principals: a CI role via GitHub's OIDC provider,
// the app servers' instance-profile sessions, Lambda execution roles and AWS services.
import {
  ADMIN_ACCESS_KEY,
  DEV_ACCESS_KEY,
  ROOT_ACCESS_KEY,
  SSO_ACCESS_KEY,
  principalForAccessKey,
  type SessionContext,
  type UserIdentity,
} from '../../../identities';
import { fnv1a, mulberry32, type Random } from '../../../random';
import { HOUR, MINUTE, toRecordTime } from '../../../clock';
import {
  ACCOUNT,
  GITHUB_OIDC_PROVIDER,
  ROLES,
  named,
  roleArn,
  type SeedFunction,
  type SeedInstance,
} from './seed-pool';
import { SERVICES, type Service } from './seed-services';
import { kebabOperation, temporaryAccessKeyId } from './seed-values';

export type Client = 'console' | 'cli' | 'boto3' | 'sdk-js' | 'terraform' | 'service' | 'browser';

export interface Caller {
  identity: UserIdentity;
  /** The principal's ARN as access-denied messages quote it. */
  arn: string;
  sourceIPAddress: string;
  userAgent?: string;
  client: Client;
  vpcEndpointId?: string;
  /** TLS 1.3 suite the client negotiated; absent for calls AWS services make internally. */
  cipherSuite?: string;
}

/** Where and what a call is: enough to build its user agent. */
export interface CallSite {
  at: number;
  service: Service;
  eventName: string;
  region: string;
}

export type Human = 'dev' | 'sso' | 'admin' | 'root';

// Browsers and Go prefer AES-128-GCM; OpenSSL (Python, Node) and the CLI's awscrt prefer AES-256-GCM.
const AES128 = 'TLS_AES_128_GCM_SHA256';
const AES256 = 'TLS_AES_256_GCM_SHA384';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

interface HumanProfile {
  accessKeyId: string;
  browser: string;
  cli: string;
  boto3: string;
  terraform: string;
  officeIp: string;
  homeIp: string;
}

const CLI_MAC =
  'md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off';
const CLI_LINUX =
  'md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1022-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off';
const TERRAFORM = (os: string, goos: string, arch: string) =>
  `APN/1.0 HashiCorp/1.0 Terraform/1.8.5 (+https://www.terraform.io) terraform-provider-aws/5.57.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.1 ua/2.0 os/${os} lang/go#1.22.4 md/GOOS#${goos} md/GOARCH#${arch}`;

const OFFICE_IP = '198.51.100.61';

const HUMANS: Readonly<Record<Human, HumanProfile>> = {
  dev: {
    accessKeyId: DEV_ACCESS_KEY,
    browser: CHROME_MAC,
    cli: `aws-cli/2.17.4 ${CLI_MAC}`,
    boto3:
      'Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.12.4 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.131',
    terraform: TERRAFORM('macos', 'darwin', 'arm64'),
    officeIp: OFFICE_IP,
    homeIp: '203.0.113.24',
  },
  sso: {
    accessKeyId: SSO_ACCESS_KEY,
    browser: FIREFOX_WIN,
    cli: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
    boto3:
      'Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.84',
    terraform: TERRAFORM('windows', 'windows', 'amd64'),
    officeIp: OFFICE_IP,
    homeIp: '203.0.113.140',
  },
  admin: {
    accessKeyId: ADMIN_ACCESS_KEY,
    browser: CHROME_LINUX,
    cli: `aws-cli/2.13.25 ${CLI_LINUX}`,
    boto3:
      'Boto3/1.28.62 md/Botocore#1.31.62 ua/2.0 os/linux#6.5.0-1022-aws md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.62',
    terraform: TERRAFORM('linux', 'linux', 'amd64'),
    officeIp: OFFICE_IP,
    homeIp: '192.0.2.77',
  },
  root: {
    accessKeyId: ROOT_ACCESS_KEY,
    browser: SAFARI_MAC,
    cli: `aws-cli/2.13.25 ${CLI_LINUX}`,
    boto3: '',
    terraform: '',
    officeIp: '192.0.2.77',
    homeIp: '192.0.2.77',
  },
};

/** What the console reports as userAgent per service: a browser, or a console backend. */
const CONSOLE_AGENT: Readonly<Record<Service, string | undefined>> = {
  signin: undefined,
  iam: 'AWS Internal',
  sts: 'AWS Internal',
  ec2: undefined,
  s3: '[S3Console/0.4]',
  lambda: undefined,
  kms: 'AWS Internal',
  cloudtrail: undefined,
};

/** The high-level `aws s3` commands behind object calls; everything else goes through the service's command group. */
const S3_HIGH_LEVEL: Readonly<Record<string, string>> = {
  GetObject: 's3.cp',
  HeadObject: 's3.cp',
  PutObject: 's3.cp',
  DeleteObject: 's3.rm',
  ListBuckets: 's3.ls',
  DeleteBucket: 's3.rb',
};

function cliCommand(site: CallSite): string {
  return S3_HIGH_LEVEL[site.eventName] ?? `${SERVICES[site.service].cli}.${kebabOperation(site.eventName)}`;
}

function isWorkingHours(at: number): boolean {
  const date = new Date(at);
  const day = date.getUTCDay();
  const hour = date.getUTCHours();
  return day >= 1 && day <= 5 && hour >= 8 && hour < 18;
}

/** A person of the catalogue calling through a client. */
export function humanCaller(human: Human, client: Client, site: CallSite): Caller {
  const profile = HUMANS[human];
  const principal = principalForAccessKey(profile.accessKeyId);
  const sourceIPAddress = isWorkingHours(site.at) ? profile.officeIp : profile.homeIp;
  const identity = principal.identity(site.at, { console: client === 'console' });
  switch (client) {
    case 'console':
      return {
        identity,
        arn: principal.arn,
        sourceIPAddress,
        userAgent: CONSOLE_AGENT[site.service] ?? profile.browser,
        client,
        cipherSuite: AES128,
      };
    case 'boto3':
      return { identity, arn: principal.arn, sourceIPAddress, userAgent: profile.boto3, client, cipherSuite: AES256 };
    case 'terraform':
      return {
        identity,
        arn: principal.arn,
        sourceIPAddress,
        userAgent: `${profile.terraform} api/${SERVICES[site.service].sdk}#${SERVICES[site.service].goVersion}`,
        client,
        cipherSuite: AES128,
      };
    default:
      return {
        identity,
        arn: principal.arn,
        sourceIPAddress,
        userAgent: `${profile.cli} md/command#${cliCommand(site)}`,
        client: 'cli',
        cipherSuite: AES256,
      };
  }
}

/** A sign-in through the browser: no access key, just who signed in. */
export function signInCaller(human: Human, site: CallSite): Caller {
  const profile = HUMANS[human];
  const principal = principalForAccessKey(profile.accessKeyId);
  const full = principal.identity(site.at);
  // Sign-in records carry no access key for users and root; a role session keeps its own.
  const identity: UserIdentity =
    full.type === 'AssumedRole'
      ? full
      : {
          type: full.type,
          principalId: full.principalId,
          arn: full.arn,
          accountId: full.accountId,
          ...(full.type === 'Root' ? { accessKeyId: '' } : {}),
          ...(full.userName === undefined ? {} : { userName: full.userName }),
        };
  return {
    identity,
    arn: principal.arn,
    sourceIPAddress: isWorkingHours(site.at) ? profile.officeIp : profile.homeIp,
    userAgent: profile.browser,
    client: 'browser',
    cipherSuite: AES128,
  };
}

const BROWSERS = [CHROME_MAC, FIREFOX_WIN, CHROME_LINUX, SAFARI_MAC];

/** A failed console sign-in: CloudTrail hides the user name typed (it may be a password). */
export function failedSignInCaller(rng: Random): Caller {
  const block = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
  return {
    identity: {
      type: 'IAMUser',
      accountId: ACCOUNT,
      accessKeyId: '',
      userName: 'HIDDEN_DUE_TO_SECURITY_REASONS',
    },
    arn: '',
    sourceIPAddress: `${block}.${String(rng.between(2, 254))}`,
    userAgent: rng.pick(BROWSERS),
    client: 'browser',
    cipherSuite: AES128,
  };
}

/** An AWS service acting for the account: it signs, so the host stands for address and agent. */
export function serviceCaller(host: string): Caller {
  return {
    identity: { type: 'AWSService', invokedBy: host },
    arn: host,
    sourceIPAddress: host,
    userAgent: host,
    client: 'service',
  };
}

/** A stable temporary key for one credential period of a session. */
function sessionKey(label: string): string {
  return temporaryAccessKeyId(mulberry32(fnv1a(label)));
}

function roleSessionIdentity(
  role: string,
  session: string,
  accessKeyId: string,
  issuedAt: number,
  extra?: Pick<SessionContext, 'webIdFederationData' | 'ec2RoleDelivery'>,
): UserIdentity {
  const seedRole = named(ROLES, role);
  const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
  const sessionContext: SessionContext = {
    sessionIssuer: { type: 'Role', principalId: seedRole.id, arn: roleArn(role), accountId: ACCOUNT, userName: role },
  };
  if (extra?.webIdFederationData !== undefined) sessionContext.webIdFederationData = extra.webIdFederationData;
  sessionContext.attributes = { creationDate: toRecordTime(issuedAt), mfaAuthenticated: 'false' };
  if (extra?.ec2RoleDelivery !== undefined) sessionContext.ec2RoleDelivery = extra.ec2RoleDelivery;
  return {
    type: 'AssumedRole',
    principalId: `${seedRole.id}:${session}`,
    arn,
    accountId: ACCOUNT,
    accessKeyId,
    sessionContext,
  };
}

const CI_RUN = 30 * MINUTE;

/** A GitHub Actions job that assumed `github-actions-deploy` through the OIDC provider; one key per half-hour run. */
export function ciCaller(client: 'terraform' | 'cli', site: CallSite): Caller {
  const run = Math.floor(site.at / CI_RUN) * CI_RUN;
  const identity = roleSessionIdentity('github-actions-deploy', 'GitHubActions', sessionKey(`ci:${String(run)}`), run, {
    webIdFederationData: { federatedProvider: GITHUB_OIDC_PROVIDER, attributes: {} },
  });
  // GitHub-hosted runners: a fresh address per run, never the office's.
  const octet = (fnv1a(`ci-ip:${String(run)}`) % 120) + 128;
  const userAgent =
    client === 'terraform'
      ? `${TERRAFORM('linux', 'linux', 'amd64')} api/${SERVICES[site.service].sdk}#${SERVICES[site.service].goVersion}`
      : `aws-cli/2.17.4 ${CLI_LINUX} md/command#${cliCommand(site)}`;
  return {
    identity,
    arn: identity.arn ?? '',
    sourceIPAddress: `198.51.100.${String(octet)}`,
    userAgent,
    client,
    cipherSuite: client === 'terraform' ? AES128 : AES256,
  };
}

const CREDENTIAL_PERIOD = 6 * HOUR;

/** Outbound addresses of each region's NAT gateway, and its S3 gateway endpoint. */
const NAT_IP: Readonly<Record<string, string>> = {
  'us-east-1': '203.0.113.201',
  'us-west-2': '203.0.113.202',
  'eu-west-1': '203.0.113.203',
};
const S3_ENDPOINT: Readonly<Record<string, string>> = {
  'us-east-1': 'vpce-0b6e2a8c4f1d39705',
  'us-west-2': 'vpce-04d9f5b1c7a3e2860',
  'eu-west-1': 'vpce-0e7a3c9f5b1d46082',
};

const APP_SERVER_BOTO3 =
  'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#6.1.96-102.177.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.144';

/** An app server's instance-profile session; S3 in its own region goes through the VPC endpoint. */
export function instanceCaller(instance: SeedInstance, site: CallSite): Caller {
  const period = Math.floor(site.at / CREDENTIAL_PERIOD) * CREDENTIAL_PERIOD;
  const identity = roleSessionIdentity(
    'app-server-role',
    instance.id,
    sessionKey(`ec2:${instance.id}:${String(period)}`),
    period,
    { ec2RoleDelivery: '2.0' },
  );
  const viaEndpoint =
    site.service === 's3' && site.region === instance.region ? S3_ENDPOINT[instance.region] : undefined;
  const caller: Caller = {
    identity,
    arn: identity.arn ?? '',
    sourceIPAddress: viaEndpoint === undefined ? (NAT_IP[instance.region] ?? '203.0.113.200') : instance.privateIp,
    userAgent: APP_SERVER_BOTO3,
    client: 'boto3',
    cipherSuite: AES256,
  };
  if (viaEndpoint !== undefined) caller.vpcEndpointId = viaEndpoint;
  return caller;
}

/** A Lambda function's execution-role session, named after the function. */
export function functionCaller(fn: SeedFunction, site: CallSite): Caller {
  const period = Math.floor(site.at / CREDENTIAL_PERIOD) * CREDENTIAL_PERIOD;
  const identity = roleSessionIdentity(fn.role, fn.name, sessionKey(`lambda:${fn.name}:${String(period)}`), period);
  const userAgent = fn.runtime.startsWith('python')
    ? `Boto3/1.34.126 md/Botocore#1.34.126 ua/2.0 os/linux#5.10.219-229.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython exec-env/AWS_Lambda_${fn.runtime} cfg/retry-mode#legacy Botocore/1.34.126`
    : `aws-sdk-js/3.592.0 ua/2.1 os/linux#5.10.219-229.866.amzn2.x86_64 lang/js md/nodejs#20.14.0 api/${SERVICES[site.service].sdk}#3.592.0 exec-env/AWS_Lambda_${fn.runtime}`;
  const octet = (fnv1a(`lambda-ip:${fn.name}:${String(period)}`) % 150) + 100;
  return {
    identity,
    arn: identity.arn ?? '',
    sourceIPAddress: `192.0.2.${String(octet)}`,
    userAgent,
    client: fn.runtime.startsWith('python') ? 'boto3' : 'sdk-js',
    cipherSuite: AES256,
  };
}

/** A role session's temporary key, stable for a label (the lifecycle script's role chain). */
export function chainedSessionKey(label: string): string {
  return sessionKey(`chain:${label}`);
}

/**
 * A session of `role` that a person of the catalogue opened with AssumeRole from their own
 * session (a role chain): the key is the one that AssumeRole returned, the client the person's CLI.
 */
export function chainedRoleCaller(
  human: Human,
  chain: { role: string; session: string; accessKeyId: string; issuedAt: number },
  site: CallSite,
): Caller {
  const identity = roleSessionIdentity(chain.role, chain.session, chain.accessKeyId, chain.issuedAt);
  return { ...humanCaller(human, 'cli', site), identity, arn: identity.arn ?? '' };
}
