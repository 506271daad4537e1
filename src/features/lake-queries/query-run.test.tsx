// Journeys that run SQL (StartQuery, DescribeQuery, GetQueryResults, ListQueries, CancelQuery):
// they need the emulator's Lake engine.
import { GetQueryResultsCommand, ListEventDataStoresCommand, StartQueryCommand } from '@aws-sdk/client-cloudtrail';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { emulatorClient, testClock, warmLakeEngine } from '../../../mocks/node';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';

beforeAll(warmLakeEngine, 60_000);

/** Longer than any query runs on the emulator's clock (mocks/emulator/SEMANTICS.md §10.1). */
const PAST_ANY_RUN = 16_000;

async function storeId(name: string): Promise<string> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  const arn = output.EventDataStores?.find((store) => store.Name === name)?.EventDataStoreArn ?? '';
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function openEditor(statement?: string) {
  const user = userEvent.setup();
  const view = renderApp(statement === undefined ? '/lake/query' : `/lake/query?sql=${encodeURIComponent(statement)}`);
  const editor = await screen.findByRole('textbox', { name: 'SQL query' });
  return { user, editor, ...view };
}

/** The value shown next to a label in the query status panel. */
function statusValue(label: string): HTMLElement {
  const panel = screen.getByRole('region', { name: 'Query status' });
  // A term may carry a note after its label ("Cost at $0.005 per GB scanned").
  const term = within(panel)
    .getAllByRole('term')
    .find((candidate) => candidate.textContent.startsWith(label));
  // KeyValuePairs ties a term to its value only by DOM order: the <dd> after the <dt>.
  // eslint-disable-next-line testing-library/no-node-access -- no role or label links the two.
  const value = term?.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`The query status has no ${label}`);
  return value;
}

/** Waits until the query status panel shows the status, from the page's polling of DescribeQuery. */
async function waitForStatus(text: RegExp) {
  const panel = await screen.findByRole('region', { name: 'Query status' });
  expect(await within(panel).findByText(text)).toBeVisible();
}

afterEach(() => {
  vi.restoreAllMocks();
});

test('runs a query: status while it runs, then statistics, cost and results', async () => {
  const id = await storeId('management-events');
  const statement = `SELECT eventName, count(*) AS calls FROM ${id} GROUP BY eventName ORDER BY calls DESC, eventName`;
  const { user, router } = await openEditor(statement);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  await waitForStatus(/^Queued, \d+ s elapsed$/);
  const queryId = new URLSearchParams(router.state.location.search).get('queryId') ?? '';
  expect(queryId).toMatch(/^[a-f0-9-]{36}$/);
  expect(screen.getByRole('button', { name: 'Cancel query' })).toBeEnabled();

  testClock.advance(PAST_ANY_RUN);
  await waitForStatus(/^Finished$/);
  expect(screen.getByRole('button', { name: 'Cancel query' })).toBeDisabled();
  expect(statusValue('Events scanned')).toHaveTextContent(/^[\d,]+$/);
  expect(statusValue('Data scanned')).toHaveTextContent(/(bytes|KB|MB)$/);
  expect(statusValue('Cost')).toHaveTextContent(/^\$0\.\d+$/);

  const table = await screen.findByRole('table', { name: 'Query results' });
  const api = await emulatorClient().send(new GetQueryResultsCommand({ QueryId: queryId }));
  const [first] = api.QueryResultRows ?? [];
  const eventName = first?.[0]?.eventName ?? '';
  const calls = first?.[1]?.calls ?? '';
  const row = await within(table).findByRole('row', { name: new RegExp(`^${eventName} `) });
  expect(within(row).getByRole('cell')).toHaveTextContent(calls);
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent),
  ).toEqual(expect.arrayContaining([expect.stringContaining('eventName'), expect.stringContaining('calls')]));
  expect(await screen.findByText(/^This session: 1 query scanned/)).toBeVisible();
});

test('Ctrl+Enter in the editor runs the query', async () => {
  const id = await storeId('management-events');
  const { user, editor, router } = await openEditor(`SELECT count(*) FROM ${id}`);
  await user.click(editor);
  await user.keyboard('{Control>}{Enter}{/Control}');
  await waitForStatus(/^Queued/);
  expect(new URLSearchParams(router.state.location.search).get('queryId')).toMatch(/^[a-f0-9-]{36}$/);
});

test('cancels a running query', async () => {
  const id = await storeId('management-events');
  const { user } = await openEditor(`SELECT * FROM ${id}`);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  await waitForStatus(/^Queued/);
  await user.click(screen.getByRole('button', { name: 'Cancel query' }));
  await waitForStatus(/^Cancelled$/);
  expect(screen.queryByRole('table', { name: 'Query results' })).not.toBeInTheDocument();
});

