import type { AdvancedEventSelector, BillingMode } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Toggle from '@cloudscape-design/components/toggle';
import { useState } from 'react';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { JsonView } from '@/components/json-view';
import { ResourceForm } from '@/components/resource-form';
import { EVENT_DATA_STORE_NAME, RETENTION_PERIOD_DAYS } from '@/lib/cloudtrail-limits';
import { PRICING_LABELS } from './describe-event-data-store';
import {
  eventDataStoreFormErrors,
  retentionRangeText,
  type EventDataStoreFormValues,
  type EventType,
} from './event-data-store-form-schema';
import { SelectorEditor } from '@/components/selector-editor';
import { TagsContainer } from '@/components/tags-editor';
import { useExistingNames } from '@/hooks/use-existing-names';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { duplicateNameError } from '@/lib/form-errors';

const PRICING_DESCRIPTIONS: Record<BillingMode, string> = {
  EXTENDABLE_RETENTION_PRICING:
    'Ingestion includes one year (366 days) of retention; you can keep events up to ten years (3653 days) and pay a monthly charge for the time beyond the first year. Suits stores that ingest less than about 25 TB a month.',
  FIXED_RETENTION_PRICING:
    'Ingestion includes retention for up to seven years (2557 days) with no monthly retention charge, at a higher ingestion price. Suits stores that ingest a lot and keep it long.',
};

export interface EventDataStoreFormProps {
  mode: 'create' | 'edit';
  initial: EventDataStoreFormValues;
  /** Edit: the store's pricing option; one-year extendable pricing cannot go back to seven-year. */
  currentBillingMode?: BillingMode;
  /** Edit: selectors the editor cannot change (stores of integrations, Insights or Config items). */
  fixedSelectors?: AdvancedEventSelector[];
  submitText: string;
  cancelHref: string;
  submitting: boolean;
  /** The API's rejection of the last submit. */
  error: unknown;
  /** A problem found before sending, such as an edit that changes nothing. */
  formError?: string;
  onSubmit: (values: EventDataStoreFormValues) => void;
  /** Called on any change, so the page can clear a stale rejection or notice. */
  onEdit?: () => void;
}

