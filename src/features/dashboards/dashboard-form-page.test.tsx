// Building and changing custom dashboards: the form page, its widget editor and the delete dialog.
import {
  CreateDashboardCommand,
  GetDashboardCommand,
  GetResourcePolicyCommand,
  ListDashboardsCommand,
  ListEventDataStoresCommand,
  ListTagsCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, expect, test } from 'vitest';
import { emulatorClient, testClock, warmLakeEngine } from '../../../mocks/node';
import { paths } from '@/lib/paths';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';

beforeAll(warmLakeEngine, 60_000);

/** Longer than any query runs on the emulator's clock (mocks/emulator/SEMANTICS.md §10.1). */
const PAST_ANY_RUN = 16_000;

type User = ReturnType<typeof userEvent.setup>;

async function storeId(name: string): Promise<string> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const arn = output.EventDataStores?.find((store) => store.Name === name)?.EventDataStoreArn ?? '';
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function choose(user: User, scope: HTMLElement, label: RegExp, option: RegExp) {
  await user.click(within(scope).getByRole('button', { name: label }));
  await user.click(await within(scope).findByRole('option', { name: option }));
}

async function addManagedWidget(user: User, widget: RegExp, store?: RegExp) {
  await user.click(screen.getByRole('button', { name: 'Add managed widget' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add widget from a managed dashboard' });
  await choose(user, dialog, /^Managed dashboard/, /^AWSCloudTrail-Overview$/);
  await choose(user, dialog, /^Widget/, widget);
  if (store) await choose(user, dialog, /^Event data store/, store);
  await user.click(within(dialog).getByRole('button', { name: 'Add widget' }));
}

async function customDashboards(): Promise<string[]> {
  const output = await emulatorClient().send(new ListDashboardsCommand({ Type: 'CUSTOM' }));
  return (output.Dashboards ?? []).map((dashboard) => dashboard.DashboardArn ?? '');
}

test('creates a custom dashboard with a bar and a line widget from the managed ones', async () => {
  const id = await storeId('management-events');
  const user = userEvent.setup();
  const { router } = renderApp(paths.createDashboard());
  // The first render of the file loads the lazy dashboards route.
  await pasteInto(
    user,
    await screen.findByRole('textbox', { name: 'Dashboard name' }, { timeout: 20_000 }),
    'ops-overview',
  );
  await addManagedWidget(user, /^Top services/, /management-events/);
  // The store chosen for the first widget is offered again.
  await addManagedWidget(user, /^Account activity/);
  const widgets = screen.getByRole('table', { name: 'Widgets' });
  expect(within(widgets).getByRole('rowheader', { name: 'Top services' })).toBeVisible();
  expect(within(widgets).getByText('Bar chart (horizontal)')).toBeVisible();
  expect(within(widgets).getByText('Line chart')).toBeVisible();
  // Line first: reorder.
  await user.click(within(widgets).getByRole('button', { name: 'Move Account activity up' }));
  await choose(user, document.body, /^Refresh schedule/, /^Every 6 hours$/);
  // A schedule needs permissions, shown before saving: the store the widgets read, and the dashboard's own policy.
  const permissions = screen.getByRole('region', { name: 'Permissions' });
  const stores = within(permissions).getByRole('list', { name: 'Event data store policies' });
  expect(within(stores).getByText(`management-events (${id})`)).toBeVisible();
  expect(await within(stores).findByText('A new resource policy with this statement.')).toBeVisible();
  expect(within(permissions).getByRole('region', { name: 'Dashboard resource policy' })).toHaveTextContent(
    'arn:aws:cloudtrail:us-east-1:123456789012:dashboard/ops-overview',
  );
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Key' }), 'team');
  await user.click(screen.getByRole('button', { name: 'Create dashboard' }));

  expect(await screen.findByText('Dashboard ops-overview created.')).toBeVisible();
  expect(router.state.location.pathname).toBe('/lake/dashboards/ops-overview');
  const saved = await emulatorClient().send(new GetDashboardCommand({ DashboardId: 'ops-overview' }));
  expect(saved.Type).toBe('CUSTOM');
  expect(saved.RefreshSchedule).toMatchObject({ Frequency: { Unit: 'HOURS', Value: 6 }, Status: 'ENABLED' });
  expect(saved.Widgets?.map((widget) => [widget.ViewProperties?.Title, widget.ViewProperties?.View])).toEqual([
    ['Account activity', 'LineChart'],
    ['Top services', 'BarChart'],
  ]);
  for (const widget of saved.Widgets ?? []) {
    expect(widget.QueryStatement).toContain(`FROM ${id}`);
    expect(widget.QueryParameters).not.toContain('$EventDataStoreId$');
  }
  const tags = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [saved.DashboardArn ?? ''] }));
  expect(tags.ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'team' }]);
  // The permissions shown were applied.
  const storePolicy = await emulatorClient().send(
    new GetResourcePolicyCommand({ ResourceArn: `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${id}` }),
  );
  expect(JSON.parse(storePolicy.ResourcePolicy ?? '{}')).toMatchObject({
    Statement: [
      {
        Action: 'cloudtrail:StartQuery',
        Condition: { StringEquals: { 'AWS:SourceArn': saved.DashboardArn } },
      },
    ],
  });
  const ownPolicy = await emulatorClient().send(new GetResourcePolicyCommand({ ResourceArn: saved.DashboardArn }));
  expect(ownPolicy.ResourcePolicy).toContain('cloudtrail:StartDashboardRefresh');
}, 60_000);

