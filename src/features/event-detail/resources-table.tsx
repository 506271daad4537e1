import type { Resource } from '@aws-sdk/client-cloudtrail';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { HistoryLink } from './history-link';
import { EmptyState } from '@/components/empty-state';

const column = createColumnHelper<CollectionFeatures, Resource>();

const columns = column.columns([
  column.accessor((resource) => resource.ResourceType ?? '', {
    id: 'ResourceType',
    header: 'Resource type',
    sortFn: 'alphanumeric',
    cell: (cell) => cell.getValue() || '-',
  }),
  column.accessor((resource) => resource.ResourceName ?? '', {
    id: 'ResourceName',
    header: 'Resource name',
    sortFn: 'alphanumeric',
    cell: (cell) => <HistoryLink filter={{ key: 'ResourceName', value: cell.getValue() }} />,
  }),
]);

/** The resources an event names; each name opens Event history filtered by it. */
export function ResourcesTable({ resources }: { resources: readonly Resource[] }) {
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: resources,
    getRowId: (_resource, index) => String(index),
  });
  return (
    <Table
      {...cloudscapeTableProps(table)}
      variant="container"
      header={
        <Header variant="h2" counter={`(${String(resources.length)})`}>
          Resources referenced
        </Header>
      }
      ariaLabels={{ tableLabel: 'Resources referenced' }}
      empty={<EmptyState title="No resources referenced" />}
    />
  );
}
