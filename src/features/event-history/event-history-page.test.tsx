import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, expect, test } from 'vitest';
import { DEFAULT_EVENT_HISTORY_PREFERENCES } from './event-history-preferences';
import { columnValues, eventsTable } from '@/testing/events-table';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

// Routes load their page on first visit, and the page its download dialog on first click and its
// preferences once the first page is answered; loading them once here keeps the tests within findBy's wait.
beforeAll(async () => {
  await Promise.all([
    import('./event-history-page'),
    import('./download-events-dialog'),
    import('./event-history-preferences-control'),
  ]);
}, 120_000);

/**
 * Pages of 10 events, for a test that needs no full page of 50: every row is rendered again at each
 * change of the page, which takes long in jsdom.
 */
function smallPages() {
  localStorage.setItem(
    'cloudtrail-console.preferences.event-history',
    JSON.stringify({ ...DEFAULT_EVENT_HISTORY_PREFERENCES, pageSize: 10 }),
  );
}

function showColumns(...ids: string[]) {
  localStorage.setItem(
    'cloudtrail-console.preferences.event-history',
    JSON.stringify({
      pageSize: 50,
      visibleColumns: ['EventName', 'EventTime', 'Username', ...ids],
      wrapLines: false,
      timeZone: 'utc',
    }),
  );
}

test('opens on write events, as CloudTrail does, with the filter shown', async () => {
  showColumns('ReadOnly');
  const { router } = renderApp('/events');
  expect(await screen.findByText('Read-only: false')).toBeVisible();
  const values = await columnValues('Read-only');
  expect(values).toHaveLength(50);
  expect(new Set(values)).toEqual(new Set(['false']));
  expect(new URLSearchParams(router.state.location.search).getAll('filter')).toEqual([]);
});

test('filters by user name from the lookup form and keeps it in the URL', async () => {
  smallPages();
  const user = userEvent.setup();
  const { router } = renderApp('/events');
  await eventsTable();
  await user.click(screen.getByRole('button', { name: /Lookup attribute/ }));
  await user.click(await screen.findByRole('option', { name: 'User name' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Attribute value' }), 'dev-jordan');
  await user.click(screen.getByRole('button', { name: 'Add filter' }));
  expect(await screen.findByText('User name: dev-jordan')).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).getAll('filter')).toEqual([
    'ReadOnly:false',
    'Username:dev-jordan',
  ]);
  expect(new Set(await columnValues('User name'))).toEqual(new Set(['dev-jordan']));
}, 60_000);

test('says what is wrong with a lookup value before sending it', async () => {
  smallPages();
  const user = userEvent.setup();
  const { router } = renderApp('/events');
  await eventsTable();
  await user.click(screen.getByRole('button', { name: 'Add filter' }));
  expect(
    await screen.findByRole('textbox', { name: 'Attribute value', description: /Enter a value to look up\./ }),
  ).toBeVisible();
  await user.click(screen.getByRole('textbox', { name: 'Attribute value' }));
  await user.paste('_'.repeat(1001));
  await user.click(screen.getByRole('button', { name: 'Add filter' }));
  expect(
    await screen.findByRole('textbox', { name: 'Attribute value', description: /At most 2000 characters/ }),
  ).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).getAll('filter')).toEqual([]);
});

test('reproduces a view from its URL', async () => {
  renderApp('/events?filter=EventName:DeleteBucket');
  expect(await screen.findByText('Event name: DeleteBucket')).toBeVisible();
  expect(screen.queryByText('Read-only: false')).toBeNull();
  const names = await columnValues('Event name');
  expect(names.length).toBeGreaterThan(0);
  expect(new Set(names)).toEqual(new Set(['DeleteBucket']));
});

test('filters by a value clicked in the table', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/events?filter=EventName:DeleteBucket');
  const table = await eventsTable();
  const [link] = await within(table).findAllByRole('link', { name: /^Filter by user name / });
  const name = link?.textContent ?? '';
  await user.click(link as HTMLElement);
  expect(await screen.findByText(`User name: ${name}`)).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).getAll('filter')).toContain(`Username:${name}`);
});

test('expands a row to show its record', async () => {
  const user = userEvent.setup();
  renderApp('/events?filter=EventName:DeleteBucket');
  const table = await eventsTable();
  const [expand] = await within(table).findAllByRole('button', { name: 'Show record' });
  await user.click(expand as HTMLElement);
  const record = await screen.findByRole('region', { name: /^Record of event / });
  expect(record.textContent).toContain('"eventName": "DeleteBucket"');
});

