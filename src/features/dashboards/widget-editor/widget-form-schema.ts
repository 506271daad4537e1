// The widget form: a query written by hand, its placeholders' parameters and its ViewProperties
// (mocks/emulator/SEMANTICS.md §18.3): View, Title, Width, Height and the column mapping each view needs.
import type { RequestWidget } from '@aws-sdk/client-cloudtrail';
import { END_TIME, PERIOD, START_TIME, findPlaceholders } from '@/lib/widget-placeholders';

export const WIDGET_VIEWS = ['BarChart', 'LineChart', 'PieChart', 'Table'] as const;
export type WidgetView = (typeof WIDGET_VIEWS)[number];

export const VIEW_LABELS: Record<WidgetView, string> = {
  BarChart: 'Bar chart',
  LineChart: 'Line chart',
  PieChart: 'Pie chart',
  Table: 'Table',
};

/** Model shape ViewPropertiesValue: 1..128 of letters, numbers, `.`, `_`, `-` and spaces. */
const VIEW_PROPERTY_VALUE = /^[A-Za-z0-9._\- ]{1,128}$/;
/** The grid: Width in columns of 12, Height in rows of 150 px (§18.14). */
export const WIDTH = { min: 1, max: 12 } as const;
export const HEIGHT = { min: 1, max: 6 } as const;
/** QueryParameters per widget (§18.15). */
export const MAX_PARAMETERS = 10;

export const PARAMETER_OPTIONS = [
  { value: START_TIME, label: 'Start time ($StartTime$)' },
  { value: END_TIME, label: 'End time ($EndTime$)' },
  { value: PERIOD, label: 'Period ($Period$)' },
] as const;

export interface WidgetFormValues {
  title: string;
  view: WidgetView;
  statement: string;
  /** One per placeholder, by position. */
  parameters: string[];
  width: string;
  height: string;
  labelColumn: string;
  valueColumn: string;
  xAxisColumn: string;
  yAxisColumn: string;
  filterColumn: string;
  orientation: 'Horizontal' | 'Vertical';
}

export const defaultWidgetFormValues: WidgetFormValues = {
  title: '',
  view: 'BarChart',
  statement: '',
  parameters: [],
  width: '6',
  height: '2',
  labelColumn: '',
  valueColumn: '',
  xAxisColumn: '',
  yAxisColumn: '',
  filterColumn: '',
  orientation: 'Vertical',
};

/**
 * The parameter a placeholder most likely wants: `DATE_TRUNC('?'` takes the period; other
 * placeholders alternate start and end time, as in `eventTime > '?' AND eventTime < '?'`.
 */
export function guessParameters(statement: string, current: readonly string[]): string[] {
  let times = 0;
  return findPlaceholders(statement).map((placeholder, index) => {
    const kept = current[index];
    const before = statement.slice(0, placeholder.start);
    const guess = /date_trunc\(\s*$/i.test(before) ? PERIOD : times++ % 2 === 0 ? START_TIME : END_TIME;
    return kept ?? guess;
  });
}

function isView(value: string | undefined): value is WidgetView {
  return (WIDGET_VIEWS as readonly string[]).includes(value ?? '');
}

/** The form's values for a widget being edited. */
export function widgetFormValuesOf(widget: RequestWidget): WidgetFormValues {
  const view = widget.ViewProperties ?? {};
  return {
    title: view.Title ?? '',
    view: isView(view.View) ? view.View : 'Table',
    statement: widget.QueryStatement ?? '',
    parameters: [...(widget.QueryParameters ?? [])],
    width: view.Width ?? defaultWidgetFormValues.width,
    height: view.Height ?? defaultWidgetFormValues.height,
    labelColumn: view.LabelColumn ?? '',
    valueColumn: view.ValueColumn ?? '',
    xAxisColumn: view.XAxisColumn ?? '',
    yAxisColumn: view.YAxisColumn ?? '',
    filterColumn: view.FilterColumn ?? '',
    orientation: view.Orientation === 'Horizontal' ? 'Horizontal' : 'Vertical',
  };
}

/** Which column fields a view needs (required) or may have (optional). */
export function columnFieldsOf(view: WidgetView): { required: (keyof WidgetFormValues)[]; filter: boolean } {
  switch (view) {
    case 'BarChart':
    case 'PieChart':
      return { required: ['labelColumn', 'valueColumn'], filter: true };
    case 'LineChart':
      return { required: ['xAxisColumn', 'yAxisColumn'], filter: true };
    case 'Table':
      return { required: [], filter: false };
  }
}

function checkViewValue(value: string, label: string): string | undefined {
  if (value === '') return `Enter the ${label}.`;
  if (!VIEW_PROPERTY_VALUE.test(value))
    return 'Use at most 128 letters, numbers, spaces, periods, underscores and hyphens.';
  return undefined;
}

function checkNumber(value: string, range: { min: number; max: number }): string | undefined {
  const number = Number(value);
  return /^\d+$/.test(value) && number >= range.min && number <= range.max
    ? undefined
    : `Enter a whole number from ${String(range.min)} to ${String(range.max)}.`;
}

/** The widget form's errors by field. */
export function widgetFormErrors(values: WidgetFormValues): Record<string, string> {
  const errors: Record<string, string | undefined> = {
    title: checkViewValue(values.title, 'title'),
    statement: values.statement.trim() === '' ? 'Enter a query.' : undefined,
    parameters:
      values.parameters.length > MAX_PARAMETERS
        ? `A widget query has at most ${String(MAX_PARAMETERS)} placeholders.`
        : undefined,
    width: checkNumber(values.width, WIDTH),
    height: checkNumber(values.height, HEIGHT),
  };
  const fields = columnFieldsOf(values.view);
  for (const field of fields.required) errors[field] = checkViewValue(String(values[field]), 'column name');
  if (fields.filter && values.filterColumn !== '')
    errors.filterColumn = checkViewValue(values.filterColumn, 'column name');
  return Object.fromEntries(
    Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The request widget the form's values describe; unused column properties are left out. */
export function toRequestWidget(values: WidgetFormValues): RequestWidget {
  const view: Record<string, string> = {
    Title: values.title,
    View: values.view,
    Width: values.width,
    Height: values.height,
  };
  if (values.view === 'BarChart' || values.view === 'PieChart') {
    view.LabelColumn = values.labelColumn;
    view.ValueColumn = values.valueColumn;
  }
  if (values.view === 'LineChart') {
    view.XAxisColumn = values.xAxisColumn;
    view.YAxisColumn = values.yAxisColumn;
  }
  if (values.view !== 'Table' && values.filterColumn !== '') view.FilterColumn = values.filterColumn;
  if (values.view === 'BarChart') view.Orientation = values.orientation;
  return {
    QueryStatement: values.statement,
    ...(values.parameters.length > 0 ? { QueryParameters: values.parameters } : {}),
    ViewProperties: view,
  };
}
