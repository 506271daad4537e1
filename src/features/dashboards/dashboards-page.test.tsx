import {
  CreateDashboardCommand,
  GetResourcePolicyCommand,
  PutResourcePolicyCommand,
  StartDashboardRefreshCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

const STORE_ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const HIGHLIGHTS_ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:dashboard/AWSCloudTrail-Highlights';

interface PolicyStatement {
  Sid?: string;
  Action?: string;
  Condition?: { StringEquals?: Record<string, string | string[]> };
}

async function policyOf(arn: string): Promise<{ Statement: PolicyStatement[] }> {
  const { ResourcePolicy } = await emulatorClient().send(new GetResourcePolicyCommand({ ResourceArn: arn }));
  return JSON.parse(ResourcePolicy ?? '{}') as { Statement: PolicyStatement[] };
}

test('enables Highlights after the cost acknowledgement and the permissions step, then links to its dashboard', async () => {
  const user = userEvent.setup();
  renderApp('/lake/dashboards');
  // The first render loads the lazy dashboards route.
  await user.click(await screen.findByRole('button', { name: 'Enable Highlights' }, { timeout: 20_000 }));
  const dialog = screen.getByRole('dialog', { name: 'Enable Highlights' });
  expect(within(dialog).getByText(/charges for the data those queries scan/)).toBeVisible();
  await user.click(within(dialog).getByRole('button', { name: 'Agree and enable Highlights' }));

  // The permissions step: the store of management events gets CloudTrail's StartQuery statement,
  // the dashboard a policy for its 6-hour schedule.
  const stores = await within(dialog).findByRole('list', { name: 'Event data store policies' });
  expect(within(stores).getByText('management-events (a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24)')).toBeVisible();
  expect(await within(stores).findByText('A new resource policy with this statement.')).toBeVisible();
  expect(within(stores).queryByText(/integrations-audit/)).not.toBeInTheDocument();
  const dashboardPolicy = within(dialog).getByRole('region', { name: 'Dashboard resource policy' });
  expect(dashboardPolicy).toHaveTextContent('cloudtrail:StartDashboardRefresh');
  expect(dashboardPolicy).toHaveTextContent(HIGHLIGHTS_ARN);
  await user.click(within(dialog).getByRole('button', { name: 'Add permissions and enable' }));

  const view = await screen.findByRole('link', { name: 'View Highlights' });
  expect(view).toHaveAttribute('href', '/lake/dashboards/AWSCloudTrail-Highlights');
  expect(screen.getByText('Every 6 hours')).toBeVisible();
  expect(screen.getByText('Not yet refreshed')).toBeVisible();
  expect(screen.queryByRole('dialog', { name: 'Enable Highlights' })).not.toBeInTheDocument();
  const navigation = screen.getByRole('navigation', { name: 'Side navigation' });
  expect(within(navigation).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/lake/dashboards');

  const storePolicy = await policyOf(STORE_ARN);
  expect(storePolicy.Statement).toEqual([
    expect.objectContaining({
      Action: 'cloudtrail:StartQuery',
      Condition: { StringEquals: { 'AWS:SourceArn': HIGHLIGHTS_ARN, 'AWS:SourceAccount': '123456789012' } },
    }),
  ]);
  const ownPolicy = await policyOf(HIGHLIGHTS_ARN);
  expect(ownPolicy.Statement[0]?.Action).toBe('cloudtrail:StartDashboardRefresh');
});

test('merges the Highlights statement into a store policy that already allows another dashboard', async () => {
  const other = 'arn:aws:cloudtrail:us-east-1:123456789012:dashboard/team-activity';
  const existing = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Auditors',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 'cloudtrail:GetQueryResults',
      },
      {
        Sid: 'Dashboards',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'cloudtrail:StartQuery',
        Condition: { StringEquals: { 'AWS:SourceArn': other } },
      },
    ],
  };
  await emulatorClient().send(
    new PutResourcePolicyCommand({ ResourceArn: STORE_ARN, ResourcePolicy: JSON.stringify(existing) }),
  );
  const user = userEvent.setup();
  renderApp('/lake/dashboards');
  await user.click(await screen.findByRole('button', { name: 'Enable Highlights' }));
  const dialog = screen.getByRole('dialog', { name: 'Enable Highlights' });
  await user.click(within(dialog).getByRole('button', { name: 'Agree and enable Highlights' }));
  expect(
    await within(dialog).findByText('The dashboard is added to the CloudTrail statement of its resource policy.'),
  ).toBeVisible();
  await user.click(within(dialog).getByRole('button', { name: 'Add permissions and enable' }));
  await screen.findByRole('link', { name: 'View Highlights' });

  const policy = await policyOf(STORE_ARN);
  expect(policy.Statement).toHaveLength(2);
  expect(policy.Statement[0]?.Sid).toBe('Auditors');
  expect(policy.Statement[1]?.Condition?.StringEquals?.['AWS:SourceArn']).toEqual([other, HIGHLIGHTS_ARN]);
});

test('shows CloudTrail’s answer in the dialog when Highlights cannot be enabled', async () => {
  const user = userEvent.setup();
  renderApp('/lake/dashboards');
  await user.click(await screen.findByRole('button', { name: 'Enable Highlights' }));
  // Enabled elsewhere since the page loaded: CloudTrail refuses a second one.
  await emulatorClient().send(new CreateDashboardCommand({ Name: 'AWSCloudTrail-Highlights' }));
  const dialog = screen.getByRole('dialog', { name: 'Enable Highlights' });
  await user.click(within(dialog).getByRole('button', { name: 'Agree and enable Highlights' }));
  await user.click(await within(dialog).findByRole('button', { name: 'Add permissions and enable' }));
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
  await pasteInto(user, screen.getByRole('searchbox', { name: 'Filter dashboards' }), 'Lambda');
  expect(await within(table).findByRole('row', { name: /^AWSCloudTrail-LambdaDataEvents / })).toBeVisible();
  expect(within(table).queryByRole('row', { name: /^AWSCloudTrail-S3DataEvents / })).not.toBeInTheDocument();
});
