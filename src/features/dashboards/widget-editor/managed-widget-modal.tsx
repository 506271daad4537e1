import type { RequestWidget } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dashboardQueries, HIGHLIGHTS_DASHBOARD_NAME } from '@/api/dashboards';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { ModalFooter } from '@/components/modal-footer';
import { eventDataStoreIdOf } from '@/lib/paths';
import { customWidgetOf } from './widget-sql';

/** The stores a managed dashboard's widgets can read: a test, and how the kind reads ("management events"). */
export interface ManagedStoreFilter {
  label: string;
  matches: (store: EventDataStoreDetails) => boolean;
}

/**
 * Adds a widget of a managed dashboard (§18.14 "add a sample widget"): its query is rewritten to
 * read the chosen event data store instead of the managed dashboard's store placeholder.
 */
export function ManagedWidgetModal({
  initialStore,
  storeFilterOf,
  onAdd,
  onDismiss,
}: {
  /** Which stores a managed dashboard's widgets can read; undefined (or an undefined answer) offers all. */
  storeFilterOf?: (dashboardName: string) => ManagedStoreFilter | undefined;
  /** The store chosen last, offered again. */
  initialStore: string | undefined;
  onAdd: (widget: RequestWidget, storeId: string) => void;
  onDismiss: () => void;
}) {
  const { connection } = useConnection();
  const dashboards = useQuery(dashboardQueries.list(connection));
  const stores = useQuery(eventDataStoreQueries.list(connection));
  const [dashboardName, setDashboardName] = useState<string>();
  const [widgetIndex, setWidgetIndex] = useState<number>();
  const [storeId, setStoreId] = useState(initialStore);

  const managed = (dashboards.data ?? []).filter(
    (dashboard) => dashboard.Type === 'MANAGED' && dashboard.Name !== HIGHLIGHTS_DASHBOARD_NAME,
  );
  const chosen = managed.find((dashboard) => dashboard.Name === dashboardName);
  const widgets = chosen?.details.Widgets ?? [];
  const widget = widgetIndex === undefined ? undefined : widgets[widgetIndex];
  // Only stores holding the events the chosen dashboard reads (§18.14); all stores until one is chosen.
  const filter = chosen ? storeFilterOf?.(chosen.Name) : undefined;
  const storeOptions = (stores.data ?? [])
    .filter((store) => store.Status !== 'PENDING_DELETION')
    .filter((store) => filter === undefined || filter.matches(store))
    .map((store) => ({ value: eventDataStoreIdOf(store.EventDataStoreArn ?? ''), label: store.Name ?? '' }));
  const selectedStore = storeOptions.find((option) => option.value === storeId) ?? null;
  const loadError = dashboards.error ?? stores.error;
  const loadErrorView = loadError ? describeError(loadError) : undefined;

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      closeAriaLabel="Close"
      header="Add widget from a managed dashboard"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button
            variant="primary"
            disabled={widget === undefined || selectedStore === null}
            onClick={() => {
              if (widget && selectedStore?.value)
                onAdd(customWidgetOf(widget, selectedStore.value), selectedStore.value);
            }}
          >
            Add widget
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="l">
        {loadErrorView ? (
          <Alert type="error" header={loadErrorView.title}>
            {loadErrorView.message}
          </Alert>
        ) : null}
        <FormField label="Managed dashboard">
          <Select
            statusType={dashboards.isPending ? 'loading' : 'finished'}
            loadingText="Loading dashboards"
            placeholder="Choose a dashboard"
            selectedOption={chosen ? { value: chosen.Name, label: chosen.Name } : null}
            options={managed.map((dashboard) => ({ value: dashboard.Name, label: dashboard.Name }))}
            onChange={({ detail }) => {
              setDashboardName(detail.selectedOption.value);
              setWidgetIndex(undefined);
            }}
          />
        </FormField>
        <FormField label="Widget">
          <Select
            disabled={chosen === undefined}
            placeholder="Choose a widget"
            selectedOption={
              widget ? { value: String(widgetIndex), label: widget.ViewProperties?.Title ?? 'Untitled' } : null
            }
            options={widgets.map((item, index) => ({
              value: String(index),
              label: item.ViewProperties?.Title ?? `Widget ${String(index + 1)}`,
              description: item.ViewProperties?.View,
            }))}
            onChange={({ detail }) => {
              setWidgetIndex(Number(detail.selectedOption.value));
            }}
          />
        </FormField>
        <FormField
          label="Event data store"
          description={
            filter
              ? `The widget's query reads this store; it must hold ${filter.label}.`
              : "The widget's query reads this store."
          }
        >
          <Select
            statusType={stores.isPending ? 'loading' : 'finished'}
            loadingText="Loading event data stores"
            placeholder="Choose an event data store"
            empty="No event data stores"
            selectedOption={selectedStore}
            options={storeOptions}
            onChange={({ detail }) => {
              setStoreId(detail.selectedOption.value);
            }}
          />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
