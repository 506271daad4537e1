// The content of the managed dashboards (SEMANTICS.md §18.12): the 14 built-ins and the
// Highlights' widgets. Every statement reads `FROM ?` (the `$EventDataStoreId$` parameter) and is
// bounded by `eventTime > '?' AND eventTime < '?'` (`$StartTime$`, `$EndTime$`); trends put
// `$Period$` first. Apart from the Overview's four documented samples, the statements come from
// three templates: Top/Count (tables, bars, pies), Trend (lines) and Recent (tables of events).

/** A widget as CreateDashboard takes it (model shape RequestWidget). */
export interface RequestWidgetDefinition {
  QueryStatement: string;
  QueryParameters?: string[];
  ViewProperties: Record<string, string>;
}

/** The kind of event data store a managed dashboard reads (its store picker offers only these). */
export type ManagedStoreKind =
  'management' | 'data' | 'lambda-data' | 'dynamodb-data' | 's3-data' | 'insights' | 'organization';

/** A built-in managed dashboard: its name, the store kind it reads and its widgets, in order. */
export interface ManagedDashboard {
  name: string;
  storeKind: ManagedStoreKind;
  widgets: readonly RequestWidgetDefinition[];
}

type View = 'Table' | 'LineChart' | 'PieChart' | 'BarChart';

/** A column of a Top/Count widget: an expression and the name it is shown under. */
type Dimension = readonly [expression: string, name: string];

// Layout (§18.14: a 12-column grid): charts and counts take half a row, lists of events a full row.
const HEIGHT = '2';
const HALF_WIDTH = '6';
const FULL_WIDTH = '12';

const WINDOW = `FROM ? WHERE eventTime > '?' AND eventTime < '?'`;
const WINDOW_PARAMETERS = ['$EventDataStoreId$', '$StartTime$', '$EndTime$'];

function view(title: string, type: View, columns: Record<string, string> = {}, width = HALF_WIDTH) {
  return { Height: HEIGHT, Width: width, Title: title, View: type, ...columns };
}

/** ` AND (a) AND (b)` for the filters given; nothing when there are none. */
function and(...filters: (string | undefined)[]): string {
  return filters
    .filter((filter): filter is string => filter !== undefined)
    .map((filter) => ` AND (${filter})`)
    .join('');
}

/**
 * Top/Count: the ten most frequent values of the dimensions among the events matching the filter
 * (events without a value are left out), most frequent first, ties by value so that every engine
 * returns the same ten. Bars and pies label with the first dimension.
 */
function top(
  title: string,
  type: 'Table' | 'BarChart' | 'PieChart',
  dimensions: readonly Dimension[],
  filter?: string,
): RequestWidgetDefinition {
  const select = dimensions.map(([expression, name]) => (expression === name ? name : `${expression} AS ${name}`));
  const names = dimensions.map(([, name]) => name);
  const present = dimensions.map(([expression]) => `${expression} IS NOT NULL`).join(' AND ');
  const groups = dimensions.map(([expression]) => expression).join(', ');
  const name = names[0] ?? '';
  const chart = { LabelColumn: name, ValueColumn: 'eventCount', FilterColumn: name };
  return {
    QueryStatement:
      `SELECT ${select.join(', ')}, COUNT(*) AS eventCount ${WINDOW}${and(filter, present)} ` +
      `GROUP BY ${groups} ORDER BY eventCount DESC, ${names.join(', ')} LIMIT 10`,
    QueryParameters: [...WINDOW_PARAMETERS],
    ViewProperties: view(
      title,
      type,
      type === 'Table' ? {} : type === 'BarChart' ? { ...chart, Orientation: 'Horizontal' } : chart,
    ),
  };
}

/** Trend: events matching the filter per period, one line per value of the series if there is one. */
function trend(title: string, filter?: string, series?: Dimension): RequestWidgetDefinition {
  const axes = { XAxisColumn: 'eventDate', YAxisColumn: 'eventCount' };
  const head = `SELECT DATE_TRUNC('?', eventTime) AS eventDate`;
  return {
    QueryStatement:
      series === undefined
        ? `${head}, COUNT(*) AS eventCount ${WINDOW}${and(filter)} GROUP BY 1 ORDER BY 1`
        : `${head}, ${series[0]} AS ${series[1]}, COUNT(*) AS eventCount ${WINDOW}${and(filter)} ` +
          `GROUP BY 1, 2 ORDER BY 1, 2`,
    QueryParameters: ['$Period$', ...WINDOW_PARAMETERS],
    ViewProperties: view(title, 'LineChart', series === undefined ? axes : { ...axes, FilterColumn: series[1] }),
  };
}

