import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, expect, test } from 'vitest';
import { columnValues, eventsTable } from '@/testing/events-table';
import { renderApp } from '@/testing/render-app';

// Routes load their page on first visit; loading both once here keeps the tests within findBy's wait.
beforeAll(async () => {
  await import('./event-history-page');
  await import('@/features/compare-events/compare-events-page');
}, 120_000);

function usePageSize(pageSize: 10 | 25 | 50, extraColumns: string[] = []) {
  localStorage.setItem(
    'cloudtrail-console.preferences.event-history',
    JSON.stringify({
      pageSize,
      visibleColumns: ['EventName', 'EventTime', 'Username', ...extraColumns],
      wrapLines: false,
      timeZone: 'utc',
    }),
  );
}

/** The record links of the page's rows, which name each event (`/events/<id>`). */
async function rowIds(): Promise<string[]> {
  const table = await eventsTable();
  const headers = await within(table).findAllByRole('rowheader', undefined, { timeout: 10_000 });
  return headers.map((cell) => cell.querySelector('a')?.getAttribute('href') ?? '');
}

async function currentPage(): Promise<string> {
  const buttons = await screen.findAllByRole('button', { name: /^Page \d+$/ });
  return buttons.find((button) => button.getAttribute('aria-current') === 'true')?.textContent ?? '';
}

test('a page opened directly shows that page, read as far as needed', async () => {
  usePageSize(10);
  const user = userEvent.setup();
  const { unmount } = renderApp('/events');
  const first = await rowIds();
  await user.click(screen.getByRole('button', { name: 'Next page' }));
  await screen.findByRole('button', { name: 'Page 2', current: true });
  await user.click(await screen.findByRole('button', { name: 'Next page' }));
  await screen.findByRole('button', { name: 'Page 3', current: true });
  const third = await rowIds();
  expect(third).toHaveLength(10);
  expect(third.filter((id) => first.includes(id))).toEqual([]);
  unmount();

  const { router } = renderApp('/events?page=3');
  expect(await screen.findByRole('button', { name: 'Page 3', current: true })).toBeVisible();
  expect(await rowIds()).toEqual(third);
  expect(new URLSearchParams(router.state.location.search).get('page')).toBe('3');
}, 90_000);

test('a link copied from a later page of a combined-filter scan reopens the same rows and scan state', async () => {
  usePageSize(10, ['EventSource']);
  const user = userEvent.setup();
  const { router, unmount } = renderApp('/events?filter=ReadOnly:false&filter=EventSource:s3.amazonaws.com');
  const first = await rowIds();
  await user.click(await screen.findByRole('button', { name: 'Next page' }));
  await screen.findByRole('button', { name: 'Page 2', current: true });
  const second = await rowIds();
  // Page 2 replaces page 1; it does not append to it.
  expect(second.length).toBeLessThanOrEqual(10);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  expect(new Set(await columnValues('Event source'))).toEqual(new Set(['s3.amazonaws.com']));
  const status = await screen.findByText(/this console applied/, undefined, { timeout: 10_000 });
  const meter = status.textContent;
  const search = new URLSearchParams(router.state.location.search);
  expect(search.get('page')).toBe('2');
  // The window's end and where page 2 starts travel with the link.
  expect(search.get('asof')).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(search.get('at')).toMatch(/^2\.10\./);
  const link = `${router.state.location.pathname}${router.state.location.search}`;
  unmount();

  // Another browser: nothing in memory, a different page size preference.
  localStorage.clear();
  renderApp(link);
  expect(await screen.findByRole('button', { name: 'Page 2', current: true })).toBeVisible();
  expect(await rowIds()).toEqual(second);
  expect((await screen.findByText(/this console applied/, undefined, { timeout: 10_000 })).textContent).toBe(meter);
  await user.click(screen.getByRole('button', { name: 'Previous page' }));
  await screen.findByRole('button', { name: 'Page 1', current: true });
  expect(await rowIds()).toEqual(first);
}, 90_000);

