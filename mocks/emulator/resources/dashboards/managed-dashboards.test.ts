// The managed dashboards' content (SEMANTICS.md §18.12): the widgets' shape (§18.3), and every
// widget's query, filled for the last 24 hours of the seeded past by the hour, run through
// StartQuery and GetQueryResults on the Node engine over a store of its kind. Management and
// organization dashboards read the seeded `management-events` store; the data-event dashboards
// read it too and find nothing (it holds no data events); the Insights dashboard reads a new,
// empty Insights store.
import {
  CreateEventDataStoreCommand,
  DescribeQueryCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type GetQueryResultsResponse,
} from '@aws-sdk/client-cloudtrail';
import { beforeAll, expect, test } from 'vitest';
import { emulator, emulatorClient, TEST_ANCHOR, testClock, warmLakeEngine } from '../../../node';
import { DAY, SECOND } from '../../clock';
import { retainedRecords } from '../event-data-stores/event-data-store';
import {
  HIGHLIGHTS_WIDGETS,
  MANAGED_DASHBOARDS,
  type ManagedDashboard,
  type RequestWidgetDefinition,
} from './managed-dashboards';
import { checkWidgetParameters, substituteWidget } from './widgets';

const MANAGEMENT_EVENTS = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const START = TEST_ANCHOR - DAY;
const END = TEST_ANCHOR;

const client = emulatorClient();

beforeAll(warmLakeEngine);

const HIGHLIGHTS: ManagedDashboard = {
  name: 'AWSCloudTrail-Highlights',
  storeKind: 'management',
  widgets: HIGHLIGHTS_WIDGETS,
};

/** Widgets that find rows in the last 24 hours of the seeded past, by dashboard; the others find none there. */
const WITH_ROWS: Readonly<Record<string, readonly string[]>> = {
  'AWSCloudTrail-Overview': ['Account activity', 'Top errors', 'Most active regions', 'Top services', 'Top users'],
  'AWSCloudTrail-ManagementEvents': [
    'Top access denied events',
    'Top errors by user',
    'Console sign-in events',
    'TLS version',
  ],
  'AWSCloudTrail-SecurityMonitoring': [
    'Top access denied events',
    'Failed ConsoleLogin attempts',
    'Failed ConsoleLogin attempts by IP address',
  ],
  'AWSCloudTrail-IAMActivity': [
    'Top IAM APIs',
    'Top IAM callers',
    'IAM success vs failure trend',
    'Top IP addresses of IAM calls',
    'Top assumed IAM roles',
  ],
  'AWSCloudTrail-UserActivity': [
    'User activity trends by user ARN',
    'User activity trends by API',
    'Most recent user activity',
    'Top users with errors',
    'Top users with AccessDenied errors',
    'Top actions performed by potential IAM privileged users',
  ],
  'AWSCloudTrail-ErrorAnalysis': [
    'Error count by service',
    'Error count by API',
    'Top errors by error code',
    'Top errors by error message',
    'Top AccessDenied errors by API',
    'Top users with errors',
  ],
  'AWSCloudTrail-EC2Activity': ['EC2 API success vs failure trends'],
  'AWSCloudTrail-OrganizationsActivity': [
    'Activity trend in the organization',
    'Most used services across organization',
    'Most active accounts by service',
    'Most used APIs across organization',
    'Most active member accounts',
    'Access denied errors trend across the organization',
    'Accounts with most access denied errors',
  ],
  'AWSCloudTrail-ResourceChanges': [
    'Resource creation and deletion trends',
    'Top users performing resource creation',
    'Top APIs used for resource creation',
    'Most recent resources created outside CloudFormation',
    'Most recent resource changes made using console',
    'Most recent S3 bucket access changes',
  ],
  'AWSCloudTrail-Highlights': [
    'Top failed API calls',
    'Failed console sign-in attempts',
    'Resource creation',
    'Top access denied events',
    'Most active users',
  ],
};