const RECENT_COLUMNS = 'eventTime, eventName, userIdentity.arn AS userArn, sourceIPAddress, awsRegion';

/** Recent: the 50 latest events matching the filter (ties by event ID). */
function recent(title: string, filter?: string, columns = RECENT_COLUMNS): RequestWidgetDefinition {
  return {
    QueryStatement: `SELECT ${columns} ${WINDOW}${and(filter)} ORDER BY eventTime DESC, eventID LIMIT 50`,
    QueryParameters: [...WINDOW_PARAMETERS],
    ViewProperties: view(title, 'Table', {}, FULL_WIDTH),
  };
}

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
const oneOf = (values: readonly string[]) => `eventName IN (${quoted(values)})`;
const service = (name: string) => `eventSource = '${name}.amazonaws.com'`;
const all = (...filters: string[]) => filters.map((filter) => `(${filter})`).join(' AND ');

// The filters of §18.12.
const ERROR = 'errorCode IS NOT NULL';
const ACCESS_DENIED = `errorCode IN (${quoted(['AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation'])})`;
const THROTTLED = `errorCode IN (${quoted(['ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException', 'SlowDown'])})`;
const DELETION = `eventName LIKE 'Delete%' OR eventName LIKE 'Terminate%' OR eventName LIKE 'Remove%'`;
const DESTRUCTIVE = `readOnly = false AND (${DELETION})`;
const CREATION = `eventName LIKE 'Create%' OR eventName = 'RunInstances'`;
const ROOT = `userIdentity.type = 'Root'`;
const CROSS_ACCOUNT = 'userIdentity.accountId <> recipientAccountId';
const CONSOLE = `sessionCredentialFromConsole = 'true'`;
const OUTDATED_TLS = `tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')`;
const PUBLIC_INGRESS = `eventName = 'AuthorizeSecurityGroupIngress' AND element_at(requestParameters, 'ipPermissions') LIKE '%0.0.0.0/0%'`;
const CLOUDTRAIL_DISABLING = oneOf([
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'StopEventDataStoreIngestion',
  'DeleteEventDataStore',
]);
const CONSOLE_LOGIN = `eventName = 'ConsoleLogin'`;
const FAILED_CONSOLE_LOGIN = `${CONSOLE_LOGIN} AND element_at(responseElements, 'ConsoleLogin') = 'Failure'`;
const DATA = `eventCategory = 'Data'`;
const WRITE = 'readOnly = false';
const IAM = service('iam');
const IAM_POLICY_CHANGE = all(IAM, WRITE, `eventName LIKE '%Policy%'`);
const EC2 = service('ec2');
const ORGANIZATIONS = service('organizations');
const INVOKE = all(DATA, service('lambda'), `eventName = 'Invoke'`);

// Dimensions and series.
const USER: Dimension = ['userIdentity.arn', 'userArn'];
const EVENT_NAME: Dimension = ['eventName', 'eventName'];
const ERROR_CODE: Dimension = ['errorCode', 'errorCode'];
const REGION: Dimension = ['awsRegion', 'awsRegion'];
const SOURCE_IP: Dimension = ['sourceIPAddress', 'sourceIPAddress'];
const SERVICE: Dimension = [`REPLACE(eventSource, '.amazonaws.com')`, 'service'];
const ACCOUNT: Dimension = ['recipientAccountId', 'accountId'];
const OUTCOME: Dimension = [`IF(errorCode IS NULL, 'success', 'failure')`, 'outcome'];
const READ_WRITE: Dimension = [`IF(readOnly, 'read', 'write')`, 'readOnly'];
const SIGN_IN_RESULT: Dimension = [`element_at(responseElements, 'ConsoleLogin')`, 'result'];
const MFA: Dimension = [`IF(element_at(additionalEventData, 'MFAUsed') = 'Yes', 'MFA', 'Non-MFA')`, 'mfaUsed'];
const REQUEST = (key: string, name = key): Dimension => [`element_at(requestParameters, '${key}')`, name];
const INSIGHT = (key: string, name = key): Dimension => [`element_at(insightDetails, '${key}')`, name];
const INSIGHT_CONTEXT = `element_at(insightDetails, 'insightContext')`;

