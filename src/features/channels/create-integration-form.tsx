import type { BillingMode, CreateChannelCommandOutput } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tiles from '@cloudscape-design/components/tiles';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { channelQueries, useCreateChannel, useDeleteChannel, usePutResourcePolicy } from '@/api/channels';
import { describeError } from '@/api/errors';
import {
  eventDataStoreQueries,
  useCreateEventDataStore,
  useDeleteEventDataStore,
  useUpdateEventDataStore,
} from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { ResourceForm } from '@/components/resource-form';
import {
  CHANNEL_NAME,
  EVENT_DATA_STORE_NAME,
  EVENT_DATA_STORES_PER_REGION,
  INTEGRATION_CHANNELS_PER_REGION,
  RETENTION_PERIOD_DAYS,
} from '@/lib/cloudtrail-limits';
import { paths } from '@/lib/paths';
import {
  createIntegrationErrors,
  DEFAULT_CREATE_VALUES,
  toCreateChannelInput,
  toCreateStoreInput,
  type CreateIntegrationValues,
  type DestinationMode,
  type NewStoreDraft,
} from './channel-form-schema';
import { channelArnPlaceholder, policyTextOf } from './channel-policy';
import { channelSourceOf, integrationTypeLabel, isServiceLinked, PARTNER_SOURCES } from './describe-channel';
import { DestinationStoresField } from './destination-stores-field';
import { PolicyEditor } from './policy-editor';
import { TagsContainer } from '@/components/tags-editor';
import { useExistingNames } from '@/hooks/use-existing-names';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { duplicateNameError } from '@/lib/form-errors';

const PRICING: Record<BillingMode, { label: string; description: string }> = {
  EXTENDABLE_RETENTION_PRICING: {
    label: 'One-year extendable retention pricing',
    description: 'Includes one year (366 days) of retention; keep events up to ten years for a monthly charge.',
  },
  FIXED_RETENTION_PRICING: {
    label: 'Seven-year retention pricing',
    description: 'Includes up to seven years (2557 days) of retention, at a higher ingestion price.',
  },
};

/** What the form made: the channel, and whether its resource policy is attached. */
export interface CreatedIntegration {
  channel: CreateChannelCommandOutput;
  policyAttached: boolean;
}

/** Steps already done by an earlier submit whose later step failed; a retry goes on from there. */
interface Progress {
  storeArn?: string;
  storeName?: string;
  channel?: CreateChannelCommandOutput;
}

/**
 * Creates an integration: its source, name, destinations (existing stores, or a new one created
 * first), resource policy and tags. The policy is attached after CreateChannel, once the channel's
 * ARN is known. Nothing is sent while a field is invalid; CloudTrail's refusal shows in the form.
 */
