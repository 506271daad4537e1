import {
  CreateChannelCommand,
  CreateEventDataStoreCommand,
  GetChannelCommand,
  ListChannelsCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

const PAYMENTS = '5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57';
const LAUNCHDARKLY = '9a7f3c15-2e6b-4d80-b4c9-e1f5a2d7c603';
const SECURITY_LAKE = '8c1e5b2f-4a6d-4e93-9b07-d2f8c3a1e645';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of a pair in a section (KeyValuePairs ties a term to its value only by DOM order). */
function pair(section: string, label: string): HTMLElement {
  const region = screen.getByRole('region', { name: section });
  const term = within(region)
    .getAllByRole('term')
    .find((candidate) => candidate.textContent === label);
  // eslint-disable-next-line testing-library/no-node-access -- the <dd> after the <dt>; no role or label links the two.
  const value = term?.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`${section} has no ${label}`);
  return value;
}

async function openChannel(id: string, name: string) {
  const user = userEvent.setup();
  renderApp(`/lake/integrations/${id}`);
  expect(await screen.findByRole('heading', { name, level: 1 })).toBeVisible();
  return user;
}

async function replaceEventJson(user: ReturnType<typeof userEvent.setup>, json: string) {
  const textarea = screen.getByRole('textbox', { name: 'Event data (JSON)' });
  await user.clear(textarea);
  await user.click(textarea);
  await user.paste(json);
}

function resultRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'Test event results' });
  return within(table).getAllByRole('row').slice(1);
}

test('shows an integration’s ARN with copy, source, destinations, ingestion status and policy', async () => {
  const user = await openChannel(LAUNCHDARKLY, 'launchdarkly-audit');
  const arn = `arn:aws:cloudtrail:us-east-1:123456789012:channel/${LAUNCHDARKLY}`;
  expect(pair('General details', 'Channel ARN')).toHaveTextContent(arn);
  expect(pair('General details', 'Source')).toHaveTextContent('LaunchDarkly (LaunchDarkly)');
  expect(pair('General details', 'Integration type')).toHaveTextContent('Direct integration');
  expect(screen.getByText('Direct integration from LaunchDarkly')).toBeVisible();
  expect(
    await within(pair('General details', 'Destinations')).findByRole('link', { name: 'integrations-audit' }),
  ).toHaveAttribute('href', expect.stringMatching(/^\/lake\/event-data-stores\/[0-9a-f-]{36}$/));
  expect(pair('Ingestion status', 'Last error code')).toHaveTextContent('InvalidChecksum');
  expect(pair('Ingestion status', 'Latest successful event ID').textContent).toMatch(UUID);

  const policy = await screen.findByRole('region', { name: 'Resource policy JSON' });
  expect(policy).toHaveTextContent('"444455556666"');
  expect(policy).toHaveTextContent('"cloudtrail:ExternalId": "ld-ext-7d3f2a91"');

  await user.click(screen.getByRole('button', { name: 'Copy channel ARN' }));
  expect(await screen.findByText('Channel ARN copied', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(await navigator.clipboard.readText()).toBe(arn);
});

test('a service-linked channel is read-only: its owning service and selectors, no controls to change it', async () => {
  await openChannel(SECURITY_LAKE, 'aws-service-channel/securitylake/8c1e5b2f');
  expect(pair('General details', 'Owning service')).toHaveTextContent('securitylake.amazonaws.com');
  expect(pair('General details', 'Type')).toHaveTextContent('Service-linked');
  expect(pair('General details', 'Applies to all Regions')).toHaveTextContent('Yes');
  expect(screen.getByText('Management events only')).toBeVisible();
  expect(screen.getByText('equals Management')).toBeVisible();
  expect(screen.getByText(/alone manages it/)).toBeVisible();

  for (const name of [
    'Edit',
    'Delete',
    'Edit policy',
    'Create policy',
    'Delete policy',
    'Manage tags',
    'Send test events',
  ])
    expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'Resource policy' })).not.toBeInTheDocument();
  expect(screen.queryByRole('table', { name: 'Tags' })).not.toBeInTheDocument();
  expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
});

