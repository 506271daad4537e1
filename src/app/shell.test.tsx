import { CreateEventDataStoreCommand } from '@aws-sdk/client-cloudtrail';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../mocks/node';
import { renderApp } from '@/testing/render-app';

function regionOf(router: ReturnType<typeof renderApp>['router']) {
  return new URLSearchParams(router.state.location.search).get('region');
}

test('opens on Event history with the seeded events, newest first', async () => {
  renderApp('/');
  expect(await screen.findByRole('heading', { name: /Event history/ })).toBeVisible();
  const table = await screen.findByRole('treegrid', { name: 'Events' });
  const names = await within(table).findAllByRole('rowheader');
  expect(names).toHaveLength(50);
  // The element whose own text is the date and whose whole text is a time (the time of day is a
  // span of its own, so it can wrap).
  const wholeTime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/;
  const times = within(table)
    .getAllByText((ownText, element) => /^\d{4}-\d\d-\d\d$/.test(ownText) && wholeTime.test(element?.textContent ?? ''))
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
    'Resource story',
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
  await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Europe (Ireland) — eu-west-1' }));
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

test('the region menu names each region with its code, and checks the current one', async () => {
  const user = userEvent.setup();
  renderApp('/events');
  await user.click(await screen.findByRole('button', { name: 'Region: us-east-1' }));
  expect(await screen.findByRole('menuitemcheckbox', { name: 'US East (N. Virginia) — us-east-1' })).toBeChecked();
  expect(screen.getByRole('menuitemcheckbox', { name: 'Asia Pacific (Tokyo) — ap-northeast-1' })).not.toBeChecked();
});

test('every page’s URL names the region, also after following a link inside the console', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/events', { connection: { kind: 'embedded', region: 'eu-west-2' } });
  await screen.findByRole('treegrid', { name: 'Events' });
  await waitFor(() => {
    expect(regionOf(router)).toBe('eu-west-2');
  });
  const navigation = screen.getByRole('navigation', { name: 'Side navigation' });
  await user.click(within(navigation).getByRole('link', { name: 'Event data stores' }));
  expect(await screen.findByRole('heading', { name: /Event data stores/, level: 1 })).toBeVisible();
  await waitFor(() => {
    expect(regionOf(router)).toBe('eu-west-2');
  });
  expect(router.state.location.pathname).toBe('/lake/event-data-stores');
});

test('a link to another region’s stores opens that region and switches the console to it', async () => {
  await emulatorClient({ region: 'eu-west-1' }).send(
    new CreateEventDataStoreCommand({ Name: 'ireland-audit', TerminationProtectionEnabled: false }),
  );
  const { router } = renderApp('/lake/event-data-stores?region=eu-west-1');
  expect(await screen.findByRole('link', { name: 'ireland-audit' })).toBeVisible();
  expect(screen.getByRole('button', { name: 'Region: eu-west-1' })).toBeVisible();
  expect(regionOf(router)).toBe('eu-west-1');
  expect(localStorage.getItem('cloudtrail-console.connection')).toContain('eu-west-1');
});

test('choosing a region in the menu writes it into the URL, and Back returns to the previous one', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/lake/event-data-stores?region=us-east-1&filter=x');
  await user.click(await screen.findByRole('button', { name: 'Region: us-east-1' }));
  await user.click(await screen.findByRole('menuitemcheckbox', { name: 'US West (Oregon) — us-west-2' }));
  expect(await screen.findByRole('button', { name: 'Region: us-west-2' })).toBeVisible();
  expect(regionOf(router)).toBe('us-west-2');
  expect(new URLSearchParams(router.state.location.search).get('filter')).toBe('x');

  await router.navigate(-1);
  expect(await screen.findByRole('button', { name: 'Region: us-east-1' })).toBeVisible();
});

test('a link naming no region, or one the console does not serve, opens the current region', async () => {
  const { router } = renderApp('/lake/event-data-stores?region=mars-north-1', {
    connection: { kind: 'embedded', region: 'ap-south-1' },
  });
  expect(await screen.findByRole('heading', { name: /Event data stores/, level: 1 })).toBeVisible();
  await waitFor(() => {
    expect(regionOf(router)).toBe('ap-south-1');
  });
  expect(screen.getByRole('button', { name: 'Region: ap-south-1' })).toBeVisible();
});

test('the first time focus enters a grid, a hint tells how to move in it, until the arrow keys are used', async () => {
  const user = userEvent.setup();
  renderApp('/events');
  const table = await screen.findByRole('treegrid', { name: 'Events' });
  const [cell] = await within(table).findAllByRole('rowheader');
  // The event's name is a link: the first stop of Tab in the grid.
  const link = within(cell ?? table).getAllByRole('link')[0];
  act(() => {
    link?.focus();
  });
  expect(screen.getByRole('note', { name: 'Keyboard navigation in tables' })).toHaveTextContent(
    /The Events table: arrow keys move between cells/,
  );

  await user.keyboard('{ArrowDown}');
  expect(screen.queryByRole('note', { name: 'Keyboard navigation in tables' })).not.toBeInTheDocument();
  act(() => {
    link?.focus();
  });
  expect(screen.queryByRole('note', { name: 'Keyboard navigation in tables' })).not.toBeInTheDocument();
});
