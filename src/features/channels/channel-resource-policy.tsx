import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { channelQueries, useDeleteResourcePolicy, usePutResourcePolicy } from '@/api/channels';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';
import { JsonView, prettyJson } from '@/components/json-view';
import { QueryError } from '@/components/query-error';
import { policyErrors } from './channel-form-schema';
import { EMPTY_POLICY_DRAFT, policyTextOf, type PolicyDraft } from './channel-policy';
import { PolicyEditor } from './policy-editor';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { ModalFooter } from '@/components/modal-footer';

function EditPolicyModal({ arn, current, onDismiss }: { arn: string; current: string | null; onDismiss: () => void }) {
  const put = usePutResourcePolicy();
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    current === null
      ? { ...EMPTY_POLICY_DRAFT, mode: 'generate' }
      : { ...EMPTY_POLICY_DRAFT, mode: 'json', json: prettyJson(current) },
  );
  const errors = policyErrors(draft);
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, attemptSubmit } = useShownErrors(errors);
  const save = () => {
    attemptSubmit();
    const policy = policyTextOf(draft, arn);
    if (!valid || policy === undefined || put.isPending) return;
    put.mutate({ resourceArn: arn, policy }, { onSuccess: onDismiss });
  };
  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header={current === null ? 'Create resource policy' : 'Edit resource policy'}
      closeAriaLabel="Close"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button variant="primary" loading={put.isPending} onClick={save}>
            Save policy
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        <PolicyEditor
          draft={draft}
          onChange={setDraft}
          channelArn={arn}
          placeholder={false}
          allowNone={false}
          errorOf={errorOf}
          onBlur={visit}
        />
        {put.isError ? <MutationError error={put.error} /> : null}
      </SpaceBetween>
    </Modal>
  );
}

function DeletePolicyModal({ arn, onDismiss }: { arn: string; onDismiss: () => void }) {
  const remove = useDeleteResourcePolicy();
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header="Delete resource policy?"
      closeAriaLabel="Close"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button
            variant="primary"
            loading={remove.isPending}
            onClick={() => {
              remove.mutate(arn, { onSuccess: onDismiss });
            }}
          >
            Delete policy
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          Without a policy, only this AWS account can send events to the channel. Partners and other accounts the policy
          allows get ChannelInsufficientPermission from then on.
        </Box>
        {remove.isError ? <MutationError error={remove.error} /> : null}
      </SpaceBetween>
    </Modal>
  );
}

/** An integration channel's resource policy: who may send events; view, edit and delete it. */
export function ChannelResourcePolicy({ arn }: { arn: string }) {
  const { connection } = useConnection();
  const query = useQuery(channelQueries.resourcePolicy(connection, arn));
  const [dialog, setDialog] = useState<'edit' | 'delete' | undefined>();
  const close = () => {
    setDialog(undefined);
  };

  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading resource policy</StatusIndicator>;
  else if (query.isError)
    content = (
      <QueryError
        error={query.error}
        onRetry={() => {
          void query.refetch();
        }}
      />
    );
  else if (query.data === null)
    content = <Box variant="p">No resource policy: only this AWS account can send events to the channel.</Box>;
  else content = <JsonView json={query.data} label="Resource policy JSON" maxHeight={360} />;

  return (
    <section aria-label="Resource policy">
      <Container
        header={
          <Header
            variant="h2"
            description="Who may call PutAuditEvents on this channel besides this account."
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  disabled={!query.isSuccess || query.data === null}
                  onClick={() => {
                    setDialog('delete');
                  }}
                >
                  Delete policy
                </Button>
                <Button
                  disabled={!query.isSuccess}
                  onClick={() => {
                    setDialog('edit');
                  }}
                >
                  {query.data === null ? 'Create policy' : 'Edit policy'}
                </Button>
              </SpaceBetween>
            }
          >
            Resource policy
          </Header>
        }
      >
        {content}
      </Container>
      {dialog === 'edit' && query.isSuccess ? (
        <EditPolicyModal arn={arn} current={query.data} onDismiss={close} />
      ) : null}
      {dialog === 'delete' ? <DeletePolicyModal arn={arn} onDismiss={close} /> : null}
    </section>
  );
}
