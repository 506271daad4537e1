import { expect, test } from 'vitest';
import {
  accountOfArn,
  dashboardArnFor,
  dashboardPolicyFor,
  grantsScheduledRefresh,
  mergeStoreStatement,
} from './dashboard-policies';

const STORE = 'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/eds-1';
const DASHBOARD = dashboardArnFor('us-east-1', '123456789012', 'ops');
const OTHER = dashboardArnFor('us-east-1', '123456789012', 'other');

const cloudTrailStatement = (condition?: object) => ({
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: ['cloudtrail:StartQuery'],
  ...(condition ? { Condition: condition } : {}),
});

test('the dashboard ARN and its account', () => {
  expect(DASHBOARD).toBe('arn:aws:cloudtrail:us-east-1:123456789012:dashboard/ops');
  expect(accountOfArn(STORE)).toBe('123456789012');
  expect(JSON.parse(dashboardPolicyFor(DASHBOARD))).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'cloudtrail:StartDashboardRefresh',
        Condition: { StringEquals: { 'AWS:SourceArn': DASHBOARD, 'AWS:SourceAccount': '123456789012' } },
      },
    ],
  });
});

test('a store without a policy gets one with the statement', () => {
  const change = mergeStoreStatement(null, STORE, DASHBOARD);
  expect(JSON.parse(change.next ?? '')).toMatchObject({
    Statement: [
      { Action: 'cloudtrail:StartQuery', Resource: STORE, Condition: { StringEquals: { 'AWS:SourceArn': DASHBOARD } } },
    ],
  });
});

test('the dashboard joins an existing CloudTrail StartQuery statement, other statements kept', () => {
  const other = {
    Sid: 'Mine',
    Effect: 'Allow',
    Principal: { AWS: '123456789012' },
    Action: 'cloudtrail:GetQueryResults',
  };
  const current = JSON.stringify({
    Version: '2012-10-17',
    Statement: [other, cloudTrailStatement({ StringEquals: { 'aws:SourceArn': OTHER } })],
  });
  const next = JSON.parse(mergeStoreStatement(current, STORE, DASHBOARD).next ?? '') as { Statement: unknown[] };
  expect(next.Statement).toEqual([
    other,
    cloudTrailStatement({ StringEquals: { 'aws:SourceArn': [OTHER, DASHBOARD] } }),
  ]);
});

test('nothing changes when the policy already allows the dashboard, or any dashboard', () => {
  const named = JSON.stringify({ Statement: cloudTrailStatement({ StringEquals: { 'AWS:SourceArn': [DASHBOARD] } }) });
  expect(mergeStoreStatement(named, STORE, DASHBOARD).next).toBeUndefined();
  const open = JSON.stringify({ Statement: [cloudTrailStatement()] });
  expect(mergeStoreStatement(open, STORE, DASHBOARD).next).toBeUndefined();
});

test('a Deny or another service’s statement is left alone: the statement is appended', () => {
  const deny = { ...cloudTrailStatement(), Effect: 'Deny' };
  const next = JSON.parse(mergeStoreStatement(JSON.stringify({ Statement: deny }), STORE, DASHBOARD).next ?? '') as {
    Statement: { Effect: string }[];
  };
  expect(next.Statement.map((statement) => statement.Effect)).toEqual(['Deny', 'Allow']);
});

test('a policy the console cannot read is not replaced', () => {
  expect(() => mergeStoreStatement('not json', STORE, DASHBOARD)).toThrow(/not valid JSON/);
  expect(() => mergeStoreStatement('[1]', STORE, DASHBOARD)).toThrow(/not a JSON object/);
});

test('a dashboard policy grants scheduled refreshes only to CloudTrail, for this dashboard', () => {
  expect(grantsScheduledRefresh(dashboardPolicyFor(DASHBOARD), DASHBOARD)).toBe(true);
  expect(grantsScheduledRefresh(dashboardPolicyFor(OTHER), DASHBOARD)).toBe(false);
  expect(grantsScheduledRefresh(null, DASHBOARD)).toBe(false);
  expect(grantsScheduledRefresh('{not json', DASHBOARD)).toBe(false);
  const unconditioned = {
    Statement: { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'cloudtrail:*' },
  };
  expect(grantsScheduledRefresh(JSON.stringify(unconditioned), DASHBOARD)).toBe(false);
  const denied = JSON.parse(dashboardPolicyFor(DASHBOARD)) as { Statement: { Effect: string }[] };
  for (const statement of denied.Statement) statement.Effect = 'Deny';
  expect(grantsScheduledRefresh(JSON.stringify(denied), DASHBOARD)).toBe(false);
});