/**
 * The Overview's first four widgets: the documented widget samples (SEMANTICS.md §18.12), unchanged
 * but for `FROM ?` in place of the guide's stand-in store name.
 */
const OVERVIEW_SAMPLES = {
  accountActivity: {
    QueryStatement:
      `SELECT DATE_TRUNC('?', eventTime) AS eventDate, IF(readOnly, 'read', 'write') AS readOnly, COUNT(*) as eventCount ` +
      `FROM ? WHERE eventTime > '?' AND eventTime < '?' GROUP BY DATE_TRUNC('?', eventTime), readOnly ` +
      `ORDER BY DATE_TRUNC('?', eventTime), readOnly`,
    QueryParameters: ['$Period$', '$EventDataStoreId$', '$StartTime$', '$EndTime$', '$Period$', '$Period$'],
    ViewProperties: view('Account activity', 'LineChart', {
      YAxisColumn: 'eventCount',
      XAxisColumn: 'eventDate',
      FilterColumn: 'readOnly',
    }),
  },
  topErrors: {
    QueryStatement:
      `SELECT errorCode, COUNT(*) AS eventCount FROM ? WHERE eventTime > '?' AND eventTime < '?' ` +
      `AND (errorCode is not null) GROUP BY errorCode ORDER BY eventCount DESC LIMIT 100`,
    QueryParameters: [...WINDOW_PARAMETERS],
    ViewProperties: view('Top errors', 'Table'),
  },
  mostActiveRegions: {
    QueryStatement:
      `SELECT awsRegion, COUNT(*) AS eventCount FROM ? where eventTime > '?' and eventTime < '?' ` +
      `GROUP BY awsRegion ORDER BY eventCount LIMIT 100`,
    QueryParameters: [...WINDOW_PARAMETERS],
    ViewProperties: view('Most active regions', 'PieChart', {
      LabelColumn: 'awsRegion',
      ValueColumn: 'eventCount',
      FilterColumn: 'awsRegion',
    }),
  },
  topServices: {
    QueryStatement:
      `SELECT REPLACE(eventSource, '.amazonaws.com') AS service, COUNT(*) AS eventCount FROM ? ` +
      `WHERE eventTime > '?' AND eventTime < '?' GROUP BY eventSource ORDER BY eventCount DESC LIMIT 100`,
    QueryParameters: [...WINDOW_PARAMETERS],
    ViewProperties: view('Top services', 'BarChart', {
      LabelColumn: 'service',
      ValueColumn: 'eventCount',
      FilterColumn: 'service',
      Orientation: 'Horizontal',
    }),
  },
} satisfies Record<string, RequestWidgetDefinition>;

