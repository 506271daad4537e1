import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs, { type KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  eventDataStoreQueries,
  useStartEventDataStoreIngestion,
  useStopEventDataStoreIngestion,
  useUpdateEventDataStore,
  type EventDataStoreDetails,
} from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';
import { useNotifications } from '@/components/notifications';
import { PageLayout } from '@/components/page-layout';
import { ResourceDetailContent } from '@/components/resource-detail-content';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { DeleteEventDataStoreModal } from './delete-event-data-store-modal';
import {
  canStartAndStop,
  daysLeftBeforePurge,
  daysText,
  eventTypeLabel,
  pricingLabel,
  purgeTimeOf,
  retentionLabel,
} from './describe-event-data-store';
import { EventDataStoreStatusIndicator, statusText } from './event-data-store-status';
import { ResourceTags } from '@/components/resource-tags';
import { EventDataStoreUsage } from './event-data-store-usage';
import { RestoreEventDataStoreModal } from './restore-event-data-store-modal';
import { SelectorsView } from '@/components/selectors-view';

/** Why the store cannot be deleted now, or undefined when it can. */
function deleteBlockedReason(store: EventDataStoreDetails): string | undefined {
  if (store.TerminationProtectionEnabled)
    return 'Termination protection is on. Turn it off before deleting the event data store.';
  if (store.Status !== 'ENABLED' && store.Status !== 'STOPPED_INGESTION')
    return `The store is ${statusText(store.Status).toLowerCase()}; it can be deleted once it is enabled or stopped.`;
  return undefined;
}

function StartStopButton({
  store,
  start,
  stop,
}: {
  store: EventDataStoreDetails;
  start: ReturnType<typeof useStartEventDataStoreIngestion>;
  stop: ReturnType<typeof useStopEventDataStoreIngestion>;
}) {
  const { notify } = useNotifications();
  const arn = store.EventDataStoreArn ?? '';
  const name = store.Name ?? arn;
  if (store.Status === 'STOPPED_INGESTION' || store.Status === 'STARTING_INGESTION')
    return (
      <Button
        loading={start.isPending}
        disabled={store.Status === 'STARTING_INGESTION'}
        disabledReason="Ingestion is starting."
        onClick={() => {
          stop.reset();
          start.mutate(arn, {
            onSuccess: () => {
              notify({ type: 'success', content: `Ingestion of ${name} started.`, key: arn });
            },
          });
        }}
      >
        Start ingestion
      </Button>
    );
  return (
    <Button
      loading={stop.isPending}
      disabled={store.Status !== 'ENABLED'}
      disabledReason={`The store is ${statusText(store.Status).toLowerCase()}; ingestion can be stopped once it is enabled.`}
      onClick={() => {
        start.reset();
        stop.mutate(arn, {
          onSuccess: () => {
            notify({ type: 'success', content: `Ingestion of ${name} stopped.`, key: arn });
          },
        });
      }}
    >
      Stop ingestion
    </Button>
  );
}

function GeneralDetails({ store }: { store: EventDataStoreDetails }) {
  const follow = useFollow();
  const { notify } = useNotifications();
  const update = useUpdateEventDataStore();
  const arn = store.EventDataStoreArn ?? '';
  const protectedStore = store.TerminationProtectionEnabled ?? false;
  const items: KeyValuePairsProps.Pair[] = [
    { label: 'Name', value: store.Name ?? '-' },
    {
      label: 'ARN',
      value: (
        <CopyToClipboard
          variant="inline"
          textToCopy={arn}
          copyButtonAriaLabel="Copy ARN"
          copySuccessText="ARN copied"
          copyErrorText="ARN failed to copy"
        />
      ),
    },
    { label: 'Status', value: <EventDataStoreStatusIndicator status={store.Status} /> },
    { label: 'Event type', value: eventTypeLabel(store.AdvancedEventSelectors) },
    { label: 'Pricing option', value: pricingLabel(store.BillingMode) },
    { label: 'Retention period', value: retentionLabel(store.RetentionPeriod) },
    { label: 'Termination protection', value: protectedStore ? 'Enabled' : 'Disabled' },
    {
      label: 'Multi-region',
      value: store.MultiRegionEnabled ? 'Enabled: events of all Regions' : 'Disabled: events of this Region only',
    },
    ...(store.KmsKeyId ? [{ label: 'KMS key', value: store.KmsKeyId }] : []),
    { label: 'Creation time', value: formatEventTime(store.CreatedTimestamp) },
    { label: 'Last update time', value: formatEventTime(store.UpdatedTimestamp) },
    {
      label: 'Recorded activity',
      value: (
        <Link
          href={paths.eventHistory({ filters: [{ key: 'ResourceName', value: arn }] })}
          onFollow={follow}
          ariaLabel="Calls naming this store in Event history"
        >
          View in Event history
        </Link>
      ),
    },
  ];
  return (
    // A labelled section, so the details are a landmark screen readers can jump to.
    <section aria-label="General details">
      <Container
        header={
          <Header
            variant="h2"
            actions={
              <Button
                loading={update.isPending}
                disabled={store.Status === 'PENDING_DELETION'}
                disabledReason="The store is pending deletion; restore it to change its settings."
                onClick={() => {
                  update.mutate(
                    { EventDataStore: arn, TerminationProtectionEnabled: !protectedStore },
                    {
                      onSuccess: () => {
                        notify({
                          type: 'success',
                          content: `Termination protection of ${store.Name ?? arn} turned ${protectedStore ? 'off' : 'on'}.`,
                          key: arn,
                        });
                      },
                    },
                  );
                }}
              >
                {protectedStore ? 'Turn off termination protection' : 'Turn on termination protection'}
              </Button>
            }
          >
            General details
          </Header>
        }
      >
        <SpaceBetween size="m">
          {update.isError ? <MutationError error={update.error} /> : null}
          <KeyValuePairs columns={3} items={items} />
        </SpaceBetween>
      </Container>
    </section>
  );
}

