import {
  CreateChannelCommand,
  CreateEventDataStoreCommand,
  ListChannelsCommand,
  ListEventDataStoresCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { EVENT_DATA_STORES_PER_REGION, INTEGRATION_CHANNELS_PER_REGION } from '@/lib/cloudtrail-limits';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';

const ACTIVITY_SELECTORS = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];

async function storeNames(): Promise<string[]> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  return (output.EventDataStores ?? []).map((store) => store.Name ?? '');
}

async function channelCount(): Promise<number> {
  const output = await emulatorClient().send(new ListChannelsCommand({}));
  return output.Channels?.length ?? 0;
}

test('says before anything is sent that the Region has no room for another integration', async () => {
  const client = emulatorClient();
  const destination = await client.send(
    new CreateEventDataStoreCommand({
      Name: 'quota-audit',
      AdvancedEventSelectors: ACTIVITY_SELECTORS,
      MultiRegionEnabled: false,
    }),
  );
  // Fill the Region up to CloudTrail's limit (service-linked channels do not count).
  const listed = await client.send(new ListChannelsCommand({}));
  const integrations = (listed.Channels ?? []).filter((channel) => !channel.Name?.startsWith('aws-service-channel/'));
  for (let index = integrations.length; index < INTEGRATION_CHANNELS_PER_REGION; index++)
    await client.send(
      new CreateChannelCommand({
        Name: `filler-${String(index)}`,
        Source: 'Custom',
        Destinations: [{ Type: 'EVENT_DATA_STORE', Location: destination.EventDataStoreArn ?? '' }],
      }),
    );
  const before = await channelCount();
  const stores = await storeNames();

  const user = userEvent.setup();
  renderApp('/lake/integrations/create');
  expect(await screen.findByText('No more integrations in this Region', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  await user.type(screen.getByRole('textbox', { name: 'Integration name' }), 'one-too-many');
  await user.click(screen.getByRole('radio', { name: /Create a new event data store/ }));
  await user.type(screen.getByRole('textbox', { name: 'Event data store name' }), 'one-too-many-store');
  await user.click(screen.getByRole('button', { name: 'Create integration' }));

  // Neither the store nor the channel was created.
  expect(await channelCount()).toBe(before);
  expect(await storeNames()).toEqual(stores);
  // Said at the top of the form and again, after the attempt, next to the submit button.
  expect(
    screen.getAllByText(
      `us-east-1 already has ${String(INTEGRATION_CHANNELS_PER_REGION)} integrations, the most CloudTrail allows in a Region. Delete one before creating another.`,
      { ignore: LIVE_REGION_COPIES },
    ),
  ).toHaveLength(2);
});

test('says next to the destination that the Region has no room for another event data store', async () => {
  const client = emulatorClient();
  for (let index = (await storeNames()).length; index < EVENT_DATA_STORES_PER_REGION; index++)
    await client.send(new CreateEventDataStoreCommand({ Name: `filler-store-${String(index)}` }));
  const stores = await storeNames();
  expect(stores).toHaveLength(EVENT_DATA_STORES_PER_REGION);
  const before = await channelCount();

  const user = userEvent.setup();
  renderApp('/lake/integrations/create');
  await user.type(await screen.findByRole('textbox', { name: 'Integration name' }), 'no-room');
  await user.click(screen.getByRole('radio', { name: /Create a new event data store/ }));
  const message = `us-east-1 already has ${String(EVENT_DATA_STORES_PER_REGION)} event data stores, the most CloudTrail allows in a Region: send to existing stores, or delete one first.`;
  expect(await screen.findByRole('radiogroup', { name: 'Destination', description: message })).toBeVisible();
  await user.type(screen.getByRole('textbox', { name: 'Event data store name' }), 'no-room-store');
  await user.click(screen.getByRole('button', { name: 'Create integration' }));

  expect(await storeNames()).toEqual(stores);
  expect(await channelCount()).toBe(before);
});
