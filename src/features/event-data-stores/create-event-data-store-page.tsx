import { useNavigate } from 'react-router';
import { useCreateEventDataStore } from '@/api/event-data-stores';
import { useNotifications } from '@/components/notifications';
import { FormPageLayout } from '@/components/form-page-layout';
import { paths } from '@/lib/paths';
import { EventDataStoreForm } from './event-data-store-form';
import { DEFAULT_FORM_VALUES, toCreateInput } from './event-data-store-form-schema';

/** Creates an event data store; on success the store's page opens and follows its status. */
export function CreateEventDataStorePage() {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const create = useCreateEventDataStore();
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Event data stores', href: paths.eventDataStores() },
        { text: 'Create event data store', href: paths.createEventDataStore() },
      ]}
      title="Create event data store"
      description="A store keeps the events its selectors choose, for querying with CloudTrail Lake."
    >
      <EventDataStoreForm
        mode="create"
        initial={DEFAULT_FORM_VALUES}
        submitText="Create event data store"
        cancelHref={paths.eventDataStores()}
        submitting={create.isPending}
        error={create.error}
        onSubmit={(values) => {
          create.mutate(toCreateInput(values), {
            onSuccess: (store) => {
              const detail = paths.eventDataStoreDetail(store.EventDataStoreArn ?? '');
              notify({
                type: 'success',
                content: `Event data store ${store.Name ?? values.name} created.`,
                key: store.EventDataStoreArn,
                path: detail,
              });
              void navigate(detail);
            },
          });
        }}
      />
    </FormPageLayout>
  );
}
