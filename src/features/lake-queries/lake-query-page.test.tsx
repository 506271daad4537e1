import { ListEventDataStoresCommand } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

/** The ID of a seeded store, by name. */
async function storeId(name: string): Promise<string> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const arn = output.EventDataStores?.find((store) => store.Name === name)?.EventDataStoreArn ?? '';
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function openEditor(url = '/lake/query') {
  const user = userEvent.setup();
  const view = renderApp(url);
  const editor = await screen.findByRole('textbox', { name: 'SQL query' });
  return { user, editor, ...view };
}

async function pickStore(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole('button', { name: /^Event data store/ }));
  await user.click(await screen.findByRole('option', { name: new RegExp(name) }));
}

test('opens from the side navigation with a labelled SQL editor', async () => {
  const user = userEvent.setup();
  renderApp('/lake/event-data-stores');
  const navigation = await screen.findByRole('navigation', { name: 'Side navigation' });
  const link = within(navigation).getByRole('link', { name: 'Query' });
  expect(link).toHaveAttribute('href', '/lake/query');
  await user.click(link);
  expect(await screen.findByRole('heading', { name: 'Query', level: 1 })).toBeVisible();
  const editor = await screen.findByRole('textbox', { name: 'SQL query' });
  expect(editor).toHaveAttribute('aria-multiline', 'true');
  expect(editor).toHaveAccessibleDescription(/Ctrl\+Enter runs the query/);
  expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
});

test('choosing a store inserts its ID into the editor', async () => {
  const { user, editor } = await openEditor('/lake/query?sql=SELECT%20eventName%20FROM%20');
  const id = await storeId('management-events');
  await pickStore(user, 'management-events');
  expect(editor).toHaveTextContent(`SELECT eventName FROM ${id}`);
  await user.click(screen.getByRole('button', { name: 'Insert store ID' }));
  expect(editor).toHaveTextContent(`SELECT eventName FROM ${id}${id}`);
});

test('a sample query found by search fills the editor with the chosen store', async () => {
  const { user, editor } = await openEditor();
  const id = await storeId('management-events');
  await pickStore(user, 'management-events');
  await pasteInto(user, screen.getByRole('searchbox', { name: 'Search sample queries' }), 'console sign-ins');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  const samples = await screen.findByRole('list', { name: 'Sample queries' });
  await user.click(within(samples).getByRole('button', { name: 'Use sample query Console sign-ins' }));
  expect(editor).toHaveTextContent(`FROM ${id} WHERE eventName = 'ConsoleLogin'`);
  expect(editor).not.toHaveTextContent('$EDS_ID');
});

