import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, FIRST_LAKE_QUERY, MANAGEMENT_EVENTS_ID, test } from './fixtures';

/** The seeded payments app's Custom channel, which sends to integrations-audit. */
const PAYMENTS_CHANNEL_ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:channel/5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57';

// Each journey's first query opens DuckDB and loads the store it reads, on top of the usual steps.
test.describe.configure({ timeout: 300_000 });

/** The value of a pair in a labelled section (KeyValuePairs: a <dd> after its <dt>). */
function pair(page: Page, section: string, label: string): Locator {
  return page
    .getByRole('region', { name: section })
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}`) })
    .locator('xpath=following-sibling::dd[1]');
}

function resultsTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Query results' });
}

/** The text of a column's cells in a table's body, once its rows are read. */
async function columnOf(table: Locator, index: number): Promise<string[]> {
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  // While rows load, the one body row is the loading placeholder.
  await expect(table.getByText(/^(Loading events|Reading results)$/)).toHaveCount(0);
  const values: string[] = [];
  for (const row of (await rows.all()).slice(1))
    values.push(((await row.locator('th, td').nth(index).textContent()) ?? '').trim());
  return values;
}

/** Runs the editor's query and waits until it has finished and its rows show. */
async function runQuery(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pair(page, 'Query status', 'Status')).toHaveText('Finished', FIRST_LAKE_QUERY);
  await expect(resultsTable(page).getByText('Reading results')).toHaveCount(0);
}

test('runs a sample query on a store, shows rows and statistics, saves, shares and downloads it', async ({
  page,
  context,
  openConsole,
  expectAccessible,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openConsole('/events');
  await page.getByRole('navigation', { name: 'Side navigation' }).getByRole('link', { name: 'Query' }).click();
  await expect(page.getByRole('heading', { name: 'Query', level: 1 })).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'SQL query' });

  // The store picked fills in the samples' $EDS_ID.
  await page.getByRole('button', { name: /^Event data store/ }).click();
  await page.getByRole('option', { name: /management-events/ }).click();
  await page.getByRole('searchbox', { name: 'Search sample queries' }).fill('top API calls');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page
    .getByRole('list', { name: 'Sample queries' })
    .getByRole('button', { name: 'Use sample query Top API calls in the last week' })
    .click();
  await expect(editor).toContainText(`FROM ${MANAGEMENT_EVENTS_ID} WHERE eventTime > date_add('day', -7, now())`);
  const statement = (await editor.textContent()) ?? '';

  await runQuery(page);
  const counts = await columnOf(resultsTable(page), 2);
  expect(counts.length).toBeGreaterThan(1);
  // Most frequent first.
  expect(counts.map(Number)).toEqual(counts.map(Number).sort((a, b) => b - a));
  await expect(pair(page, 'Query status', 'Events scanned')).toHaveText(/^[1-9][\d,]*$/);
  await expect(pair(page, 'Query status', 'Events matched')).toHaveText(/^[1-9][\d,]*$/);
  await expect(pair(page, 'Query status', 'Data scanned')).toHaveText(/^[\d.,]+ (KB|MB)$/);
  await expect(pair(page, 'Query status', 'Cost')).toHaveText(/^\$0\.\d+$/);
  await expectAccessible();

  // Saved, then its link opens the editor with the statement, in another tab.
  await page.getByRole('button', { name: 'Save query' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save query' });
  await dialog.getByRole('textbox', { name: 'Query name' }).fill('Busiest calls');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  const saved = page.getByRole('table', { name: 'Saved queries' });
  await expect(saved.getByRole('row').filter({ hasText: 'Busiest calls' })).toBeVisible();
  await saved.getByRole('button', { name: 'Copy link to saved query Busiest calls' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).pathname).toBe('/lake/query');
  expect(new URL(link).searchParams.get('sql')).toBe(statement);
  const other = await context.newPage();
  await openConsole(link, other);
  await expect(other.getByRole('textbox', { name: 'SQL query' })).toHaveText(statement);
  await expectAccessible(other);
  await other.close();

  // The CSV download starts with the header row, in select-list order.
  await page.getByRole('button', { name: 'Download results' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^query-[0-9a-f-]{36}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('"eventSource","eventName","apiCount"');
  expect(lines).toHaveLength(counts.length + 1);
});

test('sends test events to a channel, then finds them with a query over its destination store', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  await openConsole('/lake/integrations');
  await page.getByRole('table', { name: 'Integrations' }).getByRole('link', { name: 'payments-app-audit' }).click();
  await expect(page.getByRole('heading', { name: 'payments-app-audit', level: 1 })).toBeVisible();

  // Three copies of the template event, in one PutAuditEvents request.
  await page.getByRole('spinbutton', { name: 'Number of events' }).fill('3');
  await page.getByRole('button', { name: 'Send test events' }).click();
  const sent = page.getByRole('table', { name: 'Test event results' });
  await expect(sent.getByRole('row')).toHaveCount(4);
  await expect(page.getByText('3 ingested, 0 failed.')).toBeVisible();
  await expectAccessible();

  await pair(page, 'General details', 'Destinations').getByRole('link', { name: 'Query ingested events' }).click();
  await expect(page.getByRole('heading', { name: 'Query', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'SQL query' })).toContainText(
    `WHERE metadata.channelArn = '${PAYMENTS_CHANNEL_ARN}'`,
  );
  await runQuery(page);
  // The seeded past and live activity of the channel are there too: find the test events.
  await page.getByRole('searchbox', { name: 'Filter results' }).fill('console-test-user');
  const rows = resultsTable(page).getByRole('row').filter({ hasText: 'SendTestEvent' });
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) {
    await expect(row).toContainText('test-events.console.local');
    await expect(row).toContainText(PAYMENTS_CHANNEL_ARN);
  }
  await expectAccessible();
});

test('opens a filtered Event history in Lake and finds the same events there', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  // The management events store holds the last 60 days of the seeded past; no live activity, so
  // nothing new matches between the two reads.
  await openConsole('/events');
  await page.evaluate(() => window.cloudtrailEmulator?.configure({ simulator: false }));
  await page.goto('/events?filter=EventName:DeleteBucket&last=30d');
  // Every match is read once the counter has no "+".
  const heading = page.getByRole('heading', { name: /^Event history \(\d+\)$/ });
  await expect(heading).toBeVisible();
  const total = Number(/\((\d+)\)/.exec((await heading.textContent()) ?? '')?.[1]);
  const events = page.getByRole('treegrid', { name: 'Events' });
  const times = await columnOf(events, 2);
  expect(times).toHaveLength(total);
  expect(new Set(await columnOf(events, 1))).toEqual(new Set(['DeleteBucket']));
  await expectAccessible();

  const open = page.getByRole('button', { name: 'Open in Lake' });
  await expect(open).toBeEnabled();
  await open.click();
  await expect(page).toHaveURL(/\/lake\/query\?sql=/);
  const editor = page.getByRole('textbox', { name: 'SQL query' });
  await expect(editor).toContainText(`FROM ${MANAGEMENT_EVENTS_ID}`);
  await expect(editor).toContainText("AND eventName = 'DeleteBucket'");
  await expect(editor).toContainText('ORDER BY eventTime DESC');

  await runQuery(page);
  const lakeTimes = await columnOf(resultsTable(page), 0);
  // Lake writes `2025-06-02 12:00:05.000`, Event history `2025-06-02 12:00:05 UTC`.
  expect(lakeTimes.map((time) => time.replace(/\.000$/, ' UTC'))).toEqual(times);
  expect(new Set(await columnOf(resultsTable(page), 1))).toEqual(new Set(['DeleteBucket']));
  await expectAccessible();
});