test('sends a test event, shows its eventID, and the ingestion status follows', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  const template = JSON.parse(
    screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Event data (JSON)' }).value,
  ) as Record<string, unknown>;
  expect(template).toMatchObject({
    version: '1.0',
    userIdentity: { type: 'CustomUserIdentity', principalId: 'console-test-user' },
    eventTime: '2025-06-02T12:30:00Z',
    recipientAccountId: '123456789012',
  });
  expect(template.UID).toMatch(UUID);

  await user.click(screen.getByRole('button', { name: 'Send test events' }));
  const table = await screen.findByRole('table', { name: 'Test event results' });
  const [row] = resultRows();
  expect(row).toHaveTextContent('Ingested');
  const eventId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(row?.textContent ?? '')?.[0];
  expect(eventId).toBeDefined();
  expect(table).toBeVisible();
  expect(screen.getByText('1 ingested, 0 failed.')).toBeVisible();

  await within(pair('Ingestion status', 'Latest successful event ID')).findByText(eventId ?? '');
  expect(pair('Ingestion status', 'Latest attempted event ID')).toHaveTextContent(eventId ?? '');
  expect(pair('Ingestion status', 'Latest successful ingestion')).toHaveTextContent('2025-06-02 12:30:00 UTC');
  const channel = await emulatorClient().send(new GetChannelCommand({ Channel: PAYMENTS }));
  expect(channel.IngestionStatus?.LatestIngestionSuccessEventID).toBe(eventId);
});

test('queries a destination store for the events the channel ingested', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  const channelArn = `arn:aws:cloudtrail:us-east-1:123456789012:channel/${PAYMENTS}`;
  const store = await within(pair('General details', 'Destinations')).findByRole('link', {
    name: 'integrations-audit',
  });
  const storeId = store.getAttribute('href')?.split('/').at(-1) ?? '';
  const statement = [
    'SELECT eventData.eventName, eventData.eventTime, eventData.userIdentity.principalId, eventData.eventSource, metadata.channelArn',
    `FROM ${storeId}`,
    `WHERE metadata.channelArn = '${channelArn}'`,
    'ORDER BY eventTime DESC',
  ].join('\n');
  const link = within(pair('General details', 'Destinations')).getByRole('link', { name: 'Query ingested events' });
  expect(link).toHaveAttribute('href', `/lake/query?${new URLSearchParams({ sql: statement }).toString()}`);

  await user.click(link);
  expect(await screen.findByRole('heading', { name: 'Query', level: 1 })).toBeVisible();
  expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(
    `WHERE metadata.channelArn = '${channelArn}'`,
  );
});

test('with several destination stores, each query link names its store', async () => {
  const client = emulatorClient();
  const selectors = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];
  const stores = await Promise.all(
    ['orders-audit-a', 'orders-audit-b'].map(async (Name) => {
      const output = await client.send(
        new CreateEventDataStoreCommand({ Name, AdvancedEventSelectors: selectors, MultiRegionEnabled: false }),
      );
      return output.EventDataStoreArn ?? '';
    }),
  );
  const { ChannelArn = '' } = await client.send(
    new CreateChannelCommand({
      Name: 'orders',
      Source: 'Custom',
      Destinations: stores.map((Location) => ({ Type: 'EVENT_DATA_STORE', Location })),
    }),
  );
  await openChannel(ChannelArn.slice(ChannelArn.lastIndexOf('/') + 1), 'orders');
  for (const arn of stores) {
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    const link = screen.getByRole('link', { name: `Query ingested events in ${id}` });
    expect(link).toHaveAttribute('href', expect.stringContaining(`FROM+${id}`));
  }
});

test('an event without eventName fails with FieldNotFound and its message', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  await replaceEventJson(
    user,
    JSON.stringify({
      version: '1.0',
      userIdentity: { type: 'CustomUserIdentity', principalId: 'p-1' },
      eventSource: 'orders.example.com',
      eventTime: '2025-06-02T12:00:00Z',
      UID: 'missing-name-1',
      recipientAccountId: '123456789012',
    }),
  );
  await user.click(screen.getByRole('button', { name: 'Send test events' }));
  await screen.findByRole('table', { name: 'Test event results' });
  const [row] = resultRows();
  expect(row).toHaveTextContent('FieldNotFound');
  expect(row).toHaveTextContent('The required field eventName is missing from eventData.');
  expect(await within(pair('Ingestion status', 'Last error code')).findByText('FieldNotFound')).toBeVisible();
});

test('sends several events at once, with checksums, and shows each outcome in order', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  const good = {
    version: '1.0',
    userIdentity: { type: 'CustomUserIdentity', principalId: 'p-1' },
    eventSource: 'orders.example.com',
    eventName: 'PlaceOrder',
    eventTime: '2025-06-02T12:00:00Z',
    UID: 'order-1',
    recipientAccountId: '123456789012',
  };
  await replaceEventJson(
    user,
    JSON.stringify([good, { ...good, recipientAccountId: '999999999999' }, '<b>not an object</b>']),
  );
  expect(screen.getByRole('spinbutton', { name: 'Number of events' })).toBeDisabled();
  await user.click(screen.getByRole('checkbox', { name: /Include checksum/ }));
  await user.click(screen.getByRole('button', { name: 'Send test events' }));
  await screen.findByRole('table', { name: 'Test event results' });
  const [first, second, third] = resultRows();
  expect(first).toHaveTextContent('Ingested');
  expect(second).toHaveTextContent('InvalidRecipient');
  expect(third).toHaveTextContent('InvalidData');
  expect(screen.getByText('1 ingested, 2 failed.')).toBeVisible();
});

