import type { InsightSelector, InsightType } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { trailQueries, usePutInsightSelectors, type TrailEventSelectors } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';
import { ModalFooter } from '@/components/modal-footer';
import { QueryError } from '@/components/query-error';
import { INSIGHT_TYPE_LABELS, insightPrerequisite } from './describe-trail';

const INSIGHT_TYPES: readonly InsightType[] = ['ApiCallRateInsight', 'ApiErrorRateInsight'];

function Prerequisite({ type, selectors }: { type: InsightType; selectors: TrailEventSelectors | undefined }) {
  const { text, met } = insightPrerequisite(type, selectors);
  return (
    <SpaceBetween size="xxs">
      <Box variant="small">{text}</Box>
      {met === undefined ? null : (
        <StatusIndicator type={met ? 'success' : 'warning'}>
          {met
            ? 'The trail logs these events.'
            : 'The trail does not log these events: change its event selectors first.'}
        </StatusIndicator>
      )}
    </SpaceBetween>
  );
}

function EditInsightsModal({
  arn,
  current,
  selectors,
  onDismiss,
}: {
  arn: string;
  current: readonly InsightSelector[];
  selectors: TrailEventSelectors | undefined;
  onDismiss: () => void;
}) {
  const put = usePutInsightSelectors();
  const [enabled, setEnabled] = useState<ReadonlySet<InsightType>>(
    () => new Set(current.flatMap((selector) => (selector.InsightType ? [selector.InsightType] : []))),
  );
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header="Edit Insights"
      closeAriaLabel="Close"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button
            variant="primary"
            loading={put.isPending}
            onClick={() => {
              put.mutate(
                {
                  trail: arn,
                  InsightSelectors: INSIGHT_TYPES.filter((type) => enabled.has(type)).map((type) => ({
                    InsightType: type,
                  })),
                },
                { onSuccess: onDismiss },
              );
            }}
          >
            Save Insights
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          Insights watches the trail&apos;s management events for unusual API call or error rates. It needs the events
          it analyses: the trail must log them.
        </Box>
        {INSIGHT_TYPES.map((type) => (
          <FormField key={type} label={`${INSIGHT_TYPE_LABELS[type]} Insights`}>
            <SpaceBetween size="xxs">
              <Checkbox
                checked={enabled.has(type)}
                onChange={({ detail }) => {
                  put.reset();
                  setEnabled((previous) => {
                    const next = new Set(previous);
                    if (detail.checked) next.add(type);
                    else next.delete(type);
                    return next;
                  });
                }}
              >
                {`Enable ${INSIGHT_TYPE_LABELS[type]}`}
              </Checkbox>
              <Prerequisite type={type} selectors={selectors} />
            </SpaceBetween>
          </FormField>
        ))}
        {put.isError ? <MutationError error={put.error} /> : null}
      </SpaceBetween>
    </Modal>
  );
}

/** Which Insights types the trail has enabled, with an editor that explains what each needs. */
export function TrailInsights({ arn, editable }: { arn: string; editable: string | undefined }) {
  const { connection } = useConnection();
  const query = useQuery(trailQueries.insightSelectors(connection, arn));
  const selectors = useQuery(trailQueries.eventSelectors(connection, arn));
  const [editing, setEditing] = useState(false);
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading Insights</StatusIndicator>;
  else if (query.isError) content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const types = new Set(query.data.map((selector) => selector.InsightType));
    content = (
      <KeyValuePairs
        columns={2}
        items={INSIGHT_TYPES.map((type) => ({
          label: INSIGHT_TYPE_LABELS[type],
          value: types.has(type) ? 'Enabled' : 'Disabled',
        }))}
      />
    );
  }
  return (
    <section aria-label="Insights">
      <Container
        header={
          <Header
            variant="h2"
            description="Insights events flag unusual API call rates or error rates in management events."
            actions={
              <Button
                ariaLabel="Edit Insights"
                disabled={editable !== undefined || !query.isSuccess}
                disabledReason={editable}
                onClick={() => {
                  setEditing(true);
                }}
              >
                Edit
              </Button>
            }
          >
            Insights
          </Header>
        }
      >
        {content}
      </Container>
      {editing && query.isSuccess ? (
        <EditInsightsModal
          arn={arn}
          current={query.data}
          selectors={selectors.data}
          onDismiss={() => {
            setEditing(false);
          }}
        />
      ) : null}
    </section>
  );
}
