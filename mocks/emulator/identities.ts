// The principals of SEMANTICS.md §4, catalogued by access key ID, and how CloudTrail
// derives a record's userIdentity and LookupEvents Username from them.
import { sha256Bytes, toBase32 } from './hash';
import { toRecordTime, HOUR } from './clock';
import { REGIONS } from '../../src/lib/cloudtrail-limits';

export const DEFAULT_ACCOUNT = '123456789012';
export const PARTNER_ACCOUNT = '444455556666';
export const DEFAULT_REGION = 'us-east-1';

export type Region = (typeof REGIONS)[number];

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

/** The userIdentity block of a record; keys are built in CloudTrail's order (SEMANTICS.md §4). */
export interface UserIdentity {
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: SessionContext;
  invokedBy?: string;
  onBehalfOf?: { userId: string; identityStoreArn: string };
  identityProvider?: string;
}

export interface SessionContext {
  sessionIssuer?: { type: string; principalId: string; arn: string; accountId: string; userName: string };
  webIdFederationData?: { federatedProvider: string; attributes: Record<string, string> };
  attributes?: { creationDate: string; mfaAuthenticated: string };
  sourceIdentity?: string;
  ec2RoleDelivery?: string;
}

/** A caller known by its access key. */
export interface Principal {
  accessKeyId: string;
  account: string;
  /** The caller's own ARN (user, root or assumed-role session). */
  arn: string;
  /** For role sessions, the role's ARN; policies may name either. */
  roleArn?: string;
  /** userIdentity at a moment; `console` adds the console session attributes. */
  identity(at: number, options?: { console?: boolean }): UserIdentity;
}

export const ADMIN_ACCESS_KEY = 'AKIAEMU0ADMIN0000001';
export const DEV_ACCESS_KEY = 'AKIAEMU0DEVUSER00002';
export const SSO_ACCESS_KEY = 'ASIAEMU0SSOSESSION03';
export const ROOT_ACCESS_KEY = 'AKIAEMU0ROOTKEY00004';
export const PARTNER_ACCESS_KEY = 'ASIAEMU0PARTNER00005';

/** Role sessions report when their credentials were issued; we say the top of the hour. */
function sessionAttributes(at: number) {
  return { creationDate: toRecordTime(Math.floor(at / HOUR) * HOUR), mfaAuthenticated: 'false' };
}

function iamUser(accessKeyId: string, account: string, userName: string, principalId: string): Principal {
  const arn = `arn:aws:iam::${account}:user/${userName}`;
  return {
    accessKeyId,
    account,
    arn,
    identity: (at, options) => ({
      type: 'IAMUser',
      principalId,
      arn,
      accountId: account,
      accessKeyId,
      userName,
      ...(options?.console ? { sessionContext: { attributes: sessionAttributes(at) } } : {}),
    }),
  };
}

interface RoleSessionSpec {
  accessKeyId: string;
  account: string;
  roleName: string;
  rolePath: string;
  roleId: string;
  sessionName: string;
}

function roleSession(spec: RoleSessionSpec): Principal {
  const roleArn = `arn:aws:iam::${spec.account}:role${spec.rolePath}${spec.roleName}`;
  const arn = `arn:aws:sts::${spec.account}:assumed-role/${spec.roleName}/${spec.sessionName}`;
  return {
    accessKeyId: spec.accessKeyId,
    account: spec.account,
    arn,
    roleArn,
    identity: (at) => ({
      type: 'AssumedRole',
      principalId: `${spec.roleId}:${spec.sessionName}`,
      arn,
      accountId: spec.account,
      accessKeyId: spec.accessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: spec.roleId,
          arn: roleArn,
          accountId: spec.account,
          userName: spec.roleName,
        },
        attributes: sessionAttributes(at),
      },
    }),
  };
}

export const SSO_ROLE_NAME = 'AWSReservedSSO_AdministratorAccess_3f2a1b6c9d8e7f01';

const CATALOGUE: Record<string, Principal> = {
  [ADMIN_ACCESS_KEY]: iamUser(ADMIN_ACCESS_KEY, DEFAULT_ACCOUNT, 'admin', 'AIDAEMU0ADMINUSER0001'),
  [DEV_ACCESS_KEY]: iamUser(DEV_ACCESS_KEY, DEFAULT_ACCOUNT, 'dev-jordan', 'AIDAEMU0DEVELOPER0002'),
  [SSO_ACCESS_KEY]: roleSession({
    accessKeyId: SSO_ACCESS_KEY,
    account: DEFAULT_ACCOUNT,
    roleName: SSO_ROLE_NAME,
    rolePath: '/aws-reserved/sso.amazonaws.com/',
    roleId: 'AROAEMU0SSOADMINROLE1',
    sessionName: 'maria.garcia@example.com',
  }),
  [ROOT_ACCESS_KEY]: {
    accessKeyId: ROOT_ACCESS_KEY,
    account: DEFAULT_ACCOUNT,
    arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:root`,
    identity: (at, options) => ({
      type: 'Root',
      principalId: DEFAULT_ACCOUNT,
      arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:root`,
      accountId: DEFAULT_ACCOUNT,
      accessKeyId: ROOT_ACCESS_KEY,
      ...(options?.console ? { sessionContext: { attributes: sessionAttributes(at) } } : {}),
    }),
  },
  [PARTNER_ACCESS_KEY]: roleSession({
    accessKeyId: PARTNER_ACCESS_KEY,
    account: PARTNER_ACCOUNT,
    roleName: 'AuditEventsWriter',
    rolePath: '/',
    roleId: 'AROAEMU0PARTNERROLE05',
    sessionName: 'partner-ingest',
  }),
};

/** The principal behind an access key; unsigned calls act as the admin user. */
export function principalForAccessKey(accessKeyId: string | undefined): Principal {
  if (accessKeyId === undefined || accessKeyId === '') return CATALOGUE[ADMIN_ACCESS_KEY] as Principal;
  // Own keys only: a key named like an Object.prototype member (toString, __proto__) is just a key.
  const known = Object.hasOwn(CATALOGUE, accessKeyId) ? CATALOGUE[accessKeyId] : undefined;
  if (known) return known;
  // Any other key is a stable IAM user of the default account, so scripts with their own
  // dummy credentials still see who did what.
  const principalId = `AIDA${toBase32(sha256Bytes(accessKeyId)).slice(0, 17)}`;
  return iamUser(accessKeyId, DEFAULT_ACCOUNT, `user-${accessKeyId.slice(-8).toLowerCase()}`, principalId);
}

/** LookupEvents' Username for a record's userIdentity (SEMANTICS.md §4); undefined when there is none. */
export function usernameOf(identity: UserIdentity): string | undefined {
  switch (identity.type) {
    case 'IAMUser':
    case 'SAMLUser':
    case 'WebIdentityUser':
      return identity.userName;
    case 'Root':
      return identity.userName ?? 'root';
    case 'AssumedRole':
      return identity.arn?.slice(identity.arn.lastIndexOf('/') + 1);
    case 'Role':
      return identity.sessionContext?.sessionIssuer?.userName;
    case 'FederatedUser':
      return identity.arn?.slice(identity.arn.lastIndexOf('/') + 1);
    case 'IdentityCenterUser':
      return identity.userName ?? identity.onBehalfOf?.userId;
    case 'AWSService':
      return identity.invokedBy;
    default:
      return identity.userName;
  }
}
