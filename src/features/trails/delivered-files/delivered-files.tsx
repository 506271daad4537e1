import type { Trail } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Icon from '@cloudscape-design/components/icon';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import TreeView, { type TreeViewProps } from '@cloudscape-design/components/tree-view';
import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { Connection } from '@/api/connection';
import { describeError } from '@/api/errors';
import { describeS3Error, s3Queries, type S3ListingPage } from '@/api/s3';
import { canDeliverTrailFilesNow, useDeliverTrailFiles } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { formatBytes } from '@/lib/format-bytes';
import { formatEventTime } from '@/lib/format-time';
import { baseName } from './delivered-file';
import { DeliveredFileViewer } from './delivered-file-viewer';

/** A line of the tree: a folder, a file, or the state of a folder's listing. */
type TreeNode =
  | { type: 'folder'; id: string; prefix: string }
  | { type: 'file'; id: string; key: string; size?: number; lastModified?: Date }
  | { type: 'loading'; id: string }
  | { type: 'error'; id: string; error: unknown; retry: () => void }
  | { type: 'more'; id: string; prefix: string; token: string }
  | { type: 'empty'; id: string };

/** Where a trail's files start: `[<prefix>/]AWSLogs/<account>/` (CloudTrail/, CloudTrail-Digest/ below). */
export function deliveryRootOf(trail: Trail): string | undefined {
  const account = trail.TrailARN?.split(':')[4];
  if (!account) return undefined;
  return `${trail.S3KeyPrefix ? `${trail.S3KeyPrefix}/` : ''}AWSLogs/${account}/`;
}

type Listing = UseQueryResult<S3ListingPage>;

/**
 * The children of a folder from its loaded pages: sub-folders, then files, then the listing's state
 * (loading, failed, more pages to load, or empty).
 */
function childrenOf(prefix: string, pages: readonly Listing[]): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const page of pages) {
    if (!page.data) continue;
    for (const folder of page.data.folders) nodes.push({ type: 'folder', id: `folder:${folder}`, prefix: folder });
    for (const object of page.data.objects)
      // A zero-byte "folder" object named like the prefix itself is not a file.
      if (object.Key !== prefix)
        nodes.push({
          type: 'file',
          id: `file:${object.Key}`,
          key: object.Key,
          size: object.Size,
          lastModified: object.LastModified,
        });
  }
  const failed = pages.find((page) => page.isError);
  const last = pages.at(-1);
  if (pages.some((page) => page.isPending)) nodes.push({ type: 'loading', id: `loading:${prefix}` });
  else if (failed)
    nodes.push({
      type: 'error',
      id: `error:${prefix}`,
      error: failed.error,
      retry: () => void failed.refetch(),
    });
  else if (last?.data?.NextContinuationToken)
    nodes.push({ type: 'more', id: `more:${prefix}`, prefix, token: last.data.NextContinuationToken });
  else if (nodes.length === 0) nodes.push({ type: 'empty', id: `empty:${prefix}` });
  return nodes;
}

interface TreeProps {
  connection: Connection;
  onSelect: (key: string) => void;
  onLoadMore: (prefix: string, token: string) => void;
  selected?: string;
}

function renderNode(node: TreeNode, { connection, onSelect, onLoadMore, selected }: TreeProps): TreeViewProps.TreeItem {
  switch (node.type) {
    case 'folder':
      return { content: baseName(node.prefix), icon: <Icon name="folder" />, announcementLabel: baseName(node.prefix) };
    case 'file': {
      const name = baseName(node.key);
      return {
        content: (
          <Button
            variant="inline-link"
            ariaLabel={`Open ${name}`}
            onClick={() => {
              onSelect(node.key);
            }}
          >
            {node.key === selected ? <strong>{name}</strong> : name}
          </Button>
        ),
        icon: <Icon name="file" />,
        secondaryContent: [
          node.size === undefined ? undefined : formatBytes(node.size),
          node.lastModified ? formatEventTime(node.lastModified) : undefined,
        ]
          .filter((part) => part !== undefined)
          .join(' · '),
        announcementLabel: name,
      };
    }
    case 'loading':
      return { content: <StatusIndicator type="loading">Loading</StatusIndicator>, announcementLabel: 'Loading' };
    case 'error': {
      const view = describeS3Error(node.error, connection);
      return {
        content: <StatusIndicator type="error">{`${view.title}: ${view.message}`}</StatusIndicator>,
        actions: (
          <Button variant="inline-link" onClick={node.retry}>
            Retry
          </Button>
        ),
        announcementLabel: view.title,
      };
    }
    case 'more':
      return {
        content: (
          <Button
            variant="inline-link"
            onClick={() => {
              onLoadMore(node.prefix, node.token);
            }}
          >
            Load more
          </Button>
        ),
        announcementLabel: 'Load more',
      };
    case 'empty':
      return { content: <Box color="text-status-inactive">Empty</Box>, announcementLabel: 'Empty' };
  }
}

