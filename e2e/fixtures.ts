import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Locator, type Page } from '@playwright/test';

/** Opens the console and waits until the embedded emulator answers. */
async function openConsole(page: Page, path = '/') {
  await page.goto(path);
  await page.waitForFunction(() => window.cloudtrailEmulator !== undefined);
}

/**
 * Fails on any accessibility violation axe finds on the current page. The console has no frames,
 * so axe runs in the page itself (legacy mode) rather than frame by frame with a blank page to
 * merge the parts, and it describes only violations: the same rules and verdicts, measured at
 * 3.8 s instead of 16 s on Event history's 3,400 elements.
 */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

/** The seeded store of management events (mocks/emulator/SEMANTICS.md §14), whatever the seed. */
export const MANAGEMENT_EVENTS_ID = 'a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';

/**
 * How an element's text is laid out: how many lines it takes, and the words drawn across two lines,
 * split inside a word ("InvalidChecksu|m"). A word here is a run of letters and digits, so a line
 * may still end at a hyphen, a slash or a colon, as browsers break there.
 */
export async function textLayout(element: Locator): Promise<{ lines: number; splitWords: string[] }> {
  return element.evaluate((root) => {
    const linesOf = (range: Range) =>
      new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
    const whole = document.createRange();
    whole.selectNodeContents(root);
    const splitWords: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/[\p{L}\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (linesOf(range) > 1) splitWords.push(word[0]);
      }
    }
    return { lines: linesOf(whole), splitWords };
  });
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

/**
 * How long a page's first Lake query may take: it opens DuckDB in the emulator's worker (its wasm
 * is 34 MB) and loads the store before it runs. Measured: 14 s for a lone journey on a slow 2-core
 * machine, over 45 s with another journey beside it.
 */
export const FIRST_LAKE_QUERY = { timeout: 150_000 };

export { expect };
