import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import type { RequestWidget } from '@aws-sdk/client-cloudtrail';
import { useState } from 'react';
import { ModalFooter } from '@/components/modal-footer';
import { useShownErrors } from '@/hooks/use-shown-errors';
import {
  HEIGHT,
  PARAMETER_OPTIONS,
  VIEW_LABELS,
  WIDGET_VIEWS,
  WIDTH,
  columnFieldsOf,
  defaultWidgetFormValues,
  guessParameters,
  toRequestWidget,
  widgetFormErrors,
  widgetFormValuesOf,
  type WidgetFormValues,
  type WidgetView,
} from './widget-form-schema';
import { previewStatement } from './widget-sql';
import { useWidgetPreview, WidgetPreview } from './widget-preview';

type TextField =
  'title' | 'width' | 'height' | 'labelColumn' | 'valueColumn' | 'xAxisColumn' | 'yAxisColumn' | 'filterColumn';

const COLUMN_LABELS: Partial<Record<keyof WidgetFormValues, string>> = {
  labelColumn: 'Label column',
  valueColumn: 'Value column',
  xAxisColumn: 'X-axis column',
  yAxisColumn: 'Y-axis column',
};

/** Writes or edits a widget's query and view properties, with a live preview of the query. */
export function SqlWidgetModal({
  widget,
  onSave,
  onDismiss,
}: {
  /** The widget edited; undefined to add one. */
  widget: RequestWidget | undefined;
  onSave: (widget: RequestWidget) => void;
  onDismiss: () => void;
}) {
  const [values, setValues] = useState(widget ? widgetFormValuesOf(widget) : defaultWidgetFormValues);
  const errors = widgetFormErrors(values);
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, attemptSubmit } = useShownErrors(errors);
  const change = (next: Partial<WidgetFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
  };
  const text = (field: TextField) => ({
    value: values[field],
    onBlur: () => {
      visit(field);
    },
    onChange: ({ detail }: { detail: { value: string } }) => {
      change({ [field]: detail.value });
    },
  });
  const fields = columnFieldsOf(values.view);
  const preview = useWidgetPreview();
  // Once the preview has run, the column fields choose among its columns instead of free text.
  const previewColumns = preview.table?.columns ?? [];
  const columnField = (field: TextField, label: string, optional = false) =>
    previewColumns.length > 0 ? (
      <Select
        ariaLabel={label}
        selectedOption={values[field] === '' ? null : { value: values[field], label: values[field] }}
        placeholder="Choose a column"
        options={[
          ...(optional ? [{ value: '', label: 'None' }] : []),
          ...previewColumns.map((column) => ({ value: column, label: column })),
        ]}
        onBlur={() => {
          visit(field);
        }}
        onChange={({ detail }) => {
          change({ [field]: detail.selectedOption.value ?? '' });
        }}
      />
    ) : (
      <Input {...text(field)} spellcheck={false} />
    );
  const save = () => {
    attemptSubmit();
    if (valid) onSave(toRequestWidget(values));
  };
  const mapColumns = (columns: string[]) => {
    const [first = '', second = '', third = ''] = columns;
    if (values.view === 'LineChart')
      change({
        xAxisColumn: first,
        yAxisColumn: columns.length > 2 ? third : second,
        filterColumn: columns.length > 2 ? second : '',
      });
    else change({ labelColumn: first, valueColumn: second });
  };
  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      closeAriaLabel="Close"
      header={widget ? 'Edit widget' : 'Add widget from a query'}
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button variant="primary" onClick={save}>
            {widget ? 'Save widget' : 'Add widget'}
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="l">
        <ColumnLayout columns={2}>
          <FormField label="Widget title" errorText={errorOf('title')}>
            <Input {...text('title')} />
          </FormField>
          <FormField label="View type">
            <Select
              selectedOption={{ value: values.view, label: VIEW_LABELS[values.view] }}
              options={WIDGET_VIEWS.map((view) => ({ value: view, label: VIEW_LABELS[view] }))}
              onChange={({ detail }) => {
                change({ view: detail.selectedOption.value as WidgetView });
              }}
            />
          </FormField>
        </ColumnLayout>
        <FormField
          label="Query"
          description="Lake SQL over your event data stores. Write '?' where the dashboard's time range or period goes, and choose what each placeholder takes."
          errorText={errorOf('statement')}
        >
          <Textarea
            value={values.statement}
            rows={6}
            spellcheck={false}
            onBlur={() => {
              visit('statement');
            }}
            onChange={({ detail }) => {
              change({ statement: detail.value, parameters: guessParameters(detail.value, values.parameters) });
            }}
          />
        </FormField>
        {values.parameters.length > 0 ? (
          <ColumnLayout columns={3}>
            {values.parameters.map((parameter, index) => (
              <FormField key={index} label={`Placeholder ${String(index + 1)}`}>
                <Select
                  selectedOption={
                    PARAMETER_OPTIONS.find((option) => option.value === parameter) ?? {
                      value: parameter,
                      label: parameter,
                    }
                  }
                  options={[...PARAMETER_OPTIONS]}
                  onChange={({ detail }) => {
                    change({
                      parameters: values.parameters.map((old, position) =>
                        position === index ? (detail.selectedOption.value ?? old) : old,
                      ),
                    });
                  }}
                />
              </FormField>
            ))}
          </ColumnLayout>
        ) : null}
        {errorOf('parameters') ? <Box color="text-status-error">{errorOf('parameters')}</Box> : null}
        <ColumnLayout columns={3}>
          {fields.required.map((field) => (
            <FormField key={field} label={COLUMN_LABELS[field] ?? field} errorText={errorOf(field)}>
              {columnField(field as TextField, COLUMN_LABELS[field] ?? field)}
            </FormField>
          ))}
          {fields.filter ? (
            <FormField
              label="Filter column - optional"
              description={values.view === 'LineChart' ? 'One line per value.' : 'Offers a filter by its values.'}
              errorText={errorOf('filterColumn')}
            >
              {columnField('filterColumn', 'Filter column', true)}
            </FormField>
          ) : null}
          {values.view === 'BarChart' ? (
            <FormField label="Orientation">
              <Select
                selectedOption={{ value: values.orientation, label: values.orientation }}
                options={[
                  { value: 'Vertical', label: 'Vertical' },
                  { value: 'Horizontal', label: 'Horizontal' },
                ]}
                onChange={({ detail }) => {
                  change({ orientation: detail.selectedOption.value === 'Horizontal' ? 'Horizontal' : 'Vertical' });
                }}
              />
            </FormField>
          ) : null}
        </ColumnLayout>
        <ColumnLayout columns={2}>
          <FormField
            label="Width"
            constraintText={`Columns of the 12-column grid: ${String(WIDTH.min)}–${String(WIDTH.max)}.`}
            errorText={errorOf('width')}
          >
            <Input {...text('width')} inputMode="numeric" />
          </FormField>
          <FormField
            label="Height"
            constraintText={`Rows of 150 pixels: ${String(HEIGHT.min)}–${String(HEIGHT.max)}.`}
            errorText={errorOf('height')}
          >
            <Input {...text('height')} inputMode="numeric" />
          </FormField>
        </ColumnLayout>
        <FormField label="Preview" description="Runs the query over the last 24 hours, by hour.">
          <WidgetPreview
            preview={preview}
            properties={toRequestWidget(values).ViewProperties ?? {}}
            statement={
              values.statement.trim() === ''
                ? undefined
                : previewStatement(values.statement, values.parameters, new Date())
            }
            disabled={false}
            onColumns={mapColumns}
          />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
