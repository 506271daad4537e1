import type { Event } from '@aws-sdk/client-cloudtrail';
import { describe, expect, test } from 'vitest';
import {
  identityOf,
  issuedAccessKeyOf,
  issuerWindow,
  resolvePrincipalChain,
  sessionsIssuedTo,
  type IssuerFinder,
} from './principal-chain';

const ACCOUNT = '123456789012';
const SSO_ROLE = 'AWSReservedSSO_AdministratorAccess_3f2a1b6c9d8e7f01';

function roleSession(role: string, session: string, key: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    accessKeyId: key,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        accountId: ACCOUNT,
        userName: role,
      },
      attributes: { creationDate: '2025-05-29T10:00:00Z', mfaAuthenticated: 'false' },
      ...extra,
    },
  };
}

function eventOf(
  id: string,
  time: string,
  name: string,
  userIdentity: unknown,
  more: Record<string, unknown> = {},
): Event {
  return {
    EventId: id,
    EventName: name,
    EventTime: new Date(time),
    CloudTrailEvent: JSON.stringify({
      eventName: name,
      eventTime: time,
      awsRegion: 'us-east-1',
      userIdentity,
      ...more,
    }),
  };
}

function assumeRole(id: string, time: string, caller: unknown, role: string, session: string, issued: string): Event {
  return eventOf(id, time, 'AssumeRole', caller, {
    requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, roleSessionName: session },
    responseElements: { credentials: { accessKeyId: issued } },
  });
}

const sso = roleSession(SSO_ROLE, 'maria.garcia@example.com', 'ASIASSO');
const issuing = assumeRole('e-assume', '2025-05-29T10:00:00Z', sso, 'terraform-admin', 'tf-cleanup', 'ASIACHAIN');
const deletion = eventOf(
  'e-delete',
  '2025-05-29T10:01:00Z',
  'DeleteBucket',
  roleSession('terraform-admin', 'tf-cleanup', 'ASIACHAIN'),
);

/** A finder over a fixed list of events, recording what it was asked. */
function finderOver(events: Event[], asked: string[] = []): IssuerFinder {
  return (request) => {
    asked.push(request.accessKeyId);
    const found = events.find((event) => issuedAccessKeyOf(event) === request.accessKeyId);
    const search = {
      accessKeyId: request.accessKeyId,
      eventName: 'AssumeRole' as const,
      region: 'us-east-1',
      start: request.start,
      end: request.end,
      calls: 1,
      scanned: events.length,
      complete: true,
      found: found !== undefined,
    };
    return Promise.resolve(found === undefined ? { searches: [search] } : { event: found, searches: [search] });
  };
}

describe('identityOf', () => {
  test('reads a role session: role, session name, key and creation time', () => {
    const identity = identityOf(deletion);
    expect(identity).toMatchObject({
      type: 'AssumedRole',
      sessionName: 'tf-cleanup',
      accessKeyId: 'ASIACHAIN',
      issuer: { userName: 'terraform-admin' },
      creationDate: Date.parse('2025-05-29T10:00:00Z'),
    });
  });

  test('reads nothing from a record that is not JSON', () => {
    expect(identityOf({ CloudTrailEvent: 'not json' })).toEqual(expect.objectContaining({ type: undefined }));
  });
});

