import type { Trail } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { trailQueries, usePutEventSelectors, type TrailEventSelectors } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { useNotifications } from '@/components/notifications';
import { FormPageLayout } from '@/components/form-page-layout';
import { QueryError } from '@/components/query-error';
import { ResourceForm } from '@/components/resource-form';
import { SelectorEditor } from '@/components/selector-editor';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { MAX_SELECTOR_VALUES } from '@/lib/cloudtrail-limits';
import { fromAdvancedEventSelectors } from '@/lib/selector-drafts';
import { paths } from '@/lib/paths';
import { BasicSelectorEditor } from './basic-selector-editor';
import { shadowNotice } from './describe-trail';
import {
  eventSelectorsFormErrors,
  eventSelectorsFormValuesOf,
  toPutEventSelectors,
  type EventSelectorsFormValues,
  type SelectorKind,
} from './event-selectors-form-schema';

function EventSelectorsForm({ trail, current }: { trail: Trail; current: TrailEventSelectors }) {
  const navigate = useNavigate();
  const { connection } = useConnection();
  const { notify } = useNotifications();
  const put = usePutEventSelectors();
  const arn = trail.TrailARN ?? '';
  const [values, setValues] = useState<EventSelectorsFormValues>(() => eventSelectorsFormValuesOf(current));
  const errors = eventSelectorsFormErrors(values);
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, submitted, attemptSubmit } = useShownErrors(errors);
  const change = (next: Partial<EventSelectorsFormValues>) => {
    setValues((previous) => ({ ...previous, ...next }));
    put.reset();
  };
  const shadow = shadowNotice(trail, connection.region);
  if (shadow)
    return (
      <Alert type="info" header="Selectors can be changed only in the home Region">
        {shadow}
      </Alert>
    );
  // Advanced selectors the editor cannot show faithfully are replaced only if the user says so.
  const unrepresentable =
    current.AdvancedEventSelectors !== undefined &&
    fromAdvancedEventSelectors(current.AdvancedEventSelectors) === undefined;

  return (
    <ResourceForm
      submitText="Save changes"
      cancelHref={paths.trailDetail(arn)}
      submitting={put.isPending}
      error={put.error}
      invalid={submitted && !valid}
      onSubmit={() => {
        attemptSubmit();
        if (!valid) return;
        put.mutate(
          { trail: arn, ...toPutEventSelectors(values) },
          {
            onSuccess: () => {
              notify({
                type: 'success',
                content: `Event selectors of ${trail.Name ?? arn} saved.`,
                key: arn,
                path: paths.trailDetail(arn),
              });
              void navigate(paths.trailDetail(arn));
            },
          },
        );
      }}
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Selector type</Header>}>
          <FormField label="Kind of selectors" description="Saving one kind replaces the other entirely.">
            <RadioGroup
              value={values.kind}
              onChange={({ detail }) => {
                change({ kind: detail.value as SelectorKind });
              }}
              items={[
                {
                  value: 'basic',
                  label: 'Basic event selectors',
                  description:
                    'Read or write events, management events with exclusions, and data events of S3 objects, Lambda functions and DynamoDB tables.',
                },
                {
                  value: 'advanced',
                  label: 'Advanced event selectors',
                  description: `Conditions on event fields, for management, data and network activity events; ${String(MAX_SELECTOR_VALUES)} values in all.`,
                },
              ]}
            />
          </FormField>
        </Container>
        {values.kind === 'advanced' && unrepresentable ? (
          <Alert type="warning" header="The editor cannot show these selectors">
            The trail&apos;s advanced selectors use fields or operators the editor does not offer. Saving replaces them
            with the selectors below.
          </Alert>
        ) : null}
        <Container header={<Header variant="h2">Selectors</Header>}>
          {values.kind === 'basic' ? (
            <BasicSelectorEditor
              selectors={values.basic}
              onChange={(basic) => {
                change({ basic });
              }}
              errorOf={errorOf}
              onBlur={visit}
            />
          ) : (
            <SelectorEditor
              selectors={values.selectors}
              onChange={(selectors) => {
                change({ selectors });
              }}
              errorOf={errorOf}
              onBlur={visit}
              maxSelectors={null}
              intro={`The trail logs an event when any selector matches it. Up to ${String(MAX_SELECTOR_VALUES)} values in all.`}
            />
          )}
        </Container>
      </SpaceBetween>
    </ResourceForm>
  );
}

/** Chooses which events a trail logs: basic or advanced event selectors. */
export function EditTrailEventSelectorsPage() {
  const { arn = '' } = useParams();
  const { connection } = useConnection();
  const trail = useQuery(trailQueries.detail(connection, arn));
  const selectors = useQuery(trailQueries.eventSelectors(connection, arn));
  const name = trail.data?.Name ?? arn;
  let content;
  if (trail.isError) content = <QueryError error={trail.error} onRetry={() => void trail.refetch()} />;
  else if (selectors.isError) content = <QueryError error={selectors.error} onRetry={() => void selectors.refetch()} />;
  else if (trail.isPending || selectors.isPending)
    content = <StatusIndicator type="loading">Loading event selectors</StatusIndicator>;
  else content = <EventSelectorsForm trail={trail.data} current={selectors.data} />;
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Trails', href: paths.trails() },
        { text: name, href: paths.trailDetail(arn) },
        { text: 'Event selectors', href: paths.editTrailEventSelectors(arn) },
      ]}
      title={`Edit event selectors of ${name}`}
      description="Which management, data and network activity events the trail logs."
    >
      {content}
    </FormPageLayout>
  );
}
