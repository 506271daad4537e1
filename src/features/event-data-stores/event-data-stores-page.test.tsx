import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

test('lists the seeded stores with their status, kind, pricing and retention', async () => {
  renderApp('/lake/event-data-stores');
  const table = await screen.findByRole('table', { name: 'Event data stores' });
  const management = await within(table).findByRole('row', { name: /^management-events / });
  const integrations = within(table).getByRole('row', { name: /^integrations-audit / });
  // After the name (the row header): status, event type, pricing, retention, protection, creation time.
  const cells = (row: HTMLElement) =>
    within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
  expect(cells(management).slice(0, 5)).toEqual([
    'Enabled',
    'CloudTrail events (management)',
    'One-year extendable retention pricing',
    '366 days',
    'Enabled',
  ]);
  expect(cells(management)[5]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  expect(cells(integrations).slice(0, 2)).toEqual(['Enabled', 'Events from integrations']);
  expect(screen.getByRole('link', { name: 'Create event data store' })).toHaveAttribute(
    'href',
    '/lake/event-data-stores/create',
  );
  const navigation = screen.getByRole('navigation', { name: 'Side navigation' });
  expect(within(navigation).getByRole('link', { name: 'Event data stores' })).toHaveAttribute(
    'href',
    '/lake/event-data-stores',
  );
});

test('filters the list by text and keeps the filter in the URL', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/lake/event-data-stores');
  const table = await screen.findByRole('table', { name: 'Event data stores' });
  await within(table).findByRole('link', { name: 'management-events' });
  await pasteInto(user, screen.getByRole('searchbox', { name: 'Filter event data stores' }), 'integrations');
  expect(within(table).queryByRole('link', { name: 'management-events' })).not.toBeInTheDocument();
  expect(within(table).getByRole('link', { name: 'integrations-audit' })).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).get('filter')).toBe('integrations');
});

test('opens a store from its row', async () => {
  const user = userEvent.setup();
  renderApp('/lake/event-data-stores');
  await user.click(await screen.findByRole('link', { name: 'management-events' }));
  expect(await screen.findByRole('heading', { name: 'management-events', level: 1 })).toBeVisible();
  const details = await screen.findByRole('region', { name: 'General details' });
  expect(within(details).getByText(/^arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore\//)).toBeVisible();
});