test('a crafted page anchor gives a readable view, never a crash', async () => {
  usePageSize(10);
  renderApp('/events?page=2&at=2.10.bm90LWEtY3Vyc29y&scan=x&regions=nowhere');
  expect(await screen.findByRole('button', { name: 'Page 2', current: true })).toBeVisible();
  expect(await rowIds()).toHaveLength(10);
  expect(await currentPage()).toBe('2');
}, 90_000);

test('reads all regions on one timeline, with a region column and global services labelled', async () => {
  usePageSize(50);
  const user = userEvent.setup();
  const { router } = renderApp('/events?filter=');
  await eventsTable();
  await user.click(screen.getByRole('button', { name: /^Regions/ }));
  await user.click(await screen.findByRole('option', { name: 'All Regions' }));
  expect(new URLSearchParams(router.state.location.search).get('regions')).toBe('all');
  expect(await screen.findByText('Completeness by Region', undefined, { timeout: 20_000 })).toBeVisible();
  const regions = await columnValues('AWS region');
  expect(regions).toContain('us-east-1');
  expect(regions.some((region) => region !== 'us-east-1' && !region.startsWith('Global'))).toBe(true);
  const times = await columnValues('Event time');
  expect([...times].sort().reverse()).toEqual(times);
  // The console's own region parameter is left alone.
  expect(new URLSearchParams(router.state.location.search).get('region')).toBe('us-east-1');
}, 90_000);

test('compares selected events side by side and can show only their differences', async () => {
  usePageSize(10);
  const user = userEvent.setup();
  const { router } = renderApp('/events?filter=EventName:DeleteBucket');
  await eventsTable();
  const boxes = await screen.findAllByRole('checkbox', { name: /^Select DeleteBucket of / });
  await user.click(boxes[0] as HTMLElement);
  await user.click(boxes[1] as HTMLElement);
  await user.click(screen.getByRole('link', { name: 'Compare (2)' }));
  const table = await screen.findByRole('table', { name: 'Compared fields' }, { timeout: 10_000 });
  expect(router.state.location.pathname).toBe('/events/compare');
  expect(new URLSearchParams(router.state.location.search).getAll('event')).toHaveLength(2);
  await within(table).findAllByText('Differs', undefined, { timeout: 10_000 });
  const fieldRows = () => within(table).getAllByRole('row').slice(1);
  const before = fieldRows().length;
  expect(within(table).getByRole('rowheader', { name: 'eventName' })).toBeVisible();
  await user.click(screen.getByRole('checkbox', { name: 'Show only differences' }));
  const after = fieldRows();
  expect(after.length).toBeLessThan(before);
  for (const row of after) expect(row.textContent).toContain('Differs');
  expect(within(table).queryByRole('rowheader', { name: 'eventName' })).toBeNull();
}, 90_000);

test('filters by a principal: the sessions it opened, through a role, and says what it read', async () => {
  usePageSize(10, ['ResourceName']);
  const { router } = renderApp('/events?filter=EventName:DeleteBucket&principal=maria.garcia@example.com');
  expect(await screen.findByText('Principal: maria.garcia@example.com')).toBeVisible();
  const status = await screen.findByText(
    /^Principal maria\.garcia@example\.com: \d+ sessions?, \d+ access keys?$/,
    undefined,
    {
      timeout: 30_000,
    },
  );
  expect(status).toBeVisible();
  expect(await screen.findByText(/The console read \d+ events in \d+ LookupEvents calls? \(/)).toBeVisible();
  const names = await columnValues('Event name');
  expect(new Set(names)).toEqual(new Set(['DeleteBucket']));
  expect((await columnValues('Resource name')).join(' ')).toContain('acme-web-assets');
  expect(new URLSearchParams(router.state.location.search).get('principal')).toBe('maria.garcia@example.com');
}, 90_000);
