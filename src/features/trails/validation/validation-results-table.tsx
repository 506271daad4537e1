import Box from '@cloudscape-design/components/box';
import { StatusIndicator } from '@/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { CollectionTextFilter } from '@/components/collection-table/collection-text-filter';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { entryLine, type ValidationEntry } from './validate-logs';

interface ResultRow {
  index: number;
  entry: ValidationEntry;
}

function fileText(entry: ValidationEntry): string {
  return entry.kind === 'gap' ? 'Gap' : entry.file;
}

function locationText(entry: ValidationEntry): string {
  return entry.kind === 'gap' ? '-' : `s3://${entry.bucket}/${entry.key}`;
}

function resultText(entry: ValidationEntry): string {
  if (entry.kind === 'gap') return entryLine(entry);
  return entry.valid ? 'valid' : `INVALID: ${entry.reason}`;
}

function Verdict({ entry }: { entry: ValidationEntry }) {
  if (entry.kind === 'gap') return <StatusIndicator type="info">{entryLine(entry)}</StatusIndicator>;
  return entry.valid ? (
    <StatusIndicator type="success">valid</StatusIndicator>
  ) : (
    <StatusIndicator type="error">{`INVALID: ${entry.reason}`}</StatusIndicator>
  );
}

const column = createColumnHelper<CollectionFeatures, ResultRow>();

// Accessors return the text shown, so the text filter matches what the user reads.
const columns = column.columns([
  column.accessor((row) => fileText(row.entry), { id: 'file', header: 'File' }),
  column.accessor((row) => locationText(row.entry), {
    id: 'location',
    header: 'S3 URI',
    cell: ({ row }) => <span style={{ overflowWrap: 'anywhere' }}>{locationText(row.original.entry)}</span>,
  }),
  column.accessor((row) => resultText(row.entry), {
    id: 'result',
    header: 'Result',
    cell: ({ row }) => <Verdict entry={row.original.entry} />,
  }),
]);

/** Each digest and log file as the CLI names it, in the order validated, with its verdict. */
export function ValidationResultsTable({ entries }: { entries: readonly ValidationEntry[] }) {
  const [text, setText] = useState('');
  const rows = entries.map((entry, index) => ({ index, entry }));
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: rows,
    getRowId: (row) => String(row.index),
    globalFilterFn: 'includesString',
    state: { globalFilter: text },
  });
  return (
    <Table
      {...cloudscapeTableProps(table)}
      variant="embedded"
      wrapLines
      filter={
        <CollectionTextFilter
          table={table}
          text={text}
          onTextChange={setText}
          placeholder="Find files (INVALID shows the failures)"
          ariaLabel="Filter validation results"
        />
      }
      empty={<Box textAlign="center">{entries.length === 0 ? 'No files checked yet.' : 'No results match.'}</Box>}
      ariaLabels={{ tableLabel: 'Validation results' }}
    />
  );
}
