import {
  GetEventSelectorsCommand,
  GetTrailCommand,
  ListTagsCommand,
  ListTrailsCommand,
  PutEventSelectorsCommand,
} from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

const SEEDED = 'management-events';
const SEEDED_ARN = `arn:aws:cloudtrail:us-east-1:123456789012:trail/${SEEDED}`;
const SEEDED_PATH = `/trails/${encodeURIComponent(SEEDED_ARN)}`;

/** The value of a pair in a labelled section of the page. */
function pair(section: string, label: string): HTMLElement {
  const region = screen.getByRole('region', { name: section });
  const term = within(region)
    .getAllByRole('term')
    .find((candidate) => candidate.textContent === label);
  // KeyValuePairs ties a term to its value only by DOM order: the <dd> after the <dt>.
  // eslint-disable-next-line testing-library/no-node-access -- no role or label links the two.
  const value = term?.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`${section} has no ${label}`);
  return value;
}

async function openTrail(path = SEEDED_PATH, name = SEEDED) {
  const user = userEvent.setup();
  const { router } = renderApp(path);
  expect(await screen.findByRole('heading', { name, level: 1 })).toBeVisible();
  return { user, router };
}

test('shows the trail’s settings and every status field, with times', async () => {
  await openTrail();
  expect(pair('General details', 'ARN')).toHaveTextContent(SEEDED_ARN);
  expect(pair('General details', 'Home region')).toHaveTextContent('us-east-1');
  expect(pair('General details', 'Multi-region trail')).toHaveTextContent('Yes');
  expect(pair('General details', 'Log file validation')).toHaveTextContent('Enabled');
  expect(pair('General details', 'S3 bucket')).toHaveTextContent('aws-cloudtrail-logs-123456789012-3f7c2a91');

  expect(await within(screen.getByRole('region', { name: 'Logging status' })).findByText('Last started')).toBeVisible();
  expect(pair('Logging status', 'Logging')).toHaveTextContent('Logging');
  expect(pair('Logging status', 'Last started')).toHaveTextContent('2025-06-01 12:00:00 UTC');
  expect(pair('Logging status', 'Time logging started')).toHaveTextContent('2025-06-01 12:00:00 UTC');
  expect(pair('Logging status', 'Last stopped')).toHaveTextContent('-');
  expect(pair('Logging status', 'Last log file delivery error')).toHaveTextContent('-');
  expect(pair('Logging status', 'Last CloudWatch Logs delivery')).toHaveTextContent('-');

  expect(screen.getByRole('tab', { name: 'Delivered files' })).toBeVisible();
  expect(screen.getByRole('tab', { name: 'Log file validation' })).toBeVisible();
});

test('stops and starts logging', async () => {
  const { user } = await openTrail();
  await user.click(await screen.findByRole('button', { name: 'Stop logging' }));
  expect(await screen.findByRole('button', { name: 'Start logging' })).toBeVisible();
  expect(screen.getByText(`Logging of ${SEEDED} stopped.`)).toBeVisible();
  expect(await within(pair('Logging status', 'Logging')).findByText('Off')).toBeVisible();
  expect(pair('Logging status', 'Last stopped')).toHaveTextContent('2025-06-02 12:30:00 UTC');

  await user.click(screen.getByRole('button', { name: 'Start logging' }));
  expect(await screen.findByRole('button', { name: 'Stop logging' })).toBeVisible();
  expect(await within(pair('Logging status', 'Logging')).findByText('Logging')).toBeVisible();
  expect(pair('Logging status', 'Last started')).toHaveTextContent('2025-06-02 12:30:00 UTC');
});

