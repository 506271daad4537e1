import ButtonDropdown from '@cloudscape-design/components/button-dropdown';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { saveFile } from '@/lib/save-file';
import type { ResultTable } from '@/api/lake-queries';
import { resultsToCsv, resultsToJson } from './query-results';

/** Rows on one page of the table: Cloudscape renders every row it is given, so large results are paged. */
const PAGE_SIZE = 100;

const column = createColumnHelper<CollectionFeatures, string[]>();

function columnsFor(names: readonly string[]) {
  // Ids are positions: two columns may share a name. Values are text, rendered as text.
  return column.columns(
    names.map((name, index) =>
      column.accessor((row) => row[index] ?? '', { id: `c${String(index)}`, header: name, sortFn: 'alphanumeric' }),
    ),
  );
}

export interface QueryResultsTableProps {
  queryId: string;
  table: ResultTable;
  /** Rows in the whole result, as CloudTrail counts them. */
  totalRows: number | undefined;
  /** Pages are still being read. */
  loading: boolean;
  empty: ReactNode;
}

/** A query's rows: sortable, resizable columns, a text filter over the rows read, pages of 100, CSV and JSON download. */
export function QueryResultsTable({ queryId, table: results, totalRows, loading, empty }: QueryResultsTableProps) {
  const [filter, setFilter] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const columns = useMemo(() => columnsFor(results.columns), [results.columns]);
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: results.rows,
    getRowId: (_row, index) => String(index),
    globalFilterFn: 'includesString',
    state: { globalFilter: filter },
  });
  const props = cloudscapeTableProps(table);
  const rows = props.items;
  const pagesCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pageIndex, pagesCount - 1);
  const complete = !loading && (totalRows === undefined || results.rows.length >= totalRows);
  const counter =
    totalRows === undefined || results.rows.length === totalRows
      ? `(${results.rows.length.toLocaleString('en-US')})`
      : `(${results.rows.length.toLocaleString('en-US')} of ${totalRows.toLocaleString('en-US')})`;

  return (
    <Table
      {...props}
      items={rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)}
      onSortingChange={(event) => {
        props.onSortingChange?.(event);
        setPageIndex(0);
      }}
      resizableColumns
      stickyHeader
      wrapLines={false}
      loading={loading && results.rows.length === 0}
      loadingText="Reading results"
      header={
        <Header
          variant="h2"
          counter={counter}
          description={
            complete ? undefined : 'Reading the rest of the results; sorting and filtering apply to the rows read.'
          }
          actions={
            <ButtonDropdown
              disabled={!complete || results.rows.length === 0}
              disabledReason={complete ? 'There are no rows to download.' : 'Wait until every row is read.'}
              items={[
                { id: 'csv', text: 'CSV' },
                { id: 'json', text: 'JSON' },
              ]}
              onItemClick={({ detail }) => {
                if (detail.id === 'csv') saveFile(`query-${queryId}.csv`, 'text/csv', resultsToCsv(results));
                else saveFile(`query-${queryId}.json`, 'application/json', resultsToJson(results));
              }}
            >
              Download results
            </ButtonDropdown>
          }
        >
          Results
        </Header>
      }
      filter={
        <TextFilter
          filteringText={filter}
          filteringPlaceholder="Find in results"
          filteringAriaLabel="Filter results"
          filteringClearAriaLabel="Clear filter"
          countText={filter === '' ? undefined : `${String(rows.length)} ${rows.length === 1 ? 'match' : 'matches'}`}
          onChange={({ detail }) => {
            setFilter(detail.filteringText);
            setPageIndex(0);
          }}
        />
      }
      pagination={
        <Pagination
          currentPageIndex={page + 1}
          pagesCount={pagesCount}
          onChange={({ detail }) => {
            setPageIndex(detail.currentPageIndex - 1);
          }}
          ariaLabels={{
            nextPageLabel: 'Next page of results',
            previousPageLabel: 'Previous page of results',
            pageLabel: (number) => `Page ${String(number)} of results`,
          }}
        />
      }
      empty={empty}
      ariaLabels={{ tableLabel: 'Query results' }}
    />
  );
}