test('a failed query shows CloudTrail’s error message', async () => {
  const id = await storeId('management-events');
  const { user } = await openEditor(`SELECT no_such_column FROM ${id}`);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  await waitForStatus(/^Queued/);
  testClock.advance(PAST_ANY_RUN);
  await waitForStatus(/^Failed$/);
  expect(await screen.findByText('The query failed', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(
    screen.getByText(/no_such_column/, { ignore: `${LIVE_REGION_COPIES}, .cm-content, .cm-content *` }),
  ).toBeVisible();
});

test('a statement CloudTrail cannot parse is reported next to the editor, with a way to its line', async () => {
  const id = await storeId('management-events');
  const { user, editor } = await openEditor(`SELECT eventName\nFROM ${id}\nWHERE eventName = `);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  expect(await screen.findByText('InvalidQueryStatementException', { ignore: LIVE_REGION_COPIES })).toBeVisible();
  expect(screen.getByText(/line 3:/, { ignore: LIVE_REGION_COPIES })).toBeVisible();
  await user.click(screen.getByRole('button', { name: /^Go to line 3, column \d+$/ }));
  expect(editor).toHaveFocus();
  expect(screen.queryByRole('region', { name: 'Query status' })).not.toBeInTheDocument();
});

test('CloudTrail’s limit of concurrent queries is reported next to the editor', async () => {
  const id = await storeId('management-events');
  for (let started = 0; started < 10; started++)
    await emulatorClient().send(new StartQueryCommand({ QueryStatement: `SELECT count(*) FROM ${id}` }));
  const { user } = await openEditor(`SELECT count(*) FROM ${id}`);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  expect(await screen.findByText('MaxConcurrentQueriesException', { ignore: LIVE_REGION_COPIES })).toBeVisible();
});

test('the history lists the store’s queries and reopens one with its statement and results', async () => {
  const id = await storeId('management-events');
  const statement = `SELECT eventSource, count(*) AS n FROM ${id} GROUP BY eventSource`;
  const { QueryId = '' } = await emulatorClient().send(new StartQueryCommand({ QueryStatement: statement }));
  testClock.advance(PAST_ANY_RUN);

  const { user, editor, router } = await openEditor();
  await user.click(screen.getByRole('button', { name: /^Event data store/ }));
  await user.click(await screen.findByRole('option', { name: /management-events/ }));
  await user.click(screen.getByRole('tab', { name: 'History' }));
  const history = await screen.findByRole('table', { name: 'Query history' });
  await user.click(await within(history).findByRole('link', { name: `Open query ${QueryId}` }));

  expect(new URLSearchParams(router.state.location.search).get('queryId')).toBe(QueryId);
  await waitForStatus(/^Finished$/);
  expect(editor).toHaveTextContent(statement);
  expect(await screen.findByRole('table', { name: 'Query results' })).toBeVisible();
});

test('a link to a query opens it with its statement', async () => {
  const id = await storeId('management-events');
  const statement = `SELECT count(*) AS n FROM ${id}`;
  const { QueryId = '' } = await emulatorClient().send(new StartQueryCommand({ QueryStatement: statement }));
  testClock.advance(PAST_ANY_RUN);
  renderApp(`/lake/query?queryId=${QueryId}`);
  const editor = await screen.findByRole('textbox', { name: 'SQL query' });
  await waitForStatus(/^Finished$/);
  expect(editor).toHaveTextContent(statement);
});

test('every page of a large result is read; the table pages it and downloads it as CSV', async () => {
  const id = await storeId('management-events');
  const { user, router } = await openEditor(`SELECT eventID, eventName, userAgent FROM ${id}`);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  await waitForStatus(/^Queued/);
  testClock.advance(PAST_ANY_RUN);
  await waitForStatus(/^Finished$/);
  const queryId = new URLSearchParams(router.state.location.search).get('queryId') ?? '';
  const first = await emulatorClient().send(new GetQueryResultsCommand({ QueryId: queryId }));
  const total = first.QueryStatistics?.TotalResultsCount ?? 0;
  // More rows than one GetQueryResults page, and than one page of the table.
  expect(total).toBeGreaterThan(1000);

  const results = await screen.findByRole('table', { name: 'Query results' });
  // Every row is read: the counter shows the total, not "… of …".
  const count = total.toLocaleString('en-US');
  expect(await screen.findByRole('heading', { name: new RegExp(`^Results ?\\(${count}\\)$`) })).toBeVisible();
  expect(within(results).getAllByRole('row')).toHaveLength(101);
  await user.click(screen.getByRole('button', { name: 'Next page of results' }));
  expect(screen.getByRole('button', { name: 'Page 2 of results' })).toHaveAttribute('aria-current', 'true');

  const saved: Blob[] = [];
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (blob: Blob) => {
      saved.push(blob);
      return 'blob:results';
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  await user.click(screen.getByRole('button', { name: 'Download results' }));
  await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
  const csv = (await saved[0]?.text()) ?? '';
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('"eventID","eventName","userAgent"');
  expect(lines).toHaveLength(total + 1);
});