/** The create and edit form of an event data store; nothing is sent while a field is invalid. */
export function EventDataStoreForm({
  mode,
  initial,
  currentBillingMode,
  fixedSelectors,
  submitText,
  cancelHref,
  submitting,
  error,
  formError,
  onSubmit,
  onEdit,
}: EventDataStoreFormProps) {
  const { connection } = useConnection();
  const [values, setValues] = useState(initial);
  const [sentName, setSentName] = useState<string>();
  const existingNames = useExistingNames(eventDataStoreQueries.list(connection), (store) => store.Name, [
    mode === 'edit' ? initial.name : undefined,
    sentName,
  ]);
  const schemaErrors = eventDataStoreFormErrors(values);
  const duplicate = duplicateNameError(values.name, existingNames, {
    what: 'An event data store',
    region: connection.region,
  });
  const errors = duplicate && !schemaErrors.name ? { ...schemaErrors, name: duplicate } : schemaErrors;
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, submitted, attemptSubmit } = useShownErrors(errors);
  const change = (next: Partial<EventDataStoreFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    onEdit?.();
  };

  const changeBillingMode = (billingMode: BillingMode) => {
    // On create, an untouched retention follows the pricing option's default; a typed one stays and
    // is checked. An edit never changes retention by itself: a shorter one would delete events.
    const untouched =
      mode === 'create' && values.retentionDays === String(RETENTION_PERIOD_DAYS[values.billingMode].default);
    change({
      billingMode,
      ...(untouched ? { retentionDays: String(RETENTION_PERIOD_DAYS[billingMode].default) } : {}),
    });
  };

  const integrations = values.eventType === 'integrations';
  const range = RETENTION_PERIOD_DAYS[values.billingMode];

  return (
    <ResourceForm
      submitText={submitText}
      cancelHref={cancelHref}
      submitting={submitting}
      error={error}
      formError={formError}
      invalid={submitted && !valid}
      onSubmit={() => {
        attemptSubmit();
        if (!valid) return;
        setSentName(values.name);
        onSubmit(values);
      }}
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">General details</Header>}>
          <SpaceBetween size="l">
            <FormField
              label="Event data store name"
              constraintText={`${String(EVENT_DATA_STORE_NAME.min)}–${String(EVENT_DATA_STORE_NAME.max)} characters: letters, numbers, periods, underscores and hyphens. Unique in ${connection.region}.`}
              errorText={errorOf('name')}
            >
              <Input
                value={values.name}
                onBlur={() => {
                  visit('name');
                }}
                onChange={({ detail }) => {
                  change({ name: detail.value });
                }}
              />
            </FormField>
            <FormField
              label="Termination protection"
              description="A protected store cannot be deleted until protection is turned off."
            >
              <Toggle
                checked={values.terminationProtection}
                onChange={({ detail }) => {
                  change({ terminationProtection: detail.checked });
                }}
              >
                Enable termination protection
              </Toggle>
            </FormField>
          </SpaceBetween>
        </Container>

        <Container header={<Header variant="h2">Pricing and retention</Header>}>
          <SpaceBetween size="l">
            <FormField label="Pricing option" errorText={errorOf('billingMode')}>
              <RadioGroup
                value={values.billingMode}
                onChange={({ detail }) => {
                  changeBillingMode(detail.value as BillingMode);
                }}
                items={(['EXTENDABLE_RETENTION_PRICING', 'FIXED_RETENTION_PRICING'] as const).map((mode) => ({
                  value: mode,
                  label: PRICING_LABELS[mode],
                  description:
                    mode === 'FIXED_RETENTION_PRICING' && currentBillingMode === 'EXTENDABLE_RETENTION_PRICING'
                      ? 'Not available: a store on one-year extendable pricing cannot change to seven-year pricing.'
                      : PRICING_DESCRIPTIONS[mode],
                  disabled: mode === 'FIXED_RETENTION_PRICING' && currentBillingMode === 'EXTENDABLE_RETENTION_PRICING',
                }))}
              />
            </FormField>
            <FormField
              label="Retention period (days)"
              description="How long the store keeps an event, counted from its event time."
              constraintText={`${retentionRangeText(values.billingMode)} for this pricing option. Default ${String(range.default)}.`}
              errorText={errorOf('retentionDays')}
              warningText={
                mode === 'edit' &&
                errorOf('retentionDays') === undefined &&
                Number(values.retentionDays) < Number(initial.retentionDays)
                  ? `A shorter retention period deletes events older than ${values.retentionDays} days as soon as you save.`
                  : undefined
              }
            >
              <Input
                type="number"
                inputMode="numeric"
                value={values.retentionDays}
                onBlur={() => {
                  visit('retentionDays');
                }}
                onChange={({ detail }) => {
                  change({ retentionDays: detail.value });
                }}
              />
            </FormField>
          </SpaceBetween>
        </Container>

        <Container
          header={
            <Header variant="h2" description="The kind of events is fixed when the store is created.">
              Events
            </Header>
          }
        >
          <SpaceBetween size="l">
            {mode === 'create' ? (
              <FormField label="Event type">
                <RadioGroup
                  value={values.eventType}
                  onChange={({ detail }) => {
                    change({ eventType: detail.value as EventType });
                  }}
                  items={[
                    {
                      value: 'cloudtrail',
                      label: 'CloudTrail events',
                      description:
                        'Management, data and network activity events of AWS services, chosen with advanced event selectors.',
                    },
                    {
                      value: 'integrations',
                      label: 'Events from integrations outside AWS',
                      description:
                        'Activity of your own applications or partner sources, delivered through integration channels (selector eventCategory equals ActivityAuditLog).',
                    },
                  ]}
                />
              </FormField>
            ) : null}
            {values.eventType === 'cloudtrail' && !fixedSelectors ? (
              <SelectorEditor
                selectors={values.selectors}
                onChange={(selectors) => {
                  change({ selectors });
                }}
                errorOf={errorOf}
                onBlur={visit}
              />
            ) : (
              <SpaceBetween size="xs">
                <Box variant="p">
                  {mode === 'create'
                    ? 'The store takes events that integration channels send to it. Its selector is fixed:'
                    : 'The selectors of this kind of store cannot be changed:'}
                </Box>
                <JsonView
                  json={JSON.stringify(
                    fixedSelectors ?? [
                      {
                        Name: 'Events from integrations',
                        FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }],
                      },
                    ],
                  )}
                  label="Advanced event selectors JSON"
                  maxHeight={240}
                />
              </SpaceBetween>
            )}
            {mode === 'create' && !integrations ? (
              <SpaceBetween size="l">
                <FormField
                  label="Regions"
                  description={`Collect events from every Region, not only ${connection.region}. The store is still shown only in ${connection.region}.`}
                >
                  <Toggle
                    checked={values.multiRegion}
                    onChange={({ detail }) => {
                      change({ multiRegion: detail.checked });
                    }}
                  >
                    Include events from all Regions
                  </Toggle>
                </FormField>
                <FormField
                  label="Ingestion"
                  description="When off, the store is created with ingestion stopped; start it later from the store's page."
                >
                  <Toggle
                    checked={values.startIngestion}
                    onChange={({ detail }) => {
                      change({ startIngestion: detail.checked });
                    }}
                  >
                    Start ingesting events when the store is created
                  </Toggle>
                </FormField>
              </SpaceBetween>
            ) : null}
            {mode === 'create' && integrations ? (
              <Box variant="p" color="text-body-secondary">
                {`Stores of events from integrations hold events of ${connection.region} only, and always ingest: channels deliver to them as soon as they exist.`}
              </Box>
            ) : null}
          </SpaceBetween>
        </Container>

        {mode === 'create' ? (
          <TagsContainer
            resource="store"
            tags={values.tags}
            onChange={(tags) => {
              change({ tags });
            }}
            errorOf={errorOf}
            onBlur={visit}
          />
        ) : null}
      </SpaceBetween>
    </ResourceForm>
  );
}