test('checks the event JSON before sending', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  await replaceEventJson(user, '{"version": ');
  await user.click(screen.getByRole('button', { name: 'Send test events' }));
  expect(
    await screen.findByRole('textbox', { name: 'Event data (JSON)', description: /^Not valid JSON/ }),
  ).toBeVisible();
  await replaceEventJson(user, '[]');
  expect(screen.getByRole('textbox', { name: 'Event data (JSON)' })).toHaveAccessibleDescription(
    /An array holds 1–100 events; this one has 0\./,
  );
  expect(screen.queryByRole('table', { name: 'Test event results' })).not.toBeInTheDocument();
});

test('edits the resource policy; CloudTrail’s refusal shows in the modal', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  expect(await screen.findByText(/No resource policy/)).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Create policy' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create resource policy' });
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'AWS account ID' }), '111122223333');
  expect(within(dialog).getByRole('region', { name: 'Generated resource policy' })).toHaveTextContent(
    `arn:aws:cloudtrail:us-east-1:123456789012:channel/${PAYMENTS}`,
  );
  await user.click(within(dialog).getByRole('radio', { name: /Write the policy JSON/ }));
  const json = within(dialog).getByRole('textbox', { name: 'Policy JSON' });
  await user.clear(json);
  await user.click(json);
  await user.paste(
    JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'cloudtrail-data:PutAuditEvents',
          Resource: `arn:aws:cloudtrail:us-east-1:123456789012:channel/${PAYMENTS}`,
        },
      ],
    }),
  );
  await user.click(within(dialog).getByRole('button', { name: 'Save policy' }));
  expect(await within(dialog).findByText(/Principal type 'Service' is not supported/)).toBeVisible();
  expect(within(dialog).getByText('ResourcePolicyNotValidException')).toBeVisible();

  await user.click(within(dialog).getByRole('radio', { name: /Allow other AWS accounts/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Save policy' }));
  expect(await screen.findByRole('region', { name: 'Resource policy JSON' })).toHaveTextContent('"111122223333"');
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Delete policy' }));
  await user.click(
    within(await screen.findByRole('dialog', { name: 'Delete resource policy?' })).getByRole('button', {
      name: 'Delete policy',
    }),
  );
  expect(await screen.findByText(/No resource policy/)).toBeVisible();
});

test('renames an integration and deletes it after its name is typed', async () => {
  const user = await openChannel(PAYMENTS, 'payments-app-audit');
  await user.click(screen.getByRole('button', { name: 'Edit' }));
  const edit = await screen.findByRole('dialog', { name: 'Edit integration payments-app-audit' });
  const name = within(edit).getByRole('textbox', { name: 'Integration name' });
  await user.clear(name);
  await pasteInto(user, name, 'payments audit');
  await user.click(within(edit).getByRole('button', { name: 'Save changes' }));
  expect(name).toHaveAccessibleDescription(/Use only letters, numbers, periods, underscores and hyphens\./);
  await user.clear(name);
  await pasteInto(user, name, 'payments-audit');
  await user.click(within(edit).getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByRole('heading', { name: 'payments-audit', level: 1 })).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('dialog', { name: 'Delete integration payments-audit?' });
  const confirm = within(dialog).getByRole('button', { name: 'Delete' });
  expect(confirm).toBeDisabled();
  await pasteInto(user, within(dialog).getByRole('textbox', { name: /type the integration's name/ }), 'payments-audit');
  await user.click(confirm);
  expect(await screen.findByRole('table', { name: 'Integrations' })).toBeVisible();
  expect(await screen.findByText('Integration payments-audit deleted.')).toBeVisible();
  const output = await emulatorClient().send(new ListChannelsCommand({}));
  expect(output.Channels?.map((channel) => channel.Name)).toEqual([
    'launchdarkly-audit',
    'aws-service-channel/securitylake/8c1e5b2f',
  ]);
});

test('an unknown channel shows a not-found page', async () => {
  renderApp('/lake/integrations/00000000-0000-4000-8000-000000000000');
  expect(await screen.findByRole('heading', { name: 'Integration not found' })).toBeVisible();
});

test('describes a custom integration in words, not as coming from "My custom integration"', async () => {
  await openChannel(PAYMENTS, 'payments-app-audit');
  expect(screen.getByText('Custom integration: events your own applications send')).toBeVisible();
  expect(screen.queryByText(/from My custom integration/)).not.toBeInTheDocument();
});