/** The 14 built-in dashboards, by name (§18.12). */
export const MANAGED_DASHBOARDS: readonly ManagedDashboard[] = [
  {
    name: 'AWSCloudTrail-Overview',
    storeKind: 'management',
    widgets: [
      OVERVIEW_SAMPLES.accountActivity,
      OVERVIEW_SAMPLES.topErrors,
      OVERVIEW_SAMPLES.mostActiveRegions,
      OVERVIEW_SAMPLES.topServices,
      top('Most throttled events', 'Table', [EVENT_NAME], THROTTLED),
      top('Top users', 'Table', [USER]),
    ],
  },
  {
    name: 'AWSCloudTrail-ManagementEvents',
    storeKind: 'management',
    widgets: [
      top('Top access denied events', 'Table', [EVENT_NAME], ACCESS_DENIED),
      top('Top errors by user', 'Table', [USER, ERROR_CODE], ERROR),
      trend('Console sign-in events', CONSOLE_LOGIN, SIGN_IN_RESULT),
      trend('Destructive actions', DESTRUCTIVE),
      top('TLS version', 'PieChart', [['tlsDetails.tlsVersion', 'tlsVersion']]),
      top('Outdated TLS calls by user', 'Table', [USER, ['tlsDetails.tlsVersion', 'tlsVersion']], OUTDATED_TLS),
    ],
  },
  {
    name: 'AWSCloudTrail-SecurityMonitoring',
    storeKind: 'management',
    widgets: [
      top('Top access denied events', 'BarChart', [EVENT_NAME], ACCESS_DENIED),
      trend('Failed ConsoleLogin attempts', FAILED_CONSOLE_LOGIN, MFA),
      top('Failed ConsoleLogin attempts by IP address', 'Table', [SOURCE_IP], FAILED_CONSOLE_LOGIN),
      trend('Root user ConsoleLogin attempts', all(CONSOLE_LOGIN, ROOT), SIGN_IN_RESULT),
      trend('Destructive actions', DESTRUCTIVE),
      top(
        'Top cross-account access',
        'Table',
        [['userIdentity.accountId', 'callerAccountId'], EVENT_NAME],
        CROSS_ACCOUNT,
      ),
      top('Users who disabled MFA', 'Table', [USER], oneOf(['DeactivateMFADevice', 'DeleteVirtualMFADevice'])),
      recent(
        'Recent EC2 SecurityGroup and NetworkAcl changes',
        all(EC2, WRITE, `eventName LIKE '%SecurityGroup%' OR eventName LIKE '%NetworkAcl%'`),
      ),
      recent('Recent EC2 SecurityGroup changes that allow public access', PUBLIC_INGRESS),
      recent('Potential CloudTrail disabling actions', all(service('cloudtrail'), CLOUDTRAIL_DISABLING)),
    ],
  },
  {
    name: 'AWSCloudTrail-IAMActivity',
    storeKind: 'management',
    widgets: [
      top('Top IAM APIs', 'BarChart', [EVENT_NAME], IAM),
      top('Top IAM callers', 'Table', [USER], IAM),
      trend('IAM success vs failure trend', IAM, OUTCOME),
      top('Top IAM API errors', 'Table', [EVENT_NAME, ERROR_CODE], all(IAM, ERROR)),
      top('Top AccessDenied IAM APIs', 'Table', [EVENT_NAME], all(IAM, ACCESS_DENIED)),
      top('Top IP addresses of IAM calls', 'Table', [SOURCE_IP], IAM),
      recent('Recent IAM policy changes', IAM_POLICY_CHANGE),
      recent('Recent IAM user changes', all(IAM, WRITE, `eventName LIKE '%User%'`)),
      top(
        'Top assumed IAM roles',
        'Table',
        [['userIdentity.sessionContext.sessionIssuer.arn', 'roleArn']],
        `userIdentity.type = 'AssumedRole'`,
      ),
    ],
  },
  {
    name: 'AWSCloudTrail-UserActivity',
    storeKind: 'management',
    widgets: [
      trend('User activity trends by user ARN', 'userIdentity.arn IS NOT NULL', USER),
      trend('User activity trends by API', 'userIdentity.arn IS NOT NULL', EVENT_NAME),
      recent('Most recent user activity', 'userIdentity.arn IS NOT NULL'),
      top('Top users with errors', 'Table', [USER], ERROR),
      top('Top users with AccessDenied errors', 'Table', [USER], ACCESS_DENIED),
      top('Top users making destructive actions', 'Table', [USER], DESTRUCTIVE),
      top('Top users changing IAM policies', 'Table', [USER], IAM_POLICY_CHANGE),
      // Potentially privileged: the root user and principals whose ARN says admin.
      top(
        'Top actions performed by potential IAM privileged users',
        'Table',
        [USER, EVENT_NAME],
        `${ROOT} OR lower(userIdentity.arn) LIKE '%admin%'`,
      ),
    ],
  },
  {
    name: 'AWSCloudTrail-ErrorAnalysis',
    storeKind: 'management',
    widgets: [
      top('Error count by service', 'BarChart', [SERVICE], ERROR),
      top('Error count by API', 'BarChart', [EVENT_NAME], ERROR),
      top('Top errors by error code', 'Table', [ERROR_CODE], ERROR),
      top('Top errors by error message', 'Table', [['errorMessage', 'errorMessage']], ERROR),
      top('Top AccessDenied errors by API', 'Table', [EVENT_NAME], ACCESS_DENIED),
      top('Top throttled errors by API', 'Table', [EVENT_NAME], THROTTLED),
      top('Top users with errors', 'Table', [USER], ERROR),
    ],
  },
  {
    name: 'AWSCloudTrail-EC2Activity',
    storeKind: 'management',
    widgets: [
      trend(
        'EC2 instance management activity overview',
        all(EC2, oneOf(['RunInstances', 'StartInstances', 'StopInstances', 'RebootInstances', 'TerminateInstances'])),
        EVENT_NAME,
      ),
      trend('EC2 API success vs failure trends', EC2, OUTCOME),
      top('Top EC2 errors', 'Table', [EVENT_NAME, ERROR_CODE], all(EC2, ERROR)),
      top('Top EC2 AccessDenied events', 'Table', [EVENT_NAME], all(EC2, ACCESS_DENIED)),
      top('Top users launching EC2 instances', 'Table', [USER], all(EC2, `eventName = 'RunInstances'`)),
      recent(
        'Recent EC2 SecurityGroup and NetworkInterface changes',
        all(EC2, WRITE, `eventName LIKE '%SecurityGroup%' OR eventName LIKE '%NetworkInterface%'`),
      ),
      recent(
        'Recent VPC management and route table changes',
        all(EC2, WRITE, `eventName LIKE '%Vpc%' OR eventName LIKE '%Route%' OR eventName LIKE '%Subnet%'`),
      ),
      recent('Recent EC2 actions by root user', all(EC2, ROOT)),
    ],
  },
  {
    name: 'AWSCloudTrail-OrganizationsActivity',
    storeKind: 'organization',
    widgets: [
      trend('Activity trend in the organization', undefined, ACCOUNT),
      top(
        'Member account management summary',
        'PieChart',
        [EVENT_NAME],
        all(
          ORGANIZATIONS,
          oneOf([
            'CreateAccount',
            'InviteAccountToOrganization',
            'AcceptHandshake',
            'RemoveAccountFromOrganization',
            'LeaveOrganization',
            'MoveAccount',
            'CloseAccount',
          ]),
        ),
      ),
      top('Most used services across organization', 'BarChart', [SERVICE]),
      top('Most active accounts by service', 'Table', [ACCOUNT, SERVICE]),
      top('Most used APIs across organization', 'BarChart', [EVENT_NAME]),
      top('Most active member accounts', 'Table', [ACCOUNT]),
      trend('Access denied errors trend across the organization', ACCESS_DENIED, ACCOUNT),
      top('Accounts with most access denied errors', 'Table', [ACCOUNT], ACCESS_DENIED),
      recent(
        'Recent service control policy changes',
        all(
          ORGANIZATIONS,
          oneOf(['CreatePolicy', 'UpdatePolicy', 'DeletePolicy', 'AttachPolicy', 'DetachPolicy', 'EnablePolicyType']),
        ),
      ),
    ],
  },
  {
    name: 'AWSCloudTrail-ResourceChanges',
    storeKind: 'management',
    widgets: [
      trend('Resource creation and deletion trends', all(WRITE, `${CREATION} OR ${DELETION}`), [
        `IF(eventName LIKE 'Create%' OR eventName = 'RunInstances', 'creation', 'deletion')`,
        'change',
      ]),
      top('Top users performing resource creation', 'Table', [USER], CREATION),
      top('Top APIs used for resource creation', 'BarChart', [EVENT_NAME], CREATION),
      top('Top APIs used for resource deletion', 'BarChart', [EVENT_NAME], DESTRUCTIVE),
      recent(
        'Most recent resources created outside CloudFormation',
        all(
          CREATION,
          `coalesce(userIdentity.invokedBy, '') <> 'cloudformation.amazonaws.com'`,
          `coalesce(userAgent, '') <> 'cloudformation.amazonaws.com'`,
        ),
      ),
      recent('Most recent resource changes made using console', all(WRITE, CONSOLE)),
      recent(
        'Most recent S3 bucket access changes',
        all(
          service('s3'),
          oneOf([
            'PutBucketPolicy',
            'DeleteBucketPolicy',
            'PutBucketAcl',
            'PutBucketPublicAccessBlock',
            'DeleteBucketPublicAccessBlock',
            'PutBucketOwnershipControls',
          ]),
        ),
      ),
      recent(
        'Most recent KMS key access changes',
        all(
          service('kms'),
          oneOf(['PutKeyPolicy', 'CreateGrant', 'RetireGrant', 'RevokeGrant', 'DisableKey', 'ScheduleKeyDeletion']),
        ),
      ),
    ],
  },
  {
    name: 'AWSCloudTrail-DataEventsOverview',
    storeKind: 'data',
    widgets: [
      trend('Overall data events trend', DATA, READ_WRITE),
      top('Top services generating data events', 'BarChart', [SERVICE], DATA),
      top('Top APIs generating data events', 'BarChart', [EVENT_NAME], DATA),
      top('Top regions generating data events', 'PieChart', [REGION], DATA),
      top('Top throttled data plane APIs', 'Table', [EVENT_NAME], all(DATA, THROTTLED)),
      top('Top users of data plane APIs', 'Table', [USER], DATA),
    ],
  },
  {
    name: 'AWSCloudTrail-LambdaDataEvents',
    storeKind: 'lambda-data',
    widgets: [
      trend('Lambda data plane API activity', all(DATA, service('lambda')), EVENT_NAME),
      trend('Lambda invocations success vs failure trend', INVOKE, OUTCOME),
      top('Top users of Lambda invocations', 'Table', [USER], INVOKE),
      top('Top invoked Lambda functions', 'BarChart', [REQUEST('functionName')], INVOKE),
      top('Top 10 Lambda Invoke API errors', 'Table', [ERROR_CODE], all(INVOKE, ERROR)),
      top('Most throttled users of Lambda invocations', 'Table', [USER], all(INVOKE, THROTTLED)),
    ],
  },
  {
    name: 'AWSCloudTrail-DynamoDBDataEvents',
    storeKind: 'dynamodb-data',
    widgets: (() => {
      const dynamodb = all(DATA, service('dynamodb'));
      return [
        trend('DynamoDB account data activity', dynamodb, EVENT_NAME),
        trend('DynamoDB data plane APIs success vs failure trend', dynamodb, OUTCOME),
        top('Top 10 DynamoDB data plane APIs', 'BarChart', [EVENT_NAME], dynamodb),
        top('Top users of DynamoDB data plane APIs', 'Table', [USER], dynamodb),
        top('Top 10 DynamoDB data plane API errors', 'Table', [EVENT_NAME, ERROR_CODE], all(dynamodb, ERROR)),
        top('Most throttled users of DynamoDB data plane APIs', 'Table', [USER], all(dynamodb, THROTTLED)),
        top('Top throttled DynamoDB data plane APIs', 'Table', [EVENT_NAME], all(dynamodb, THROTTLED)),
        top('Top throttled DynamoDB tables', 'Table', [REQUEST('tableName')], all(dynamodb, THROTTLED)),
      ];
    })(),
  },
  {
    name: 'AWSCloudTrail-S3DataEvents',
    storeKind: 's3-data',
    widgets: (() => {
      const s3 = all(DATA, service('s3'));
      return [
        trend('S3 account activity', s3, EVENT_NAME),
        top('Most accessed objects', 'Table', [REQUEST('bucketName'), REQUEST('key', 'objectKey')], s3),
        top('S3 top users', 'Table', [USER], s3),
        top('Top S3 actions', 'BarChart', [EVENT_NAME], s3),
      ];
    })(),
  },
  {
    // Insights stores hold the envelope and insightDetails (§11); an insight is counted once, at
    // its start.
    name: 'AWSCloudTrail-InsightsEvents',
    storeKind: 'insights',
    widgets: (() => {
      const started = `element_at(insightDetails, 'state') = 'Start'`;
      const ofType = (type: string) => all(started, `element_at(insightDetails, 'insightType') = '${type}'`);
      const attribution = (path: string) => `json_extract_scalar(${INSIGHT_CONTEXT}, '$.attributions[0].${path}')`;
      return [
        top('Insight types', 'PieChart', [INSIGHT('insightType')], started),
        trend('Insights by date', started, INSIGHT('insightType')),
        top(
          'API call rate Insights by event source',
          'BarChart',
          [INSIGHT('eventSource')],
          ofType('ApiCallRateInsight'),
        ),
        top(
          'API error rate Insights by event source',
          'BarChart',
          [INSIGHT('eventSource')],
          ofType('ApiErrorRateInsight'),
        ),
        top(
          'Insights by top users',
          'Table',
          [[attribution('insight[0].value'), 'userArn']],
          all(started, `${attribution('attribute')} = 'userIdentityArn'`),
        ),
        recent(
          'Insights events',
          undefined,
          [
            'eventTime',
            ...['eventSource', 'eventName', 'insightType', 'state'].map((key) => INSIGHT(key).join(' AS ')),
          ].join(', '),
        ),
      ];
    })(),
  },
];

/** The Highlights' widgets (§18.12): 24 hours of the region's primary store, by the hour. */
export const HIGHLIGHTS_WIDGETS: readonly RequestWidgetDefinition[] = [
  trend('Total cross-account access', CROSS_ACCOUNT),
  top('Top failed API calls', 'BarChart', [EVENT_NAME], ERROR),
  trend('Failed console sign-in attempts', FAILED_CONSOLE_LOGIN),
  trend('Resource creation', CREATION),
  top('Top access denied events', 'Table', [EVENT_NAME], ACCESS_DENIED),
  top('Most active users', 'Table', [USER]),
];
