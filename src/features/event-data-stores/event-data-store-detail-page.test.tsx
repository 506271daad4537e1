import { ListEventDataStoresCommand } from '@aws-sdk/client-cloudtrail';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock } from '../../../mocks/node';
import { failNextWith } from '../../../mocks/scenarios';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

/** The path of a seeded store's page, found through the API as a user would find its ARN. */
async function storePath(name: string): Promise<string> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const arn = output.EventDataStores?.find((store) => store.Name === name)?.EventDataStoreArn ?? '';
  return `/lake/event-data-stores/${arn.split('/').at(-1) ?? ''}`;
}

/** The value of a pair in the store's General details. */
function detail(label: string): HTMLElement {
  const details = screen.getByRole('region', { name: 'General details' });
  const term = within(details)
    .getAllByRole('term')
    .find((candidate) => candidate.textContent === label);
  // KeyValuePairs ties a term to its value only by DOM order: the <dd> after the <dt>.
  // eslint-disable-next-line testing-library/no-node-access -- no role or label links the two.
  const value = term?.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`General details have no ${label}`);
  return value;
}

async function openStore(name: string) {
  const user = userEvent.setup();
  renderApp(await storePath(name));
  expect(await screen.findByRole('heading', { name, level: 1 })).toBeVisible();
  return user;
}

