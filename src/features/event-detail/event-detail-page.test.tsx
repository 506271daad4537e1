import { LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, expect, test } from 'vitest';
import { buildRecord } from '../../../mocks/factories';
import { emulator, emulatorClient, TEST_ANCHOR, TEST_START } from '../../../mocks/node';
import { failNextWith } from '../../../mocks/scenarios';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';

// Pages load lazily: importing the ones these tests open first keeps module loading out of the
// findBy timeouts on a busy machine.
beforeAll(async () => {
  await Promise.all([
    import('./event-detail-page'),
    import('@/features/event-history/event-history-page'),
    import('@/features/resource-story/resource-story-page'),
  ]);
});

/** The seeded DeleteBucket of acme-test-bucket-jordan by dev-jordan, taken through the SDK. */
async function seededDeleteBucket(): Promise<Event & { EventId: string }> {
  const output = await emulatorClient().send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'acme-test-bucket-jordan' }],
      // Before the test's own calls, so their records stay out of the answer.
      EndTime: new Date(TEST_ANCHOR),
    }),
  );
  const event = output.Events?.find((candidate) => candidate.EventName === 'DeleteBucket');
  if (!event?.EventId) throw new Error('The seed has no DeleteBucket of acme-test-bucket-jordan');
  return { ...event, EventId: event.EventId };
}

function recordOf(event: Event): Record<string, unknown> {
  return JSON.parse(event.CloudTrailEvent ?? '{}') as Record<string, unknown>;
}

test('shows the summary of an event, its values linking to filtered Event history', async () => {
  const event = await seededDeleteBucket();
  const record = recordOf(event);
  renderApp(`/events/${event.EventId}`);
  expect(await screen.findByRole('heading', { name: 'DeleteBucket', level: 1 })).toBeVisible();
  const breadcrumbs = screen.getByRole('navigation', { name: 'Breadcrumbs' });
  expect(within(breadcrumbs).getByRole('link', { name: 'Event history' })).toHaveAttribute('href', '/events');

  const details = screen.getByRole('region', { name: 'Details' });
  expect(within(details).getByText(event.EventId)).toBeVisible();
  expect(within(details).getByText(String(record.sourceIPAddress))).toBeVisible();
  expect(within(details).getByText(String(record.requestID))).toBeVisible();
  expect(within(details).getByText(`${String(record.eventTime).replace('T', ' ').replace('Z', '')} UTC`)).toBeVisible();
  expect(within(details).getByText('Management')).toBeVisible();
  expect(within(details).queryByText('Error code')).not.toBeInTheDocument();
  expect(within(details).getByRole('link', { name: 'dev-jordan' })).toHaveAttribute(
    'href',
    '/events?filter=Username%3Adev-jordan',
  );
  expect(within(details).getByRole('link', { name: 'DeleteBucket' })).toHaveAttribute(
    'href',
    '/events?filter=EventName%3ADeleteBucket',
  );
  expect(within(details).getByRole('link', { name: 's3.amazonaws.com' })).toHaveAttribute(
    'href',
    '/events?filter=EventSource%3As3.amazonaws.com',
  );
  expect(within(details).getByRole('link', { name: String(event.AccessKeyId) })).toHaveAttribute(
    'href',
    `/events?filter=AccessKeyId%3A${String(event.AccessKeyId)}`,
  );
});

test('opens Event history filtered by a referenced resource', async () => {
  const event = await seededDeleteBucket();
  const user = userEvent.setup();
  const { router } = renderApp(`/events/${event.EventId}`);
  const resources = await screen.findByRole('table', { name: 'Resources referenced' });
  expect(within(resources).getByText('AWS::S3::Bucket')).toBeVisible();
  await user.click(within(resources).getByRole('link', { name: 'acme-test-bucket-jordan' }));
  expect(await screen.findByRole('heading', { name: /Event history/, level: 1 })).toBeVisible();
  expect(router.state.location.pathname).toBe('/events');
  expect(new URLSearchParams(router.state.location.search).getAll('filter')).toEqual([
    'ResourceName:acme-test-bucket-jordan',
  ]);
});

