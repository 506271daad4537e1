import { expect, test } from './fixtures';

test('shows seeded events in Event history and keeps recorded calls across a reload', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  const startedAt = Date.now();
  await openConsole('/');
  await expect(page.getByRole('heading', { name: /Event history/ })).toBeVisible();
  const table = page.getByRole('table', { name: 'Events' });
  // Header plus a page of 50 events.
  await expect(table.getByRole('row')).toHaveCount(51);

  await page.reload();
  await expect(table.getByRole('row')).toHaveCount(51);
  // The newest event is the console's own LookupEvents call from before the reload: the emulator
  // recorded it and IndexedDB kept it (a call never sees its own record).
  const newest = table.getByRole('row').nth(1);
  await expect(newest.getByRole('rowheader')).toHaveText('LookupEvents');
  await expect(newest).toContainText('admin');
  const time = await newest.getByRole('cell').first().textContent();
  expect(Date.parse(time ?? '')).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000);
  await expectAccessible();
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