describe('resolvePrincipalChain', () => {
  test('follows a role chain back to the SSO user behind it', async () => {
    const asked: string[] = [];
    const chain = await resolvePrincipalChain(deletion, finderOver([issuing], asked));
    expect(chain.resolved).toBe(true);
    expect(asked).toEqual(['ASIACHAIN']);
    expect(chain.steps.map((step) => step.kind)).toEqual(['origin', 'session', 'session', 'call']);
    const [origin, first, second] = chain.steps;
    expect(origin).toMatchObject({ kind: 'origin', label: 'maria.garcia@example.com' });
    expect(first).toMatchObject({ kind: 'session', roleName: SSO_ROLE, sessionName: 'maria.garcia@example.com' });
    expect(second).toMatchObject({
      kind: 'session',
      roleName: 'terraform-admin',
      sessionName: 'tf-cleanup',
      issuedBy: issuing,
    });
  });

  test('an IAM user acting directly is its own origin, with nothing to look up', async () => {
    const asked: string[] = [];
    const direct = eventOf('e1', '2025-05-29T10:00:00Z', 'DeleteBucket', {
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCOUNT}:user/dev-jordan`,
      accessKeyId: 'AKIADEV',
      userName: 'dev-jordan',
    });
    const chain = await resolvePrincipalChain(direct, finderOver([], asked));
    expect(asked).toEqual([]);
    expect(chain.steps.map((step) => step.kind)).toEqual(['origin', 'call']);
    expect(chain.steps[0]).toMatchObject({ label: 'dev-jordan' });
    expect(chain.steps[0]?.kind === 'origin' ? chain.steps[0].basis : '').toContain('IAM user');
  });

  test('a session assumed by an IAM user leads to that user', async () => {
    const user = {
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCOUNT}:user/admin`,
      accessKeyId: 'AKIAADMIN',
      userName: 'admin',
    };
    const issued = assumeRole('e0', '2025-05-29T09:59:00Z', user, 'readonly-auditor', 'audit', 'ASIAAUDIT');
    const call = eventOf(
      'e1',
      '2025-05-29T10:05:00Z',
      'ListBuckets',
      roleSession('readonly-auditor', 'audit', 'ASIAAUDIT'),
    );
    const chain = await resolvePrincipalChain(call, finderOver([issued]));
    expect(chain.steps[0]).toMatchObject({ kind: 'origin', label: 'admin' });
    expect(chain.steps[1]).toMatchObject({ kind: 'session', roleName: 'readonly-auditor', issuedBy: issued });
  });

  test('a web-identity session names its provider', async () => {
    const ci = roleSession('github-actions-deploy', 'GitHubActions', 'ASIACI', {
      webIdFederationData: {
        federatedProvider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      },
    });
    const chain = await resolvePrincipalChain(eventOf('e', '2025-05-29T10:05:00Z', 'RunInstances', ci), finderOver([]));
    expect(chain.steps[0]?.kind === 'origin' ? chain.steps[0].label : '').toContain(
      'token.actions.githubusercontent.com',
    );
    expect(chain.resolved).toBe(true);
  });

  test('says when the issuing event is not found, and keeps the source identity as the origin', async () => {
    const call = eventOf(
      'e',
      '2025-05-29T10:05:00Z',
      'PutObject',
      roleSession('deploy', 'job', 'ASIAGONE', { sourceIdentity: 'sam@example.com' }),
    );
    const chain = await resolvePrincipalChain(call, finderOver([]));
    expect(chain.notes.join(' ')).toContain('No event issuing access key ASIAGONE was found');
    expect(chain.steps[0]).toMatchObject({ kind: 'origin', label: 'sam@example.com' });
    expect(chain.searches).toHaveLength(1);
  });

  test('an unresolved chain without source identity ends "as far as the records go"', async () => {
    const call = eventOf('e', '2025-05-29T10:05:00Z', 'PutObject', roleSession('deploy', 'job', 'ASIAGONE'));
    const chain = await resolvePrincipalChain(call, finderOver([]));
    expect(chain.resolved).toBe(false);
    expect(chain.steps[0]).toMatchObject({ kind: 'origin', basis: 'As far as the records go' });
  });
});

test('the issuing event is looked for around the session creation, never after the call', () => {
  const window = issuerWindow(identityOf(deletion), new Date('2025-05-29T10:01:00Z'));
  expect(window.start.toISOString()).toBe('2025-05-29T09:00:00.000Z');
  expect(window.end.toISOString()).toBe('2025-05-29T10:01:00.000Z');
});

describe('sessionsIssuedTo', () => {
  test("finds a person's sessions, chained ones included, and the person's own key", () => {
    const chained = assumeRole(
      'e2',
      '2025-05-29T10:10:00Z',
      roleSession('terraform-admin', 'tf-cleanup', 'ASIACHAIN'),
      'readonly-auditor',
      'peek',
      'ASIAPEEK',
    );
    const other = assumeRole(
      'e3',
      '2025-05-29T10:20:00Z',
      { type: 'IAMUser', userName: 'admin', accessKeyId: 'AKIAADMIN' },
      'terraform-admin',
      'x',
      'ASIAOTHER',
    );
    const { sessions, ownKeys } = sessionsIssuedTo([chained, other, issuing], 'Maria.Garcia@example.com');
    expect(sessions.map((session) => session.accessKeyId)).toEqual(['ASIACHAIN', 'ASIAPEEK']);
    expect(sessions[1]?.callerAccessKeyId).toBe('ASIACHAIN');
    expect(ownKeys).toEqual(['ASIASSO']);
  });

  test('finds every session of a role by its name', () => {
    const other = assumeRole(
      'e3',
      '2025-05-29T10:20:00Z',
      { type: 'IAMUser', userName: 'admin', accessKeyId: 'AKIAADMIN' },
      'terraform-admin',
      'x',
      'ASIAOTHER',
    );
    const { sessions } = sessionsIssuedTo([issuing, other], 'terraform-admin');
    expect(sessions.map((session) => session.sessionName)).toEqual(['tf-cleanup', 'x']);
  });
});