test('remembers page size, columns and time zone in this browser', async () => {
  const user = userEvent.setup();
  renderApp('/events');
  // The preferences control comes once the first page is answered, its code loaded then: on a busy
  // machine, longer than findBy's usual wait.
  await within(await eventsTable()).findAllByRole('rowheader');
  await user.click(await screen.findByRole('button', { name: 'Preferences' }, { timeout: 20_000 }));
  const dialog = await screen.findByRole('dialog', { name: 'Preferences' });
  await user.click(within(dialog).getByRole('radio', { name: /10 events/ }));
  await user.click(within(dialog).getByRole('radio', { name: /Local time/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
  const table = await eventsTable();
  expect(await within(table).findAllByRole('rowheader')).toHaveLength(10);
  expect(JSON.parse(localStorage.getItem('cloudtrail-console.preferences.event-history') ?? '{}')).toMatchObject({
    pageSize: 10,
    timeZone: 'local',
  });
});

test('opens the download dialog on the first click, and keeps the choices made in it', async () => {
  smallPages();
  const user = userEvent.setup();
  renderApp('/events');
  await within(await eventsTable()).findAllByRole('rowheader');
  await user.click(screen.getByRole('button', { name: 'Download events' }));
  let dialog = await screen.findByRole('dialog', { name: 'Download events' });
  await user.click(within(dialog).getByRole('radio', { name: /JSON/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  await user.click(screen.getByRole('button', { name: 'Download events' }));
  dialog = await screen.findByRole('dialog', { name: 'Download events' });
  expect(within(dialog).getByRole('radio', { name: /JSON/ })).toBeChecked();
});

test('pages forward and back, keeping the page in the URL', async () => {
  smallPages();
  const user = userEvent.setup();
  const { router } = renderApp('/events');
  const table = await eventsTable();
  const firstPage = (await within(table).findAllByRole('rowheader')).map((cell) => cell.textContent);
  await user.click(screen.getByRole('button', { name: 'Next page' }));
  expect(await screen.findByRole('button', { name: 'Page 2' })).toHaveAttribute('aria-current', 'true');
  expect(new URLSearchParams(router.state.location.search).get('page')).toBe('2');
  await user.click(screen.getByRole('button', { name: 'Previous page' }));
  expect(screen.getByRole('button', { name: 'Page 1' })).toHaveAttribute('aria-current', 'true');
  expect(
    within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent),
  ).toEqual(firstPage);
}, 60_000);

test('says how complete a combined-filter result is, and scans further on request', async () => {
  const user = userEvent.setup();
  renderApp('/events?filter=ReadOnly:false&filter=Username:dev-jordan&filter=EventSource:s3.amazonaws.com');
  const status = await screen.findByText(
    /this console applied Event source, Read-only to the \d+ events of \d+ pages it read/,
    undefined,
    {
      timeout: 10_000,
    },
  );
  const scanned = Number(/to the (\d+) events/.exec(status.textContent)?.[1]);
  expect(status.textContent).toMatch(/CloudTrail looked up User name/);
  expect(status.textContent).toMatch(/cover \d+% of the time range/);
  const names = await columnValues('Event source');
  expect(new Set(names)).toEqual(new Set(['s3.amazonaws.com']));
  await user.click(screen.getByRole('button', { name: 'Scan further' }));
  const further = await screen.findByText(
    (text) => /to the (\d+) events/.test(text) && Number(/to the (\d+) events/.exec(text)?.[1]) > scanned,
    undefined,
    { timeout: 10_000 },
  );
  expect(further).toBeVisible();
});

test('suggests widening the search when nothing matches', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/events?filter=EventName:NoSuchCall&last=1h');
  expect(await screen.findByText('No events match')).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Search the last 90 days' }));
  const search = () => new URLSearchParams(router.state.location.search);
  expect(search().getAll('filter')).toEqual(['EventName:NoSuchCall']);
  expect(search().has('last')).toBe(false);
  await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
  expect(search().getAll('filter')).toEqual(['']);
  expect(await within(await eventsTable()).findAllByRole('rowheader')).toHaveLength(50);
});

test('offers the whole 90 days as the default time range and marks the range in use', async () => {
  smallPages();
  const user = userEvent.setup();
  const { router } = renderApp('/events');
  await eventsTable();
  const search = () => new URLSearchParams(router.state.location.search);
  await user.click(screen.getByRole('button', { name: /Time range/ }));
  expect(await screen.findByRole('radio', { name: 'Last 90 days' })).toBeChecked();
  await user.click(screen.getByRole('radio', { name: 'Last 1 week' }));
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  await waitFor(() => {
    expect(search().get('last')).toBe('1w');
  });

  await user.click(screen.getByRole('button', { name: /Time range/ }));
  expect(await screen.findByRole('radio', { name: 'Last 1 week' })).toBeChecked();
  await user.click(screen.getByRole('radio', { name: 'Last 90 days' }));
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  // The whole history is the default: no range in the link.
  await waitFor(() => {
    expect(search().has('last')).toBe(false);
  });
}, 60_000);
