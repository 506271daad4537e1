import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { JsonView, prettyJson } from '@/components/json-view';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import type { LogRecord } from './delivered-file';

function EventNameLink({ record }: { record: LogRecord }) {
  const follow = useFollow();
  const name = record.eventName ?? '-';
  // Only an event ID leads to the event page; a record without one shows its name as text.
  return record.eventId ? (
    <Link
      href={paths.eventDetail(record.eventId)}
      onFollow={follow}
      ariaLabel={`Open event ${name} (${record.eventId})`}
    >
      {name}
    </Link>
  ) : (
    name
  );
}

function timeText(eventTime: string | undefined): string {
  if (eventTime === undefined) return '-';
  const date = new Date(eventTime);
  return Number.isNaN(date.getTime()) ? eventTime : formatEventTime(date);
}

const column = createColumnHelper<CollectionFeatures, LogRecord>();

// Accessors return the text shown, so the text filter matches what the user reads.
const columns = column.columns([
  column.accessor((record) => timeText(record.eventTime), { id: 'eventTime', header: 'Event time', sortFn: 'basic' }),
  column.accessor((record) => record.eventName ?? '-', {
    id: 'eventName',
    header: 'Event name',
    sortFn: 'alphanumeric',
    cell: ({ row }) => <EventNameLink record={row.original} />,
  }),
  column.accessor((record) => record.userName ?? '-', { id: 'userName', header: 'User name', sortFn: 'alphanumeric' }),
  column.accessor((record) => record.eventSource ?? '-', {
    id: 'eventSource',
    header: 'Event source',
    sortFn: 'alphanumeric',
  }),
  column.accessor((record) => record.awsRegion ?? '-', {
    id: 'awsRegion',
    header: 'AWS region',
    sortFn: 'alphanumeric',
  }),
]);

/** The records of a log file: a table (each event name opens its event) and the selected record's JSON. */
export function LogRecordsTable({ records }: { records: readonly LogRecord[] }) {
  const [text, setText] = useState('');
  const [selectedIndex, setSelectedIndex] = useState(0);
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: records,
    getRowId: (record) => String(record.index),
    globalFilterFn: 'includesString',
    state: { globalFilter: text, rowSelection: { [String(selectedIndex)]: true } },
    onRowSelectionChange: (updater) => {
      const next = typeof updater === 'function' ? updater({ [String(selectedIndex)]: true }) : updater;
      const [id] = Object.keys(next).filter((key) => next[key]);
      if (id !== undefined) setSelectedIndex(Number(id));
    },
  });
  const shown = table.getRowModel().rows.length;
  const selected = records[selectedIndex];
  return (
    <SpaceBetween size="l">
      <Table
        {...cloudscapeTableProps(table)}
        variant="embedded"
        selectionType="single"
        header={<Header counter={`(${String(records.length)})`}>Records</Header>}
        filter={
          <TextFilter
            filteringText={text}
            filteringPlaceholder="Find records"
            filteringAriaLabel="Filter records"
            filteringClearAriaLabel="Clear filter"
            countText={text === '' ? undefined : `${String(shown)} ${shown === 1 ? 'match' : 'matches'}`}
            onChange={({ detail }) => {
              setText(detail.filteringText);
            }}
          />
        }
        empty={
          <Box textAlign="center">{records.length === 0 ? 'The file holds no records.' : 'No records match.'}</Box>
        }
        ariaLabels={{
          tableLabel: 'Records',
          selectionGroupLabel: 'Record selection',
          itemSelectionLabel: (_, row) => `Show record ${String(row.original.index + 1)}`,
        }}
      />
      {selected ? (
        <Container
          header={
            <Header
              variant="h3"
              actions={
                <CopyToClipboard
                  variant="button"
                  textToCopy={prettyJson(selected.json)}
                  copyButtonText="Copy"
                  copyButtonAriaLabel="Copy record"
                  copySuccessText="Record copied"
                  copyErrorText="Record failed to copy"
                />
              }
            >
              {`Record ${String(selected.index + 1)} of ${String(records.length)}`}
            </Header>
          }
        >
          <JsonView json={selected.json} label={`Record ${String(selected.index + 1)}`} />
        </Container>
      ) : null}
    </SpaceBetween>
  );
}
