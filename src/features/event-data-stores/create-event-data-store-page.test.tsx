import { ListEventDataStoresCommand, ListTagsCommand } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, testClock } from '../../../mocks/node';
import { failNextWith } from '../../../mocks/scenarios';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

const CREATE_PATH = '/lake/event-data-stores/create';

async function storeNames(): Promise<string[]> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  return (output.EventDataStores ?? []).map((store) => store.Name ?? '');
}

async function openForm() {
  const user = userEvent.setup();
  const { router } = renderApp(CREATE_PATH);
  const name = await screen.findByRole('textbox', { name: 'Event data store name' });
  return { user, name, router };
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

function retention() {
  return screen.getByRole('spinbutton', { name: 'Retention period (days)' });
}

function submit() {
  return screen.getByRole('button', { name: 'Create event data store' });
}

test('checks the name next to the field once it is left, and sends nothing while it is invalid', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'ab');
  expect(name).not.toHaveAccessibleDescription(/at least 3 characters/);
  await user.tab();
  expect(
    await screen.findByRole('textbox', {
      name: 'Event data store name',
      description: /Enter a name of at least 3 characters\./,
    }),
  ).toBeVisible();
  await pasteInto(user, name, ' c');
  expect(name).toHaveAccessibleDescription(/Use only letters, numbers, periods, underscores and hyphens\./);
  await user.click(submit());
  expect(
    screen.getByText('Some fields need attention; see the messages next to them.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
  expect(router.state.location.pathname).toBe(CREATE_PATH);
  expect(await storeNames()).toEqual(['management-events', 'integrations-audit']);
});

test('retention follows the pricing option: its default and its maximum', async () => {
  const { user } = await openForm();
  expect(retention()).toHaveValue(366);
  expect(screen.getByText(/7–3653 days for this pricing option\. Default 366\./)).toBeVisible();

  await user.click(screen.getByRole('radio', { name: /^Seven-year retention pricing/ }));
  expect(retention()).toHaveValue(2557);
  expect(screen.getByText(/7–2557 days for this pricing option\. Default 2557\./)).toBeVisible();

  await user.clear(retention());
  await pasteInto(user, retention(), '3000');
  await user.tab();
  expect(
    await screen.findByRole('spinbutton', {
      name: 'Retention period (days)',
      description: /Enter 7 to 2557 days for this pricing option\./,
    }),
  ).toBeVisible();

  // 3000 days is within one-year extendable pricing's range, and a typed value is kept.
  await user.click(screen.getByRole('radio', { name: /^One-year extendable retention pricing/ }));
  expect(retention()).toHaveValue(3000);
  expect(retention()).not.toHaveAccessibleDescription(/Enter 7 to 2557 days for this pricing option\./);
  await user.clear(retention());
  await pasteInto(user, retention(), '5');
  expect(retention()).toHaveAccessibleDescription(/Enter 7 to 3653 days for this pricing option\./);
});

test('checks tags next to each row: reserved prefix, empty and repeated keys', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'tagged-store');
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  const keys = screen.getAllByRole('textbox', { name: 'Key' });
  await pasteInto(user, keys[0] as HTMLElement, 'aws:owner');
  await pasteInto(user, keys[1] as HTMLElement, 'team');
  await pasteInto(user, keys[2] as HTMLElement, 'team');
  await user.click(submit());
  expect(
    await screen.findByRole('textbox', {
      name: 'Key',
      description: /Keys starting with "aws:" are reserved for AWS\./,
    }),
  ).toBe(keys[0]);
  expect(screen.getByRole('textbox', { name: 'Key', description: /This key is already used\./ })).toBeVisible();
  expect(await storeNames()).toEqual(['management-events', 'integrations-audit']);

  await user.clear(keys[0] as HTMLElement);
  expect(keys[0]).toHaveAccessibleDescription(/Enter a key\./);
});

