import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

/** Opens the console and waits until the embedded emulator answers. */
async function openConsole(page: Page, path = '/') {
  await page.goto(path);
  await page.waitForFunction(() => window.cloudtrailEmulator !== undefined);
}

/** Fails on any accessibility violation axe finds on the current page. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

export const test = base.extend<{
  /** Opens `path` in the test's page, or in `other` (e.g. a second tab of the same context). */
  openConsole: (path?: string, other?: Page) => Promise<void>;
  /** Scans the test's page, or `other`. */
  expectAccessible: (other?: Page) => Promise<void>;
}>({
  openConsole: async ({ page }, use) => {
    await use((path, other) => openConsole(other ?? page, path));
  },
  expectAccessible: async ({ page }, use) => {
    await use((other) => expectAccessible(other ?? page));
  },
});

export { expect };
