import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Toggle from '@cloudscape-design/components/toggle';
import { useState } from 'react';
import { REFRESH_SCHEDULE_CHOICES } from '@/api/dashboards';
import { ResourceForm } from '@/components/resource-form';
import { TagsContainer } from '@/components/tags-editor';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { DASHBOARD_NAME, MAX_WIDGETS } from '@/lib/cloudtrail-limits';
import { dashboardFormErrors, type DashboardFormValues } from './dashboard-form-schema';
import { builtInStoreKind, STORE_KIND_LABELS, storeMatchesKind } from './managed-dashboard-stores';
import type { ManagedStoreFilter } from './widget-editor/managed-widget-modal';
import { WidgetsEditor } from './widget-editor/widgets-editor';

/** A built-in's widgets read only stores of its kind (§18.14), as its own store picker offers. */
function storeFilterOf(dashboardName: string): ManagedStoreFilter | undefined {
  const kind = builtInStoreKind(dashboardName);
  return kind
    ? { label: STORE_KIND_LABELS[kind], matches: (store) => storeMatchesKind(store.AdvancedEventSelectors, kind) }
    : undefined;
}

export interface DashboardFormProps {
  mode: 'create' | 'edit';
  initial: DashboardFormValues;
  submitText: string;
  cancelHref: string;
  submitting: boolean;
  /** The API's rejection of the last submit. */
  error: unknown;
  onSubmit: (values: DashboardFormValues) => void;
}

/** The create and edit form of a custom dashboard; nothing is sent while a field is invalid. */
export function DashboardForm({
  mode,
  initial,
  submitText,
  cancelHref,
  submitting,
  error,
  onSubmit,
}: DashboardFormProps) {
  const [values, setValues] = useState(initial);
  const errors = dashboardFormErrors(values, mode);
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
        if (valid) onSubmit(values);
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
        {mode === 'create' ? (
          <TagsContainer
            resource="dashboard"
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
