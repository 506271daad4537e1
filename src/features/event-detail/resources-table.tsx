import type { Resource } from '@aws-sdk/client-cloudtrail';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { HistoryLink } from './history-link';
import { EmptyState } from '@/components/empty-state';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';

function StoryLink({ resource }: { resource: Resource }) {
  const follow = useFollow();
  const name = resource.ResourceName ?? '';
  if (name === '') return '-';
  return (
    <Link href={paths.resourceStory(name)} onFollow={follow} ariaLabel={`Story of ${name}`}>
      Story
    </Link>
  );
}

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
  column.display({
    id: 'story',
    header: 'Everything that happened to it',
    cell: (cell) => <StoryLink resource={cell.row.original} />,
  }),
]);

/** The resources an event names; each name opens Event history filtered by it, and its story. */
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
