import { expect, test } from './fixtures';

test('from a DeleteBucket event, finds the person behind it through two role hops', async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  await openConsole('/events?filter=EventName:DeleteBucket&last=30d');
  // The seeded role chain's session is named tf-cleanup: who is behind it is not in the row.
  const row = page.getByRole('treegrid', { name: 'Events' }).getByRole('row').filter({ hasText: 'tf-cleanup' });
  await row.first().getByRole('link', { name: 'DeleteBucket' }).click();
  await expect(page.getByRole('heading', { name: 'DeleteBucket', level: 1 })).toBeVisible();

  const who = page.getByRole('region', { name: 'Who did it' });
  await expect(who.getByText('Behind this call: maria.garcia@example.com')).toBeVisible();
  const path = who.getByRole('list', { name: 'Principal path' });
  const steps = path.getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('IAM Identity Center user');
  await expect(steps.nth(1)).toContainText('SSO permission set AdministratorAccess');
  await expect(steps.nth(2)).toContainText('Role terraform-admin, session tf-cleanup');
  await expect(steps.nth(3)).toContainText('This call: DeleteBucket');
  await expect(who.getByRole('region', { name: 'What was read' })).toContainText('issuing event found');
  await expectAccessible();

  // The middle hop links to the AssumeRole that opened the session, made by the SSO user herself.
  await steps
    .nth(2)
    .getByRole('link', { name: /^AssumeRole at / })
    .click();
  await expect(page.getByRole('heading', { name: 'AssumeRole', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Event record' })).toContainText('"roleSessionName": "tf-cleanup"');
  await expect(
    page.getByRole('region', { name: 'Who did it' }).getByText('Behind this call: maria.garcia@example.com'),
  ).toBeVisible();
});

test("opens a bucket's story and reads the diff of its policy changes", async ({
  page,
  openConsole,
  expectAccessible,
}) => {
  await openConsole('/resource-story');
  await page.getByRole('searchbox', { name: 'Resource name or ARN' }).fill('acme-data-lake-curated');
  await page.getByRole('button', { name: 'Show story' }).click();
  await expect(page).toHaveURL(/[?&]resource=acme-data-lake-curated/);

  const read = page.getByRole('region', { name: 'What was read' });
  await expect(read).toContainText('every event of the last 90 days was read');
  await page.getByRole('checkbox', { name: 'Changes only' }).click();
  const story = page.getByRole('table', { name: 'Story of acme-data-lake-curated' });
  const diffs = story.getByRole('list', { name: 'Changes since the previous PutBucketPolicy' });
  await expect(diffs.filter({ hasText: 'Added bucketPolicy.Statement[Sid=AllowPublicRead]' })).toHaveCount(1);
  await expect(diffs.filter({ hasText: 'Removed bucketPolicy.Statement[Sid=AllowPublicRead]' }).first()).toBeVisible();
  // The row of the public-read change says who made it.
  await expect(
    story.getByRole('row').filter({ hasText: 'Added bucketPolicy.Statement[Sid=AllowPublicRead]' }),
  ).toContainText('dev-jordan');
  await expectAccessible();
});
