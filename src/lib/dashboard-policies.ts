// The resource-policy statements a Lake dashboard needs (mocks/emulator/SEMANTICS.md §18.8, §18.11,
// §18.14): on each event data store its widgets read, a statement letting CloudTrail run
// cloudtrail:StartQuery for the dashboard; on the dashboard, when it refreshes on a schedule, one
// letting CloudTrail call cloudtrail:StartDashboardRefresh. The console merges the store statement
// into a store's existing policy, as the AWS console does, instead of replacing the policy.

const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';
const START_QUERY = 'cloudtrail:StartQuery';
const START_DASHBOARD_REFRESH = 'cloudtrail:StartDashboardRefresh';
const SOURCE_ARN = 'AWS:SourceArn';
const SOURCE_ACCOUNT = 'AWS:SourceAccount';

/** The account of an ARN (`arn:aws:cloudtrail:<region>:<account>:...`); '' when it has none. */
export function accountOfArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The region of an ARN; '' when it has none. */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}

/** The ARN a dashboard has, or will have once created, in a region and account. */
export function dashboardArnFor(region: string, account: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${account}:dashboard/${name}`;
}

type Statement = Record<string, unknown>;

/** The statement a store's policy needs for a dashboard's widget queries. */
export function storeStatementFor(storeArn: string, dashboardArn: string): Statement {
  return {
    Sid: 'CloudTrailDashboardQueries',
    Effect: 'Allow',
    Principal: { Service: CLOUDTRAIL_SERVICE },
    Action: START_QUERY,
    Resource: storeArn,
    Condition: {
      StringEquals: { [SOURCE_ARN]: dashboardArn, [SOURCE_ACCOUNT]: accountOfArn(dashboardArn) },
    },
  };
}

/** The dashboard's own policy: CloudTrail may start its scheduled refreshes. */
export function dashboardPolicyFor(dashboardArn: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: CLOUDTRAIL_SERVICE },
          Action: START_DASHBOARD_REFRESH,
          Condition: {
            StringEquals: { [SOURCE_ARN]: dashboardArn, [SOURCE_ACCOUNT]: accountOfArn(dashboardArn) },
          },
        },
      ],
    },
    null,
    2,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or a list of strings as a list; anything else as none. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Whether a statement is an Allow of `action` to CloudTrail alone, the kind a dashboard's statements are. */
function allowsCloudTrail(statement: unknown, action: string): statement is Statement {
  if (!isObject(statement) || statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  const services = isObject(principal) ? strings(principal.Service) : [];
  const actions = strings(statement.Action).map((name) => name.toLowerCase());
  return services.length === 1 && services[0] === CLOUDTRAIL_SERVICE && actions.includes(action.toLowerCase());
}

/** The `AWS:SourceArn` values of a statement's StringEquals, whatever the key's case. */
function sourceArnsOf(statement: Statement): { key: string; arns: string[] } | undefined {
  const condition = statement.Condition;
  const equals = isObject(condition) ? condition.StringEquals : undefined;
  if (!isObject(equals)) return undefined;
  const key = Object.keys(equals).find((name) => name.toLowerCase() === SOURCE_ARN.toLowerCase());
  return key === undefined ? undefined : { key, arns: strings(equals[key]) };
}

/** What merging the dashboard's statement does to a store's policy. */
export interface StorePolicyChange {
  /** The policy to put; undefined when the store's policy already grants it. */
  next: string | undefined;
  /** How the change reads in the permissions step. */
  summary: string;
}

/**
 * The store's policy with the dashboard's StartQuery statement merged in: nothing to do when a
 * statement already allows the dashboard; the dashboard's ARN added to an existing CloudTrail
 * StartQuery statement's `AWS:SourceArn`; else the statement appended. A policy that is not a JSON
 * object throws, so nothing replaces a policy the console cannot read.
 */
export function mergeStoreStatement(current: string | null, storeArn: string, dashboardArn: string): StorePolicyChange {
  const statement = storeStatementFor(storeArn, dashboardArn);
  if (current === null || current.trim() === '')
    return {
      next: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2),
      summary: 'A new resource policy with this statement.',
    };
  let policy: unknown;
  try {
    policy = JSON.parse(current);
  } catch {
    throw new Error(`The resource policy of ${storeArn} is not valid JSON; change it on the store first.`);
  }
  if (!isObject(policy)) throw new Error(`The resource policy of ${storeArn} is not a JSON object.`);
  const existing = policy.Statement;
  const list: unknown[] = Array.isArray(existing)
    ? [...(existing as unknown[])]
    : existing === undefined
      ? []
      : [existing];
  for (const [index, item] of list.entries()) {
    if (!allowsCloudTrail(item, START_QUERY)) continue;
    const sources = sourceArnsOf(item);
    if (sources === undefined) {
      // No SourceArn condition: CloudTrail may already run queries for any dashboard.
      if (item.Condition === undefined) return { next: undefined, summary: 'Already allowed by its resource policy.' };
      continue;
    }
    if (sources.arns.includes(dashboardArn))
      return { next: undefined, summary: 'Already allowed by its resource policy.' };
    const condition = item.Condition as Record<string, Record<string, unknown>>;
    list[index] = {
      ...item,
      Condition: {
        ...condition,
        StringEquals: { ...condition.StringEquals, [sources.key]: [...sources.arns, dashboardArn] },
      },
    };
    return {
      next: JSON.stringify({ ...policy, Statement: list }, null, 2),
      summary: 'The dashboard is added to the CloudTrail statement of its resource policy.',
    };
  }
  return {
    next: JSON.stringify({ ...policy, Statement: [...list, statement] }, null, 2),
    summary: 'This statement is added to its resource policy.',
  };
}

/**
 * Whether a dashboard's resource policy lets CloudTrail start its scheduled refreshes: an Allow of
 * StartDashboardRefresh to CloudTrail, unconditioned or conditioned on this dashboard's ARN. An
 * unreadable policy grants nothing.
 */
export function grantsScheduledRefresh(policy: string | null, dashboardArn: string): boolean {
  if (policy === null) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    return false;
  }
  if (!isObject(parsed)) return false;
  const statements: unknown[] = Array.isArray(parsed.Statement) ? (parsed.Statement as unknown[]) : [parsed.Statement];
  return statements.some(
    (statement) =>
      allowsCloudTrail(statement, START_DASHBOARD_REFRESH) &&
      (statement.Condition === undefined || (sourceArnsOf(statement)?.arns.includes(dashboardArn) ?? false)),
  );
}
