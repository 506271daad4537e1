import { ListEventDataStoresCommand, StopEventDataStoreIngestionCommand } from '@aws-sdk/client-cloudtrail';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../mocks/node';
import { renderApp } from '@/testing/render-app';

async function managementEventsArn(): Promise<string> {
  const output = await emulatorClient().send(new ListEventDataStoresCommand({}));
  return output.EventDataStores?.find((store) => store.Name === 'management-events')?.EventDataStoreArn ?? '';
}

test('opens the Lake query editor on the filters and time range, over the management events store', async () => {
  const user = userEvent.setup();
  const arn = await managementEventsArn();
  const { router } = renderApp('/events?filter=EventName:DeleteBucket&filter=Username:dev-jordan&last=1w');
  const button = await screen.findByRole('button', { name: 'Open in Lake' });
  await waitFor(() => {
    expect(button).toBeEnabled();
  });
  await user.click(button);

  // Date is pinned to the test clock (2025-06-02 12:30 UTC): the last week ends then.
  const expected = [
    'SELECT eventTime, eventName, userIdentity.arn, eventSource, sourceIPAddress, errorCode',
    `FROM ${arn.slice(arn.lastIndexOf('/') + 1)}`,
    "WHERE eventTime >= '2025-05-26 12:30:00'",
    "  AND eventTime <= '2025-06-02 12:30:00'",
    "  AND awsRegion = 'us-east-1'",
    "  AND eventName = 'DeleteBucket'",
    '  AND CASE userIdentity.type',
  ].join('\n');
  expect(router.state.location.pathname).toBe('/lake/query');
  const sql = new URLSearchParams(router.state.location.search).get('sql') ?? '';
  expect(sql.startsWith(expected)).toBe(true);
  expect(sql).toMatch(/\n {2}END = 'dev-jordan'\nORDER BY eventTime DESC$/);
  const editor = await screen.findByRole('textbox', { name: 'SQL query' });
  expect(editor).toHaveTextContent("AND eventName = 'DeleteBucket'");
  expect(editor).toHaveTextContent("END = 'dev-jordan'");
});

test('quotes a filter value that holds a quote', async () => {
  const user = userEvent.setup();
  const { router } = renderApp(`/events?filter=${encodeURIComponent("EventName:it's")}`);
  const button = await screen.findByRole('button', { name: 'Open in Lake' });
  await waitFor(() => {
    expect(button).toBeEnabled();
  });
  await user.click(button);
  expect(new URLSearchParams(router.state.location.search).get('sql')).toContain("AND eventName = 'it''s'\n");
});

test('is disabled, saying why, when no enabled store holds management events', async () => {
  await emulatorClient().send(new StopEventDataStoreIngestionCommand({ EventDataStore: await managementEventsArn() }));
  const { router } = renderApp('/events');
  const button = await screen.findByRole('button', { name: 'Open in Lake' });
  await waitFor(() => {
    expect(button).toHaveAccessibleDescription(
      'No enabled event data store of management events in us-east-1. Create one in Lake to query these events with SQL.',
    );
  });
  expect(button).toHaveAttribute('aria-disabled', 'true');
  await userEvent.setup().click(button);
  expect(router.state.location.pathname).toBe('/events');
});
