import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useNavigate } from 'react-router';
import { useCreateEventDataStore } from '@/api/event-data-stores';
import { useNotifications } from '@/components/notifications';
import { PageLayout } from '@/components/page-layout';
import { paths } from '@/lib/paths';
import { EventDataStoreForm } from './event-data-store-form';
import { DEFAULT_FORM_VALUES, toCreateInput } from './event-data-store-form-schema';

/** Creates an event data store; on success the store's page opens and follows its status. */
export function CreateEventDataStorePage() {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const create = useCreateEventDataStore();
  return (
    <PageLayout
      contentType="form"
      breadcrumbs={[
        { text: 'Event data stores', href: paths.eventDataStores() },
        { text: 'Create event data store', href: paths.createEventDataStore() },
      ]}
    >
      <SpaceBetween size="l">
        <Header
          variant="h1"
          description="A store keeps the events its selectors choose, for querying with CloudTrail Lake."
        >
          Create event data store
        </Header>
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
                notify({
                  type: 'success',
                  content: `Event data store ${store.Name ?? values.name} created.`,
                });
                void navigate(paths.eventDataStoreDetail(store.EventDataStoreArn ?? ''));
              },
            });
          }}
        />
      </SpaceBetween>
    </PageLayout>
  );
}
