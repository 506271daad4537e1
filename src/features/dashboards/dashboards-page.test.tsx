import { CreateDashboardCommand, StartDashboardRefreshCommand } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { renderApp } from '@/testing/render-app';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

test('enables Highlights after the cost acknowledgement, then links to its dashboard', async () => {
  const user = userEvent.setup();
  renderApp('/lake/dashboards');
  await user.click(await screen.findByRole('button', { name: 'Enable Highlights' }));
  const dialog = screen.getByRole('dialog', { name: 'Enable Highlights' });
  expect(within(dialog).getByText(/charges for the data those queries scan/)).toBeVisible();
  await user.click(within(dialog).getByRole('button', { name: 'Agree and enable Highlights' }));

  const view = await screen.findByRole('link', { name: 'View Highlights' });
  expect(view).toHaveAttribute('href', '/lake/dashboards/AWSCloudTrail-Highlights');
  expect(screen.getByText('Every 6 hours')).toBeVisible();
  expect(screen.getByText('Not yet refreshed')).toBeVisible();
  expect(screen.queryByRole('dialog', { name: 'Enable Highlights' })).not.toBeInTheDocument();
  const navigation = screen.getByRole('navigation', { name: 'Side navigation' });
  expect(within(navigation).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/lake/dashboards');
});

test('shows CloudTrail’s answer in the dialog when Highlights cannot be enabled', async () => {
  const user = userEvent.setup();
  renderApp('/lake/dashboards');
  await user.click(await screen.findByRole('button', { name: 'Enable Highlights' }));
  // Enabled elsewhere since the page loaded: CloudTrail refuses a second one.
  await emulatorClient().send(new CreateDashboardCommand({ Name: 'AWSCloudTrail-Highlights' }));
  const dialog = screen.getByRole('dialog', { name: 'Enable Highlights' });
  await user.click(within(dialog).getByRole('button', { name: 'Agree and enable Highlights' }));
  expect(await within(dialog).findByText('ConflictException', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(within(dialog).getByText(/already exists/, { ignore: LIVE_REGION_COPIES })).toBeVisible();
});

test('lists managed and custom dashboards with their type, schedule and last refresh', async () => {
  const client = emulatorClient();
  await client.send(
    new CreateDashboardCommand({
      Name: 'team-activity',
      RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 12 }, Status: 'ENABLED', TimeOfDay: '00:00' },
    }),
  );
  const { RefreshId } = await client.send(new StartDashboardRefreshCommand({ DashboardId: 'team-activity' }));
  const user = userEvent.setup();
  renderApp('/lake/dashboards');
  await user.click(await screen.findByRole('tab', { name: 'Managed and custom dashboards' }));

  const table = await screen.findByRole('table', { name: 'Managed and custom dashboards' });
  const custom = await within(table).findByRole('row', { name: /^team-activity / });
  expect(cells(custom)).toEqual([
    'Custom',
    'Every 12 hours',
    `${new Date(Number(RefreshId)).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
  ]);
  expect(within(table).getByRole('link', { name: 'team-activity' })).toHaveAttribute(
    'href',
    '/lake/dashboards/team-activity',
  );
  expect(cells(within(table).getByRole('row', { name: /^AWSCloudTrail-Overview / }))).toEqual([
    'Managed',
    'Off',
    'Never',
  ]);
  expect(screen.getByRole('link', { name: 'Create dashboard' })).toHaveAttribute('href', '/lake/dashboards/create');
});

test('opens on the tab named in the URL and filters the list by text', async () => {
  const user = userEvent.setup();
  renderApp('/lake/dashboards?tab=dashboards');
  const table = await screen.findByRole('table', { name: 'Managed and custom dashboards' });
  await within(table).findByRole('row', { name: /^AWSCloudTrail-S3DataEvents / });
  await user.type(screen.getByRole('searchbox', { name: 'Filter dashboards' }), 'Lambda');
  expect(await within(table).findByRole('row', { name: /^AWSCloudTrail-LambdaDataEvents / })).toBeVisible();
  expect(within(table).queryByRole('row', { name: /^AWSCloudTrail-S3DataEvents / })).not.toBeInTheDocument();
});