test('requires a resource type for a data event selector and shows the selectors as JSON', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'data-store');
  await user.click(screen.getByRole('button', { name: 'Add selector' }));
  const second = screen.getByRole('region', { name: 'Selector 2' });
  expect(within(second).getByText('Data events')).toBeVisible();
  await user.click(submit());
  expect(await within(second).findByText('Choose the resource type of the data events.')).toBeVisible();
  expect(screen.getByRole('region', { name: 'Advanced event selectors JSON' })).toHaveTextContent(
    '"Field": "resources.type"',
  );
  expect(await storeNames()).toEqual(['management-events', 'integrations-audit']);
});

test('creates a store, opens it and follows its status from CREATED to ENABLED', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'audit-lake');
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Key' }), 'team');
  await pasteInto(user, screen.getByRole('textbox', { name: 'Value - optional' }), 'security');
  await user.click(submit());

  // The store's page loads its code on this first visit, which takes a while on a busy machine.
  expect(await screen.findByRole('heading', { name: 'audit-lake', level: 1 }, { timeout: 15_000 })).toBeVisible();
  expect(screen.getByText('Event data store audit-lake created.', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(router.state.location.pathname).toMatch(/^\/lake\/event-data-stores\/[0-9a-f-]{36}$/);
  expect(detail('Status')).toHaveTextContent('Created');
  expect(await screen.findByRole('table', { name: 'Tags' })).toHaveTextContent('security');

  // The page reads the store again every second while it is CREATED.
  testClock.advance(3000);
  expect(await within(detail('Status')).findByText('Enabled')).toBeVisible();

  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const created = output.EventDataStores?.find((store) => store.Name === 'audit-lake');
  const tags = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [created?.EventDataStoreArn ?? ''] }));
  expect(tags.ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'team', Value: 'security' }]);
});

test('checks the name against the region’s stores next to the field, and sends nothing', async () => {
  const { user, name, router } = await openForm();
  await pasteInto(user, name, 'management-events');
  await user.click(submit());
  expect(
    await screen.findByRole('textbox', {
      name: 'Event data store name',
      description: /An event data store named management-events already exists in us-east-1\./,
    }),
  ).toHaveFocus();
  expect(router.state.location.pathname).toBe(CREATE_PATH);
  expect(await storeNames()).toEqual(['management-events', 'integrations-audit']);
});

test('moves focus to the first field with an error on submit', async () => {
  const { user, name } = await openForm();
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Key' }), 'aws:reserved');
  await user.click(submit());
  // The empty name comes first on the page, before the tag row.
  expect(await screen.findByRole('textbox', { name: 'Event data store name', description: /3 characters/ })).toBe(name);
  expect(name).toHaveFocus();
  await pasteInto(user, name, 'audit-lake');
  await user.click(submit());
  const key = await screen.findByRole('textbox', { name: 'Key', description: /reserved for AWS/ });
  expect(key).toHaveFocus();
});

test('a new tag row is not marked before it is typed in, and is once the form is submitted', async () => {
  const { user, name } = await openForm();
  await pasteInto(user, name, 'audit-lake');
  await user.click(screen.getByRole('button', { name: 'Add tag' }));
  const key = screen.getByRole('textbox', { name: 'Key' });
  await user.click(key);
  await user.tab();
  await user.click(name);
  expect(key).not.toHaveAccessibleDescription(/Enter a key\./);
  expect(key).not.toHaveAttribute('aria-invalid', 'true');
  await user.click(submit());
  expect(await screen.findByRole('textbox', { name: 'Key', description: /Enter a key\./ })).toHaveFocus();
  expect(await storeNames()).toEqual(['management-events', 'integrations-audit']);
});

test('shows what CloudTrail still refuses as its message in words, and keeps the input', async () => {
  failNextWith(
    emulator,
    'CreateEventDataStore',
    'EventDataStoreMaxLimitExceededException',
    'The account 123456789012 has reached the limit of 10 event data stores in a region.',
  );
  const { user, name } = await openForm();
  await pasteInto(user, name, 'one-too-many');
  await user.click(submit());
  expect(
    await screen.findByText('The account 123456789012 has reached the limit of 10 event data stores in a region.', {
      ignore: LIVE_REGION_COPIES,
    }),
  ).toBeVisible();
  expect(screen.queryByText(/EventDataStoreMaxLimitExceededException/)).not.toBeInTheDocument();
  expect(name).toHaveValue('one-too-many');
});
