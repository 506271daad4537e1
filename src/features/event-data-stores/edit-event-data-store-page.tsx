import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { eventDataStoreQueries, useUpdateEventDataStore, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { useNotifications } from '@/components/notifications';
import { FormPageLayout } from '@/components/form-page-layout';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { EventDataStoreForm } from './event-data-store-form';
import { formValuesOf, toUpdateInput } from './event-data-store-form-schema';
import { fromAdvancedEventSelectors } from '@/lib/selector-drafts';
import { QueryError } from '@/components/query-error';

function EditForm({ store }: { store: EventDataStoreDetails }) {
  const navigate = useNavigate();
  const follow = useFollow();
  const { notify } = useNotifications();
  const update = useUpdateEventDataStore();
  const [unchanged, setUnchanged] = useState(false);
  const arn = store.EventDataStoreArn ?? '';
  // The form starts from the store as first loaded; an update sends only what differs from it now.
  const current = formValuesOf(store);
  const editable = fromAdvancedEventSelectors(store.AdvancedEventSelectors) !== undefined;
  if (store.Status === 'PENDING_DELETION')
    return (
      <Alert
        type="warning"
        header="Pending deletion"
        action={
          <Button href={paths.eventDataStoreDetail(arn)} onFollow={follow}>
            Go to the store
          </Button>
        }
      >
        A store pending deletion cannot be changed. Restore it first.
      </Alert>
    );
  return (
    <EventDataStoreForm
      mode="edit"
      initial={current}
      currentBillingMode={store.BillingMode}
      {...(editable ? {} : { fixedSelectors: store.AdvancedEventSelectors ?? [] })}
      submitText="Save changes"
      cancelHref={paths.eventDataStoreDetail(arn)}
      submitting={update.isPending}
      error={update.error}
      formError={unchanged ? 'Nothing to save: change a setting first.' : undefined}
      onEdit={() => {
        setUnchanged(false);
      }}
      onSubmit={(values) => {
        const input = toUpdateInput(store, current, values);
        if (!input) {
          setUnchanged(true);
          return;
        }
        update.mutate(input, {
          onSuccess: (updated) => {
            notify({
              type: 'success',
              content: `Event data store ${updated.Name ?? values.name} updated.`,
              key: arn,
              path: paths.eventDataStoreDetail(arn),
            });
            void navigate(paths.eventDataStoreDetail(arn));
          },
        });
      }}
    />
  );
}

/** Changes a store's name, pricing, retention, termination protection and selectors. */
export function EditEventDataStorePage() {
  const { id = '' } = useParams();
  const { connection } = useConnection();
  const query = useQuery(eventDataStoreQueries.detail(connection, id));
  const name = query.data?.Name ?? id;
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading event data store</StatusIndicator>;
  else if (query.isError) {
    content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else content = <EditForm store={query.data} />;
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Event data stores', href: paths.eventDataStores() },
        { text: name, href: paths.eventDataStoreDetail(id) },
        { text: 'Edit', href: paths.editEventDataStore(id) },
      ]}
      title={`Edit ${name}`}
      description="Only the settings CloudTrail lets you change after creation are shown."
    >
      {content}
    </FormPageLayout>
  );
}