/**
 * The files a trail delivered: its bucket and prefix as a tree (ListObjectsV2 with a '/' delimiter,
 * folder by folder as they are expanded, more pages on request), and the selected file's contents.
 */
export function DeliveredFiles({ trail }: { trail: Trail }) {
  const { connection, backend } = useConnection();
  const queryClient = useQueryClient();
  const deliver = useDeliverTrailFiles();
  const bucket = trail.S3BucketName;
  const root = deliveryRootOf(trail);
  const [expanded, setExpanded] = useState<readonly string[]>([]);
  // Continuation tokens of the pages loaded after the first, per folder.
  const [morePages, setMorePages] = useState<Readonly<Record<string, readonly string[]>>>({});
  const [selected, setSelected] = useState<string | undefined>(undefined);

  const folders = root ? [root, ...expanded.filter((prefix) => prefix !== root)] : [];
  const requests = folders.flatMap((prefix) =>
    [undefined, ...(morePages[prefix] ?? [])].map((token) => ({ prefix, token })),
  );
  const listings = useQueries({
    queries: requests.map(({ prefix, token }) => ({
      ...s3Queries.folderPage(connection, bucket ?? '', prefix, token),
      enabled: bucket !== undefined,
    })),
  });
  const pagesOf = (prefix: string): Listing[] => listings.filter((_, index) => requests[index]?.prefix === prefix);

  if (!bucket || !root)
    return (
      <Container header={<Header variant="h2">Delivered files</Header>}>
        <Box variant="p">This trail names no S3 bucket.</Box>
      </Container>
    );

  const deliveryError = deliver.isError ? describeError(deliver.error, { backend }) : undefined;
  const treeProps: TreeProps = {
    connection,
    selected,
    onSelect: setSelected,
    onLoadMore: (prefix, token) => {
      setMorePages((pages) => ({ ...pages, [prefix]: [...(pages[prefix] ?? []), token] }));
    },
  };
  return (
    <SpaceBetween size="l">
      {connection.kind === 'aws' ? (
        <Alert type="info">
          {`The console reads the bucket ${bucket} from your browser: its CORS configuration must allow this origin.`}
        </Alert>
      ) : null}
      {canDeliverTrailFilesNow(connection) ? (
        <Alert type="info">
          CloudTrail delivers log files about every 5 minutes, and digest files every hour. The emulator can deliver
          every trail&apos;s pending log files now.
        </Alert>
      ) : null}
      {deliveryError ? (
        <Alert type="error" header={deliveryError.title}>
          {deliveryError.message}
        </Alert>
      ) : null}
      <Container
        header={
          <Header
            variant="h2"
            description={`s3://${bucket}/${root}`}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  iconName="refresh"
                  ariaLabel="Refresh delivered files"
                  onClick={() => void queryClient.invalidateQueries({ queryKey: s3Queries.all(backend) })}
                />
                {deliver.isSuccess ? (
                  <StatusIndicator type="success">Pending log files delivered</StatusIndicator>
                ) : null}
                {canDeliverTrailFilesNow(connection) ? (
                  <Button
                    loading={deliver.isPending}
                    onClick={() => {
                      deliver.mutate();
                    }}
                  >
                    Deliver log files now
                  </Button>
                ) : null}
              </SpaceBetween>
            }
          >
            Delivered files
          </Header>
        }
      >
        <TreeView<TreeNode>
          ariaLabel="Delivered files"
          items={childrenOf(root, pagesOf(root))}
          getItemId={(node) => node.id}
          // A folder not yet expanded shows a placeholder child, so it can be expanded.
          getItemChildren={(node) =>
            node.type !== 'folder'
              ? undefined
              : expanded.includes(node.prefix)
                ? childrenOf(node.prefix, pagesOf(node.prefix))
                : [{ type: 'loading', id: `loading:${node.prefix}` }]
          }
          expandedItems={expanded.map((prefix) => `folder:${prefix}`)}
          onItemToggle={({ detail }) => {
            const node = detail.item;
            if (node.type !== 'folder') return;
            setExpanded((current) =>
              detail.expanded
                ? [...current.filter((prefix) => prefix !== node.prefix), node.prefix]
                : current.filter((prefix) => prefix !== node.prefix),
            );
          }}
          renderItem={(node) => renderNode(node, treeProps)}
          // The tree adds each folder's name to these labels ("Expand CloudTrail/").
          i18nStrings={{ expandButtonLabel: () => 'Expand', collapseButtonLabel: () => 'Collapse' }}
        />
      </Container>
      {selected ? (
        <DeliveredFileViewer bucket={bucket} fileKey={selected} />
      ) : (
        <Box variant="p" color="text-body-secondary">
          Open a log file or digest file to see its contents.
        </Box>
      )}
    </SpaceBetween>
  );
}