test('the generator puts the generated SQL in the editor', async () => {
  const { user, editor } = await openEditor();
  const id = await storeId('management-events');
  await pickStore(user, 'management-events');
  await user.click(screen.getByRole('tab', { name: 'Generate' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Prompt' }), 'top errors');
  await user.click(screen.getByRole('button', { name: 'Generate query' }));
  await screen.findByText(/Query generated in the editor/, { ignore: LIVE_REGION_COPIES });
  expect(editor).toHaveTextContent(`FROM ${id}`);
  expect(editor).toHaveTextContent('errorCode');
});

test('the generator shows why CloudTrail could not generate a query', async () => {
  const { user, editor } = await openEditor('/lake/query?sql=SELECT%201');
  await pickStore(user, 'management-events');
  await user.click(screen.getByRole('tab', { name: 'Generate' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Prompt' }), 'weather forecast for tomorrow');
  await user.click(screen.getByRole('button', { name: 'Generate query' }));
  expect(await screen.findByText('GenerateResponseException', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(
    screen.getByText(/No query could be generated for the prompt 'weather forecast for tomorrow'/, {
      ignore: LIVE_REGION_COPIES,
    }),
  ).toBeVisible();
  expect(editor).toHaveTextContent('SELECT 1');
});

test('the generator asks for a store first', async () => {
  const { user } = await openEditor();
  await user.click(screen.getByRole('tab', { name: 'Generate' }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Prompt' }), 'top errors');
  await user.click(screen.getByRole('button', { name: 'Generate query' }));
  expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveAccessibleDescription(
    /Choose an event data store above first\./,
  );
});

test('a saved query is kept, reopens in the editor and has a link that opens it', async () => {
  const statement = "SELECT eventName FROM abc WHERE eventTime > '2025-06-01'";
  const { user, editor, router } = await openEditor(`/lake/query?sql=${encodeURIComponent(statement)}`);
  expect(editor).toHaveTextContent(statement);

  await user.click(screen.getByRole('button', { name: 'Save query' }));
  const dialog = await screen.findByRole('dialog', { name: 'Save query' });
  await pasteInto(user, within(dialog).getByRole('textbox', { name: 'Query name' }), 'recent events');
  await user.click(within(dialog).getByRole('button', { name: 'Save' }));
  const saved = await screen.findByRole('table', { name: 'Saved queries' });
  expect(within(saved).getByRole('rowheader', { name: 'recent events' })).toBeVisible();

  await user.click(within(saved).getByRole('button', { name: 'Copy link to saved query recent events' }));
  const link = new URL(await navigator.clipboard.readText());
  expect(link.pathname).toBe('/lake/query');
  expect(link.searchParams.get('sql')).toBe(statement);

  // Kept across pages: leave, come back to an empty editor, open the saved query.
  await router.navigate('/lake/event-data-stores');
  await screen.findByRole('table', { name: 'Event data stores' });
  await router.navigate('/lake/query');
  const emptyEditor = await screen.findByRole('textbox', { name: 'SQL query' });
  expect(emptyEditor).not.toHaveTextContent(statement);
  await user.click(screen.getByRole('tab', { name: 'Saved' }));
  await user.click(
    within(screen.getByRole('table', { name: 'Saved queries' })).getByRole('button', {
      name: 'Open saved query recent events',
    }),
  );
  expect(emptyEditor).toHaveTextContent(statement);

  // The link opens the editor with the statement.
  await router.navigate(`${link.pathname}${link.search}`);
  expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(statement);
});

test('a malformed link opens an empty editor', async () => {
  const { editor } = await openEditor(`/lake/query?sql=${'x'.repeat(10_001)}&queryId=not-a-query`);
  expect(editor).not.toHaveTextContent('xxxx');
  expect(screen.queryByRole('heading', { name: 'Query status' })).not.toBeInTheDocument();
});

test('warns before a run about a scan of the whole store and SELECT *', async () => {
  const id = await storeId('management-events');
  const { editor } = await openEditor(`/lake/query?sql=${encodeURIComponent(`SELECT * FROM ${id}`)}`);
  expect(editor).toHaveTextContent(`SELECT * FROM ${id}`);
  const estimate = await screen.findByRole('region', { name: 'Estimate' });
  expect(within(estimate).getByText(/No eventTime bound in WHERE/)).toBeVisible();
  expect(within(estimate).getByText(/SELECT \* returns every column/)).toBeVisible();
  // The embedded emulator reports the store's size, so the estimate is the whole store.
  expect(
    await within(estimate).findByText(/^Scans about .+ at \$0\.005 per GB \(management-events holds it now\)/),
  ).toBeVisible();
});

test('an eventTime bound turns the estimate into a ceiling and silences the warning', async () => {
  const id = await storeId('management-events');
  const statement = `SELECT eventName FROM ${id} WHERE eventTime > date_add('day', -1, now())`;
  await openEditor(`/lake/query?sql=${encodeURIComponent(statement)}`);
  const estimate = await screen.findByRole('region', { name: 'Estimate' });
  expect(
    await within(estimate).findByText(/^Scans at most .+; the eventTime bound in WHERE lets it read less/),
  ).toBeVisible();
  expect(within(estimate).queryByText(/No eventTime bound/)).not.toBeInTheDocument();
  expect(within(estimate).queryByText(/SELECT \*/)).not.toBeInTheDocument();
});