test('shows the event record and copies it, pretty-printed', async () => {
  const event = await seededDeleteBucket();
  const user = userEvent.setup();
  renderApp(`/events/${event.EventId}`);
  const json = await screen.findByRole('region', { name: 'Event record' });
  expect(json).toHaveTextContent('"eventName": "DeleteBucket"');
  await user.click(screen.getByRole('button', { name: 'Copy event record' }));
  expect(await screen.findByText('Event record copied', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(await navigator.clipboard.readText()).toBe(JSON.stringify(recordOf(event), null, 2));
});

test('lists other events of the same user within an hour, and opens one', async () => {
  const event = await seededDeleteBucket();
  const time = event.EventTime?.getTime() ?? 0;
  const user = userEvent.setup();
  renderApp(`/events/${event.EventId}`);
  const related = await screen.findByRole('table', { name: 'Events of the same user' });
  expect((await within(related).findAllByRole('rowheader')).length).toBeGreaterThan(0);
  for (const row of within(related).getAllByRole('row').slice(1)) {
    expect(within(row).getByText('dev-jordan')).toBeVisible();
    const shown = Date.parse(within(row).getAllByRole('cell')[0]?.textContent ?? '');
    expect(Math.abs(shown - time)).toBeLessThanOrEqual(3_600_000);
    expect(within(row).getByRole('link')).not.toHaveAttribute('href', `/events/${event.EventId}`);
  }

  // Nothing else touched the bucket within that hour.
  await user.click(screen.getByRole('tab', { name: 'Same resource' }));
  expect(await screen.findByText('No related events')).toBeVisible();

  await user.click(screen.getByRole('tab', { name: 'Same user' }));
  const [link] = within(await screen.findByRole('table', { name: 'Events of the same user' })).getAllByRole('link');
  if (!link) throw new Error('No related event to open');
  const name = link.textContent;
  await user.click(link);
  expect(await screen.findByRole('heading', { name, level: 1 })).toBeVisible();
});

test('says when no event with the ID exists in this Region', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/events/00000000-0000-4000-8000-000000000000');
  expect(await screen.findByRole('heading', { name: 'Event not found' })).toBeVisible();
  expect(screen.getByText(/No event with ID 00000000-0000-4000-8000-000000000000 exists/)).toBeVisible();
  await user.click(screen.getByRole('link', { name: 'Go to Event history' }));
  expect(router.state.location.pathname).toBe('/events');
});

test('shows a failed lookup with a Retry that loads the event', async () => {
  const event = await seededDeleteBucket();
  failNextWith(emulator, 'LookupEvents', 'InvalidLookupAttributesException', 'Lookup refused for the test.');
  const user = userEvent.setup();
  renderApp(`/events/${event.EventId}`);
  expect(await screen.findByText('Lookup refused for the test.')).toBeVisible();
  expect(screen.getByText('InvalidLookupAttributesException')).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await screen.findByRole('heading', { name: 'DeleteBucket', level: 1 })).toBeVisible();
});