function EventDataStoreDetail({ store }: { store: EventDataStoreDetails }) {
  const follow = useFollow();
  const { notify } = useNotifications();
  const [dialog, setDialog] = useState<'delete' | 'restore' | undefined>();
  const start = useStartEventDataStoreIngestion();
  const stop = useStopEventDataStoreIngestion();
  const failed = start.isError ? start.error : stop.isError ? stop.error : undefined;
  const pendingDeletion = store.Status === 'PENDING_DELETION';
  const blocked = deleteBlockedReason(store);
  const name = store.Name ?? '';
  const arn = store.EventDataStoreArn ?? '';
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={eventTypeLabel(store.AdvancedEventSelectors)}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {canStartAndStop(store.AdvancedEventSelectors) && !pendingDeletion ? (
              <StartStopButton store={store} start={start} stop={stop} />
            ) : null}
            <Button
              href={paths.editEventDataStore(arn)}
              onFollow={follow}
              disabled={pendingDeletion}
              disabledReason="The store is pending deletion; restore it to change its settings."
            >
              Edit
            </Button>
            {pendingDeletion ? (
              <Button
                onClick={() => {
                  setDialog('restore');
                }}
              >
                Restore
              </Button>
            ) : (
              <Button
                disabled={blocked !== undefined}
                disabledReason={blocked}
                onClick={() => {
                  setDialog('delete');
                }}
              >
                Delete
              </Button>
            )}
          </SpaceBetween>
        }
      >
        {name}
      </Header>
      {pendingDeletion ? (
        <Alert type="warning" header="Pending deletion">
          {`CloudTrail purges this event data store and its events on ${formatEventTime(purgeTimeOf(store))}: ${daysText(daysLeftBeforePurge(store, new Date()))} left. Restore it to keep it.`}
        </Alert>
      ) : null}
      {failed === undefined ? null : (
        <MutationError
          error={failed}
          onDismiss={() => {
            start.reset();
            stop.reset();
          }}
        />
      )}
      <GeneralDetails store={store} />
      <SelectorsView selectors={store.AdvancedEventSelectors ?? []} />
      <EventDataStoreUsage store={store} />
      <ResourceTags
        arn={arn}
        resource="An event data store"
        unavailable={
          pendingDeletion ? 'Tags cannot be read or changed while the store is pending deletion.' : undefined
        }
      />
      {dialog === 'delete' ? (
        <DeleteEventDataStoreModal
          store={store}
          onDismiss={() => {
            setDialog(undefined);
          }}
          onDeleted={() => {
            setDialog(undefined);
            notify({ type: 'success', content: `Event data store ${name} is pending deletion.`, key: arn });
          }}
        />
      ) : null}
      {dialog === 'restore' ? (
        <RestoreEventDataStoreModal
          store={store}
          onDismiss={() => {
            setDialog(undefined);
          }}
          onRestored={() => {
            setDialog(undefined);
            notify({ type: 'success', content: `Event data store ${name} restored.`, key: arn });
          }}
        />
      ) : null}
    </SpaceBetween>
  );
}

/** One event data store: settings, selectors, size, tags and its lifecycle actions. */
export function EventDataStoreDetailPage() {
  const { id = '' } = useParams();
  const { connection } = useConnection();
  const query = useQuery(eventDataStoreQueries.detail(connection, id));
  const breadcrumbs = [
    { text: 'Event data stores', href: paths.eventDataStores() },
    { text: query.data?.Name ?? id, href: paths.eventDataStoreDetail(id) },
  ];

  return (
    <PageLayout breadcrumbs={breadcrumbs}>
      <ResourceDetailContent
        query={query}
        id={id}
        loadingText="Loading event data store"
        notFoundErrors={['EventDataStoreNotFoundException', 'EventDataStoreARNInvalidException']}
        notFound={{
          title: 'Event data store not found',
          message: `No event data store ${id} exists in ${connection.region}. A deleted store is purged seven days after its deletion.`,
          href: paths.eventDataStores(),
          linkText: 'Go to event data stores',
        }}
      >
        {(store) => <EventDataStoreDetail store={store} />}
      </ResourceDetailContent>
    </PageLayout>
  );
}
