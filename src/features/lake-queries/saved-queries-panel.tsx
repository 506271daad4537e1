import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { EmptyState } from '@/components/empty-state';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import type { SavedQuery } from './saved-queries';

/** The absolute link that opens the editor with a statement. */
export function shareableLink(sql: string): string {
  return `${window.location.origin}${paths.lakeQuery({ sql })}`;
}

interface Actions {
  onOpen: (sql: string) => void;
  onDelete: (name: string) => void;
}

const column = createColumnHelper<CollectionFeatures, SavedQuery>();

function columnsFor({ onOpen, onDelete }: Actions) {
  return column.columns([
    column.accessor('name', { id: 'name', header: 'Name', sortFn: 'alphanumeric' }),
    column.accessor('savedAt', {
      id: 'savedAt',
      header: 'Saved',
      sortFn: 'alphanumeric',
      cell: ({ row }) => formatEventTime(new Date(row.original.savedAt)),
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <SpaceBetween direction="horizontal" size="xxs" alignItems="center">
          <Button
            variant="inline-link"
            ariaLabel={`Open saved query ${row.original.name}`}
            onClick={() => {
              onOpen(row.original.sql);
            }}
          >
            Open
          </Button>
          <CopyToClipboard
            variant="icon"
            textToCopy={shareableLink(row.original.sql)}
            copyButtonAriaLabel={`Copy link to saved query ${row.original.name}`}
            copySuccessText="Link copied"
            copyErrorText="The link could not be copied"
          />
          <Button
            variant="icon"
            iconName="remove"
            ariaLabel={`Delete saved query ${row.original.name}`}
            onClick={() => {
              onDelete(row.original.name);
            }}
          />
        </SpaceBetween>
      ),
    }),
  ]);
}

export interface SavedQueriesPanelProps extends Actions {
  queries: readonly SavedQuery[];
}

/** The queries saved in this browser for the backend: open one, copy its link, delete it. */
export function SavedQueriesPanel({ queries, onOpen, onDelete }: SavedQueriesPanelProps) {
  const table = useTable({
    features: collectionFeatures,
    columns: columnsFor({ onOpen, onDelete }),
    data: queries,
    getRowId: (query) => query.name,
  });
  return (
    <SpaceBetween size="s">
      <Box variant="small">Kept in this browser for this backend and Region.</Box>
      <Table
        {...cloudscapeTableProps(table)}
        variant="embedded"
        empty={<EmptyState title="No saved queries" message="Save the query in the editor to find it here." />}
        ariaLabels={{ tableLabel: 'Saved queries' }}
      />
    </SpaceBetween>
  );
}