test('edits the general settings, sending only what changed', async () => {
  const { user, router } = await openTrail();
  await user.click(screen.getByRole('link', { name: 'Edit general details' }));
  const prefix = await screen.findByRole('textbox', { name: 'Log file prefix - optional' });
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(
    await screen.findByText('Nothing to save: change a setting first.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();

  await pasteInto(user, prefix, 'central');
  await user.click(screen.getByRole('checkbox', { name: /^Enable log file validation/ }));
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByRole('heading', { name: SEEDED, level: 1 })).toBeVisible();
  expect(screen.getByText(`Trail ${SEEDED} updated.`)).toBeVisible();
  expect(router.state.location.pathname).toBe(SEEDED_PATH);
  expect(await within(pair('General details', 'Log file prefix')).findByText('central')).toBeVisible();
  expect(pair('General details', 'Log file validation')).toHaveTextContent('Disabled');
  const { Trail: trail } = await emulatorClient().send(new GetTrailCommand({ Name: SEEDED }));
  expect(trail).toMatchObject({ S3KeyPrefix: 'central', LogFileValidationEnabled: false, IsMultiRegionTrail: true });
});

test('deletes the trail after its name is typed', async () => {
  const { user, router } = await openTrail();
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('dialog', { name: `Delete trail ${SEEDED}?` });
  const confirm = within(dialog).getByRole('button', { name: 'Delete' });
  expect(confirm).toBeDisabled();
  await pasteInto(user, within(dialog).getByRole('textbox', { name: /type the trail's name/ }), SEEDED);
  await user.click(confirm);
  expect(await screen.findByText(`Trail ${SEEDED} deleted.`)).toBeVisible();
  expect(router.state.location.pathname).toBe('/trails');
  expect(await screen.findByText('No trails')).toBeVisible();
  expect((await emulatorClient().send(new ListTrailsCommand({}))).Trails).toEqual([]);
});

async function openSelectorEditor() {
  const { user } = await openTrail();
  expect(await screen.findByText('Read and write')).toBeVisible();
  await user.click(screen.getByRole('link', { name: 'Edit event selectors' }));
  await screen.findByRole('heading', { name: `Edit event selectors of ${SEEDED}`, level: 1 });
  return user;
}

async function saveSelectors(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByRole('heading', { name: SEEDED, level: 1 })).toBeVisible();
  expect(screen.getByText(`Event selectors of ${SEEDED} saved.`)).toBeVisible();
}

test('saves basic event selectors: read or write events and exclusions', async () => {
  const user = await openSelectorEditor();
  await user.click(screen.getByRole('radio', { name: /^Write only/ }));
  await user.click(screen.getByRole('checkbox', { name: /^Exclude kms\.amazonaws\.com events/ }));
  await saveSelectors(user);
  expect(await screen.findByText('Write only')).toBeVisible();
  expect(screen.getByText('Included, except kms.amazonaws.com')).toBeVisible();
  const selectors = await emulatorClient().send(new GetEventSelectorsCommand({ TrailName: SEEDED }));
  expect(selectors.EventSelectors).toEqual([
    {
      ReadWriteType: 'WriteOnly',
      IncludeManagementEvents: true,
      DataResources: [],
      ExcludeManagementEventSources: ['kms.amazonaws.com'],
    },
  ]);
});

test('checks data resource ARNs before sending, then saves them', async () => {
  const user = await openSelectorEditor();
  await user.click(screen.getByRole('button', { name: 'Add data resource' }));
  await user.click(screen.getByRole('button', { name: /^Resource type/ }));
  await user.click(await screen.findByRole('option', { name: 'AWS::S3::Object' }));
  const arns = screen.getByRole('textbox', { name: /^ARNs/ });
  await pasteInto(user, arns, 'arn:aws:s3:::logs-bucket');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(arns).toHaveAccessibleDescription(/arn:aws:s3:::logs-bucket is not valid here\./);

  await pasteInto(user, arns, '/');
  await saveSelectors(user);
  expect(await screen.findByText('AWS::S3::Object: arn:aws:s3:::logs-bucket/')).toBeVisible();
  const selectors = await emulatorClient().send(new GetEventSelectorsCommand({ TrailName: SEEDED }));
  expect(selectors.EventSelectors?.[0]?.DataResources).toEqual([
    { Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::logs-bucket/'] },
  ]);
});

test('switches the trail to advanced event selectors with the store editor', async () => {
  const { user } = await openTrail();
  await user.click(await screen.findByRole('link', { name: 'Edit event selectors' }));
  await user.click(await screen.findByRole('radio', { name: /^Advanced event selectors/ }));
  expect(screen.getByRole('region', { name: 'Selector 1' })).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByRole('heading', { name: SEEDED, level: 1 })).toBeVisible();
  expect(screen.getByText(`Event selectors of ${SEEDED} saved.`)).toBeVisible();
  expect(await screen.findByRole('heading', { name: /^Event selectors \(advanced\)/ })).toBeVisible();
  expect(screen.getByText('equals Management')).toBeVisible();
  const selectors = await emulatorClient().send(new GetEventSelectorsCommand({ TrailName: SEEDED }));
  expect(selectors.AdvancedEventSelectors).toEqual([
    { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
  ]);
  expect(selectors.EventSelectors).toBeUndefined();
});

test('explains the Insights prerequisites and shows CloudTrail’s refusal', async () => {
  await emulatorClient().send(
    new PutEventSelectorsCommand({
      TrailName: SEEDED,
      EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }],
    }),
  );
  const { user } = await openTrail();
  await user.click(await screen.findByRole('button', { name: 'Edit Insights' }));
  const dialog = await screen.findByRole('dialog', { name: 'Edit Insights' });
  expect(
    await within(dialog).findByText('The trail does not log these events: change its event selectors first.'),
  ).toBeVisible();
  expect(within(dialog).getByText('The trail logs these events.')).toBeVisible();
  await user.click(within(dialog).getByRole('checkbox', { name: /^Enable API call rate/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Save Insights' }));
  expect(
    await within(dialog).findByText('ApiCallRateInsight needs event selectors that log write management events.'),
  ).toBeVisible();
  expect(within(dialog).getByText('InvalidInsightSelectorsException')).toBeVisible();

  await user.click(within(dialog).getByRole('checkbox', { name: /^Enable API call rate/ }));
  await user.click(within(dialog).getByRole('checkbox', { name: /^Enable API error rate/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Save Insights' }));
  expect(await within(pair('Insights', 'API error rate')).findByText('Enabled')).toBeVisible();
  expect(pair('Insights', 'API call rate')).toHaveTextContent('Disabled');
  expect(screen.queryByRole('dialog', { name: 'Edit Insights' })).not.toBeInTheDocument();
});

test('adds and removes tags', async () => {
  const { user } = await openTrail();
  const tags = await screen.findByRole('table', { name: 'Tags' });
  expect(await within(tags).findByText('No tags')).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Manage tags' }));
  const dialog = await screen.findByRole('dialog', { name: 'Manage tags' });
  await user.click(within(dialog).getByRole('button', { name: 'Add tag' }));
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Key' }), 'team');
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Value - optional' }), 'security');
  await user.click(within(dialog).getByRole('button', { name: 'Save tags' }));
  expect(await within(tags).findByText('security')).toBeVisible();
  const listed = await emulatorClient().send(new ListTagsCommand({ ResourceIdList: [SEEDED_ARN] }));
  expect(listed.ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'team', Value: 'security' }]);

  await user.click(screen.getByRole('button', { name: 'Manage tags' }));
  const again = await screen.findByRole('dialog', { name: 'Manage tags' });
  await user.click(within(again).getByRole('button', { name: 'Remove tag team' }));
  await user.click(within(again).getByRole('button', { name: 'Save tags' }));
  expect(await within(tags).findByText('No tags')).toBeVisible();
});

test('shows a multi-Region trail from another Region read-only, naming its home Region', async () => {
  const user = userEvent.setup();
  renderApp(SEEDED_PATH, { connection: { kind: 'embedded', region: 'eu-west-1' } });
  expect(await screen.findByRole('heading', { name: SEEDED, level: 1 })).toBeVisible();
  expect(screen.getByText(/settings can be changed only from us-east-1/)).toBeVisible();
  expect(screen.getByRole('button', { name: 'Delete' })).toHaveAttribute('aria-disabled', 'true');
  expect(screen.getByRole('link', { name: 'Edit general details' })).toHaveAttribute('aria-disabled', 'true');
  expect(
    await within(screen.getByRole('table', { name: 'Tags' })).findByText(/only from its home Region, us-east-1/),
  ).toBeVisible();
  await user.click(screen.getByRole('tab', { name: 'Log file validation' }));
  expect(screen.getByRole('tab', { name: 'Log file validation' })).toHaveAttribute('aria-selected', 'true');
});

test('says when no such trail exists', async () => {
  renderApp(`/trails/${encodeURIComponent('arn:aws:cloudtrail:us-east-1:123456789012:trail/missing')}`);
  expect(await screen.findByRole('heading', { name: 'Trail not found', level: 1 })).toBeVisible();
});
