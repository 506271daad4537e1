import type { Tag } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useRef, useState } from 'react';
import { tagQueries, useUpdateTags } from '@/api/tags';
import { useConnection } from '@/api/use-connection';
import { MutationError } from './mutation-error';
import { QueryError } from '@/components/query-error';
import { cloudscapeTableProps } from '@/components/collection-table/cloudscape-table-props';
import { collectionFeatures, type CollectionFeatures } from '@/components/collection-table/collection-features';
import { tagErrors, toTags, type TagDraft } from '@/lib/tags';
import { TagsEditor } from '@/components/tags-editor';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { ModalFooter } from '@/components/modal-footer';

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

function EditTagsModal({
  arn,
  resource,
  tags,
  onDismiss,
}: {
  arn: string;
  resource: string;
  tags: readonly Tag[];
  onDismiss: () => void;
}) {
  const update = useUpdateTags();
  const [drafts, setDrafts] = useState<TagDraft[]>(() =>
    tags.map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
  );
  const errors = tagErrors(drafts, resource);
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, attemptSubmit, formRef } = useShownErrors(errors);
  // The editor lives in a real form, so Enter saves and the editor sees the submit (see TagsEditor).
  const form = useRef<HTMLFormElement | null>(null);
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
        <ModalFooter onCancel={onDismiss}>
          <Button variant="primary" loading={update.isPending} onClick={() => form.current?.requestSubmit()}>
            Save tags
          </Button>
        </ModalFooter>
      }
    >
      <form
        ref={(element) => {
          form.current = element;
          formRef.current = element;
        }}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <SpaceBetween size="m">
          <TagsEditor tags={drafts} onChange={setDrafts} errorOf={errorOf} onBlur={visit} />
          {update.isError ? <MutationError error={update.error} /> : null}
        </SpaceBetween>
      </form>
    </Modal>
  );
}

/**
 * A resource's tags (event data store or channel), with an editor. `resource` names it in
 * messages ("A channel"); `unavailable` says why its tags cannot be read or changed now.
 */
export function ResourceTags({ arn, resource, unavailable }: { arn: string; resource: string; unavailable?: string }) {
  const { connection } = useConnection();
  const query = useQuery({ ...tagQueries.list(connection, arn), enabled: unavailable === undefined });
  const [editing, setEditing] = useState(false);
  const tags = query.data ?? [];
  const table = useTable({
    features: collectionFeatures,
    columns,
    data: tags,
    getRowId: (tag, index) => tag.Key ?? String(index),
  });

  const empty =
    unavailable ??
    (query.isError ? (
      <QueryError
        error={query.error}
        onRetry={() => {
          void query.refetch();
        }}
      />
    ) : (
      'No tags'
    ));

  return (
    <>
      <Table
        {...cloudscapeTableProps(table)}
        variant="container"
        loading={unavailable === undefined && query.isPending}
        loadingText="Loading tags"
        header={
          <Header
            variant="h2"
            counter={query.data ? `(${String(tags.length)})` : undefined}
            actions={
              <Button
                disabled={unavailable !== undefined || !query.isSuccess}
                disabledReason={unavailable}
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
          resource={resource}
          tags={tags}
          onDismiss={() => {
            setEditing(false);
          }}
        />
      ) : null}
    </>
  );
}
