import type { Locator, Page } from '@playwright/test';
import { expect, test, textLayout } from './fixtures';

/** The value of a pair in a labelled section (KeyValuePairs: a <dd> after its <dt>). */
function pair(page: Page, section: string, label: string): Locator {
  return page
    .getByRole('region', { name: section })
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

test('creates a Custom integration with a new store, sends a test event, and the store cannot be deleted while the channel sends to it', async ({
  page,
  context,
  openConsole,
  expectAccessible,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const suffix = String(Date.now());
  const name = `orders-${suffix}`;
  const storeName = `orders-events-${suffix}`;

  await openConsole('/lake/integrations');
  const table = page.getByRole('table', { name: 'Integrations' });
  await expect(table.getByRole('link', { name: 'payments-app-audit' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'securitylake' })).toContainText('Service-linked');
  // A status in a narrow column wraps between words: "Last error:", then "InvalidChecksum" whole.
  const failing = table.getByRole('row').filter({ hasText: 'launchdarkly-audit' });
  await expect(failing).toContainText('Last error: InvalidChecksum');
  expect((await textLayout(failing)).splitWords).toEqual([]);
  await expectAccessible();

  // Create: a custom integration whose destination is a store created in the same flow.
  await page.getByRole('link', { name: 'Create integration' }).first().click();
  await expect(page.getByRole('heading', { name: 'Create integration', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Integration name' }).fill(name);
  await page.getByRole('radio', { name: /Create a new event data store/ }).check();
  await page.getByRole('textbox', { name: 'Event data store name' }).fill(storeName);
  await expectAccessible();
  await page.getByRole('button', { name: 'Create integration' }).click();

  await expect(page.getByRole('heading', { name: `Integration ${name} created`, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Copy channel ARN' }).click();
  await expect(page.getByText('Channel ARN copied')).toBeVisible();
  const arn = await page.evaluate(() => navigator.clipboard.readText());
  expect(arn).toMatch(/^arn:aws:cloudtrail:us-east-1:123456789012:channel\/[0-9a-f-]{36}$/);
  await expectAccessible();

  // Send the template event and see it ingested, then the channel's ingestion status.
  await page.getByRole('link', { name: 'View integration' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(pair(page, 'General details', 'Channel ARN')).toContainText(arn);
  await expect(pair(page, 'Ingestion status', 'Latest successful ingestion')).toHaveText('No events ingested yet');
  await page.getByRole('button', { name: 'Send test events' }).click();
  const results = page.getByRole('table', { name: 'Test event results' });
  const row = results.getByRole('row').nth(1);
  await expect(row).toContainText('Ingested');
  const eventId = (await row.getByRole('cell').nth(1).textContent())?.trim() ?? '';
  expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(pair(page, 'Ingestion status', 'Latest successful event ID')).toHaveText(eventId);
  await expect(pair(page, 'Ingestion status', 'Latest successful ingestion')).toContainText('UTC');
  await expect(pair(page, 'Ingestion status', 'Last error code')).toHaveText('None');
  await expectAccessible();

  // The service-linked channel can be read, never changed.
  await page.getByRole('link', { name: 'Integrations', exact: true }).first().click();
  await page.getByRole('link', { name: 'aws-service-channel/securitylake/8c1e5b2f' }).click();
  await expect(
    page.getByRole('heading', { name: 'aws-service-channel/securitylake/8c1e5b2f', level: 1 }),
  ).toBeVisible();
  await expect(pair(page, 'General details', 'Owning service')).toHaveText('securitylake.amazonaws.com');
  await expect(page.getByRole('heading', { name: 'Management events only' })).toBeVisible();
  for (const control of ['Edit', 'Delete', 'Edit policy', 'Create policy', 'Manage tags', 'Send test events'])
    await expect(page.getByRole('button', { name: control, exact: true })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectAccessible();

  // The new store is a destination of the channel, so CloudTrail refuses to delete it.
  await page.goBack();
  await page.getByRole('table', { name: 'Integrations' }).getByRole('link', { name }).click();
  await pair(page, 'General details', 'Destinations').getByRole('link', { name: storeName }).click();
  await expect(page.getByRole('heading', { name: storeName, level: 1 })).toBeVisible();
  await expect(pair(page, 'General details', 'Status')).toHaveText('Enabled');
  await page.getByRole('button', { name: 'Turn off termination protection' }).click();
  await expect(pair(page, 'General details', 'Termination protection')).toHaveText('Disabled');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const deletion = page.getByRole('dialog', { name: `Delete event data store ${storeName}?` });
  await deletion.getByRole('textbox', { name: /type the store's name/ }).fill(storeName);
  await deletion.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(deletion.getByText('ChannelExistsForEDSException')).toBeVisible();
  await expect(
    deletion.getByText(/A channel sends events to the event data store .*; delete the channel first\./),
  ).toBeVisible();
  await expectAccessible();
});
