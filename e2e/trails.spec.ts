import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** `2024-06-01T10:00:00Z`: a UTC time as the validation form takes it. */
function utcTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Expands the one folder of the delivered files tree whose name matches `folder`. */
async function expand(page: Page, folder: RegExp) {
  await page
    .getByRole('tree', { name: 'Delivered files' })
    .getByRole('button', { name: new RegExp(`^Expand ${folder.source}$`) })
    .click();
}

/**
 * Opens the log file of the day that holds the trail's `eventName` record and returns the record's
 * link. Usually there is one file; a delivery tick (every 5 minutes of the clock) falling between
 * the trail's first calls and "Deliver log files now" splits them into two, in either name order.
 */
async function openLogFileWith(page: Page, eventName: string): Promise<Locator> {
  const files = page
    .getByRole('tree', { name: 'Delivered files' })
    .getByRole('button', { name: /^Open \d{12}_CloudTrail_us-east-1_\d{8}T\d{4}Z_\w+\.json\.gz$/ });
  await expect(files.first()).toBeVisible();
  const records = page.getByRole('table', { name: 'Records' });
  for (const file of await files.all()) {
    const name = (await file.textContent()) ?? '';
    await file.click();
    // The viewer names the file once it shows it; its records follow.
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    await expect(records.getByRole('row').nth(1)).toBeVisible();
    const link = records.getByRole('link', { name: new RegExp(`^Open event ${eventName} `) });
    if ((await link.count()) > 0) return link;
  }
  throw new Error(`No log file holds a ${eventName} record.`);
}

test('creates a trail, delivers its log files on request, follows a record to its event, stops logging and validates every file', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  // A long journey (create, deliver, follow, stop, validate, three accessibility scans): three times
  // the usual limit, so that a busy machine does not fail it.
  test.slow();
  const name = `journey-trail-${String(Date.now())}`;
  // Validation covers everything from a minute before the trail existed.
  const before = new Date(Date.now() - 60_000);
  await openConsole('/');
  await page.evaluate(async () => {
    await window.cloudtrailEmulator?.reset();
  });

  await test.step('creates a trail with the default bucket; logging starts on its own', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Trails', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^Trails/, level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Create trail' }).first().click();
    await expect(page.getByRole('heading', { name: 'Create trail', level: 1 })).toBeVisible();
    await page.getByRole('textbox', { name: 'Trail name' }).fill(name);
    await expect(page.getByRole('textbox', { name: 'S3 bucket' })).toHaveValue(
      /^aws-cloudtrail-logs-123456789012-[0-9a-f]{8}$/,
    );
    await expectAccessible();
    await page.getByRole('button', { name: 'Create trail' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByText(`Trail ${name} created. Logging is turned on.`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop logging' })).toBeVisible();
  });

  await test.step('makes calls the trail records: Event history, then the trails list', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Event history', exact: true }).click();
    await expect(page.getByRole('treegrid', { name: 'Events' }).getByRole('rowheader').first()).toBeVisible();
    await page.getByRole('navigation').getByRole('link', { name: 'Trails', exact: true }).click();
    await page.getByRole('table', { name: 'Trails' }).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  });

  await test.step('delivers the log files now and follows the StartLogging record to its event', async () => {
    await page.getByRole('tab', { name: 'Delivered files' }).click();
    await expect(page.getByText(/CloudTrail delivers log files about every 5 minutes/)).toBeVisible();
    await page.getByRole('button', { name: 'Deliver log files now' }).click();
    await expect(page.getByText('Pending log files delivered')).toBeVisible();
    await expand(page, /CloudTrail\//);
    await expand(page, /us-east-1\//);
    await expand(page, /\d{4}\//);
    // Month first: once it is open, its name reads "Collapse", and only the day matches.
    await expand(page, /\d{2}\//);
    await expand(page, /\d{2}\//);
    const startLogging = await openLogFileWith(page, 'StartLogging');
    await expect(startLogging).toBeVisible();
    await expectAccessible();

    await startLogging.click();
    await expect(page).toHaveURL(/\/events\/[\w-]+(\?|$)/);
    await expect(page.getByRole('heading', { name: 'StartLogging', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Event record' })).toContainText(name);
    await expectAccessible();
  });

  await test.step('stops logging, then validates every digest and log file since before the trail', async () => {
    await page.goBack();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Stop logging' }).click();
    await expect(page.getByText(`Logging of ${name} stopped.`)).toBeVisible();
    // The status read after StopLogging is the call on which the final digest is written.
    await expect(page.getByRole('button', { name: 'Start logging' })).toBeEnabled();

    await page.getByRole('tab', { name: 'Log file validation' }).click();
    const start = page.getByRole('textbox', { name: 'Start time' });
    await start.fill(utcTime(before));
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect(page.getByText('Every digest and log file is valid')).toBeVisible();
    const summary = page.getByRole('region', { name: 'Validation summary' });
    await expect(summary).toContainText(/\b([1-9]\d*)\/\1 digest files valid\b/);
    await expect(summary).toContainText(/\b([1-9]\d*)\/\1 log files valid\b/);
    await expect(summary).not.toContainText('INVALID');
    await expect(page.getByRole('table', { name: 'Validation results' })).not.toContainText('INVALID');
    await expectAccessible();
  });
});
