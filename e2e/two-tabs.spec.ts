import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LIST = '/lake/event-data-stores';

/** The row of a store in the list of event data stores. */
function storeRow(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Event data stores' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The store's status in its General details (KeyValuePairs: a <dd> after its <dt>). */
function detailStatus(page: Page) {
  return page
    .getByRole('region', { name: 'General details' })
    .getByRole('term')
    .filter({ hasText: /^Status$/ })
    .locator('xpath=following-sibling::dd[1]');
}

/** Creates a store with the default (management events) selectors; ends on its page, Enabled. */
async function createStore(page: Page, name: string) {
  await test.step(`create ${name}`, async () => {
    await page.getByRole('link', { name: 'Create event data store' }).first().click();
    await page.getByRole('textbox', { name: 'Event data store name' }).fill(name);
    await page.getByRole('button', { name: 'Create event data store' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(detailStatus(page)).toHaveText('Enabled');
  });
}

/** From the list, opens a store's page. */
async function openStore(page: Page, name: string) {
  await storeRow(page, name).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** On a store's page: turns termination protection off and deletes the store. */
async function deleteStore(page: Page, name: string) {
  await test.step(`delete ${name}`, async () => {
    await page.getByRole('button', { name: 'Turn off termination protection' }).click();
    await expect(page.getByRole('button', { name: 'Turn on termination protection' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete event data store ${name}?` });
    await dialog.getByRole('textbox', { name: /type the store's name/ }).fill(name);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(detailStatus(page)).toHaveText('Pending deletion');
  });
}

/** On a store's page: stops its ingestion. */
async function stopIngestion(page: Page) {
  await test.step('stop ingestion', async () => {
    await page.getByRole('button', { name: 'Stop ingestion' }).click();
    await expect(detailStatus(page)).toHaveText('Stopped ingestion');
  });
}

/** The list shows each store with the given status (the column after the name). */
async function expectStatuses(page: Page, statuses: Record<string, string>) {
  await test.step(`list shows ${Object.keys(statuses).join(', ')}`, async () => {
    for (const [name, status] of Object.entries(statuses))
      await expect(storeRow(page, name).getByRole('cell').first()).toHaveText(status);
  });
}

test('two tabs share one emulator: each shows the other tab’s changes at once and none is lost', async ({
  context,
  page: tabA,
  openConsole,
  expectAccessible,
}) => {
  // Two tabs, four changes and a reload of both: more page loads than one journey's usual limit is meant for.
  test.slow();
  const suffix = String(Date.now());
  const alpha = `two-tabs-alpha-${suffix}`;
  const beta = `two-tabs-beta-${suffix}`;
  await openConsole(LIST);
  await tabA.evaluate(async () => {
    await window.cloudtrailEmulator?.reset();
  });
  const tabB = await context.newPage();
  await openConsole(LIST, tabB);
  await expect(storeRow(tabB, 'management-events')).toBeVisible();

  await test.step('a store created in one tab shows in the other tab’s list, which nobody touches', async () => {
    await createStore(tabA, alpha);
    await expect(storeRow(tabB, alpha)).toBeVisible();
    await openConsole(LIST);
    await createStore(tabB, beta);
    await expect(storeRow(tabA, beta)).toBeVisible();
    await expectAccessible(tabB);
  });

  await test.step('B deletes a store while A looks at the list; then A stops another while B looks', async () => {
    await openConsole(LIST, tabB);
    await openStore(tabB, alpha);
    await deleteStore(tabB, alpha);
    await expectStatuses(tabA, { [alpha]: 'Pending deletion', [beta]: 'Enabled' });
    await openConsole(LIST, tabB);
    await openStore(tabA, 'management-events');
    await stopIngestion(tabA);
    await expectStatuses(tabB, { 'management-events': 'Stopped ingestion', [alpha]: 'Pending deletion' });
  });

  await test.step('the reverse order: A stops a store while B looks; then B deletes another', async () => {
    await openConsole(LIST);
    await openStore(tabA, beta);
    await stopIngestion(tabA);
    await expectStatuses(tabB, { [beta]: 'Stopped ingestion', [alpha]: 'Pending deletion' });
    await openConsole(LIST);
    await openStore(tabB, 'management-events');
    await deleteStore(tabB, 'management-events');
    await expectStatuses(tabA, {
      'management-events': 'Pending deletion',
      [beta]: 'Stopped ingestion',
      [alpha]: 'Pending deletion',
    });
  });

  await test.step('after a reload of both tabs, the state is the union of every change', async () => {
    for (const tab of [tabA, tabB]) {
      await openConsole(LIST, tab);
      await expectStatuses(tab, {
        'management-events': 'Pending deletion',
        [alpha]: 'Pending deletion',
        [beta]: 'Stopped ingestion',
      });
      await expectAccessible(tab);
    }
  });
});
