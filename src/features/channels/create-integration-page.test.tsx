import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  GetChannelCommand,
  GetEventDataStoreCommand,
  GetResourcePolicyCommand,
  ListChannelsCommand,
  ListEventDataStoresCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock } from '../../../mocks/node';
import { failNextWith } from '../../../mocks/scenarios';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

const CREATE_PATH = '/lake/integrations/create';
const SEEDED_CHANNELS = ['payments-app-audit', 'launchdarkly-audit', 'aws-service-channel/securitylake/8c1e5b2f'];
const ACTIVITY_SELECTORS = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];

async function channelNames(): Promise<string[]> {
  const output = await emulatorClient().send(new ListChannelsCommand({}));
  return (output.Channels ?? []).map((channel) => channel.Name ?? '');
}

async function openForm() {
  const user = userEvent.setup();
  const { router } = renderApp(CREATE_PATH);
  const name = await screen.findByRole('textbox', { name: 'Integration name' });
  return { user, name, router };
}

function submit() {
  return screen.getByRole('button', { name: 'Create integration' });
}

/** Opens the destination stores' multiselect and returns the names it offers. */
async function offeredStores(user: ReturnType<typeof userEvent.setup>): Promise<string[]> {
  await user.click(screen.getByRole('button', { name: /Event data stores/ }));
  const list = await screen.findByRole('listbox');
  const options = await within(list).findAllByRole('option');
  return options.map((option) => option.textContent);
}

test('offers only single-Region, active stores of events from integrations as destinations', async () => {
  const client = emulatorClient();
  await client.send(
    new CreateEventDataStoreCommand({ Name: 'all-regions-audit', AdvancedEventSelectors: ACTIVITY_SELECTORS }),
  );
  const doomed = await client.send(
    new CreateEventDataStoreCommand({
      Name: 'retired-audit',
      AdvancedEventSelectors: ACTIVITY_SELECTORS,
      MultiRegionEnabled: false,
      TerminationProtectionEnabled: false,
    }),
  );
  await client.send(
    new CreateEventDataStoreCommand({
      Name: 'partner-audit',
      AdvancedEventSelectors: ACTIVITY_SELECTORS,
      MultiRegionEnabled: false,
    }),
  );
  testClock.advance(5000);
  await client.send(new DeleteEventDataStoreCommand({ EventDataStore: doomed.EventDataStoreArn }));

  const { user } = await openForm();
  const offered = await offeredStores(user);
  expect(offered).toHaveLength(2);
  expect(offered[0]).toMatch(/^integrations-audit/);
  expect(offered[1]).toMatch(/^partner-audit/);
});

test('finds a partner by searching, shows its integration type, and refuses a second channel for it', async () => {
  const { user } = await openForm();
  await user.click(screen.getByRole('radio', { name: /Partner integration/ }));
  await user.click(screen.getByRole('button', { name: /Partner/ }));
  await pasteInto(user, await screen.findByRole('combobox', { name: 'Find a partner' }), 'okt');
  const list = screen.getByRole('listbox');
  const okta = within(list).getByRole('option', { name: /Okta/ });
  expect(okta).toHaveTextContent('Solution integration · Source OktaSystemLogEvents');
  expect(within(list).queryByRole('option', { name: /Clumio/ })).not.toBeInTheDocument();
  await user.click(okta);
  expect(screen.getByText(/Okta's solution runs in your AWS account/)).toBeVisible();

  await user.click(screen.getByRole('button', { name: /Partner/ }));
  await pasteInto(user, await screen.findByRole('combobox', { name: 'Find a partner' }), 'launch');
  expect(within(screen.getByRole('listbox')).getByRole('option', { name: /LaunchDarkly/ })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
});

test('generates the resource policy from account IDs and an external ID, with a placeholder ARN', async () => {
  const { user } = await openForm();
  await user.click(screen.getByRole('radio', { name: /Allow other AWS accounts/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'AWS account ID' }), '111122223333');
  await user.click(screen.getByRole('button', { name: 'Add account' }));
  await pasteInto(user, screen.getAllByRole('textbox', { name: 'AWS account ID' })[1] as HTMLElement, '444455556666');
  await pasteInto(user, screen.getByRole('textbox', { name: 'External ID - optional' }), 'partner-ext-1');

  const policy = JSON.parse(screen.getByRole('region', { name: 'Generated resource policy' }).textContent) as Record<
    string,
    unknown
  >;
  expect(policy).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowPutAuditEvents',
        Effect: 'Allow',
        Principal: { AWS: ['111122223333', '444455556666'] },
        Action: 'cloudtrail-data:PutAuditEvents',
        Resource: 'arn:aws:cloudtrail:us-east-1:<account-id>:channel/<channel-id>',
        Condition: { StringEquals: { 'cloudtrail:ExternalId': 'partner-ext-1' } },
      },
    ],
  });
});