test('refuses a name already used in the Region next to the field, and focuses the first invalid field', async () => {
  const user = userEvent.setup();
  await emulatorClient().send(new CreateDashboardCommand({ Name: 'taken-name' }));
  renderApp(paths.createDashboard());
  const name = await screen.findByRole('textbox', { name: 'Dashboard name' });
  await pasteInto(user, name, 'taken-name');
  await user.tab();
  await waitFor(() => {
    expect(name).toHaveAccessibleDescription(/A dashboard named taken-name already exists in us-east-1\./);
  });
  await user.click(screen.getByRole('button', { name: 'Create dashboard' }));
  expect(await screen.findByText(/Some fields need attention/, { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(name).toHaveFocus();
  expect(await customDashboards()).toEqual(['arn:aws:cloudtrail:us-east-1:123456789012:dashboard/taken-name']);
}, 60_000);

test('shows a name error before sending anything', async () => {
  const user = userEvent.setup();
  renderApp(paths.createDashboard());
  const name = await screen.findByRole('textbox', { name: 'Dashboard name' });
  await pasteInto(user, name, 'AWSCloudTrail-mine');
  await user.tab();
  await waitFor(() => {
    expect(name).toHaveAccessibleDescription(/Names starting with AWSCloudTrail- are reserved/);
  });
  await user.clear(name);
  await pasteInto(user, name, 'my dashboard');
  await waitFor(() => {
    expect(name).toHaveAccessibleDescription(/Use only letters, numbers, hyphens and underscores\./);
  });
  await user.click(screen.getByRole('button', { name: 'Create dashboard' }));
  expect(await screen.findByText(/Some fields need attention/, { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(await customDashboards()).toEqual([]);
}, 60_000);

test('writes a widget query, previews it live and maps its columns', async () => {
  const id = await storeId('management-events');
  const user = userEvent.setup();
  renderApp(paths.createDashboard());
  await pasteInto(user, await screen.findByRole('textbox', { name: 'Dashboard name' }), 'by-event');
  await user.click(screen.getByRole('button', { name: 'Add widget from query' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add widget from a query' });
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Widget title' }), 'Calls by event');
  await user.click(within(dialog).getByRole('textbox', { name: /^Query/ }));
  await user.paste(`SELECT eventName, COUNT(*) AS calls FROM ${id} GROUP BY eventName ORDER BY calls DESC`);
  await user.click(within(dialog).getByRole('button', { name: 'Add widget' }));
  expect(within(dialog).getAllByText('Enter the column name.', { ignore: LIVE_REGION_COPIES })).toHaveLength(2);

  await user.click(within(dialog).getByRole('button', { name: 'Run preview' }));
  testClock.advance(PAST_ANY_RUN);
  expect(await within(dialog).findByRole('table', { name: 'Preview results' })).toBeVisible();
  expect(within(dialog).getByText('Columns: eventName, calls')).toBeVisible();
  // Once the preview has run, the column fields choose among its columns.
  expect(within(dialog).queryByRole('textbox', { name: 'Label column' })).not.toBeInTheDocument();
  await choose(user, dialog, /^Label column/, /^eventName$/);
  expect(within(dialog).getByRole('button', { name: /^Label column/ })).toHaveTextContent('eventName');
  await user.click(within(dialog).getByRole('button', { name: 'Map columns from preview' }));
  expect(within(dialog).getByRole('button', { name: /^Value column/ })).toHaveTextContent('calls');
  // The preview draws the chosen view: a bar chart of the rows.
  expect(await within(dialog).findByRole('application', { name: 'Preview chart' })).toHaveAccessibleDescription(
    /^Bar chart of calls by eventName\. \w+: \d+/,
  );
  await user.click(within(dialog).getByRole('button', { name: 'Add widget' }));
  expect(screen.queryByRole('dialog', { name: 'Add widget from a query' })).not.toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Create dashboard' }));
  expect(await screen.findByText('Dashboard by-event created.')).toBeVisible();
  const saved = await emulatorClient().send(new GetDashboardCommand({ DashboardId: 'by-event' }));
  expect(saved.Widgets?.[0]?.ViewProperties).toMatchObject({
    Title: 'Calls by event',
    View: 'BarChart',
    LabelColumn: 'eventName',
    ValueColumn: 'calls',
    Orientation: 'Vertical',
  });
}, 60_000);

test('saves a managed dashboard as a new one over the chosen store', async () => {
  const id = await storeId('management-events');
  const user = userEvent.setup();
  renderApp(paths.createDashboard({ from: 'AWSCloudTrail-Overview', store: id }));
  expect(await screen.findByRole('textbox', { name: 'Dashboard name' })).toHaveValue('Overview-copy');
  const widgets = screen.getByRole('table', { name: 'Widgets' });
  expect(within(widgets).getAllByRole('rowheader')).toHaveLength(6);
  await user.click(screen.getByRole('button', { name: 'Create dashboard' }));
  expect(await screen.findByText('Dashboard Overview-copy created.')).toBeVisible();
  const saved = await emulatorClient().send(new GetDashboardCommand({ DashboardId: 'Overview-copy' }));
  expect(saved.Widgets).toHaveLength(6);
  expect(saved.Widgets?.every((widget) => widget.QueryStatement?.includes(`FROM ${id}`))).toBe(true);
}, 60_000);

test('edits a dashboard: removes a widget and turns termination protection on', async () => {
  const id = await storeId('management-events');
  const table = { Height: '2', Width: '6', View: 'Table' };
  await emulatorClient().send(
    new CreateDashboardCommand({
      Name: 'two-tables',
      TagsList: [{ Key: 'team', Value: 'ops' }, { Key: 'old' }],
      Widgets: [
        { QueryStatement: `SELECT eventName FROM ${id}`, ViewProperties: { ...table, Title: 'Names' } },
        { QueryStatement: `SELECT eventSource FROM ${id}`, ViewProperties: { ...table, Title: 'Sources' } },
      ],
    }),
  );
  const user = userEvent.setup();
  renderApp(paths.editDashboard('two-tables'));
  const widgets = await screen.findByRole('table', { name: 'Widgets' });
  await user.click(within(widgets).getByRole('button', { name: 'Remove Names' }));
  await user.click(screen.getByRole('checkbox', { name: /^Enable termination protection/ }));
  // Tags are edited here too, though UpdateDashboard has none: RemoveTags and AddTags after the update.
  await user.click(screen.getByRole('button', { name: 'Remove tag old' }));
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  const keys = screen.getAllByRole('textbox', { name: 'Key' });
  expect(keys.map((key) => (key as HTMLInputElement).value)).toEqual(['team', '']);
  await pasteInto(user, keys[1] ?? document.body, 'env');
  await pasteInto(user, screen.getAllByRole('textbox', { name: /^Value/ })[1] ?? document.body, 'prod');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByText('Dashboard two-tables updated.')).toBeVisible();
  const saved = await emulatorClient().send(new GetDashboardCommand({ DashboardId: 'two-tables' }));
  expect(saved.TerminationProtectionEnabled).toBe(true);
  expect(saved.Widgets?.map((widget) => widget.ViewProperties?.Title)).toEqual(['Sources']);
  const tags = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [saved.DashboardArn ?? ''] }));
  expect(tags.ResourceTagList?.[0]?.TagsList).toEqual([
    { Key: 'team', Value: 'ops' },
    { Key: 'env', Value: 'prod' },
  ]);
}, 60_000);

test('delete is refused under termination protection, with CloudTrail’s reason', async () => {
  await emulatorClient().send(
    new CreateDashboardCommand({ Name: 'protected-one', Widgets: [], TerminationProtectionEnabled: true }),
  );
  const user = userEvent.setup();
  renderApp(paths.dashboardDetail('protected-one'));
  await user.click(await screen.findByRole('button', { name: 'Delete' }));
  const dialog = screen.getByRole('dialog', { name: 'Delete dashboard protected-one?' });
  await pasteInto(user, within(dialog).getByRole('textbox'), 'protected-one');
  await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
  expect(await within(dialog).findByText('ConflictException', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(
    within(dialog).getByText(/cannot be deleted because termination protection is enabled/, {
      ignore: LIVE_REGION_COPIES,
    }),
  ).toBeVisible();
  expect(await customDashboards()).toHaveLength(1);
}, 60_000);