const WIDGET_COUNTS: Readonly<Record<string, number>> = {
  'AWSCloudTrail-Overview': 6,
  'AWSCloudTrail-ManagementEvents': 6,
  'AWSCloudTrail-SecurityMonitoring': 10,
  'AWSCloudTrail-IAMActivity': 9,
  'AWSCloudTrail-UserActivity': 8,
  'AWSCloudTrail-ErrorAnalysis': 7,
  'AWSCloudTrail-EC2Activity': 8,
  'AWSCloudTrail-OrganizationsActivity': 9,
  'AWSCloudTrail-ResourceChanges': 8,
  'AWSCloudTrail-DataEventsOverview': 6,
  'AWSCloudTrail-LambdaDataEvents': 6,
  'AWSCloudTrail-DynamoDBDataEvents': 8,
  'AWSCloudTrail-S3DataEvents': 4,
  'AWSCloudTrail-InsightsEvents': 6,
};

/** The view properties each view type requires (§18.3), besides Height, Width, Title and View. */
const VIEW_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Table: [],
  LineChart: ['XAxisColumn', 'YAxisColumn'],
  PieChart: ['LabelColumn', 'ValueColumn'],
  BarChart: ['LabelColumn', 'ValueColumn'],
};

interface WidgetRun {
  readonly title: string;
  readonly status?: string;
  readonly error?: string;
  readonly rows: Record<string, string>[];
}

/** The store a dashboard of this kind reads here (see the header). */
async function storeFor(dashboard: ManagedDashboard): Promise<string> {
  if (dashboard.storeKind !== 'insights') return MANAGEMENT_EVENTS;
  const created = await client.send(
    new CreateEventDataStoreCommand({
      Name: 'insights',
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Insight'] }] }],
    }),
  );
  testClock.advance(5 * SECOND);
  return created.EventDataStoreArn?.split('/').at(-1) ?? '';
}

/** Starts every widget's query at once, moves the clock past their runs once, and reads them all. */
async function runWidgets(widgets: readonly RequestWidgetDefinition[], store: string): Promise<WidgetRun[]> {
  const values = {
    $StartTime$: new Date(START).toISOString(),
    $EndTime$: new Date(END).toISOString(),
    $Period$: 'hour',
    $EventDataStoreId$: store,
  };
  const started = await Promise.all(
    widgets.map((widget) => client.send(new StartQueryCommand({ QueryStatement: substituteWidget(widget, values) }))),
  );
  testClock.advance(16 * SECOND);
  return Promise.all(
    started.map(async ({ QueryId = '' }, index): Promise<WidgetRun> => {
      const described = await client.send(new DescribeQueryCommand({ QueryId }));
      const page: GetQueryResultsResponse = await client.send(new GetQueryResultsCommand({ QueryId }));
      return {
        title: widgets[index]?.ViewProperties['Title'] ?? '',
        ...(described.QueryStatus === undefined ? {} : { status: described.QueryStatus }),
        ...(described.ErrorMessage === undefined ? {} : { error: described.ErrorMessage }),
        rows: (page.QueryResultRows ?? []).map((row) => Object.assign({}, ...row) as Record<string, string>),
      };
    }),
  );
}

/** What is wrong with a built-in widget's shape (§18.3, §18.12); nothing when it is right. */
function widgetProblems(widget: RequestWidgetDefinition): string[] {
  const problems: string[] = [];
  try {
    // One parameter per placeholder, only the built-ins' tokens.
    checkWidgetParameters(widget, 'widget', true);
  } catch (error) {
    problems.push(String(error));
  }
  const parameters = widget.QueryParameters ?? [];
  if (parameters.length > 10) problems.push('over 10 QueryParameters');
  if (widget.QueryStatement.length > 10_000) problems.push('QueryStatement over 10000 characters');
  // `FROM ?` is the store, and the window is bounded by the start and end times.
  if (!/FROM \? WHERE eventTime > '\?' and eventTime < '\?'/i.test(widget.QueryStatement))
    problems.push('no FROM ? with the time window');
  const from = parameters.indexOf('$EventDataStoreId$');
  if (parameters.slice(from, from + 3).join() !== '$EventDataStoreId$,$StartTime$,$EndTime$')
    problems.push(`parameters ${parameters.join()}`);
  const properties = widget.ViewProperties;
  const type = properties['View'] ?? '';
  const required = VIEW_COLUMNS[type];
  if (required === undefined) problems.push(`View ${type}`);
  for (const key of ['Height', 'Width', 'Title', 'View', ...(required ?? [])])
    if (properties[key] === undefined) problems.push(`no ${key}`);
  if (properties['Height'] !== '2') problems.push('Height');
  if (type === 'LineChart' && parameters[0] !== '$Period$') problems.push('a trend without $Period$ first');
  // The model's map patterns (model shape ViewPropertiesMap).
  for (const [key, value] of Object.entries(properties))
    if (!/^[A-Za-z0-9._-]{3,128}$/.test(key) || !/^[A-Za-z0-9._\- ]{1,128}$/.test(value))
      problems.push(`view property ${key}: ${value}`);
  return problems;
}

