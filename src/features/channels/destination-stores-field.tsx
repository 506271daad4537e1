import FormField from '@cloudscape-design/components/form-field';
import Multiselect, { type MultiselectProps } from '@cloudscape-design/components/multiselect';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { canReceiveChannelEvents, storeIdOf } from './describe-channel';

export interface DestinationStoresFieldProps {
  /** ARNs of the chosen stores. */
  value: readonly string[];
  onChange: (arns: string[]) => void;
  onBlur: () => void;
  errorText: string | undefined;
  description?: string;
}

/**
 * Chooses existing event data stores for a channel: only those that can take its events are
 * offered (ActivityAuditLog, single-Region, not pending deletion). A chosen store that no longer
 * qualifies stays listed, so it can be removed.
 */
export function DestinationStoresField({
  value,
  onChange,
  onBlur,
  errorText,
  description,
}: DestinationStoresFieldProps) {
  const { connection, backend } = useConnection();
  const query = useQuery(eventDataStoreQueries.list(connection));
  const stores = query.data ?? [];
  const candidates = stores.filter(canReceiveChannelEvents);
  const options: MultiselectProps.Option[] = candidates.map((store) => ({
    value: store.EventDataStoreArn ?? '',
    label: store.Name ?? store.EventDataStoreArn ?? '',
    description: `Retention ${String(store.RetentionPeriod ?? '-')} days · ${storeIdOf(store.EventDataStoreArn ?? '')}`,
  }));
  for (const arn of value)
    if (!options.some((option) => option.value === arn)) {
      const store = stores.find((candidate) => candidate.EventDataStoreArn === arn);
      options.push({
        value: arn,
        label: store?.Name ?? storeIdOf(arn),
        description: store ? 'Cannot take events from integrations now' : 'Not found in this Region',
      });
    }
  const selected = options.filter((option) => option.value !== undefined && value.includes(option.value));
  const loadError = query.isError ? describeError(query.error, { backend }) : undefined;
  let statusType: MultiselectProps['statusType'] = 'finished';
  if (query.isPending) statusType = 'loading';
  else if (loadError) statusType = 'error';

  return (
    <FormField
      label="Event data stores"
      description={
        description ??
        `Stores of events from integrations in ${connection.region}; a channel cannot send to multi-Region stores.`
      }
      errorText={errorText}
    >
      <Multiselect
        selectedOptions={selected}
        options={options}
        placeholder="Choose event data stores"
        filteringType="auto"
        filteringAriaLabel="Find an event data store"
        statusType={statusType}
        loadingText="Loading event data stores"
        errorText={loadError ? `${loadError.title}: ${loadError.message}` : undefined}
        recoveryText="Retry"
        onLoadItems={() => {
          if (query.isError) void query.refetch();
        }}
        empty={`No event data store for events from integrations in ${connection.region}. Create a new one instead.`}
        deselectAriaLabel={(option) => `Remove ${option.label ?? option.value ?? ''}`}
        onBlur={onBlur}
        onChange={({ detail }) => {
          onChange(detail.selectedOptions.flatMap((option) => (option.value === undefined ? [] : [option.value])));
        }}
      />
    </FormField>
  );
}
