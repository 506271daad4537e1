import { CreateTrailCommand, DeleteTrailCommand } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

test('lists the trails with their home region, settings and logging status', async () => {
  await emulatorClient().send(
    new CreateTrailCommand({
      Name: 'audit-logs',
      S3BucketName: 'audit-bucket',
      S3KeyPrefix: 'audit',
      CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:audit:*',
      CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/trail-to-logs',
    }),
  );
  renderApp('/trails');
  const table = await screen.findByRole('table', { name: 'Trails' });
  const seeded = await within(table).findByRole('row', { name: /^management-events / });
  // After the name (the row header): home region, multi-region, Insights, organization, bucket,
  // prefix, log group, status.
  expect(cells(seeded)).toEqual([
    'us-east-1',
    'Yes',
    'Disabled',
    'No',
    'aws-cloudtrail-logs-123456789012-3f7c2a91',
    '-',
    '-',
    'Logging',
  ]);
  expect(cells(within(table).getByRole('row', { name: /^audit-logs / }))).toEqual([
    'us-east-1',
    'No',
    'Disabled',
    'No',
    'audit-bucket',
    'audit',
    'arn:aws:logs:us-east-1:123456789012:log-group:audit:*',
    'Off',
  ]);
  expect(within(table).getByRole('link', { name: 'management-events' })).toHaveAttribute(
    'href',
    `/trails/${encodeURIComponent('arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events')}`,
  );
  const navigation = screen.getByRole('navigation', { name: 'Side navigation' });
  expect(within(navigation).getByRole('link', { name: 'Trails' })).toHaveAttribute('href', '/trails');
});

test('shows a multi-Region trail of another Region in this Region’s list', async () => {
  renderApp('/trails', { connection: { kind: 'embedded', region: 'eu-west-1' } });
  const table = await screen.findByRole('table', { name: 'Trails' });
  const row = await within(table).findByRole('row', { name: /^management-events / });
  expect(cells(row)[0]).toBe('us-east-1');
});

test('says there are no trails, and offers to create one', async () => {
  await emulatorClient().send(new DeleteTrailCommand({ Name: 'management-events' }));
  const user = userEvent.setup();
  const { router } = renderApp('/trails');
  expect(await screen.findByText('No trails')).toBeVisible();
  expect(screen.getByText(/There are no trails in us-east-1\./)).toBeVisible();
  await user.click(screen.getAllByRole('link', { name: 'Create trail' })[0] as HTMLElement);
  expect(router.state.location.pathname).toBe('/trails/create');
});

test('filters the list by text and keeps the filter in the URL', async () => {
  await emulatorClient().send(new CreateTrailCommand({ Name: 'audit-logs', S3BucketName: 'audit-bucket' }));
  const user = userEvent.setup();
  const { router } = renderApp('/trails');
  const table = await screen.findByRole('table', { name: 'Trails' });
  await within(table).findByRole('link', { name: 'management-events' });
  await pasteInto(user, screen.getByRole('searchbox', { name: 'Filter trails' }), 'audit');
  expect(within(table).queryByRole('link', { name: 'management-events' })).not.toBeInTheDocument();
  expect(within(table).getByRole('link', { name: 'audit-logs' })).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).get('filter')).toBe('audit');
});
