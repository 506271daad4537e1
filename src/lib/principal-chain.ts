// Who really did it: from an event's userIdentity back to the person or workload behind it. Role
// sessions carry no memory of who opened them, so each hop is found by the event that issued its
// access key (AssumeRole and friends log the key in responseElements.credentials.accessKeyId).
// The record JSON is untrusted: every field is read with its type checked.
import type { Event } from '@aws-sdk/client-cloudtrail';

/** STS calls that issue temporary credentials, as CloudTrail names them. */
export const ISSUING_EVENT_NAMES = [
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetFederationToken',
] as const;
export type IssuingEventName = (typeof ISSUING_EVENT_NAMES)[number];

/** IAM Identity Center's roles: `AWSReservedSSO_<permission set>_<suffix>`, sessions named after the user. */
const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

/** Chained role sessions last at most an hour, others up to 12 hours (36 for GetFederationToken). */
const MAX_SESSION_MS = 36 * 3_600_000;
/** Slack around a session's creationDate, which some principals round. */
const CREATION_SLACK_MS = 60 * 60_000;

/** The parts of a userIdentity this module reads. */
export interface IdentityView {
  type?: string;
  arn?: string;
  principalId?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  /** The role behind a role session. */
  issuer?: { type?: string; arn?: string; userName?: string };
  /** The session name of a role session (the last part of its ARN). */
  sessionName?: string;
  sourceIdentity?: string;
  /** Epoch ms the session's credentials were issued. */
  creationDate?: number;
  /** The OIDC or SAML provider of a web-identity or SAML session. */
  federatedProvider?: string;
  identityProvider?: string;
  ec2RoleDelivery?: string;
  /** Identity Center user a call was made on behalf of. */
  onBehalfOf?: string;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function lastSegment(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : arn.slice(arn.lastIndexOf('/') + 1) || undefined;
}

const recordCache = new WeakMap<Event, Json>();

/** The event's record as an object ({} when it is not JSON). */
export function recordOf(event: Event): Json {
  const cached = recordCache.get(event);
  if (cached) return cached;
  let record: Json = {};
  try {
    record = object(JSON.parse(event.CloudTrailEvent ?? '{}')) ?? {};
  } catch {
    // Not JSON: nothing to read.
  }
  recordCache.set(event, record);
  return record;
}

/** The userIdentity of an event, as far as it is readable. */
export function identityOf(event: Event): IdentityView {
  const identity = object(recordOf(event)['userIdentity']) ?? {};
  const context = object(identity['sessionContext']);
  const issuer = object(context?.['sessionIssuer']);
  const attributes = object(context?.['attributes']);
  const web = object(context?.['webIdFederationData']);
  const created = text(attributes?.['creationDate']);
  const createdAt = created === undefined ? Number.NaN : Date.parse(created);
  const view: IdentityView = {
    type: text(identity['type']),
    arn: text(identity['arn']),
    principalId: text(identity['principalId']),
    accountId: text(identity['accountId']),
    accessKeyId: text(identity['accessKeyId']),
    userName: text(identity['userName']),
    invokedBy: text(identity['invokedBy']),
    sourceIdentity: text(context?.['sourceIdentity']),
    federatedProvider: text(web?.['federatedProvider']),
    identityProvider: text(identity['identityProvider']),
    ec2RoleDelivery: text(context?.['ec2RoleDelivery']),
    onBehalfOf: text(object(identity['onBehalfOf'])?.['userId']),
  };
  if (issuer)
    view.issuer = { type: text(issuer['type']), arn: text(issuer['arn']), userName: text(issuer['userName']) };
  if (view.type === 'AssumedRole' || view.type === 'FederatedUser') view.sessionName = lastSegment(view.arn);
  if (!Number.isNaN(createdAt)) view.creationDate = createdAt;
  return view;
}

/** The temporary access key an issuing event returned (responseElements.credentials.accessKeyId). */
export function issuedAccessKeyOf(event: Event): string | undefined {
  const response = object(recordOf(event)['responseElements']);
  return text(object(response?.['credentials'])?.['accessKeyId']);
}

/** The role an AssumeRole* event assumed (requestParameters.roleArn), if any. */
export function assumedRoleArnOf(event: Event): string | undefined {
  return text(object(recordOf(event)['requestParameters'])?.['roleArn']);
}

/** The session name an issuing event asked for. */
export function requestedSessionNameOf(event: Event): string | undefined {
  const request = object(recordOf(event)['requestParameters']);
  return text(request?.['roleSessionName']) ?? text(request?.['name']);
}

/** The name of an IAM Identity Center permission set behind an SSO role name, if it is one. */
export function permissionSetOf(roleName: string | undefined): string | undefined {
  return roleName === undefined ? undefined : SSO_ROLE.exec(roleName)?.[1];
}

/** One step of a principal chain, origin first. */
export type ChainStep =
  /** Who is behind it all: a person, a workload, an AWS service, or as far as the records go. */
  | {
      kind: 'origin';
      label: string;
      /** How it was established, in words. */
      basis: string;
    }
  /** A role session: the role, the session name, the key, and the event that issued it when found. */
  | {
      kind: 'session';
      roleName: string;
      roleArn?: string;
      sessionName: string;
      accessKeyId?: string;
      sourceIdentity?: string;
      /** The AssumeRole* or GetFederationToken event that issued the key. */
      issuedBy?: Event;
    }
  /** The event being explained. */
  | { kind: 'call'; event: Event };

/** What one search for an issuing event read. */
export interface IssuerSearch {
  accessKeyId: string;
  eventName: IssuingEventName;
  region: string;
  start: Date;
  end: Date;
  /** LookupEvents calls made and events read. */
  calls: number;
  scanned: number;
  /** Every event of the window was read (no NextToken left). */
  complete: boolean;
  found: boolean;
}

export interface IssuerLookup {
  event?: Event;
  searches: IssuerSearch[];
}

/**
 * Finds the event that issued `accessKeyId`, looking at the given event names between `start` and
 * `end` (LookupEvents by EventName, matching responseElements.credentials.accessKeyId).
 */
export type IssuerFinder = (request: {
  accessKeyId: string;
  eventNames: readonly IssuingEventName[];
  start: Date;
  end: Date;
  /** The region of the call the key was used for; STS logs global-endpoint calls in us-east-1. */
  region?: string;
}) => Promise<IssuerLookup>;

export interface PrincipalChain {
  /** Origin first, this call last. */
  steps: ChainStep[];
  /** Every search for an issuing event, so the page can say what was read. */
  searches: IssuerSearch[];
  /** Plain-language notes on what could not be established. */
  notes: string[];
  /** The origin is a person or workload named by the records, not a gap. */
  resolved: boolean;
}

/** At most this many hops are followed back; a longer chain is reported as cut. */
export const MAX_HOPS = 5;

/** Where a role session's issuing event must be: around its creationDate, or before the call. */
export function issuerWindow(identity: IdentityView, callTime: Date): { start: Date; end: Date } {
  const call = callTime.getTime();
  if (identity.creationDate !== undefined && identity.creationDate <= call)
    return {
      start: new Date(identity.creationDate - CREATION_SLACK_MS),
      end: new Date(Math.min(call, identity.creationDate + CREATION_SLACK_MS)),
    };
  return { start: new Date(call - MAX_SESSION_MS), end: callTime };
}

function issuingNamesFor(identity: IdentityView): IssuingEventName[] {
  if (identity.type === 'FederatedUser') return ['GetFederationToken'];
  if (identity.federatedProvider !== undefined) return ['AssumeRoleWithWebIdentity'];
  return ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'];
}

/** The origin an identity names by itself, without following keys; undefined for a role session to follow. */
function originOf(identity: IdentityView): ChainStep | undefined {
  const roleName = identity.issuer?.userName;
  const sso = permissionSetOf(roleName);
  switch (identity.type) {
    case 'AssumedRole':
      if (sso !== undefined && identity.sessionName !== undefined)
        return {
          kind: 'origin',
          label: identity.sessionName,
          basis: `IAM Identity Center user: an ${sso} permission-set session, named after the user`,
        };
      if (identity.federatedProvider !== undefined)
        return {
          kind: 'origin',
          label: identity.federatedProvider,
          basis: 'Web identity (OIDC) provider the session was federated from',
        };
      if (identity.ec2RoleDelivery !== undefined)
        return {
          kind: 'origin',
          label: identity.sessionName ?? 'EC2 instance',
          basis: 'EC2 instance profile: the session is named after the instance',
        };
      return undefined;
    case 'FederatedUser':
      return undefined;
    case 'IAMUser':
      return {
        kind: 'origin',
        label: identity.userName ?? identity.arn ?? 'IAM user',
        basis: 'IAM user with long-term credentials',
      };
    case 'Root':
      return { kind: 'origin', label: 'root', basis: 'The account root user' };
    case 'SAMLUser':
    case 'WebIdentityUser':
      return {
        kind: 'origin',
        label: identity.userName ?? 'federated user',
        basis: `Federated through ${identity.identityProvider ?? 'an identity provider'}`,
      };
    case 'IdentityCenterUser':
      return {
        kind: 'origin',
        label: identity.onBehalfOf ?? identity.userName ?? 'Identity Center user',
        basis: 'IAM Identity Center user',
      };
    case 'AWSService':
      return { kind: 'origin', label: identity.invokedBy ?? 'AWS service', basis: 'An AWS service' };
    default:
      return {
        kind: 'origin',
        label: identity.arn ?? identity.userName ?? 'unknown',
        basis: `Identity of type ${identity.type ?? 'unknown'}`,
      };
  }
}

function sessionStep(identity: IdentityView): ChainStep & { kind: 'session' } {
  const federated = identity.type === 'FederatedUser';
  const step: ChainStep & { kind: 'session' } = {
    kind: 'session',
    roleName: federated ? 'federated user' : (identity.issuer?.userName ?? lastSegment(identity.issuer?.arn) ?? '?'),
    sessionName: identity.sessionName ?? identity.principalId ?? '?',
  };
  if (!federated && identity.issuer?.arn !== undefined) step.roleArn = identity.issuer.arn;
  if (identity.accessKeyId !== undefined) step.accessKeyId = identity.accessKeyId;
  if (identity.sourceIdentity !== undefined) step.sourceIdentity = identity.sourceIdentity;
  return step;
}

/**
 * Follows an event's identity back to where it started: each role session's key to the event that
 * issued it, and that event's caller in turn, until a person or workload the records name.
 */
export async function resolvePrincipalChain(event: Event, findIssuer: IssuerFinder): Promise<PrincipalChain> {
  const steps: ChainStep[] = [{ kind: 'call', event }];
  const searches: IssuerSearch[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  let current = event;
  for (let hop = 0; ; hop++) {
    const identity = identityOf(current);
    const regionValue = text(recordOf(current)['awsRegion']);
    const session = identity.type === 'AssumedRole' || identity.type === 'FederatedUser';
    const origin = originOf(identity);
    if (session) steps.unshift(sessionStep(identity));
    if (origin !== undefined) {
      steps.unshift(origin);
      return { steps, searches, notes, resolved: true };
    }
    const key = identity.accessKeyId;
    const time = current.EventTime;
    if (key === undefined || time === undefined) {
      notes.push('The record names no access key, so the session cannot be followed further.');
      break;
    }
    if (seen.has(key)) {
      notes.push(`Access key ${key} came up twice; stopped to avoid a loop.`);
      break;
    }
    seen.add(key);
    if (hop >= MAX_HOPS) {
      notes.push(`Stopped after ${String(MAX_HOPS)} hops.`);
      break;
    }
    const window = issuerWindow(identity, time);
    const lookup = await findIssuer({
      accessKeyId: key,
      eventNames: issuingNamesFor(identity),
      ...window,
      ...(regionValue === undefined ? {} : { region: regionValue }),
    });
    searches.push(...lookup.searches);
    const issuing = lookup.event;
    if (issuing === undefined) {
      const partial = lookup.searches.some((search) => !search.complete);
      notes.push(
        `No event issuing access key ${key} was found` +
          (partial ? ' in the part of the window read.' : '.') +
          ' It may be older than 90 days, in another account or region, or issued outside STS.',
      );
      break;
    }
    const first = steps[0];
    if (first?.kind === 'session') first.issuedBy = issuing;
    current = issuing;
  }
  // The chain ends in a gap: the earliest session (or the call) is as far as the records go.
  const identity = identityOf(current);
  const sourceIdentity = steps.find((step) => step.kind === 'session' && step.sourceIdentity !== undefined);
  if (sourceIdentity?.kind === 'session' && sourceIdentity.sourceIdentity !== undefined) {
    steps.unshift({
      kind: 'origin',
      label: sourceIdentity.sourceIdentity,
      basis: 'Source identity set when the first role was assumed; it stays with every chained session',
    });
    return { steps, searches, notes, resolved: true };
  }
  steps.unshift({
    kind: 'origin',
    label: identity.arn ?? identity.accessKeyId ?? 'unknown',
    basis: 'As far as the records go',
  });
  return { steps, searches, notes, resolved: false };
}

/** A session an issuing event opened, and for whom. */
export interface IssuedSession {
  accessKeyId: string;
  /** The event that issued it. */
  event: Event;
  roleArn?: string;
  sessionName?: string;
  /** The caller's key, when it was itself a session (a chain). */
  callerAccessKeyId?: string;
}

function matchesName(value: string | undefined, wanted: string): boolean {
  return value !== undefined && value.toLowerCase() === wanted;
}

/** Whether an identity is the principal asked for: its user name, session name, source identity, role or ARN. */
export function identityMatches(identity: IdentityView, principal: string): boolean {
  const wanted = principal.trim().toLowerCase();
  if (wanted === '') return false;
  return (
    matchesName(identity.userName, wanted) ||
    matchesName(identity.sessionName, wanted) ||
    matchesName(identity.sourceIdentity, wanted) ||
    matchesName(identity.arn, wanted) ||
    matchesName(identity.issuer?.userName, wanted) ||
    matchesName(identity.issuer?.arn, wanted) ||
    matchesName(identity.onBehalfOf, wanted)
  );
}

/**
 * The sessions issued to a principal (a person's user name or email, a role name or ARN) among
 * issuing events, including sessions opened from those sessions (role chains), oldest first.
 * `ownKeys` are the principal's own access keys seen as callers (an SSO session's key, say).
 */
export function sessionsIssuedTo(
  events: readonly Event[],
  principal: string,
): { sessions: IssuedSession[]; ownKeys: string[] } {
  const wanted = principal.trim().toLowerCase();
  const ordered = [...events].sort((a, b) => (a.EventTime?.getTime() ?? 0) - (b.EventTime?.getTime() ?? 0));
  const keys = new Set<string>();
  const ownKeys = new Set<string>();
  const sessions: IssuedSession[] = [];
  for (const event of ordered) {
    const issued = issuedAccessKeyOf(event);
    if (issued === undefined || keys.has(issued)) continue;
    const caller = identityOf(event);
    const roleArn = assumedRoleArnOf(event);
    const byPrincipal = identityMatches(caller, principal);
    const fromSession = caller.accessKeyId !== undefined && keys.has(caller.accessKeyId);
    const ofRole = roleArn !== undefined && (matchesName(roleArn, wanted) || matchesName(lastSegment(roleArn), wanted));
    if (!byPrincipal && !fromSession && !ofRole) continue;
    if (byPrincipal && caller.accessKeyId !== undefined) ownKeys.add(caller.accessKeyId);
    keys.add(issued);
    const session: IssuedSession = { accessKeyId: issued, event };
    if (roleArn !== undefined) session.roleArn = roleArn;
    const name = requestedSessionNameOf(event);
    if (name !== undefined) session.sessionName = name;
    if (fromSession && caller.accessKeyId !== undefined) session.callerAccessKeyId = caller.accessKeyId;
    sessions.push(session);
  }
  return { sessions, ownKeys: [...ownKeys] };
}
