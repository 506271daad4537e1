import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, expect, test } from 'vitest';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

// The page loads lazily: importing it first keeps module loading out of the findBy timeouts.
beforeAll(async () => {
  await Promise.all([import('./resource-story-page'), import('@/features/event-detail/event-detail-page')]);
});

test('tells a bucket story with the field-level diff of its policy changes', async () => {
  const user = userEvent.setup();
  renderApp('/resource-story?resource=acme-data-lake-curated');
  expect(await screen.findByRole('heading', { name: 'Resource story', level: 1 })).toBeVisible();
  const story = await screen.findByRole('table', { name: 'Story of acme-data-lake-curated' });
  const read = screen.getByRole('region', { name: 'What was read' });
  expect(await within(read).findByText(/every event of the last 90 days was read/)).toBeVisible();
  expect(within(read).queryByRole('button', { name: 'Read older events' })).not.toBeInTheDocument();

  await user.click(screen.getByRole('checkbox', { name: 'Changes only' }));
  const rows = within(story).getAllByRole('row').slice(1);
  // The bucket's life starts with its creation, by the CI role.
  expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'CreateBucket' })).toBeVisible();
  expect(rows[0]).toHaveTextContent('GitHubActions');
  // Reads are left out: no GetObject or GetBucketAcl row.
  expect(within(story).queryByRole('link', { name: 'GetObject' })).not.toBeInTheDocument();
  expect(within(story).queryByRole('link', { name: 'GetBucketAcl' })).not.toBeInTheDocument();

  const diffs = within(story).getAllByRole('list', { name: 'Changes since the previous PutBucketPolicy' });
  const texts = diffs.map((diff) => diff.textContent);
  const added = texts.findIndex((text) => text.includes('Added bucketPolicy.Statement[Sid=AllowPublicRead]'));
  const removed = texts.findIndex((text) => text.includes('Removed bucketPolicy.Statement[Sid=AllowPublicRead]'));
  expect(added).toBeGreaterThanOrEqual(0);
  expect(removed).toBeGreaterThan(added);
  expect(texts.some((text) => text.includes('Added bucketPolicy.Statement[Sid=AllowGlueCrawlerRead]'))).toBe(true);
  // Who made the public-read change, and from where.
  const publicRead = within(story)
    .getAllByRole('row')
    .find((row) => row.textContent.includes('Added bucketPolicy.Statement[Sid=AllowPublicRead]'));
  expect(publicRead).toHaveTextContent('dev-jordan');
  expect(publicRead).toHaveTextContent(/\d+\.\d+\.\d+\.\d+/);
});

test('takes a typed ARN, lists the bucket deleted through a role chain, and searches its type on request', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/resource-story');
  await pasteInto(
    user,
    await screen.findByRole('searchbox', { name: 'Resource name or ARN' }),
    'arn:aws:s3:::acme-web-assets',
  );
  await user.click(screen.getByRole('button', { name: 'Show story' }));
  expect(new URLSearchParams(router.state.location.search).get('resource')).toBe('arn:aws:s3:::acme-web-assets');
  const story = await screen.findByRole('table', { name: 'Story of acme-web-assets' });
  const read = screen.getByRole('region', { name: 'What was read' });
  expect(
    await within(read).findByText(
      /ResourceName acme-web-assets: \d+ events in \d+ LookupEvents calls?, \d+ of them this ARN/,
    ),
  ).toBeVisible();

  await user.click(screen.getByRole('checkbox', { name: 'Changes only' }));
  const deletion = within(story)
    .getAllByRole('row')
    .find(
      (row) =>
        within(row).queryByRole('link', { name: 'DeleteBucket' }) !== null && row.textContent.includes('Success'),
    );
  expect(deletion).toHaveTextContent('tf-cleanup');

  await user.click(within(read).getByRole('button', { name: 'Search AWS::S3::Bucket events' }));
  expect(
    await within(read).findByText(
      /ResourceType AWS::S3::Bucket: \d+ events read in \d+ calls, \d+ more mention acme-web-assets/,
    ),
  ).toBeVisible();
});

test('says when nothing lists a resource', async () => {
  renderApp('/resource-story?resource=no-such-bucket-anywhere');
  expect(await screen.findByText('No event read so far lists no-such-bucket-anywhere.')).toBeVisible();
  const read = screen.getByRole('region', { name: 'What was read' });
  expect(within(read).getByText(/ResourceName no-such-bucket-anywhere: 0 events in 1 LookupEvents call/)).toBeVisible();
  expect(within(read).getByText(/No resource type known/)).toBeVisible();
});