export function CreateIntegrationForm({ onCreated }: { onCreated: (created: CreatedIntegration) => void }) {
  const { connection, backend } = useConnection();
  const channels = useQuery(channelQueries.list(connection));
  const createStore = useCreateEventDataStore();
  const createChannel = useCreateChannel();
  const putPolicy = usePutResourcePolicy();
  const deleteChannel = useDeleteChannel();
  const updateStore = useUpdateEventDataStore();
  const deleteStore = useDeleteEventDataStore();
  const [values, setValues] = useState<CreateIntegrationValues>(DEFAULT_CREATE_VALUES);
  const [progress, setProgress] = useState<Progress>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removed, setRemoved] = useState<string | undefined>();
  const [sent, setSent] = useState<{ channel?: string; store?: string }>({});
  const channelNames = useExistingNames(channelQueries.list(connection), (channel) => channel.Name, [sent.channel]);
  const storeNames = useExistingNames(eventDataStoreQueries.list(connection), (store) => store.Name, [sent.store]);
  const stores = useQuery(eventDataStoreQueries.list(connection));
  // The quotas as far as this Region's lists show them: a store homed in another Region that
  // collects from every Region also counts, and only CloudTrail sees it.
  const integrationCount = channels.data?.filter((channel) => !isServiceLinked(channel)).length;
  const storeCount = stores.data?.filter((store) => store.Status !== 'PENDING_DELETION').length;
  const channelQuotaReached =
    progress.channel === undefined &&
    integrationCount !== undefined &&
    integrationCount >= INTEGRATION_CHANNELS_PER_REGION;
  const channelQuotaError = channelQuotaReached
    ? `${connection.region} already has ${String(integrationCount)} integrations, the most CloudTrail allows in a Region. Delete one before creating another.`
    : undefined;
  // Everything CloudTrail would refuse that the console can see is checked before anything is
  // created, so a refusal cannot come after the new store already exists.
  const checks: Record<string, string | undefined> = {
    name:
      progress.channel === undefined
        ? duplicateNameError(values.name, channelNames, { what: 'An integration', region: connection.region })
        : undefined,
    'newStore.name':
      values.destinationMode === 'new' && progress.storeArn === undefined
        ? duplicateNameError(values.newStore.name, storeNames, {
            what: 'An event data store',
            region: connection.region,
          })
        : undefined,
    destinationMode:
      values.destinationMode === 'new' &&
      progress.storeArn === undefined &&
      storeCount !== undefined &&
      storeCount >= EVENT_DATA_STORES_PER_REGION
        ? `${connection.region} already has ${String(storeCount)} event data stores, the most CloudTrail allows in a Region: send to existing stores, or delete one first.`
        : undefined,
    channelQuota: channelQuotaError,
  };
  const schemaErrors = createIntegrationErrors(values);
  const errors = { ...schemaErrors };
  for (const [path, message] of Object.entries(checks))
    if (message !== undefined && errors[path] === undefined) errors[path] = message;
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, submitted, attemptSubmit } = useShownErrors(errors);
  const placeholder = channelArnPlaceholder(connection.region);

  const change = (next: Partial<CreateIntegrationValues>) => {
    setValues((current) => ({ ...current, ...next }));
  };
  const changeStore = (next: Partial<NewStoreDraft>) => {
    setValues((current) => ({ ...current, newStore: { ...current.newStore, ...next } }));
  };
  const changeBillingMode = (billingMode: BillingMode) => {
    // An untouched retention follows the pricing option's default; a typed one stays and is checked.
    const untouched =
      values.newStore.retentionDays === String(RETENTION_PERIOD_DAYS[values.newStore.billingMode].default);
    changeStore({
      billingMode,
      ...(untouched ? { retentionDays: String(RETENTION_PERIOD_DAYS[billingMode].default) } : {}),
    });
  };

  const submit = async () => {
    attemptSubmit();
    if (!valid || submitting) return;
    setSubmitting(true);
    setFailure(undefined);
    setRemoved(undefined);
    try {
      let { channel, storeArn } = progress;
      if (!channel) {
        let destinations = values.existingStores;
        if (values.destinationMode === 'new') {
          if (storeArn === undefined) {
            setSent((current) => ({ ...current, store: values.newStore.name }));
            const store = await createStore.mutateAsync(toCreateStoreInput(values.newStore));
            storeArn = store.EventDataStoreArn ?? '';
            const created = { storeArn, storeName: store.Name ?? values.newStore.name };
            setProgress((current) => ({ ...current, ...created }));
          }
          destinations = [storeArn];
        }
        setSent((current) => ({ ...current, channel: values.name }));
        channel = await createChannel.mutateAsync(toCreateChannelInput(values, destinations));
        const createdChannel = channel;
        setProgress((current) => ({ ...current, channel: createdChannel }));
      }
      const arn = channel.ChannelArn ?? '';
      const policy = policyTextOf(values.policy, arn, placeholder);
      if (policy !== undefined) await putPolicy.mutateAsync({ resourceArn: arn, policy });
      onCreated({ channel, policyAttached: policy !== undefined });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  /** Undoes a half-made result: deletes the channel, then the store this form created (protection off first). */
  const removeCreated = async () => {
    setRemoving(true);
    setFailure(undefined);
    const gone: string[] = [];
    try {
      const channelArn = progress.channel?.ChannelArn;
      if (channelArn !== undefined) {
        await deleteChannel.mutateAsync(channelArn);
        gone.push(`The integration ${progress.channel?.Name ?? channelArn} is deleted.`);
        setProgress((current) => ({ ...current, channel: undefined }));
      }
      const { storeArn, storeName } = progress;
      if (storeArn !== undefined) {
        await updateStore.mutateAsync({ EventDataStore: storeArn, TerminationProtectionEnabled: false });
        await deleteStore.mutateAsync(storeArn);
        gone.push(
          `The event data store ${storeName ?? storeArn} is pending deletion: CloudTrail purges it in seven days and its name stays taken until then; you can restore it from its page.`,
        );
      }
      setProgress({});
      setRemoved(gone.join(' '));
    } catch (error) {
      setFailure(error);
    } finally {
      setRemoving(false);
    }
  };

  const partner = values.sourceKind === 'partner' ? channelSourceOf(values.partner) : undefined;
  const usedBy = new Map((channels.data ?? []).map((channel) => [channel.Source ?? '', channel.Name ?? '']));
  const partnerOptions: SelectProps.Option[] = PARTNER_SOURCES.map((source) => {
    const existing = usedBy.get(source.source);
    return {
      value: source.source,
      label: source.name,
      description: `${integrationTypeLabel(source.type)} · Source ${source.source}`,
      ...(existing === undefined
        ? {}
        : {
            disabled: true,
            disabledReason: `The integration ${existing} already receives events from ${source.name}; a partner can have one integration in a Region.`,
          }),
    };
  });
  const range = RETENTION_PERIOD_DAYS[values.newStore.billingMode];
  const createdChannel = progress.channel;
  const storeOnly = createdChannel === undefined && progress.storeArn !== undefined;
  const removeButton = (
    <Button formAction="none" loading={removing} disabled={submitting} onClick={() => void removeCreated()}>
      {createdChannel && progress.storeArn !== undefined
        ? 'Delete the integration and its new store'
        : createdChannel
          ? 'Delete the integration'
          : 'Delete the new event data store'}
    </Button>
  );

  return (
    <ResourceForm
      cancelHref={paths.integrations()}
      submitting={submitting}
      error={failure}
      formError={submitted ? channelQuotaError : undefined}
      invalid={submitted && !valid}
      secondaryActions={
        createdChannel ? (
          <Button
            formAction="none"
            onClick={() => {
              onCreated({ channel: createdChannel, policyAttached: false });
            }}
          >
            Continue without a policy
          </Button>
        ) : null
      }
      submitText={
        createdChannel ? 'Attach resource policy' : storeOnly ? 'Retry creating the integration' : 'Create integration'
      }
      onSubmit={() => {
        void submit();
      }}
    >
      <SpaceBetween size="l">
        {channelQuotaError === undefined ? null : (
          <Alert type="error" header="No more integrations in this Region">
            {channelQuotaError}
          </Alert>
        )}
        {createdChannel ? (
          <Alert
            type="warning"
            header={`Integration ${createdChannel.Name ?? ''} was created without its policy`}
            action={removeButton}
          >
            {`What exists now: the channel ${createdChannel.ChannelArn ?? ''}${progress.storeArn === undefined ? '' : ` and its new event data store ${progress.storeName ?? progress.storeArn}`}. CloudTrail refused the resource policy. Correct the policy and attach it, continue without one and attach it later from the integration's page, or delete what was created.`}
          </Alert>
        ) : null}
        {storeOnly ? (
          <Alert type="warning" header="The integration was not created" action={removeButton}>
            {`What exists now: the event data store ${progress.storeName ?? ''} (${progress.storeArn ?? ''}), created with termination protection on. The integration itself was not created${failure === undefined ? '' : `: ${describeError(failure, { backend }).message}`}. Correct the form and retry, and the integration will send its events to that store, or delete the store.`}
          </Alert>
        ) : null}
        {removed === undefined ? null : (
          <Alert
            type="success"
            header="Removed what was created"
            dismissible
            onDismiss={() => {
              setRemoved(undefined);
            }}
          >
            {removed}
          </Alert>
        )}
        <Container header={<Header variant="h2">Integration source</Header>}>
          <SpaceBetween size="l">
            <FormField label="Source">
              <Tiles
                value={values.sourceKind}
                readOnly={createdChannel !== undefined}
                columns={2}
                onChange={({ detail }) => {
                  change({ sourceKind: detail.value as CreateIntegrationValues['sourceKind'] });
                }}
                items={[
                  {
                    value: 'custom',
                    label: 'My custom integration',
                    description: 'Events from your own applications, sent with PutAuditEvents (Source Custom).',
                  },
                  {
                    value: 'partner',
                    label: 'Partner integration',
                    description: `Events from one of ${String(PARTNER_SOURCES.length)} CloudTrail Lake partners.`,
                  },
                ]}
              />
            </FormField>
            {values.sourceKind === 'partner' ? (
              <FormField
                label="Partner"
                description="Direct partners send events from their own AWS account; solutions run in yours."
                errorText={errorOf('partner')}
              >
                <Select
                  selectedOption={partnerOptions.find((option) => option.value === values.partner) ?? null}
                  options={partnerOptions}
                  placeholder="Choose a partner"
                  filteringType="auto"
                  filteringAriaLabel="Find a partner"
                  filteringPlaceholder="Find a partner"
                  disabled={createdChannel !== undefined}
                  onBlur={() => {
                    visit('partner');
                  }}
                  onChange={({ detail }) => {
                    change({ partner: detail.selectedOption.value ?? '' });
                  }}
                />
              </FormField>
            ) : null}
            {partner && partner.type === 'direct' ? (
              <Alert type="info">
                {`${partner.name} sends events from its own AWS account. Allow that account in the resource policy below, with the external ID ${partner.name} gives you.`}
              </Alert>
            ) : null}
            {partner && partner.type === 'solution' ? (
              <Alert type="info">
                {`${partner.name}'s solution runs in your AWS account, so the channel needs no resource policy for it.`}
              </Alert>
            ) : null}
          </SpaceBetween>
        </Container>

        <Container header={<Header variant="h2">Integration details</Header>}>
          <FormField
            label="Integration name"
            constraintText={`${String(CHANNEL_NAME.min)}–${String(CHANNEL_NAME.max)} characters: letters, numbers, periods, underscores and hyphens. Unique in ${connection.region}.`}
            errorText={errorOf('name')}
          >
            <Input
              value={values.name}
              readOnly={createdChannel !== undefined}
              onBlur={() => {
                visit('name');
              }}
              onChange={({ detail }) => {
                change({ name: detail.value });
              }}
            />
          </FormField>
        </Container>

        <Container
          header={
            <Header variant="h2" description="The event data stores that keep the integration's events.">
              Event delivery
            </Header>
          }
        >
          <SpaceBetween size="l">
            <FormField label="Destination" errorText={checks.destinationMode}>
              <RadioGroup
                value={values.destinationMode}
                readOnly={createdChannel !== undefined || progress.storeArn !== undefined}
                onChange={({ detail }) => {
                  change({ destinationMode: detail.value as DestinationMode });
                }}
                items={[
                  { value: 'existing', label: 'Use existing event data stores' },
                  {
                    value: 'new',
                    label: 'Create a new event data store',
                    description: `A store for events from integrations, in ${connection.region} only.`,
                  },
                ]}
              />
            </FormField>
            {values.destinationMode === 'existing' ? (
              <DestinationStoresField
                value={values.existingStores}
                onChange={(existingStores) => {
                  change({ existingStores });
                }}
                onBlur={() => {
                  visit('existingStores');
                }}
                errorText={errorOf('existingStores')}
              />
            ) : progress.storeArn !== undefined ? (
              <Alert type="info" header={`Event data store ${progress.storeName ?? ''} created`}>
                {`The store ${progress.storeArn} exists now; the integration will send its events there.`}
              </Alert>
            ) : (
              <SpaceBetween size="l">
                <FormField
                  label="Event data store name"
                  constraintText={`${String(EVENT_DATA_STORE_NAME.min)}–${String(EVENT_DATA_STORE_NAME.max)} characters: letters, numbers, periods, underscores and hyphens.`}
                  errorText={errorOf('newStore.name')}
                >
                  <Input
                    value={values.newStore.name}
                    onBlur={() => {
                      visit('newStore.name');
                    }}
                    onChange={({ detail }) => {
                      changeStore({ name: detail.value });
                    }}
                  />
                </FormField>
                <FormField label="Pricing option">
                  <RadioGroup
                    value={values.newStore.billingMode}
                    onChange={({ detail }) => {
                      changeBillingMode(detail.value as BillingMode);
                    }}
                    items={(['EXTENDABLE_RETENTION_PRICING', 'FIXED_RETENTION_PRICING'] as const).map((mode) => ({
                      value: mode,
                      label: PRICING[mode].label,
                      description: PRICING[mode].description,
                    }))}
                  />
                </FormField>
                <FormField
                  label="Retention period (days)"
                  constraintText={`${String(range.min)}–${String(range.max)} days for this pricing option. Default ${String(range.default)}.`}
                  errorText={errorOf('newStore.retentionDays')}
                >
                  <Input
                    type="number"
                    inputMode="numeric"
                    value={values.newStore.retentionDays}
                    onBlur={() => {
                      visit('newStore.retentionDays');
                    }}
                    onChange={({ detail }) => {
                      changeStore({ retentionDays: detail.value });
                    }}
                  />
                </FormField>
                <Box variant="p" color="text-body-secondary">
                  The store is created first, with termination protection on, then the integration.
                </Box>
              </SpaceBetween>
            )}
          </SpaceBetween>
        </Container>

        <Container
          header={
            <Header
              variant="h2"
              description="Who may call PutAuditEvents on the channel. This account always may; other accounts need a policy."
            >
              Resource policy
            </Header>
          }
        >
          <PolicyEditor
            draft={values.policy}
            onChange={(policy) => {
              change({ policy });
            }}
            channelArn={createdChannel?.ChannelArn ?? placeholder}
            placeholder={createdChannel === undefined}
            allowNone
            errorOf={errorOf}
            onBlur={visit}
          />
        </Container>

        <TagsContainer
          resource="integration"
          tags={values.tags}
          onChange={(tags) => {
            change({ tags });
          }}
          errorOf={errorOf}
          onBlur={visit}
        />
      </SpaceBetween>
    </ResourceForm>
  );
}