test('the generated policy preview lists only well-formed account IDs', async () => {
  const { user } = await openForm();
  await user.click(screen.getByRole('radio', { name: /Allow other AWS accounts/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'AWS account ID' }), '111122223333');
  await user.click(screen.getByRole('button', { name: 'Add account' }));
  await pasteInto(user, screen.getAllByRole('textbox', { name: 'AWS account ID' })[1] as HTMLElement, '4444');
  const preview = () =>
    JSON.parse(screen.getByRole('region', { name: 'Generated resource policy' }).textContent) as {
      Statement: { Principal: { AWS: string[] } }[];
    };
  expect(preview().Statement[0]?.Principal.AWS).toEqual(['111122223333']);
  await pasteInto(user, screen.getAllByRole('textbox', { name: 'AWS account ID' })[1] as HTMLElement, '55556666');
  expect(preview().Statement[0]?.Principal.AWS).toEqual(['111122223333', '444455556666']);
});

test('shows field errors for a bad account ID and an empty name, and sends nothing', async () => {
  const { user, name, router } = await openForm();
  await user.click(screen.getByRole('radio', { name: /Allow other AWS accounts/ }));
  const account = screen.getByRole('textbox', { name: 'AWS account ID' });
  await pasteInto(user, account, '12345');
  expect(account).not.toHaveAccessibleDescription(/An AWS account ID is 12 digits, such as 111122223333\./);
  await user.tab();
  expect(
    await screen.findByRole('textbox', {
      name: 'AWS account ID',
      description: /An AWS account ID is 12 digits, such as 111122223333\./,
    }),
  ).toBeVisible();
  await pasteInto(user, screen.getByRole('textbox', { name: 'External ID - optional' }), 'x');
  await user.click(submit());
  expect(name).toHaveAccessibleDescription(/Enter a name of at least 3 characters\./);
  expect(screen.getByRole('button', { name: /Event data stores/ })).toHaveAccessibleDescription(
    /Choose at least one event data store\./,
  );
  expect(screen.getByRole('textbox', { name: 'External ID - optional' })).toHaveAccessibleDescription(
    /An external ID has 2–1224 characters\./,
  );
  expect(
    screen.getByText('Some fields need attention; see the messages next to them.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
  expect(router.state.location.pathname).toBe(CREATE_PATH);
  expect(await channelNames()).toEqual(SEEDED_CHANNELS);
});

test('creates a Custom integration and shows its ARN with a copy button', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'orders-service');
  await user.click(screen.getByRole('button', { name: /Event data stores/ }));
  await user.click(await screen.findByRole('option', { name: /integrations-audit/ }));
  await user.keyboard('{Escape}');
  await user.click(submit());

  expect(await screen.findByRole('heading', { name: 'Integration orders-service created', level: 1 })).toBeVisible();
  const output = await emulatorClient().send(new ListChannelsCommand({}));
  const arn = output.Channels?.find((channel) => channel.Name === 'orders-service')?.ChannelArn ?? '';
  expect(arn).toMatch(/^arn:aws:cloudtrail:us-east-1:123456789012:channel\/[0-9a-f-]{36}$/);
  expect(screen.getByText(arn)).toBeVisible();
  expect(screen.getByText('My custom integration')).toBeVisible();
  expect(screen.getByText(/calling PutAuditEvents with this ARN/)).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Copy channel ARN' }));
  expect(await screen.findByText('Channel ARN copied', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(await navigator.clipboard.readText()).toBe(arn);

  const channel = await emulatorClient().send(new GetChannelCommand({ Channel: arn }));
  expect(channel.Source).toBe('Custom');
  expect(screen.getByRole('link', { name: 'View integration' })).toHaveAttribute(
    'href',
    `/lake/integrations/${arn.split('/').at(-1) ?? ''}`,
  );
});

test('creates a new destination store first, then the channel, then its generated policy', async () => {
  const { user, name } = await openForm();
  await user.click(screen.getByRole('radio', { name: /Partner integration/ }));
  await user.click(screen.getByRole('button', { name: /Partner/ }));
  await pasteInto(user, await screen.findByRole('combobox', { name: 'Find a partner' }), 'Snyk');
  await user.click(screen.getByRole('option', { name: /Snyk\.io/ }));
  expect(screen.getByText(/Snyk\.io sends events from its own AWS account/)).toBeVisible();
  await pasteInto(user, name, 'snyk-audit');
  await user.click(screen.getByRole('radio', { name: /Create a new event data store/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Event data store name' }), 'snyk-events');
  await user.click(screen.getByRole('radio', { name: /Allow other AWS accounts/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'AWS account ID' }), '444455556666');
  await pasteInto(user, screen.getByRole('textbox', { name: 'External ID - optional' }), 'snyk-ext-42');
  await user.click(submit());

  expect(await screen.findByRole('heading', { name: 'Integration snyk-audit created', level: 1 })).toBeVisible();
  expect(screen.getByText(/Give this ARN to Snyk\.io/)).toBeVisible();
  expect(screen.getByText('Attached')).toBeVisible();
  expect(await screen.findByRole('link', { name: 'snyk-events' })).toBeVisible();

  const client = emulatorClient();
  const output = await client.send(new ListChannelsCommand({}));
  const arn = output.Channels?.find((channel) => channel.Name === 'snyk-audit')?.ChannelArn ?? '';
  const channel = await client.send(new GetChannelCommand({ Channel: arn }));
  expect(channel.Source).toBe('Snyk');
  const storeArn = channel.Destinations?.[0]?.Location ?? '';
  const store = await client.send(new GetEventDataStoreCommand({ EventDataStore: storeArn }));
  expect(store).toMatchObject({ Name: 'snyk-events', MultiRegionEnabled: false, RetentionPeriod: 366 });
  expect(store.AdvancedEventSelectors?.[0]?.FieldSelectors).toEqual([
    { Field: 'eventCategory', Equals: ['ActivityAuditLog'] },
  ]);
  const policy = await client.send(new GetResourcePolicyCommand({ ResourceArn: arn }));
  expect(JSON.parse(policy.ResourcePolicy ?? '{}')).toMatchObject({
    Statement: [
      {
        Principal: { AWS: ['444455556666'] },
        Resource: arn,
        Condition: { StringEquals: { 'cloudtrail:ExternalId': 'snyk-ext-42' } },
      },
    ],
  });
});

test('checks written policy JSON, then shows CloudTrail’s refusal and lets the channel go on without it', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'written-policy');
  await user.click(screen.getByRole('button', { name: /Event data stores/ }));
  await user.click(await screen.findByRole('option', { name: /integrations-audit/ }));
  await user.keyboard('{Escape}');
  await user.click(screen.getByRole('radio', { name: /Write the policy JSON/ }));
  const json = screen.getByRole('textbox', { name: 'Policy JSON' });
  expect(json).toHaveDisplayValue(/arn:aws:cloudtrail:us-east-1:<account-id>:channel\/<channel-id>/);

  await user.clear(json);
  await user.click(json);
  await user.paste('{"Version": "2012-10-17"');
  await user.tab();
  expect(
    await screen.findByRole('textbox', { name: 'Policy JSON', description: /^The policy is not valid JSON/ }),
  ).toBeVisible();
  await user.clear(json);
  await user.paste('{"Version": "2012-10-17"}');
  expect(json).toHaveAccessibleDescription(/The policy needs a Statement\./);
  await user.clear(json);
  await user.paste(
    JSON.stringify({
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: '111122223333' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:cloudtrail:us-east-1:<account-id>:channel/<channel-id>',
      },
    }),
  );
  await user.click(submit());

  expect(
    await screen.findByText(
      /^Statement 1: Action 's3:GetObject' is not allowed; a channel policy may only grant cloudtrail-data:PutAuditEvents\.$/,
      { ignore: LIVE_REGION_COPIES },
    ),
  ).toBeVisible();
  expect(screen.getByText('Integration written-policy was created without its policy')).toBeVisible();
  expect(await channelNames()).toContain('written-policy');

  await user.click(screen.getByRole('button', { name: 'Continue without a policy' }));
  expect(await screen.findByRole('heading', { name: 'Integration written-policy created', level: 1 })).toBeVisible();
  expect(screen.getByText('None: only this account can send events')).toBeVisible();
});

test('finds a taken integration name before creating anything, even the new store', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'payments-app-audit');
  await user.click(screen.getByRole('radio', { name: /Create a new event data store/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Event data store name' }), 'fresh-audit-store');
  await user.click(submit());
  expect(
    await screen.findByRole('textbox', {
      name: 'Integration name',
      description: /An integration named payments-app-audit already exists in us-east-1\./,
    }),
  ).toHaveFocus();
  expect(router.state.location.pathname).toBe(CREATE_PATH);
  const stores = await emulatorClient().send(new ListEventDataStoresCommand({}));
  expect(stores.EventDataStores?.map((store) => store.Name)).not.toContain('fresh-audit-store');
  expect(await channelNames()).toEqual(SEEDED_CHANNELS);
});

test('finds a taken store name next to its field before sending', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'new-audit');
  await user.click(screen.getByRole('radio', { name: /Create a new event data store/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Event data store name' }), 'integrations-audit');
  await user.click(submit());
  expect(
    await screen.findByRole('textbox', {
      name: 'Event data store name',
      description: /An event data store named integrations-audit already exists in us-east-1\./,
    }),
  ).toHaveFocus();
  expect(await channelNames()).toEqual(SEEDED_CHANNELS);
});

test('when the channel fails after the new store exists, says what exists and removes it on request', async () => {
  failNextWith(
    emulator,
    'CreateChannel',
    'ChannelMaxLimitExceededException',
    'The channel limit of the Region is reached.',
  );
  const { user, name } = await openForm();
  await pasteInto(user, name, 'late-failure');
  await user.click(screen.getByRole('radio', { name: /Create a new event data store/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Event data store name' }), 'late-store');
  await user.click(submit());

  expect(await screen.findByText('The integration was not created')).toBeVisible();
  expect(screen.getByText(/What exists now: the event data store late-store \(arn:aws:cloudtrail:/)).toBeVisible();
  expect(
    screen.getByText(/The integration itself was not created: The channel limit of the Region is reached\./),
  ).toBeVisible();
  expect(screen.getByRole('button', { name: 'Retry creating the integration' })).toBeVisible();
  // CloudTrail changes a store's settings only once it is enabled, a moment after its creation.
  testClock.advance(5000);
  await user.click(screen.getByRole('button', { name: 'Delete the new event data store' }));

  expect(await screen.findByText('Removed what was created')).toBeVisible();
  expect(screen.getByText(/The event data store late-store is pending deletion/)).toBeVisible();
  const stores = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const lateStore = stores.EventDataStores?.find((store) => store.Name === 'late-store')?.EventDataStoreArn ?? '';
  const store = await emulatorClient().send(new GetEventDataStoreCommand({ EventDataStore: lateStore }));
  expect(store.Status).toBe('PENDING_DELETION');
  expect(await channelNames()).toEqual(SEEDED_CHANNELS);
});

test('the generated policy shows only well-formed account IDs and names the others', async () => {
  const { user } = await openForm();
  await user.click(screen.getByRole('radio', { name: /Allow other AWS accounts/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'AWS account ID' }), '12345');
  expect(screen.getByText(/Not in the policy until corrected \(an account ID is 12 digits\): 12345/)).toBeVisible();
  const preview = screen.getByRole('region', { name: 'Generated resource policy' });
  expect(preview).not.toHaveTextContent('12345');
  await pasteInto(user, screen.getByRole('textbox', { name: 'AWS account ID' }), '6789012');
  expect(preview).toHaveTextContent('123456789012');
  expect(screen.queryByText(/Not in the policy until corrected/)).not.toBeInTheDocument();
});
