import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

function eventsTable(page: Page) {
  // Rows expand to show their record, so the table is a treegrid.
  return page.getByRole('treegrid', { name: 'Events' });
}

async function addFilter(page: Page, attribute: string, value: string) {
  await page.getByRole('button', { name: /Lookup attribute/ }).click();
  await page.getByRole('option', { name: attribute, exact: true }).click();
  // Event source offers known sources (an autosuggest); other attributes take text.
  const input =
    attribute === 'Event source'
      ? page.getByRole('combobox', { name: 'Attribute value' })
      : page.getByRole('textbox', { name: 'Attribute value' });
  await input.fill(value);
  await page.getByRole('button', { name: 'Add filter' }).click();
  await expect(page.getByText(`${attribute}: ${value}`, { exact: true })).toBeVisible();
}

/** The text of a column's cells in the table's body. */
async function column(page: Page, index: number): Promise<string[]> {
  const rows = eventsTable(page).getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  // While a page loads, its one body row is the loading placeholder.
  await expect(eventsTable(page).getByText('Loading events')).toHaveCount(0);
  const count = await rows.count();
  const values: string[] = [];
  for (let row = 1; row < count; row++)
    // The first cell of a row is its selection checkbox (events to compare).
    values.push(
      (await rows
        .nth(row)
        .locator('th, td')
        .nth(index + 1)
        .textContent()) ?? '',
    );
  return values;
}

test('shows seeded events and keeps recorded calls across a reload', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  const startedAt = Date.now();
  await openConsole('/events?filter=EventName:LookupEvents');
  await expect(eventsTable(page).getByRole('rowheader').first()).toBeVisible();

  await page.reload();
  // The newest LookupEvents is the console's own call from before the reload: the emulator
  // recorded it and IndexedDB kept it (a call never sees its own record).
  const newest = eventsTable(page).getByRole('row').nth(1);
  await expect(newest.getByRole('rowheader')).toHaveText('LookupEvents');
  await expect(newest).toContainText('admin');
  // The first grid cell is the row's selection checkbox; the time follows the name.
  const time = (await newest.getByRole('gridcell').nth(1).textContent()) ?? '';
  expect(Date.parse(time.replace(' UTC', 'Z'))).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000);
  await expectAccessible();
});

test('finds who deleted a bucket, starting from the front page', async ({ page, openConsole, expectAccessible }) => {
  await openConsole('/');
  await expect(page.getByRole('heading', { name: /Event history/, level: 1 })).toBeVisible();
  await addFilter(page, 'Event name', 'DeleteBucket');
  expect(new Set(await column(page, 0))).toEqual(new Set(['DeleteBucket']));
  const deletion = eventsTable(page).getByRole('row').filter({ hasText: 'acme-test-bucket-jordan' });
  await expect(deletion).toContainText('dev-jordan');
  await expect(deletion).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await expectAccessible();
});

test('filters by user name', async ({ page, openConsole, expectAccessible }) => {
  await openConsole('/events?filter=');
  await addFilter(page, 'User name', 'maria.garcia@example.com');
  expect(new URL(page.url()).searchParams.getAll('filter')).toEqual(['Username:maria.garcia@example.com']);
  expect(new Set(await column(page, 2))).toEqual(new Set(['maria.garcia@example.com']));
  await expectAccessible();
});

test('changes the time range', async ({ page, openConsole, expectAccessible }) => {
  await openConsole('/events');
  await expect(eventsTable(page).getByRole('rowheader').first()).toBeVisible();
  await page.getByRole('button', { name: /Time range/ }).click();
  await page.getByRole('radio', { name: 'Last 1 week' }).check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]last=1w/);
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000 - 60_000;
  const times = await column(page, 1);
  expect(times.length).toBeGreaterThan(0);
  for (const time of times) expect(Date.parse(time.replace(' UTC', 'Z'))).toBeGreaterThanOrEqual(weekAgo);
  await expectAccessible();
});

test('combines two attributes and says how complete the result is', async ({ page, openConsole, expectAccessible }) => {
  await openConsole('/events?filter=');
  await addFilter(page, 'Event source', 's3.amazonaws.com');
  await addFilter(page, 'User name', 'dev-jordan');
  await expect(page.getByText(/CloudTrail looked up User name; this console applied Event source/)).toBeVisible();
  expect(new Set(await column(page, 2))).toEqual(new Set(['dev-jordan']));
  expect(new Set(await column(page, 3))).toEqual(new Set(['s3.amazonaws.com']));
  await expectAccessible();
});

