import { screen, within } from '@testing-library/react';

/** Event history's table (rows expand to show their record, so it is a treegrid). */
export function eventsTable(): Promise<HTMLElement> {
  return screen.findByRole('treegrid', { name: 'Events' }, { timeout: 10_000 });
}

/** The text of one column, found by the start of its header, in the table's body rows, once rows show. */
export async function columnValues(header: string): Promise<string[]> {
  const table = await eventsTable();
  await within(table).findAllByRole('rowheader', undefined, { timeout: 10_000 });
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((cell) => cell.textContent);
  const index = headers.findIndex((text) => text.startsWith(header));
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')][index]?.textContent ?? '');
}
