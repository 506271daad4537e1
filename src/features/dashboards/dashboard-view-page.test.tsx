// The dashboard page: refresh a managed dashboard over the seeded management store and see every
// widget's query finish and its chart or table drawn (mocks/emulator/SEMANTICS.md §18.10, §18.14).
import {
  CreateDashboardCommand,
  DescribeQueryCommand,
  GetDashboardCommand,
  GetResourcePolicyCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, expect, test } from 'vitest';
import { emulatorClient, testClock, warmLakeEngine } from '../../../mocks/node';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';

beforeAll(warmLakeEngine, 60_000);

const MANAGEMENT_STORE = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';

/** Longer than any query runs on the emulator's clock (SEMANTICS.md §10.1). */
const PAST_ANY_RUN = 16_000;

const OVERVIEW_WIDGETS = [
  'Account activity',
  'Top errors',
  'Most active regions',
  'Top services',
  'Most throttled events',
  'Top users',
];

test('refreshes the Overview over the seeded store: every widget finishes and draws', async () => {
  const user = userEvent.setup();
  const { router } = renderApp(`/lake/dashboards/AWSCloudTrail-Overview?store=${MANAGEMENT_STORE}`);
  // The first render of the file loads the lazy dashboards route.
  expect(
    await screen.findByRole('heading', { level: 1, name: 'AWSCloudTrail-Overview' }, { timeout: 20_000 }),
  ).toBeVisible();
  const estimate = screen.getByRole('region', { name: 'Refresh estimate' });
  expect(await within(estimate).findByText(/^Refreshing runs 6 queries over management-events/)).toBeVisible();
  for (const title of OVERVIEW_WIDGETS) {
    const widget = screen.getByRole('region', { name: title });
    expect(within(widget).getByText('Not refreshed')).toBeVisible();
  }

  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  const activity = screen.getByRole('region', { name: 'Account activity' });
  expect(await within(activity).findByText(/^(Queued|Running)$/)).toBeVisible();

  testClock.advance(PAST_ANY_RUN);
  for (const title of OVERVIEW_WIDGETS) {
    const widget = screen.getByRole('region', { name: title });
    expect(await within(widget).findByText('Finished')).toBeVisible();
  }

  // The charts carry the widget title as their accessible name, tables too.
  const services = screen.getByRole('region', { name: 'Top services' });
  expect(await within(services).findByRole('application', { name: 'Top services' })).toBeInTheDocument();
  const regions = screen.getByRole('region', { name: 'Most active regions' });
  expect(await within(regions).findByRole('application', { name: 'Most active regions' })).toBeInTheDocument();
  expect(await within(activity).findByRole('application', { name: 'Account activity' })).toBeInTheDocument();
  const errors = screen.getByRole('region', { name: 'Top errors' });
  const table = await within(errors).findByRole('table', { name: 'Top errors results' });
  expect(within(table).getByRole('columnheader', { name: /errorCode/ })).toBeVisible();

  // The rows drawn are those of the query CloudTrail ran for the widget in that refresh.
  const dashboard = await emulatorClient().send(new GetDashboardCommand({ DashboardId: 'AWSCloudTrail-Overview' }));
  const alias = dashboard.Widgets?.find((widget) => widget.ViewProperties?.Title === 'Top services')?.QueryAlias;
  const described = await emulatorClient().send(
    new DescribeQueryCommand({ QueryAlias: alias, RefreshId: dashboard.LastRefreshId }),
  );
  expect(described.QueryStatus).toBe('FINISHED');

  // View as table: the chart's rows as text.
  await user.click(within(services).getByRole('checkbox', { name: 'View as table' }));
  const servicesTable = await within(services).findByRole('table', { name: 'Top services results' });
  expect(within(servicesTable).getAllByRole('row').length).toBeGreaterThan(1);

  // View and edit query: the Lake editor with the statement that ran, values filled in.
  await user.click(within(services).getByRole('link', { name: 'View and edit query of Top services' }));
  expect(router.state.location.pathname).toBe('/lake/query');
  const sql = new URLSearchParams(router.state.location.search).get('sql') ?? '';
  expect(sql).toBe(described.QueryString);
  expect(sql).toContain(`FROM ${MANAGEMENT_STORE}`);
  expect(sql).not.toContain('?');
}, 60_000);