test('shows the store’s settings, selectors, size held and the estimated retention charge', async () => {
  await openStore('management-events');
  expect(detail('Status')).toHaveTextContent('Enabled');
  expect(detail('Pricing option')).toHaveTextContent('One-year extendable retention pricing');
  expect(detail('Retention period')).toHaveTextContent('366 days');
  expect(detail('Multi-region')).toHaveTextContent(/^Enabled/);
  expect(detail('ARN')).toHaveTextContent(/^arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore\//);
  expect(within(detail('Recorded activity')).getByRole('link')).toHaveAttribute(
    'href',
    expect.stringMatching(/^\/events\?filter=ResourceName%3Aarn%3Aaws%3Acloudtrail/),
  );
  expect(screen.getByText('Default management events')).toBeVisible();
  expect(screen.getByText('equals Management')).toBeVisible();

  expect(await screen.findByText('Events held')).toBeVisible();
  expect(screen.getByText('$0.00 per month (estimate)')).toBeVisible();
  expect(screen.getByText(/within the 366 days one-year extendable pricing includes/)).toBeVisible();
  expect(screen.getByText(/not an AWS quote/)).toBeVisible();
});

test('says events and size are not available when the backend is AWS', async () => {
  renderApp(await storePath('management-events'), {
    // The test server answers the AWS endpoint too, so the store still loads.
    connection: {
      kind: 'aws',
      region: 'us-east-1',
      rememberForSession: false,
      credentials: { accessKeyId: 'AKIAEMU0ADMIN0000001', secretAccessKey: 'test-secret' },
    },
  });
  expect(await screen.findByText(/Not available from AWS/)).toBeVisible();
});

test('blocks deletion while termination protection is on, then deletes, and restores', async () => {
  const user = await openStore('management-events');
  const remove = screen.getByRole('button', { name: 'Delete' });
  expect(remove).toHaveAttribute('aria-disabled', 'true');
  expect(remove).toHaveAccessibleDescription(
    'Termination protection is on. Turn it off before deleting the event data store.',
  );

  await user.click(screen.getByRole('button', { name: 'Turn off termination protection' }));
  expect(await screen.findByRole('button', { name: 'Turn on termination protection' })).toBeVisible();
  expect(detail('Termination protection')).toHaveTextContent('Disabled');
  expect(screen.getByRole('button', { name: 'Delete' })).not.toHaveAttribute('aria-disabled');

  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('dialog', { name: 'Delete event data store management-events?' });
  const confirm = within(dialog).getByRole('button', { name: 'Delete' });
  expect(confirm).toBeDisabled();
  await pasteInto(user, within(dialog).getByRole('textbox', { name: /type the store's name/ }), 'management-events');
  await user.click(confirm);

  expect(await within(detail('Status')).findByText('Pending deletion')).toBeVisible();
  expect(screen.getByText(/7 days left\. Restore it to keep it\./)).toBeVisible();
  expect(
    within(screen.getByRole('table', { name: 'Tags' })).getByText(
      'Tags cannot be read or changed while the store is pending deletion.',
    ),
  ).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Restore' }));
  const restoreDialog = await screen.findByRole('dialog', { name: 'Restore event data store management-events?' });
  expect(within(restoreDialog).getByText(/in 7 days/)).toBeVisible();
  await user.click(within(restoreDialog).getByRole('button', { name: 'Restore' }));
  expect(await within(detail('Status')).findByText('Enabled')).toBeVisible();
});

test('stops and starts ingestion, following the transitional statuses', async () => {
  const user = await openStore('management-events');
  await user.click(screen.getByRole('button', { name: 'Stop ingestion' }));
  expect(await within(detail('Status')).findByText('Stopping ingestion')).toBeVisible();
  testClock.advance(2000);
  expect(await within(detail('Status')).findByText('Stopped ingestion')).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Start ingestion' }));
  expect(await within(detail('Status')).findByText('Starting ingestion')).toBeVisible();
  testClock.advance(2000);
  expect(await within(detail('Status')).findByText('Enabled')).toBeVisible();
});

test('offers no start or stop for a store of events from integrations', async () => {
  await openStore('integrations-audit');
  expect(detail('Status')).toHaveTextContent('Enabled');
  expect(screen.queryByRole('button', { name: 'Stop ingestion' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Start ingestion' })).not.toBeInTheDocument();
});

test('adds and removes tags, checking them before saving', async () => {
  const user = await openStore('management-events');
  const tags = await screen.findByRole('table', { name: 'Tags' });
  expect(await within(tags).findByText('No tags')).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Manage tags' }));
  const dialog = await screen.findByRole('dialog', { name: 'Manage tags' });
  await user.click(within(dialog).getByRole('button', { name: 'Add tag' }));
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Key' }), 'aws:team');
  await user.click(within(dialog).getByRole('button', { name: 'Save tags' }));
  expect(
    await within(dialog).findByRole('textbox', {
      name: 'Key',
      description: /Keys starting with "aws:" are reserved for AWS\./,
    }),
  ).toBeVisible();

  await user.clear(within(dialog).getByRole('textbox', { name: 'Key' }));
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Key' }), 'team');
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Value - optional' }), 'security');
  await user.click(within(dialog).getByRole('button', { name: 'Save tags' }));
  expect(await within(tags).findByText('security')).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Manage tags' }));
  const again = await screen.findByRole('dialog', { name: 'Manage tags' });
  await user.click(within(again).getByRole('button', { name: 'Remove tag team' }));
  await user.click(within(again).getByRole('button', { name: 'Save tags' }));
  expect(await within(tags).findByText('No tags')).toBeVisible();
});

test('edits name and retention; seven-year pricing is not offered to an extendable store', async () => {
  const user = await openStore('management-events');
  await user.click(screen.getByRole('link', { name: 'Edit' }));
  const name = await screen.findByRole('textbox', { name: 'Event data store name' });
  expect(screen.getByRole('radio', { name: /^Seven-year retention pricing/ })).toBeDisabled();

  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(
    await screen.findByText('Nothing to save: change a setting first.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();

  await user.clear(name);
  await pasteInto(user, name, 'org-activity');
  const retention = screen.getByRole('spinbutton', { name: 'Retention period (days)' });
  await user.clear(retention);
  await pasteInto(user, retention, '4000');
  await user.tab();
  expect(
    await screen.findByRole('spinbutton', {
      name: 'Retention period (days)',
      description: /Enter 7 to 3653 days for this pricing option\./,
    }),
  ).toBeVisible();
  await user.clear(retention);
  await pasteInto(user, retention, '730');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(await screen.findByRole('heading', { name: 'org-activity', level: 1 })).toBeVisible();
  expect(detail('Retention period')).toHaveTextContent('730 days');
  expect(await screen.findByText(/\$0\.\d\d per month \(estimate\)/)).toBeVisible();
  expect(screen.getByText(/Data kept beyond 366 days is charged/)).toBeVisible();
});

test('shows CloudTrail’s refusal inside the delete confirmation', async () => {
  const user = await openStore('management-events');
  await user.click(screen.getByRole('button', { name: 'Turn off termination protection' }));
  await screen.findByRole('button', { name: 'Turn on termination protection' });
  failNextWith(
    emulator,
    'DeleteEventDataStore',
    'ChannelExistsForEDSException',
    'A channel sends events to the event data store; delete the channel first.',
  );
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('dialog', { name: 'Delete event data store management-events?' });
  await pasteInto(user, within(dialog).getByRole('textbox', { name: /type the store's name/ }), 'management-events');
  await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
  expect(await within(dialog).findByText('ChannelExistsForEDSException')).toBeVisible();
  expect(
    within(dialog).getByText('A channel sends events to the event data store; delete the channel first.'),
  ).toBeVisible();
  expect(detail('Status')).toHaveTextContent('Enabled');
});

test('says when a store does not exist, for example after its purge', async () => {
  renderApp('/lake/event-data-stores/00000000-0000-4000-8000-000000000000');
  expect(await screen.findByRole('heading', { name: 'Event data store not found', level: 1 })).toBeVisible();
  expect(screen.getByRole('link', { name: 'Go to event data stores' })).toHaveAttribute(
    'href',
    '/lake/event-data-stores',
  );
});

/** The flash messages the page shows now, by their text. */
function flashes(): string[] {
  const region = screen.queryByRole('region', { name: 'Notifications' });
  return region
    ? within(region)
        .queryAllByRole('listitem')
        .map((item) => item.textContent)
    : [];
}

test('each action says what it did; its message replaces the one before, can be dismissed, and stays on its page', async () => {
  const user = await openStore('management-events');
  await user.click(screen.getByRole('button', { name: 'Stop ingestion' }));
  expect(
    await screen.findByText('Ingestion of management-events stopped.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Turn off termination protection' }));
  expect(
    await screen.findByText('Termination protection of management-events turned off.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
  // One message per object: the newer one replaced the older.
  expect(screen.queryByText('Ingestion of management-events stopped.', { ignore: LIVE_REGION_COPIES })).toBeNull();
  expect(flashes()).toHaveLength(1);
  expect(screen.queryByText(/^Notifications/)).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Dismiss message' }));
  await waitFor(() => {
    expect(flashes()).toEqual([]);
  });

  await user.click(screen.getByRole('button', { name: 'Turn on termination protection' }));
  expect(
    await screen.findByText('Termination protection of management-events turned on.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
  const navigation = () => screen.getByRole('navigation', { name: 'Side navigation' });
  await user.click(within(navigation()).getByRole('link', { name: 'Integrations' }));
  // A page's code loads on its first visit, which takes a while on a busy machine.
  expect(await screen.findByRole('link', { name: 'payments-app-audit' }, { timeout: 15_000 })).toBeVisible();
  expect(screen.queryByText(/Termination protection of management-events/, { ignore: LIVE_REGION_COPIES })).toBeNull();
  await user.click(within(navigation()).getByRole('link', { name: 'Event data stores' }));
  const stores = await screen.findByRole('table', { name: 'Event data stores' }, { timeout: 15_000 });
  expect(await within(stores).findByRole('row', { name: /^management-events / })).toBeVisible();
  expect(screen.queryByText(/Termination protection of management-events/, { ignore: LIVE_REGION_COPIES })).toBeNull();
});