test('downloads the result as CSV, formulas neutralised', async ({ page, openConsole }) => {
  await openConsole('/events?filter=EventName:DeleteBucket');
  // A user name that a spreadsheet would run as a formula.
  await page.evaluate(async () => {
    const now = new Date();
    now.setMilliseconds(0);
    await window.cloudtrailEmulator?.ingest([
      {
        eventVersion: '1.11',
        userIdentity: {
          type: 'IAMUser',
          principalId: 'AIDAEXAMPLE',
          accountId: '123456789012',
          userName: '=HYPERLINK("http://x")',
        },
        eventTime: now.toISOString().replace('.000Z', 'Z'),
        eventSource: 's3.amazonaws.com',
        eventName: 'DeleteBucket',
        awsRegion: 'us-east-1',
        sourceIPAddress: '198.51.100.9',
        requestParameters: { bucketName: 'formula-test' },
        responseElements: null,
        requestID: 'E2ETESTREQUEST01',
        eventID: '0e2e0e2e-0000-4000-8000-000000000001',
        readOnly: false,
        resources: [{ type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::formula-test' }],
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: '123456789012',
        eventCategory: 'Management',
      },
    ]);
  });
  await page.getByRole('button', { name: 'Refresh events' }).click();
  const rows = eventsTable(page).getByRole('rowheader');
  await expect(rows.first()).toBeVisible();
  const shown = await rows.count();

  await page.getByRole('button', { name: 'Download events' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download events' });
  await dialog.getByRole('radio', { name: /CSV/ }).check();
  await dialog.getByRole('radio', { name: /Every matching event in the time range/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cloudtrail-events-.*\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    '"Event ID","Event time","User name","Event name","Event source","Resource type","Resource name","AWS access key","Read-only","AWS region","Source IP address","Error code","Request ID","Resources"',
  );
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((line) => line.split('","')[3] === 'DeleteBucket')).toBe(true);
  const injected = lines.find((line) => line.startsWith('"0e2e0e2e-'));
  expect(injected).toContain(`"'=HYPERLINK(""http://x"")"`);
});

test('moves between the console’s pages from the side navigation', async ({ page, openConsole, expectAccessible }) => {
  await openConsole('/events');
  await page.getByRole('navigation', { name: 'Side navigation' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Embedded emulator/ })).toBeChecked();
  await expectAccessible();
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('reads all Regions on one timeline: an eu-west-1 event next to a us-east-1 one', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  // Seventeen Regions' first pages, then an accessibility scan of a 50-row table.
  test.slow();
  await openConsole('/events?filter=');
  await expect(eventsTable(page).getByRole('rowheader').first()).toBeVisible();
  await page.getByRole('button', { name: /^Regions/ }).click();
  await page.getByRole('option', { name: 'All Regions' }).click();
  await expect(page).toHaveURL(/[?&]regions=all/);
  await expect(page.getByText('Completeness by Region')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /AWS region/ })).toBeVisible();
  // Columns after the selection checkbox: name, time, then the region of each event.
  const all = await column(page, 2);
  expect(all).toContain('eu-west-1');
  expect(all).toContain('us-east-1');
  // Global services are read once, from us-east-1, and say so.
  expect(all.filter((region) => region.startsWith('Global')).every((region) => region === 'Global (us-east-1)')).toBe(
    true,
  );
  const times = await column(page, 1);
  expect([...times].sort().reverse()).toEqual(times);
  await page.getByRole('button', { name: 'Completeness by Region' }).click();
  await expect(page.getByRole('list', { name: 'Regions read' }).getByText(/^eu-west-1: \d+ events read/)).toBeVisible();
  await expectAccessible();

  // Two Regions: where their events meet, an eu-west-1 event sits next to a us-east-1 one.
  await page.getByRole('button', { name: /^Regions/ }).click();
  await page.getByRole('option', { name: 'Chosen Regions' }).click();
  await page.getByRole('button', { name: /Regions to read/ }).click();
  await page.getByRole('option', { name: 'eu-west-1' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]regions=us-east-1%2Ceu-west-1/);
  await expect(eventsTable(page).getByText('eu-west-1', { exact: true }).first()).toBeVisible();
  const two = (await column(page, 2)).map((region) => (region === 'Global (us-east-1)' ? 'us-east-1' : region));
  expect(
    two.some(
      (region, index) => region === 'eu-west-1' && (two[index - 1] === 'us-east-1' || two[index + 1] === 'us-east-1'),
    ),
  ).toBe(true);
});

test('at 1440 px the key columns fit without scrolling sideways', async ({ page, openConsole }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('/events');
  await expect(eventsTable(page).getByRole('rowheader').first()).toBeVisible();
  for (const name of ['Event name', 'Event time', 'User name', 'Event source', 'Resource type', 'Resource name']) {
    const box = await page.getByRole('columnheader', { name: new RegExp(`^${name}`) }).boundingBox();
    expect(box && box.x + box.width <= 1440, name).toBe(true);
  }
  const overflow = await eventsTable(page).evaluate((table) => {
    const scroller = table.parentElement;
    return scroller ? scroller.scrollWidth - scroller.clientWidth : 0;
  });
  expect(overflow).toBeLessThanOrEqual(1);
});

test('keyboard focus in the events table is never hidden under its sticky header', async ({ page, openConsole }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await openConsole('/events');
  await expect(eventsTable(page).getByRole('rowheader').first()).toBeVisible();
  // Start from the filters with the page scrolled, so that the header is already stuck.
  await page.getByRole('button', { name: 'Add filter' }).focus();
  await page.mouse.wheel(0, 150);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      await page.keyboard.press('Tab');
      return page.evaluate(() => document.activeElement?.closest('[role="treegrid"]') !== null);
    })
    .toBe(true);

  /** Whether the focused element is what the user sees at its centre, inside the viewport. */
  const focusedIsUncovered = () =>
    page.evaluate(() => {
      const focused = document.activeElement;
      if (!focused) return false;
      const box = focused.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (y < 0 || y > window.innerHeight) return false;
      const seen = document.elementFromPoint(x, y);
      return seen !== null && (focused.contains(seen) || seen.contains(focused));
    });
  // Entering the table shows its first row, not the header drawn over it.
  await expect
    .poll(() =>
      eventsTable(page)
        .getByRole('row')
        .nth(1)
        .evaluate((row) => {
          const box = row.getBoundingClientRect();
          const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return seen !== null && row.contains(seen);
        }),
    )
    .toBe(true);
  // Down six rows and back up to the first: each focused cell stays in sight, not under the header.
  for (const [key, times] of [
    ['ArrowDown', 6],
    ['ArrowUp', 5],
  ] as const)
    for (let step = 1; step <= times; step++) {
      await page.keyboard.press(key);
      await expect.poll(focusedIsUncovered, `focus after ${key} ×${String(step)}`).toBe(true);
    }
});