test('a built-in offers Save as new dashboard with the chosen store, and no Edit or Delete', async () => {
  renderApp(`/lake/dashboards/AWSCloudTrail-Overview?store=${MANAGEMENT_STORE}`);
  expect(await screen.findByRole('button', { name: /management-events/ })).toBeVisible();
  const saveAs = screen.getByRole('link', { name: 'Save as new dashboard' });
  expect(saveAs).toHaveAttribute(
    'href',
    `/lake/dashboards/create?from=AWSCloudTrail-Overview&store=${MANAGEMENT_STORE}`,
  );
  expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
});

test('a custom dashboard: Edit and Delete, a bar chart after refresh, deletion refused under protection', async () => {
  await emulatorClient().send(
    new CreateDashboardCommand({
      Name: 'team-errors',
      TerminationProtectionEnabled: true,
      Widgets: [
        {
          QueryStatement: `SELECT eventName, COUNT(*) AS calls FROM ${MANAGEMENT_STORE} WHERE eventTime > '?' AND eventTime < '?' GROUP BY eventName ORDER BY calls DESC LIMIT 5`,
          QueryParameters: ['$StartTime$', '$EndTime$'],
          ViewProperties: {
            Height: '2',
            Width: '6',
            Title: 'Top calls',
            View: 'BarChart',
            LabelColumn: 'eventName',
            ValueColumn: 'calls',
            Orientation: 'Vertical',
          },
        },
      ],
    }),
  );
  const user = userEvent.setup();
  renderApp('/lake/dashboards/team-errors');
  expect(await screen.findByRole('heading', { level: 1, name: 'team-errors' })).toBeVisible();
  expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute('href', '/lake/dashboards/team-errors/edit');
  const estimate = screen.getByRole('region', { name: 'Refresh estimate' });
  expect(await within(estimate).findByText(/^Refreshing runs 1 query over management-events/)).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  testClock.advance(PAST_ANY_RUN);
  const widget = screen.getByRole('region', { name: 'Top calls' });
  expect(await within(widget).findByText('Finished')).toBeVisible();
  expect(await within(widget).findByRole('application', { name: 'Top calls' })).toBeInTheDocument();
  expect(within(widget).getByRole('button', { name: 'Download results of Top calls as CSV' })).toBeEnabled();

  // The chart's text alternative names its values (jsdom lays nothing out, so bars and their
  // popovers, with the link to Event history, are left to the Playwright journey).
  const chart = within(widget).getByRole('application', { name: 'Top calls' });
  expect(chart).toHaveAccessibleDescription(/^Bar chart of calls by eventName\. \w+: \d+/);

  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('dialog');
  await pasteInto(user, within(dialog).getByRole('textbox'), 'team-errors');
  await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
  expect(
    await within(dialog).findByText(/termination protection is enabled/, { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
}, 60_000);

test('a user in a widget’s table opens Event history filtered to that user, over the refreshed range', async () => {
  const user = userEvent.setup();
  const { router } = renderApp(`/lake/dashboards/AWSCloudTrail-UserActivity?store=${MANAGEMENT_STORE}`);
  expect(await screen.findByRole('heading', { level: 1, name: 'AWSCloudTrail-UserActivity' })).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  testClock.advance(PAST_ANY_RUN);
  const widget = screen.getByRole('region', { name: 'Top users with AccessDenied errors' });
  expect(await within(widget).findByText('Finished')).toBeVisible();
  const table = await within(widget).findByRole('table', { name: 'Top users with AccessDenied errors results' });
  // The first row is the user with the most access-denied errors; its ARN links to its events.
  const [, first] = within(table).getAllByRole('row');
  const arn = within(first ?? table).getAllByRole('cell')[0]?.textContent ?? '';
  expect(arn).toMatch(/^arn:aws:(iam|sts)::\d{12}:/);
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  await user.click(within(table).getByRole('link', { name: `Open ${arn} in Event history` }));

  expect(router.state.location.pathname).toBe('/events');
  const search = new URLSearchParams(router.state.location.search);
  expect(search.getAll('filter')).toEqual([`Username:${name}`]);
  const dashboard = await emulatorClient().send(new GetDashboardCommand({ DashboardId: 'AWSCloudTrail-UserActivity' }));
  const alias = dashboard.Widgets?.find(
    (widget) => widget.ViewProperties?.Title === 'Top users with AccessDenied errors',
  )?.QueryAlias;
  const described = await emulatorClient().send(
    new DescribeQueryCommand({ QueryAlias: alias, RefreshId: dashboard.LastRefreshId }),
  );
  // The range is the one the refresh read.
  expect(described.QueryString).toContain(`eventTime > '${search.get('start') ?? ''}'`);
  expect(described.QueryString).toContain(`eventTime < '${search.get('end') ?? ''}'`);
}, 60_000);

test('a column Event history cannot filter on stays text in a widget’s table', async () => {
  await emulatorClient().send(
    new CreateDashboardCommand({
      Name: 'by-region',
      Widgets: [
        {
          QueryStatement: `SELECT awsRegion, COUNT(*) AS calls FROM ${MANAGEMENT_STORE} WHERE eventTime > '?' AND eventTime < '?' GROUP BY awsRegion ORDER BY calls DESC`,
          QueryParameters: ['$StartTime$', '$EndTime$'],
          ViewProperties: { Height: '2', Width: '6', Title: 'Regions', View: 'Table' },
        },
      ],
    }),
  );
  const user = userEvent.setup();
  renderApp('/lake/dashboards/by-region');
  expect(await screen.findByRole('heading', { level: 1, name: 'by-region' })).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  testClock.advance(PAST_ANY_RUN);
  const widget = screen.getByRole('region', { name: 'Regions' });
  const table = await within(widget).findByRole('table', { name: 'Regions results' });
  expect(within(table).getAllByRole('row').length).toBeGreaterThan(1);
  expect(within(table).queryByRole('link')).not.toBeInTheDocument();
}, 60_000);

test('a scheduled dashboard without its permissions says what is missing and adds it', async () => {
  const user = userEvent.setup();
  const client = emulatorClient();
  const { DashboardArn } = await client.send(
    new CreateDashboardCommand({
      Name: 'nightly-errors',
      RefreshSchedule: { Frequency: { Unit: 'DAYS', Value: 1 }, Status: 'ENABLED', TimeOfDay: '02:00' },
      Widgets: [
        {
          QueryStatement: `SELECT errorCode, COUNT(*) AS calls FROM ${MANAGEMENT_STORE} WHERE eventTime > '?' GROUP BY errorCode`,
          QueryParameters: ['$StartTime$'],
          ViewProperties: { Height: '2', Width: '6', Title: 'Errors', View: 'Table' },
        },
      ],
    }),
  );
  renderApp('/lake/dashboards/nightly-errors');
  expect(
    await screen.findByText(
      'Scheduled refreshes lack permissions',
      { ignore: LIVE_REGION_COPIES },
      { timeout: 20_000 },
    ),
  ).toBeVisible();
  const lacking = screen.getByText(/CloudTrail runs this dashboard.s scheduled refreshes only with these permissions/, {
    ignore: LIVE_REGION_COPIES,
  });
  expect(lacking).toHaveTextContent(/the dashboard has no resource policy allowing cloudtrail:StartDashboardRefresh/);
  expect(lacking).toHaveTextContent(
    /the resource policy of arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore\/a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24 does not allow cloudtrail:StartQuery for it/,
  );

  await user.click(screen.getByRole('button', { name: 'Add permissions' }));
  await waitFor(() => {
    expect(
      screen.queryByText('Scheduled refreshes lack permissions', { ignore: LIVE_REGION_COPIES }),
    ).not.toBeInTheDocument();
  });
  const storeArn = `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${MANAGEMENT_STORE}`;
  const storePolicy = await client.send(new GetResourcePolicyCommand({ ResourceArn: storeArn }));
  expect(storePolicy.ResourcePolicy).toContain(DashboardArn ?? 'no ARN');
  const own = await client.send(new GetResourcePolicyCommand({ ResourceArn: DashboardArn }));
  expect(own.ResourcePolicy).toContain('cloudtrail:StartDashboardRefresh');
});
