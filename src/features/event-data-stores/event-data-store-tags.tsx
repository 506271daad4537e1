import type { Tag } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries, useUpdateEventDataStoreTags } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { tagErrors, toTags, type TagDraft } from '@/lib/tags';
import { TagsEditor } from '@/components/tags-editor';
import { useShownErrors } from '@/hooks/use-shown-errors';

const column = createColumnHelper<CollectionFeatures, Tag>();
const columns = column.columns([
  column.accessor((tag) => tag.Key ?? '', { id: 'Key', header: 'Key', sortFn: 'alphanumeric' }),
  column.accessor((tag) => tag.Value ?? '', {
    id: 'Value',
    header: 'Value',
    sortFn: 'alphanumeric',
    cell: (cell) => cell.getValue() || '-',
  }),
]);

function EditTagsModal({ arn, tags, onDismiss }: { arn: string; tags: readonly Tag[]; onDismiss: () => void }) {
  const { backend } = useConnection();
  const update = useUpdateEventDataStoreTags();
  const [drafts, setDrafts] = useState<TagDraft[]>(() =>
    tags.map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
  );
  const errors = tagErrors(drafts, 'An event data store');
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, attemptSubmit } = useShownErrors(errors);
  const error = update.isError ? describeError(update.error, { backend }) : undefined;
  const save = () => {
    attemptSubmit();
    if (valid) update.mutate({ resourceArn: arn, previous: tags, next: toTags(drafts) }, { onSuccess: onDismiss });
  };
  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header="Manage tags"
      closeAriaLabel="Close"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss}>
              Cancel
            </Button>
            <Button variant="primary" loading={update.isPending} onClick={save}>
              Save tags
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <TagsEditor tags={drafts} onChange={setDrafts} errorOf={errorOf} onBlur={visit} />
        {error ? (
          <Alert type="error" header={error.title}>
            {error.message}
          </Alert>
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}

/** A store's tags, with an editor; not readable while the store is pending deletion. */
export function EventDataStoreTags({ arn, pendingDeletion }: { arn: string; pendingDeletion: boolean }) {
  const { connection, backend } = useConnection();
  const query = useQuery({ ...eventDataStoreQueries.tags(connection, arn), enabled: !pendingDeletion });
  const [editing, setEditing] = useState(false);
  const tags = query.data ?? [];
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: tags,
    getRowId: (tag, index) => tag.Key ?? String(index),
  });

  let empty;
  if (pendingDeletion) empty = 'Tags cannot be read or changed while the store is pending deletion.';
  else if (query.isError) {
    const error = describeError(query.error, { backend });
    empty = (
      <Alert
        type="error"
        header={error.title}
        action={
          <Button
            onClick={() => {
              void query.refetch();
            }}
          >
            Retry
          </Button>
        }
      >
        {error.message}
      </Alert>
    );
  } else empty = 'No tags';

  return (
    <>
      <Table
        {...cloudscapeTableProps(table)}
        variant="container"
        loading={!pendingDeletion && query.isPending}
        loadingText="Loading tags"
        header={
          <Header
            variant="h2"
            counter={query.data ? `(${String(tags.length)})` : undefined}
            actions={
              <Button
                disabled={pendingDeletion || !query.isSuccess}
                disabledReason={
                  pendingDeletion ? 'Tags cannot be changed while the store is pending deletion.' : undefined
                }
                onClick={() => {
                  setEditing(true);
                }}
              >
                Manage tags
              </Button>
            }
          >
            Tags
          </Header>
        }
        empty={
          <Box textAlign="center" color="inherit">
            {empty}
          </Box>
        }
        ariaLabels={{ tableLabel: 'Tags' }}
      />
      {editing ? (
        <EditTagsModal
          arn={arn}
          tags={tags}
          onDismiss={() => {
            setEditing(false);
          }}
        />
      ) : null}
    </>
  );
}
