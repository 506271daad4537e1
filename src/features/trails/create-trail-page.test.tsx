import {
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  ListTrailsCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

const CREATE_PATH = '/trails/create';
const ARN = (name: string) => `arn:aws:cloudtrail:us-east-1:123456789012:trail/${name}`;

async function trailNames(): Promise<string[]> {
  const output = await emulatorClient().send(new ListTrailsCommand({}));
  return (output.Trails ?? []).map((trail) => trail.Name ?? '');
}

async function openForm() {
  const user = userEvent.setup();
  const { router } = renderApp(CREATE_PATH);
  const name = await screen.findByRole('textbox', { name: 'Trail name' });
  return { user, name, router };
}

function submit() {
  return screen.getByRole('button', { name: 'Create trail' });
}

test('starts from the AWS console’s defaults, with a new bucket name for the account', async () => {
  await openForm();
  expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'S3 bucket' }).value).toMatch(
    /^aws-cloudtrail-logs-123456789012-[0-9a-f]{8}$/,
  );
  expect(screen.getByRole('checkbox', { name: /^Enable for all Regions/ })).toBeChecked();
  expect(screen.getByRole('checkbox', { name: /^Enable log file validation/ })).toBeChecked();
  expect(screen.getByRole('checkbox', { name: /^Read/ })).toBeChecked();
  expect(screen.getByRole('checkbox', { name: /^Write/ })).toBeChecked();
  expect(screen.getByRole('checkbox', { name: /^Send events to CloudWatch Logs/ })).not.toBeChecked();
});

test('checks the name, bucket and prefix next to each field once it is left', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'ab');
  await user.tab();
  expect(name).toHaveAccessibleDescription(/Enter a name of at least 3 characters\./);
  await pasteInto(user, name, '--c');
  expect(name).toHaveAccessibleDescription(/Do not put periods, underscores or hyphens next to each other\./);

  const bucket = screen.getByRole('textbox', { name: 'S3 bucket' });
  await user.clear(bucket);
  await pasteInto(user, bucket, 'Logs_Bucket');
  await user.tab();
  expect(bucket).toHaveAccessibleDescription(/Use only lowercase letters, numbers, periods and hyphens\./);

  const prefix = screen.getByRole('textbox', { name: 'Log file prefix - optional' });
  await pasteInto(user, prefix, 'logs/');
  await user.tab();
  expect(prefix).toHaveAccessibleDescription(/Do not start or end the prefix with a slash\./);
});

test('checks CloudWatch Logs and management events, and sends nothing while a field is invalid', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'audit-trail');
  await user.click(screen.getByRole('checkbox', { name: /^Send events to CloudWatch Logs/ }));
  const group = screen.getByRole('textbox', { name: 'Log group ARN' });
  await pasteInto(user, group, 'arn:aws:logs:eu-west-1:123456789012:log-group:trail:*');
  await user.tab();
  expect(group).toHaveAccessibleDescription(/Use a log group in us-east-1, the trail's home Region\./);

  await user.click(screen.getByRole('checkbox', { name: /^Read/ }));
  await user.click(screen.getByRole('checkbox', { name: /^Write/ }));
  expect(screen.getByText('Log read events, write events or both.')).toBeVisible();

  await user.click(submit());
  expect(
    screen.getByText('Some fields need attention; see the messages next to them.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
  expect(screen.getByRole('textbox', { name: 'IAM role ARN' })).toHaveAccessibleDescription(
    /Enter the ARN of the role CloudTrail assumes/,
  );
  expect(router.state.location.pathname).toBe(CREATE_PATH);
  expect(await trailNames()).toEqual(['management-events']);
});

test('creates the trail, turns logging on and opens it with a success message', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'audit-trail');
  await pasteInto(user, screen.getByRole('textbox', { name: 'Log file prefix - optional' }), 'org/audit');
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Key' }), 'team');
  await pasteInto(user, screen.getByRole('textbox', { name: 'Value - optional' }), 'security');
  await user.click(submit());

  expect(await screen.findByRole('heading', { name: 'audit-trail', level: 1 })).toBeVisible();
  expect(router.state.location.pathname).toBe(`/trails/${encodeURIComponent(ARN('audit-trail'))}`);
  expect(screen.getByText('Trail audit-trail created. Logging is turned on.')).toBeVisible();

  const client = emulatorClient();
  const { Trail: trail } = await client.send(new GetTrailCommand({ Name: 'audit-trail' }));
  expect(trail).toMatchObject({
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    IncludeGlobalServiceEvents: true,
    S3KeyPrefix: 'org/audit',
    S3BucketName: expect.stringMatching(/^aws-cloudtrail-logs-123456789012-[0-9a-f]{8}$/) as unknown,
  });
  expect((await client.send(new GetTrailStatusCommand({ Name: 'audit-trail' }))).IsLogging).toBe(true);
  const tags = await client.send(new ListTagsCommand({ ResourceIdList: [ARN('audit-trail')] }));
  expect(tags.ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'team', Value: 'security' }]);
});

test('logs only the management events chosen', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'writes-only');
  await user.click(screen.getByRole('checkbox', { name: /^Read/ }));
  await user.click(submit());
  expect(await screen.findByRole('heading', { name: 'writes-only', level: 1 })).toBeVisible();
  const selectors = await emulatorClient().send(new GetEventSelectorsCommand({ TrailName: 'writes-only' }));
  expect(selectors.EventSelectors).toEqual([
    { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
  ]);
});

test('shows CloudTrail’s message when it rejects the trail, keeping the input', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'audit-trail');
  const bucket = screen.getByRole('textbox', { name: 'S3 bucket' });
  await user.clear(bucket);
  await pasteInto(user, bucket, 'nonexistent-logs');
  await user.click(submit());
  expect(
    await screen.findByText('S3 bucket nonexistent-logs does not exist.', {
      ignore: LIVE_REGION_COPIES,
    }),
  ).toBeVisible();
  expect(name).toHaveValue('audit-trail');
  expect(router.state.location.pathname).toBe(CREATE_PATH);

  await user.clear(name);
  await pasteInto(user, name, 'management-events');
  await user.clear(bucket);
  await pasteInto(user, bucket, 'other-logs');
  await user.click(submit());
  // A taken name is found before sending, next to the field, and focus goes there.
  expect(
    await screen.findByRole('textbox', {
      name: 'Trail name',
      description: /A trail named management-events already exists in us-east-1\./,
    }),
  ).toHaveFocus();
  expect(screen.queryByText(/TrailAlreadyExistsException/)).not.toBeInTheDocument();
  expect(await trailNames()).toEqual(['management-events']);
});