test('the 14 built-ins and the Highlights are built as §18.12 and §18.3 say', () => {
  expect(Object.fromEntries(MANAGED_DASHBOARDS.map((dashboard) => [dashboard.name, dashboard.widgets.length]))).toEqual(
    WIDGET_COUNTS,
  );
  expect(HIGHLIGHTS_WIDGETS.map((widget) => widget.ViewProperties['View'])).toEqual([
    'LineChart',
    'BarChart',
    'LineChart',
    'LineChart',
    'Table',
    'Table',
  ]);
  const problems = [...MANAGED_DASHBOARDS, HIGHLIGHTS].flatMap((dashboard) => [
    ...dashboard.widgets.flatMap((widget, index) =>
      widgetProblems(widget).map((problem) => `${dashboard.name} widget ${String(index + 1)}: ${problem}`),
    ),
    // Titles are unique within a dashboard.
    ...(new Set(dashboard.widgets.map((widget) => widget.ViewProperties['Title'])).size === dashboard.widgets.length
      ? []
      : [`${dashboard.name}: titles repeat`]),
  ]);
  expect(problems).toEqual([]);
});

// One world for all: the seeded store is loaded into the engine once. A dashboard's widgets (at
// most 10, the concurrent query limit) run as one batch, as a refresh runs them.
test('every widget of every managed dashboard runs over the last 24 hours of the seeded past', async () => {
  const failed: WidgetRun[] = [];
  const withRows: Record<string, string[]> = {};
  const runsOf: Record<string, WidgetRun[]> = {};
  for (const dashboard of [...MANAGED_DASHBOARDS, HIGHLIGHTS]) {
    const runs = await runWidgets(dashboard.widgets, await storeFor(dashboard));
    runsOf[dashboard.name] = runs;
    failed.push(...runs.filter((run) => run.status !== 'FINISHED'));
    const found = runs.filter((run) => run.rows.length > 0).map((run) => run.title);
    if (found.length > 0) withRows[dashboard.name] = found;
  }
  expect(failed).toEqual([]);
  expect(withRows).toEqual(WITH_ROWS);

  // The Overview's rows add up to the seeded store's events of the window.
  const inWindow = retainedRecords(emulator.state, MANAGEMENT_EVENTS, testClock.now()).filter(
    (entry) => entry.time * SECOND > START && entry.time * SECOND < END,
  );
  const countBy = (key: (entry: (typeof inWindow)[number]) => string) => {
    const counts: Record<string, string> = {};
    for (const entry of inWindow) counts[key(entry)] = String(Number(counts[key(entry)] ?? 0) + 1);
    return counts;
  };
  const rowsOf = (title: string) => runsOf['AWSCloudTrail-Overview']?.find((run) => run.title === title)?.rows ?? [];
  const total = (title: string) => rowsOf(title).reduce((sum, row) => sum + Number(row['eventCount']), 0);
  expect(inWindow.length).toBeGreaterThan(20);
  // Account activity: every event once, by hour and read/write.
  expect(total('Account activity')).toBe(inWindow.length);
  expect(new Set(rowsOf('Account activity').map((row) => row['readOnly']))).toEqual(new Set(['read', 'write']));
  expect(
    rowsOf('Account activity').filter((row) => !/^\d{4}-\d{2}-\d{2} \d{2}:00:00\.000$/.test(row['eventDate'] ?? '')),
  ).toEqual([]);
  // Most active regions and Top services: the events per region and per service.
  expect(Object.fromEntries(rowsOf('Most active regions').map((row) => [row['awsRegion'], row['eventCount']]))).toEqual(
    countBy((entry) => entry.region),
  );
  expect(Object.fromEntries(rowsOf('Top services').map((row) => [row['service'], row['eventCount']]))).toEqual(
    countBy((entry) => entry.eventSource.replace('.amazonaws.com', '')),
  );
  // Top users: most active first.
  const users = rowsOf('Top users').map((row) => Number(row['eventCount']));
  expect(users).toEqual([...users].sort((a, b) => b - a));
}, 60_000);
