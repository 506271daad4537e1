import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, MANAGEMENT_EVENTS_ID, test, textLayout } from './fixtures';

// A phone: 390×844 CSS pixels, as the console was tried on.
test.use({ viewport: { width: 390, height: 844 } });

function eventsTable(page: Page) {
  return page.getByRole('treegrid', { name: 'Events' });
}

/**
 * Every axe violation but one that is Cloudscape's, not ours: on a phone its app layout draws the
 * toolbar as `<nav aria-orientation="horizontal">`, an attribute a navigation landmark may not carry.
 */
async function expectAccessibleOnPhone(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.flatMap((violation) =>
    violation.nodes
      .filter((node) => !(violation.id === 'aria-allowed-attr' && /^<nav [^>]*aria-orientation=/.test(node.html)))
      .map((node) => `${violation.id}: ${violation.help} (${node.html.slice(0, 80)})`),
  );
  expect(violations).toEqual([]);
}

/** Whether an element is drawn whole inside the viewport's width (not cut, not scrolled off). */
async function fitsWidth(page: Page, text: string): Promise<boolean> {
  const box = await eventsTable(page).getByText(text, { exact: true }).first().boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= 390;
}

test('on a phone, Event history shows each event’s time, name and user; opens an event; filters', async ({
  page,
  openConsole,
}) => {
  await openConsole('/events?filter=EventName:DeleteBucket');
  const firstRow = eventsTable(page).getByRole('row').nth(1);
  await expect(firstRow.getByRole('link', { name: 'DeleteBucket' })).toBeVisible();
  const text = (await firstRow.textContent()) ?? '';
  const time = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/.exec(text)?.[0];
  expect(time).toBeDefined();
  // The whole time and the user are on screen, not cut to "2026-1".
  expect(await fitsWidth(page, time ?? '')).toBe(true);
  const user = text.slice(text.indexOf(time ?? '') + (time ?? '').length).trim();
  expect(user.length).toBeGreaterThan(0);
  expect(await fitsWidth(page, user)).toBe(true);
  await expectAccessibleOnPhone(page);

  await firstRow.getByRole('link', { name: 'DeleteBucket' }).click();
  await expect(page.getByRole('heading', { name: 'DeleteBucket', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(eventsTable(page).getByRole('row').nth(1)).toBeVisible();

  await page.getByRole('button', { name: /Lookup attribute/ }).click();
  await page.getByRole('option', { name: 'User name', exact: true }).click();
  const userName = user.split(' · ')[0] ?? user;
  await page.getByRole('textbox', { name: 'Attribute value' }).fill(userName);
  await page.getByRole('button', { name: 'Add filter' }).click();
  await expect(page.getByText(`User name: ${userName}`, { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/filter=Username/);
  const rows = eventsTable(page).getByRole('row');
  await expect(rows.nth(1)).toContainText(userName);
  await expectAccessibleOnPhone(page);
});

test('on a phone, a query’s estimate and warnings wrap between words', async ({ page, openConsole }) => {
  const sql = `SELECT * FROM ${MANAGEMENT_EVENTS_ID}`;
  await openConsole(`/lake/query?sql=${encodeURIComponent(sql)}`);
  const estimate = page.getByRole('region', { name: 'Estimate' });
  const unbounded = estimate.getByText(/^No eventTime bound in WHERE/);
  await expect(unbounded).toBeVisible();
  await expect(estimate.getByText(/^Scans about/)).toBeVisible();
  // Each message is longer than a phone's line: every line ends between two words.
  expect((await textLayout(unbounded)).lines).toBeGreaterThan(1);
  expect((await textLayout(estimate)).splitWords).toEqual([]);
});
