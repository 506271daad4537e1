import type { Locator, Page } from '@playwright/test';
import { expect, FIRST_LAKE_QUERY, MANAGEMENT_EVENTS_ID, test } from './fixtures';

/** AWSCloudTrail-Overview's widgets: charts are named by their titles (role application), tables "<title> results". */
const OVERVIEW_CHARTS = ['Account activity', 'Most active regions', 'Top services'];
const OVERVIEW_TABLES = ['Top errors', 'Most throttled events', 'Top users'];

// Each journey's first refresh opens DuckDB and loads the store it reads, on top of the usual steps;
// on a loaded machine (two cores shared by several builds) that alone can take a minute or more.
test.describe.configure({ timeout: 360_000 });

/** A widget's card: a region named by its title. */
function widget(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** Waits until every widget's query of the refresh finished, then until its chart or table is drawn. */
async function expectDrawn(page: Page, charts: readonly string[], tables: readonly string[] = []) {
  for (const title of [...charts, ...tables])
    await expect(widget(page, title).getByText('Finished', { exact: true })).toBeVisible(FIRST_LAKE_QUERY);
  for (const title of charts)
    await expect(widget(page, title).getByRole('application', { name: title, exact: true })).toBeVisible();
  for (const title of tables)
    await expect(widget(page, title).getByRole('table', { name: `${title} results`, exact: true })).toBeVisible();
}

/** The statement behind a widget's "View and edit query" link. */
async function statementOf(page: Page, title: string): Promise<string> {
  const href = await page.getByRole('link', { name: `View and edit query of ${title}` }).getAttribute('href');
  return new URL(href ?? '', 'http://localhost').searchParams.get('sql') ?? '';
}

/** The start of a statement's time window: `eventTime > '…'`. */
function startOf(statement: string): number {
  return Date.parse(/eventTime > '([^']+)'/i.exec(statement)?.[1] ?? '');
}

async function chooseTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.getByRole('button', { name: /^Theme: / }).click();
  await page.getByRole('menuitemcheckbox', { name: theme }).click();
  await expect(page.getByRole('button', { name: `Theme: ${theme}` })).toBeVisible();
}

test('refreshes AWSCloudTrail-Overview on the seeded store, over two time ranges, and opens a widget query in Lake', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  await openConsole('/events');
  await page.evaluate(async () => {
    await window.cloudtrailEmulator?.reset();
  });
  await chooseTheme(page, 'Light');

  await test.step('opens the managed dashboard from the side navigation', async () => {
    await page.getByRole('navigation', { name: 'Side navigation' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboards', level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: 'Managed and custom dashboards' }).click();
    await page.getByRole('link', { name: 'AWSCloudTrail-Overview', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'AWSCloudTrail-Overview', level: 1 })).toBeVisible();
    for (const title of [...OVERVIEW_CHARTS, ...OVERVIEW_TABLES])
      await expect(widget(page, title).getByText('Not refreshed')).toBeVisible();
  });

  await test.step('chooses the seeded store, sees the estimate, refreshes and every widget draws', async () => {
    await page.getByRole('button', { name: /^Event data store/ }).click();
    await page.getByRole('option', { name: /management-events/ }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]store=${MANAGEMENT_EVENTS_ID}`));
    await expect(page.getByRole('region', { name: 'Refresh estimate' })).toContainText(
      /^Refreshing runs 6 queries over management-events \(.+\): at most .+ scanned, \$[\d.,]+ at \$[\d.,]+ per GB\./,
    );
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expectDrawn(page, OVERVIEW_CHARTS, OVERVIEW_TABLES);
    const statement = await statementOf(page, 'Top services');
    expect(statement).toContain(`FROM ${MANAGEMENT_EVENTS_ID} WHERE`);
    // The default range: the last day.
    expect(Date.now() - startOf(statement)).toBeGreaterThan(23 * 3_600_000);
    expect(Date.now() - startOf(statement)).toBeLessThan(25 * 3_600_000);
    // "View as table": the chart's rows as a table, named like the chart.
    const services = widget(page, 'Top services');
    await services.getByText('View as table').click();
    await expect(services.getByRole('table', { name: 'Top services results' }).getByRole('row').nth(1)).toBeVisible();
    await services.getByText('View as table').click();
    await expect(services.getByRole('application', { name: 'Top services' })).toBeVisible();
    await expectAccessible();
  });

  await test.step('over the last week, in dark mode, refreshes again', async () => {
    await chooseTheme(page, 'Dark');
    await expect(page.locator('body')).toHaveClass(/awsui-dark-mode/);
    await page.getByRole('button', { name: 'Time range' }).click();
    await page.getByRole('radio', { name: 'Last 1 week' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('button', { name: 'Time range' })).toContainText('Last 1 week');
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    // The new refresh's statements read the last 7 days.
    await expect
      .poll(async () => Date.now() - startOf(await statementOf(page, 'Top services')))
      .toBeGreaterThan(6 * 24 * 3_600_000);
    expect(Date.now() - startOf(await statementOf(page, 'Top services'))).toBeLessThan(8 * 24 * 3_600_000);
    await expectDrawn(page, OVERVIEW_CHARTS, OVERVIEW_TABLES);
    await expectAccessible();
  });

  await test.step("opens a widget's query in the Lake query editor", async () => {
    const statement = await statementOf(page, 'Top services');
    await page.getByRole('link', { name: 'View and edit query of Top services' }).click();
    await expect(page.getByRole('heading', { name: 'Query', level: 1 })).toBeVisible();
    const editor = page.getByRole('textbox', { name: 'SQL query' });
    await expect(editor).toHaveText(statement);
    await expect(editor).toContainText(`FROM ${MANAGEMENT_EVENTS_ID} WHERE eventTime > '`);
    await expect(editor).toContainText('GROUP BY eventSource ORDER BY eventCount DESC');
    await expectAccessible();
    await chooseTheme(page, 'Light');
  });
});