test('shows HTML in a record as text', async () => {
  const html = '<img src=x onerror=alert(1)>';
  const record = buildRecord({
    at: TEST_START - 60_000,
    userAgent: html,
    errorCode: 'AccessDenied',
    errorMessage: html,
    resources: [{ accountId: '123456789012', type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${html}` }],
  });
  emulator.state.ingest(record);
  renderApp(`/events/${record.eventID}`);
  const json = await screen.findByRole('region', { name: 'Event record' });
  expect(json).toHaveTextContent(`"userAgent": "${html}"`);
  const details = screen.getByRole('region', { name: 'Details' });
  expect(within(details).getByText(html)).toBeVisible();
  expect(within(details).getByText('AccessDenied')).toBeVisible();
  const resources = screen.getByRole('table', { name: 'Resources referenced' });
  expect(within(resources).getByRole('link', { name: html })).toHaveAttribute(
    'href',
    `/events?${new URLSearchParams({ filter: `ResourceName:${html}` }).toString()}`,
  );
  expect(screen.queryByRole('img')).not.toBeInTheDocument();
});

/** The seeded DeleteBucket of acme-web-assets, made through a role chain started by an SSO user. */
async function chainedDeleteBucket(): Promise<Event & { EventId: string }> {
  const output = await emulatorClient().send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'acme-web-assets' }],
      EndTime: new Date(TEST_ANCHOR),
    }),
  );
  const event = output.Events?.find(
    (candidate) => candidate.EventName === 'DeleteBucket' && !(candidate.CloudTrailEvent ?? '').includes('errorCode'),
  );
  if (!event?.EventId) throw new Error('The seed has no DeleteBucket of acme-web-assets');
  return { ...event, EventId: event.EventId };
}

test('names the person behind a call made through two role hops, each hop linked to its event', async () => {
  const event = await chainedDeleteBucket();
  const user = userEvent.setup();
  renderApp(`/events/${event.EventId}`);
  const who = await screen.findByRole('region', { name: 'Who did it' });
  expect(await within(who).findByText('Behind this call: maria.garcia@example.com')).toBeVisible();
  const path = within(who).getByRole('list', { name: 'Principal path' });
  const steps = within(path).getAllByRole('listitem');
  expect(steps.map((step) => step.textContent)).toEqual([
    expect.stringMatching(/^Started by maria\.garcia@example\.com.*IAM Identity Center user/),
    expect.stringMatching(/^SSO permission set AdministratorAccess, session maria\.garcia@example\.com/),
    expect.stringMatching(/^Role terraform-admin, session tf-cleanup, access key ASIA\w+Issued by AssumeRole at /),
    expect.stringMatching(/^This call: DeleteBucket at /),
  ]);
  expect(within(path).getByRole('link', { name: 'maria.garcia@example.com' })).toHaveAttribute(
    'href',
    '/events?filter=Username%3Amaria.garcia%40example.com',
  );
  const read = within(who).getByRole('region', { name: 'What was read' });
  expect(read).toHaveTextContent(/AssumeRole in us-east-1, .*: \d+ events in 1 LookupEvents call, issuing event found/);

  await user.click(within(path).getByRole('link', { name: /^AssumeRole at / }));
  expect(await screen.findByRole('heading', { name: 'AssumeRole', level: 1 })).toBeVisible();
  const issuing = await screen.findByRole('region', { name: 'Who did it' });
  expect(await within(issuing).findByText('Behind this call: maria.garcia@example.com')).toBeVisible();
});

test('a call by an IAM user needs no lookup and says so', async () => {
  const event = await seededDeleteBucket();
  renderApp(`/events/${event.EventId}`);
  const who = await screen.findByRole('region', { name: 'Who did it' });
  expect(await within(who).findByText('Behind this call: dev-jordan')).toBeVisible();
  expect(within(who).getByRole('region', { name: 'What was read' })).toHaveTextContent(
    'Nothing: the record names who acted by itself.',
  );
});

test('says what it read when the key of a session was issued by no event it can find', async () => {
  const record = buildRecord({
    at: TEST_START - 60_000,
    eventName: 'PutObject',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:orphan',
      arn: 'arn:aws:sts::123456789012:assumed-role/deploy/orphan',
      accountId: '123456789012',
      accessKeyId: 'ASIAORPHANKEY0000001',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLE',
          arn: 'arn:aws:iam::123456789012:role/deploy',
          accountId: '123456789012',
          userName: 'deploy',
        },
      },
    },
  });
  emulator.state.ingest(record);
  renderApp(`/events/${record.eventID}`);
  const who = await screen.findByRole('region', { name: 'Who did it' });
  expect(await within(who).findByText('The person behind this call could not be established.')).toBeVisible();
  expect(within(who).getByText(/No event issuing access key ASIAORPHANKEY0000001 was found/)).toBeVisible();
  expect(within(who).getByRole('region', { name: 'What was read' })).toHaveTextContent(
    /AssumeRoleWithSAML in us-east-1, .*every event read, none issued the key/,
  );
});

test('opens the story of a referenced resource', async () => {
  const event = await seededDeleteBucket();
  const user = userEvent.setup();
  const { router } = renderApp(`/events/${event.EventId}`);
  const resources = await screen.findByRole('table', { name: 'Resources referenced' });
  await user.click(within(resources).getByRole('link', { name: 'Story of acme-test-bucket-jordan' }));
  expect(await screen.findByRole('heading', { name: 'Resource story', level: 1 })).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).get('resource')).toBe('acme-test-bucket-jordan');
});
