import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

function rowOf(table: HTMLElement, name: string): HTMLElement {
  const row = within(table)
    .getAllByRole('row')
    .find((candidate) => within(candidate).queryByRole('rowheader')?.textContent === name);
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

test('lists integration and service-linked channels with their type, source, destinations and ingestion', async () => {
  renderApp('/lake/integrations');
  const table = await screen.findByRole('table', { name: 'Integrations' });
  expect(await within(table).findByRole('link', { name: 'payments-app-audit' })).toBeVisible();

  const payments = rowOf(table, 'payments-app-audit');
  expect(payments).toHaveTextContent('Integration');
  expect(payments).toHaveTextContent('My custom integration');
  expect(await within(payments).findByRole('link', { name: 'integrations-audit' })).toHaveAttribute(
    'href',
    expect.stringMatching(/^\/lake\/event-data-stores\/[0-9a-f-]{36}$/),
  );
  expect(payments).toHaveTextContent(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

  const launchDarkly = rowOf(table, 'launchdarkly-audit');
  expect(launchDarkly).toHaveTextContent('LaunchDarkly');
  expect(launchDarkly).toHaveTextContent('Last error: InvalidChecksum');

  const linked = rowOf(table, 'aws-service-channel/securitylake/8c1e5b2f');
  expect(linked).toHaveTextContent('Service-linked');
  expect(linked).toHaveTextContent('AWS service: securitylake.amazonaws.com');
});

test('filters the list by what it shows and keeps the filter in the URL', async () => {
  const user = userEvent.setup();
  const { router } = renderApp('/lake/integrations');
  const table = await screen.findByRole('table', { name: 'Integrations' });
  await within(table).findByRole('link', { name: 'payments-app-audit' });
  await pasteInto(user, screen.getByRole('searchbox', { name: 'Filter integrations' }), 'Service-linked');
  expect(within(table).queryByRole('link', { name: 'payments-app-audit' })).not.toBeInTheDocument();
  expect(within(table).getByRole('link', { name: 'aws-service-channel/securitylake/8c1e5b2f' })).toBeVisible();
  expect(new URLSearchParams(router.state.location.search).get('filter')).toBe('Service-linked');
});
