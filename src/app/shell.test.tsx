import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { renderApp } from '@/testing/render-app';

test('opens on Event history with the seeded events, newest first', async () => {
  renderApp('/');
  expect(await screen.findByRole('heading', { name: /Event history/ })).toBeVisible();
  const table = await screen.findByRole('treegrid', { name: 'Events' });
  const names = await within(table).findAllByRole('rowheader');
  expect(names).toHaveLength(50);
  const times = within(table)
    .getAllByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)
    .map((cell) => Date.parse(cell.textContent.replace(' UTC', 'Z')));
  expect(times).toHaveLength(50);
  expect(times.every((time) => !Number.isNaN(time))).toBe(true);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
});

test('shows the product, the backend and the region in the top navigation', async () => {
  renderApp('/events');
  expect(await screen.findByRole('link', { name: 'CloudTrail console' })).toBeVisible();
  expect(screen.getByRole('link', { name: /Backend: Embedded emulator/ })).toBeVisible();
  expect(screen.getByRole('button', { name: 'Region: us-east-1' })).toBeVisible();
});

test('links only to pages that exist in the side navigation', async () => {
  renderApp('/events');
  const navigation = await screen.findByRole('navigation', { name: 'Side navigation' });
  const links = within(navigation)
    .getAllByRole('link')
    .map((link) => link.textContent);
  expect(links).toEqual([
    'CloudTrail',
    'Event history',
    'Trails',
    'Event data stores',
    'Dashboard',
    'Query',
    'Integrations',
    'Settings',
  ]);
});

test('switching region shows that region’s history', async () => {
  const user = userEvent.setup();
  renderApp('/events');
  await screen.findByRole('treegrid', { name: 'Events' });
  await user.click(screen.getByRole('button', { name: 'Region: us-east-1' }));
  await user.click(await screen.findByRole('menuitemcheckbox', { name: 'eu-west-1' }));
  expect(await screen.findByRole('button', { name: 'Region: eu-west-1' })).toBeVisible();
  const table = await screen.findByRole('treegrid', { name: 'Events' });
  expect((await within(table).findAllByRole('rowheader')).length).toBeGreaterThan(0);
  expect(localStorage.getItem('cloudtrail-console.connection')).toContain('eu-west-1');
});

test('shows a not-found page for an unknown URL', async () => {
  renderApp('/no/such/page');
  expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect(screen.getByText('/no/such/page')).toBeVisible();
});

test('falls back to defaults for a malformed URL instead of crashing', async () => {
  renderApp('/events?page=banana');
  expect(await screen.findByRole('treegrid', { name: 'Events' })).toBeVisible();
  expect(screen.getByRole('button', { name: 'Page 1' })).toHaveAttribute('aria-current', 'true');
});

test('switches to dark mode and remembers the choice', async () => {
  const user = userEvent.setup();
  renderApp('/events');
  await user.click(await screen.findByRole('button', { name: 'Theme: System' }));
  await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Dark' }));
  expect(document.body).toHaveClass('awsui-dark-mode');
  expect(localStorage.getItem('cloudtrail-console.theme')).toBe('dark');
});
