import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { ReactTable, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/empty-state';
import { QueryError } from '@/components/query-error';
import { cloudscapeTableProps } from './cloudscape-table-props';
import type { CollectionFeatures } from './collection-features';
import { CollectionTextFilter } from './collection-text-filter';

/** What a list page passes to its table: the query's state, the filter and the page's actions. */
export interface ResourceListState {
  loading: boolean;
  /** The list query's error, shown in place of the rows with a Retry button. */
  error: unknown;
  onRetry: () => void;
  onRefresh: () => void;
  text: string;
  onTextChange: (text: string) => void;
  /** The page's primary create button, also offered when the list is empty. */
  createAction: ReactNode;
  /** Why the list is empty when nothing is filtered out. */
  emptyMessage: string;
}

export interface ResourceListTableProps<TData extends RowData, TSelected> extends ResourceListState {
  table: ReactTable<CollectionFeatures, TData, TSelected>;
  /** The page's title, also the table's accessible name: "Trails". */
  title: string;
  /** One resource in lower case, for "No trail matches": "trail". */
  singular: string;
  /** The resources in lower case, for the loading text, the filter and the buttons: "trails". */
  plural: string;
  description: string;
  /** How many resources are loaded, before the text filter. */
  count: number;
  /** Columns' smallest widths in pixels, by column id: times, and statuses (Cloudscape's StatusIndicator breaks anywhere, "Enable|d", in a column narrower than its word). */
  minWidths?: Readonly<Record<string, number>>;
}

/**
 * The full-page table of a resource list page: title with count, Refresh and Create, the text
 * filter, and an empty state that tells a failed load, a filter that hides every row and an empty
 * Region apart.
 */
export function ResourceListTable<TData extends RowData, TSelected>({
  table,
  title,
  singular,
  plural,
  description,
  count,
  minWidths,
  loading,
  error,
  onRetry,
  onRefresh,
  text,
  onTextChange,
  createAction,
  emptyMessage,
}: ResourceListTableProps<TData, TSelected>) {
  let empty;
  if (error !== undefined && error !== null) empty = <QueryError error={error} onRetry={onRetry} />;
  else if (text !== '' && count > 0)
    empty = (
      <EmptyState
        title="No matches"
        message={`No ${singular} matches "${text}".`}
        action={
          <Button
            onClick={() => {
              onTextChange('');
            }}
          >
            Clear filter
          </Button>
        }
      />
    );
  else empty = <EmptyState title={`No ${plural}`} message={emptyMessage} action={createAction} />;

  return (
    <Table
      {...cloudscapeTableProps(table, minWidths === undefined ? {} : { minWidths })}
      variant="full-page"
      // Long values wrap between words instead of widening the table past the window: every column
      // stays in view at 1440 px without scrolling sideways.
      wrapLines
      loading={loading}
      loadingText={`Loading ${plural}`}
      header={
        <Header
          variant="awsui-h1-sticky"
          // A failed list has no count: "(0)" would claim the Region has none.
          counter={loading || (error !== undefined && error !== null) ? undefined : `(${String(count)})`}
          description={description}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                iconName="refresh"
                ariaLabel={`Refresh ${plural}`}
                onClick={() => {
                  onRefresh();
                }}
              />
              {createAction}
            </SpaceBetween>
          }
        >
          {title}
        </Header>
      }
      filter={
        <CollectionTextFilter
          table={table}
          text={text}
          onTextChange={onTextChange}
          placeholder={`Find ${plural}`}
          ariaLabel={`Filter ${plural}`}
        />
      }
      empty={empty}
      ariaLabels={{ tableLabel: title }}
    />
  );
}
