import { expect, test } from './fixtures';

test('opens an event from Event history, survives a reload and filters history by its resource', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  await openConsole('/events?filter=EventName:DeleteBucket');
  // The rows of Event history's table (a treegrid, since rows expand) are headed by the event name.
  await page.getByRole('rowheader').first().getByRole('link', { name: 'DeleteBucket' }).click();

  // The shell keeps the region in the URL (?region=…).
  await expect(page).toHaveURL(/\/events\/[\w-]+(\?|$)/);
  const heading = page.getByRole('heading', { name: 'DeleteBucket', level: 1 });
  await expect(heading).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByRole('link', { name: 's3.amazonaws.com' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Event record' })).toContainText('"eventName": "DeleteBucket"');
  await expect(page.getByRole('region', { name: 'Who did it' }).getByText(/^Behind this call: /)).toBeVisible();

  // The detail page has its own URL: a reload shows the same event.
  const detailUrl = page.url();
  await page.reload();
  await expect(heading).toBeVisible();

  const resources = page.getByRole('table', { name: 'Resources referenced' });
  const resource = resources.getByRole('link').first();
  const resourceName = (await resource.textContent()) ?? '';
  await resource.click();
  await expect(page).toHaveURL(/[?&]filter=ResourceName/);
  expect(new URL(page.url()).searchParams.getAll('filter')).toEqual([`ResourceName:${resourceName}`]);
  await expect(page.getByRole('heading', { name: /Event history/, level: 1 })).toBeVisible();
  await expect(page.getByRole('rowheader').first()).toBeVisible();

  await page.goBack();
  expect(page.url()).toBe(detailUrl);
  await expect(heading).toBeVisible();
  // Related events load after the page; scan once they are in.
  await expect(page.getByRole('table', { name: 'Events of the same user' }).getByRole('row').nth(1)).toBeVisible();
  await expectAccessible();
});
