import { CreateTrailCommand, DescribeTrailsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock } from '../../../../mocks/node';
import { paths } from '@/lib/paths';
import { renderApp } from '@/testing/render-app';

const MINUTE = 60_000;

/** A trail created and started through the SDK, one call recorded, and a delivery tick run. */
async function deliveredTrail(): Promise<string> {
  const client = emulatorClient();
  const created = await client.send(
    new CreateTrailCommand({ Name: 'audit-logs', S3BucketName: 'audit-bucket', S3KeyPrefix: 'team' }),
  );
  await client.send(new StartLoggingCommand({ Name: 'audit-logs' }));
  await client.send(new DescribeTrailsCommand({ trailNameList: ['audit-logs'] }));
  testClock.advance(5 * MINUTE);
  await emulator.tick();
  return created.TrailARN ?? '';
}

async function expand(user: ReturnType<typeof userEvent.setup>, folder: string) {
  await user.click(await screen.findByRole('button', { name: `Expand ${folder}` }));
}

test('browses a trail’s delivered files folder by folder and opens a log file’s records', async () => {
  const arn = await deliveredTrail();
  const user = userEvent.setup();
  renderApp(paths.trailDetail(arn, 'delivered-files'));
  expect(await screen.findByText('s3://audit-bucket/team/AWSLogs/123456789012/')).toBeVisible();
  await expand(user, 'CloudTrail/');
  await expand(user, 'us-east-1/');
  await expand(user, '2025/');
  await expand(user, '06/');
  await expand(user, '02/');
  const file = await screen.findByRole('button', { name: /^Open 123456789012_CloudTrail_us-east-1_20250602T1235Z_/ });
  await user.click(file);
  const records = await screen.findByRole('table', { name: 'Records' });
  // The trail logs its own StartLogging and the DescribeTrails call after it; each opens its event.
  const startLogging = await within(records).findByRole('link', { name: /^Open event StartLogging/ });
  expect(startLogging.getAttribute('href')).toMatch(/^\/events\//);
  expect(within(records).getByRole('link', { name: /^Open event DescribeTrails/ })).toBeVisible();
  expect(screen.getByRole('button', { name: 'Download' })).toBeEnabled();
});

test('delivers the pending log files on request, and the new file shows in the tree', async () => {
  const client = emulatorClient();
  const created = await client.send(new CreateTrailCommand({ Name: 'audit-logs', S3BucketName: 'audit-bucket' }));
  await client.send(new StartLoggingCommand({ Name: 'audit-logs' }));
  await client.send(new DescribeTrailsCommand({ trailNameList: ['audit-logs'] }));
  const user = userEvent.setup();
  renderApp(paths.trailDetail(created.TrailARN ?? '', 'delivered-files'));
  const tree = await screen.findByRole('tree', { name: 'Delivered files' });
  // The clock has not reached a delivery tick: nothing is delivered yet.
  expect(await within(tree).findByText('Empty')).toBeVisible();
  expect(screen.getByText(/CloudTrail delivers log files about every 5 minutes/)).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Deliver log files now' }));
  expect(await screen.findByText('Pending log files delivered')).toBeVisible();
  await expand(user, 'CloudTrail/');
  await expand(user, 'us-east-1/');
  await expand(user, '2025/');
  await expand(user, '06/');
  await expand(user, '02/');
  await user.click(
    await screen.findByRole('button', { name: /^Open 123456789012_CloudTrail_us-east-1_20250602T1230Z_/ }),
  );
  const records = await screen.findByRole('table', { name: 'Records' });
  expect(await within(records).findByRole('link', { name: /^Open event DescribeTrails/ })).toBeVisible();
});

test('offers no delivery on request when the backend is AWS', async () => {
  const arn = await deliveredTrail();
  renderApp(paths.trailDetail(arn, 'delivered-files'), {
    // The test server answers the AWS endpoints too, so the trail and its files still load.
    connection: {
      kind: 'aws',
      region: 'us-east-1',
      rememberForSession: false,
      credentials: { accessKeyId: 'AKIAEMU0ADMIN0000001', secretAccessKey: 'test-secret' },
    },
  });
  expect(await screen.findByText('s3://audit-bucket/team/AWSLogs/123456789012/')).toBeVisible();
  expect(screen.getByRole('button', { name: 'Refresh delivered files' })).toBeVisible();
  expect(screen.queryByRole('button', { name: 'Deliver log files now' })).not.toBeInTheDocument();
});
