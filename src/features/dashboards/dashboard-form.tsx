import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Toggle from '@cloudscape-design/components/toggle';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dashboardQueries, REFRESH_SCHEDULE_CHOICES } from '@/api/dashboards';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { ResourceForm } from '@/components/resource-form';
import { TagsContainer } from '@/components/tags-editor';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { DASHBOARD_NAME, MAX_WIDGETS } from '@/lib/cloudtrail-limits';
import { useExistingNames } from '@/hooks/use-existing-names';
import { accountOfArn, dashboardArnFor } from '@/lib/dashboard-policies';
import { duplicateNameError } from '@/lib/form-errors';
import { DashboardPermissions } from './dashboard-permissions';
import { dashboardFormErrors, type DashboardFormValues } from './dashboard-form-schema';
import { builtInStoreKind, STORE_KIND_LABELS, storeMatchesKind, storesNamedBy } from './managed-dashboard-stores';
import type { ManagedStoreFilter } from './widget-editor/managed-widget-modal';
import { PreviewChartContext, type PreviewChartRenderer } from './widget-editor/preview-chart';
import { WidgetsEditor } from './widget-editor/widgets-editor';
import { WidgetChart } from './widgets/widget-chart';

/** The widget editor's live preview draws with the dashboard's own charts. */
const renderPreviewChart: PreviewChartRenderer = ({ properties, table }) => (
  <WidgetChart
    title="Preview chart"
    properties={properties}
    table={table}
    heightPx={220}
    asTable={false}
    hrefForLabel={undefined}
    hrefForCell={() => undefined}
  />
);

/** A built-in's widgets read only stores of its kind (§18.14), as its own store picker offers. */
function storeFilterOf(dashboardName: string): ManagedStoreFilter | undefined {
  const kind = builtInStoreKind(dashboardName);
  return kind
    ? { label: STORE_KIND_LABELS[kind], matches: (store) => storeMatchesKind(store.AdvancedEventSelectors, kind) }
    : undefined;
}

/** What saving must also grant (§18.14): the stores the widgets read, for a dashboard refreshed on a schedule. */
export interface PermissionsToApply {
  storeArns: string[];
}

export interface DashboardFormProps {
  mode: 'create' | 'edit';
  /** The dashboard edited (edit mode): its name cannot change. */
  dashboardName?: string;
  initial: DashboardFormValues;
  submitText: string;
  cancelHref: string;
  submitting: boolean;
  /** The API's rejection of the last submit. */
  error: unknown;
  /** Called with valid values, and the permissions to apply after saving when the dashboard has a schedule. */
  onSubmit: (values: DashboardFormValues, permissions: PermissionsToApply | undefined) => void;
}

/** The create and edit form of a custom dashboard; nothing is sent while a field is invalid. */
export function DashboardForm({
  mode,
  dashboardName,
  initial,
  submitText,
  cancelHref,
  submitting,
  error,
  onSubmit,
}: DashboardFormProps) {
  const { connection } = useConnection();
  const [values, setValues] = useState(initial);
  const dashboards = useQuery(dashboardQueries.list(connection));
  const storesQuery = useQuery(eventDataStoreQueries.list(connection));
  const activeStores = (storesQuery.data ?? []).filter((store) => store.Status !== 'PENDING_DELETION');
  const readStores = storesNamedBy(
    values.widgets.map((widget) => widget.QueryStatement ?? ''),
    activeStores,
  );
  // The built-ins' ARNs carry the caller's account (§18.2); the stores' do too.
  const account = accountOfArn(dashboards.data?.[0]?.DashboardArn ?? activeStores[0]?.EventDataStoreArn ?? '');
  const name = mode === 'edit' ? (dashboardName ?? '') : values.name;
  const dashboardArn = dashboardArnFor(connection.region, account, name === '' ? '<name>' : name);
  const existingNames = useExistingNames(dashboardQueries.list(connection), (dashboard) => dashboard.Name);
  const schemaErrors = dashboardFormErrors(values, mode);
  // A name already used in the Region is refused next to the field, before sending (§18.2).
  const duplicate =
    mode === 'create' && schemaErrors.name === undefined
      ? duplicateNameError(values.name, existingNames, { what: 'A dashboard', region: connection.region })
      : undefined;
  const errors = duplicate === undefined ? schemaErrors : { name: duplicate, ...schemaErrors };
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, submitted, attemptSubmit } = useShownErrors(errors);
  const change = (next: Partial<DashboardFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
  };
  const schedule =
    REFRESH_SCHEDULE_CHOICES.find((choice) => choice.value === values.schedule) ?? REFRESH_SCHEDULE_CHOICES[0];
  return (
    <ResourceForm
      submitText={submitText}
      cancelHref={cancelHref}
      submitting={submitting}
      error={error}
      invalid={submitted && !valid}
      onSubmit={() => {
        attemptSubmit();
        if (valid)
          onSubmit(
            values,
            values.schedule === 'off'
              ? undefined
              : { storeArns: readStores.map((store) => store.EventDataStoreArn ?? '') },
          );
      }}
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Dashboard details</Header>}>
          <SpaceBetween size="l">
            {mode === 'create' ? (
              <FormField
                label="Dashboard name"
                constraintText={`${String(DASHBOARD_NAME.min)}–${String(DASHBOARD_NAME.max)} characters: letters, numbers, hyphens and underscores. Unique in the Region.`}
                errorText={errorOf('name')}
              >
                <Input
                  value={values.name}
                  spellcheck={false}
                  onBlur={() => {
                    visit('name');
                  }}
                  onChange={({ detail }) => {
                    change({ name: detail.value });
                  }}
                />
              </FormField>
            ) : null}
            <FormField
              label="Refresh schedule"
              description="CloudTrail refreshes the dashboard over the last 24 hours on this schedule. Each refresh runs one query per widget, billed by the data scanned."
            >
              <Select
                selectedOption={schedule ? { value: schedule.value, label: schedule.label } : null}
                options={REFRESH_SCHEDULE_CHOICES.map((choice) => ({ value: choice.value, label: choice.label }))}
                onChange={({ detail }) => {
                  change({ schedule: detail.selectedOption.value ?? 'off' });
                }}
              />
            </FormField>
            <FormField
              label="Termination protection"
              description="A protected dashboard cannot be deleted until protection is turned off."
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
        <PreviewChartContext value={renderPreviewChart}>
          <WidgetsEditor
            widgets={values.widgets}
            max={MAX_WIDGETS}
            error={errorOf('widgets')}
            storeFilterOf={storeFilterOf}
            onChange={(widgets) => {
              visit('widgets');
              change({ widgets });
            }}
          />
        </PreviewChartContext>
        {values.schedule === 'off' ? null : (
          <Container
            header={
              <Header
                variant="h2"
                description="A dashboard refreshed on a schedule needs these resource policies; saving applies them."
              >
                Permissions
              </Header>
            }
          >
            {storesQuery.isPending ? (
              <StatusIndicator type="loading">Loading event data stores</StatusIndicator>
            ) : (
              <DashboardPermissions dashboardArn={dashboardArn} stores={readStores} scheduled />
            )}
          </Container>
        )}
        <TagsContainer
          resource="dashboard"
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