test('builds a custom dashboard of a bar and a line widget from managed ones, saves it and sees it after a reload', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  const name = `journey-dashboard-${String(Date.now())}`;
  await openConsole('/lake/dashboards');
  await page.evaluate(async () => {
    await window.cloudtrailEmulator?.reset();
  });
  await page.reload();

  await page.getByRole('tab', { name: 'Managed and custom dashboards' }).click();
  await page.getByRole('link', { name: 'Create dashboard' }).first().click();
  await expect(page.getByRole('heading', { name: 'Create dashboard', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Dashboard name' }).fill(name);

  /** Adds a managed widget of AWSCloudTrail-Overview that reads the seeded store. */
  const addManaged = async (title: string) => {
    await page.getByRole('button', { name: 'Add managed widget' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add widget from a managed dashboard' });
    await dialog.getByRole('button', { name: /^Managed dashboard/ }).click();
    await dialog.getByRole('option', { name: 'AWSCloudTrail-Overview', exact: true }).click();
    await dialog.getByRole('button', { name: /^Widget/ }).click();
    await dialog.getByRole('option', { name: new RegExp(`^${title}`) }).click();
    await dialog.getByRole('button', { name: /^Event data store/ }).click();
    await dialog.getByRole('option', { name: 'management-events', exact: true }).click();
    await dialog.getByRole('button', { name: 'Add widget' }).click();
    await expect(dialog).toBeHidden();
  };
  await addManaged('Top services');
  await addManaged('Account activity');
  const editor = page.getByRole('table', { name: 'Widgets' });
  await expect(editor.getByRole('row')).toHaveCount(3);
  await expect(editor.getByRole('row').nth(1)).toContainText(/Top services\s*Bar chart/);
  await expect(editor.getByRole('row').nth(2)).toContainText(/Account activity\s*Line chart/);
  await expectAccessible();

  await page.getByRole('button', { name: 'Create dashboard' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText(`Dashboard ${name} created.`)).toBeVisible();

  // Stored by the emulator: a reload reads it back.
  await page.reload();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('Custom dashboard.')).toBeVisible();
  for (const title of ['Top services', 'Account activity'])
    await expect(widget(page, title).getByText('Not refreshed')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Refresh estimate' })).toContainText(
    /^Refreshing runs 2 queries over management-events /,
  );
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expectDrawn(page, ['Top services', 'Account activity']);
  expect(await statementOf(page, 'Top services')).toContain(`FROM ${MANAGEMENT_EVENTS_ID} WHERE`);
  await expectAccessible();

  // Listed with the managed ones.
  await page.getByRole('navigation', { name: 'Side navigation' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('tab', { name: 'Managed and custom dashboards' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Custom');
});

test('finds the user with the most access-denied errors by clicking the charts', async ({ page, openConsole }) => {
  await openConsole('/events');
  await page.evaluate(async () => {
    await window.cloudtrailEmulator?.reset();
  });
  /** Opens a managed dashboard from the side navigation over the seeded store (in the page: the emulator's worker and DuckDB stay open). */
  const openManaged = async (name: string) => {
    await page.getByRole('navigation', { name: 'Side navigation' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('tab', { name: 'Managed and custom dashboards' }).click();
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: /^Event data store/ }).click();
    await page.getByRole('option', { name: /management-events/ }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]store=${MANAGEMENT_EVENTS_ID}`));
  };

  await test.step('a bar of the top access-denied events opens Event history filtered to that event', async () => {
    await openManaged('AWSCloudTrail-SecurityMonitoring');
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const title = 'Top access denied events';
    await expectDrawn(page, [title]);
    // The bar's details: hover shows its value, and a link to the events behind it.
    const chart = widget(page, title).getByRole('application', { name: title, exact: true });
    await chart.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: /^Open \w+ in Event history$/ }).first();
    await expect(link).toBeVisible();
    const eventName = /^Open (\w+) in Event history$/.exec((await link.textContent()) ?? '')?.[1] ?? '';
    await link.click();
    await expect(page).toHaveURL(
      (url) => url.pathname === '/events' && url.searchParams.getAll('filter').join() === `EventName:${eventName}`,
    );
    await expect(page.getByRole('heading', { name: /Event history/, level: 1 })).toBeVisible();
  });

  await test.step('the top user with access-denied errors opens Event history filtered to that user', async () => {
    await openManaged('AWSCloudTrail-UserActivity');
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const title = 'Top users with AccessDenied errors';
    await expectDrawn(page, [], [title]);
    const table = widget(page, title).getByRole('table', { name: `${title} results`, exact: true });
    // Most errors first: the first row's user.
    const top = table.getByRole('row').nth(1).getByRole('link');
    const arn = (await top.textContent()) ?? '';
    expect(arn).toMatch(/^arn:aws:(iam|sts)::\d{12}:.+\/.+/);
    const userName = arn.slice(arn.lastIndexOf('/') + 1);
    await top.click();
    await expect(page).toHaveURL(
      (url) => url.pathname === '/events' && url.searchParams.getAll('filter').join() === `Username:${userName}`,
    );
    await expect(page.getByRole('heading', { name: /Event history/, level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByText(userName, { exact: true }).first()).toBeVisible(FIRST_LAKE_QUERY);
  });
});
