import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The value of a pair in the store's General details (KeyValuePairs: a <dd> after its <dt>). */
function detail(page: Page, label: string) {
  return page
    .getByRole('region', { name: 'General details' })
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** Chooses an option of a Cloudscape Select, found by its label. */
async function choose(scope: ReturnType<Page['getByRole']>, label: RegExp, option: string) {
  await scope.getByRole('button', { name: label }).click();
  await scope.getByRole('option', { name: option }).click();
}

test('creates a data event store, deletes and restores it, and finds the calls in Event history', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  const name = `s3-objects-${String(Date.now())}`;
  await openConsole('/lake/event-data-stores');
  const stores = page.getByRole('table', { name: 'Event data stores' });
  await expect(stores.getByRole('link', { name: 'management-events' })).toBeVisible();
  await expectAccessible();

  await page.getByRole('link', { name: 'Create event data store' }).first().click();
  await expect(page.getByRole('heading', { name: 'Create event data store', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Event data store name' }).fill(name);

  // The one selector becomes a data event selector for S3 objects under one prefix.
  const selector = page.getByRole('region', { name: 'Selector 1' });
  await choose(selector, /Event category/, 'Data events');
  await choose(selector, /Resource type/, 'AWS::S3::Object');
  await selector.getByRole('button', { name: 'Add condition' }).click();
  await selector.getByRole('textbox', { name: 'Value' }).fill('arn:aws:s3:::acme-data-lake/');
  const json = page.getByRole('region', { name: 'Advanced event selectors JSON' });
  await expect(json).toContainText('"AWS::S3::Object"');
  await expect(json).toContainText('"StartsWith"');
  await expectAccessible();

  await page.getByRole('button', { name: 'Create event data store' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  // CREATED, then ENABLED a few seconds later, without a reload.
  await expect(detail(page, 'Status')).toHaveText('Enabled');
  await expect(page.getByText('resources.type', { exact: true })).toBeVisible();

  await expect(page.getByRole('button', { name: 'Delete' })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('button', { name: 'Turn off termination protection' }).click();
  await expect(detail(page, 'Termination protection')).toHaveText('Disabled');

  await page.getByRole('button', { name: 'Delete' }).click();
  const deletion = page.getByRole('dialog', { name: `Delete event data store ${name}?` });
  await deletion.getByRole('textbox', { name: /type the store's name/ }).fill(name);
  await deletion.getByRole('button', { name: 'Delete' }).click();
  await expect(detail(page, 'Status')).toHaveText('Pending deletion');
  await expect(page.getByText(/7 days left/)).toBeVisible();

  await page.getByRole('button', { name: 'Restore' }).click();
  const restore = page.getByRole('dialog', { name: `Restore event data store ${name}?` });
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(detail(page, 'Status')).toHaveText('Enabled');
  await expectAccessible();

  // CloudTrail records the calls to it; the newest of each name is ours.
  const events = page.getByRole('treegrid', { name: 'Events' });
  for (const eventName of ['CreateEventDataStore', 'DeleteEventDataStore', 'RestoreEventDataStore']) {
    await page.goto(`/events?filter=EventName:${eventName}`);
    const newest = events.getByRole('row').nth(1);
    await expect(newest.getByRole('rowheader')).toHaveText(eventName);
    await expect(newest).toContainText(id);
  }
  await expectAccessible();
});
