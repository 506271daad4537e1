// A widget's results and view properties turned into what its chart draws (mocks/emulator/SEMANTICS.md
// §18.3, §18.14): rows from GetQueryResults, series per FilterColumn value, the grid cell it takes,
// its query with the refresh's values filled in, and where clicking a label leads. All text stays text.
import type { ResultTable } from '@/api/lake-queries';
import { LOOKUP_ATTRIBUTE_VALUE } from '@/lib/cloudtrail-limits';
import type { UrlAttributeFilter } from '@/lib/event-history-url';

export type WidgetView = 'Table' | 'LineChart' | 'PieChart' | 'BarChart';

/** A widget's results: the Lake query page's table of GetQueryResults rows. */
export type WidgetTable = ResultTable;

/** The widget's view; a missing or unknown View is drawn as a table. */
export function widgetViewOf(properties: Readonly<Record<string, string>> | undefined): WidgetView {
  const view = properties?.View;
  return view === 'LineChart' || view === 'PieChart' || view === 'BarChart' ? view : 'Table';
}

const ROW_PIXELS = 150;

/** The grid cell: Width in columns of 12 (clamped 1..12, default 6), Height in rows of 150 px (1..8, default 2). */
export function widgetSizeOf(properties: Readonly<Record<string, string>> | undefined): {
  columns: number;
  heightPx: number;
} {
  const clamp = (text: string | undefined, min: number, max: number, fallback: number) => {
    const value = Math.round(Number(text));
    return Number.isFinite(value) && value > 0 ? Math.min(max, Math.max(min, value)) : fallback;
  };
  return {
    columns: clamp(properties?.Width, 1, 12, 6),
    heightPx: clamp(properties?.Height, 1, 8, 2) * ROW_PIXELS,
  };
}

/** The position of a column by name, or -1. */
function columnIndex(table: WidgetTable, name: string | undefined): number {
  return name === undefined ? -1 : table.columns.indexOf(name);
}

/** A number from a result cell; NULL and text count as 0. */
function numberOf(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}

export interface LabelledValue {
  label: string;
  value: number;
}

/**
 * Bars and slices: one value per label (LabelColumn, ValueColumn; defaults: the first and second
 * columns). Rows with the same label add up, so a FilterColumn split still draws one bar per label.
 */
export function labelledValuesOf(table: WidgetTable, properties: Readonly<Record<string, string>>): LabelledValue[] {
  const labelAt = Math.max(0, columnIndex(table, properties.LabelColumn));
  const found = columnIndex(table, properties.ValueColumn);
  const valueAt = found === -1 ? (labelAt === 0 ? 1 : 0) : found;
  const totals = new Map<string, number>();
  for (const row of table.rows) {
    const label = row[labelAt] ?? '';
    totals.set(label, (totals.get(label) ?? 0) + numberOf(row[valueAt]));
  }
  return [...totals].map(([label, value]) => ({ label, value }));
}

export interface TimeSeries {
  title: string;
  points: { x: Date; y: number }[];
}

/** A Lake timestamp ("2024-11-13 08:00:00.000", with or without zone) as an instant; UTC when no zone is given. */
export function parseResultTime(text: string): Date | undefined {
  const iso = text.trim().replace(' ', 'T');
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Lines: one series per FilterColumn value (one series named after YAxisColumn without it), points by time. */
export function timeSeriesOf(table: WidgetTable, properties: Readonly<Record<string, string>>): TimeSeries[] {
  const xAt = Math.max(0, columnIndex(table, properties.XAxisColumn));
  const found = columnIndex(table, properties.YAxisColumn);
  const yAt = found === -1 ? table.columns.length - 1 : found;
  const seriesAt = columnIndex(table, properties.FilterColumn);
  const series = new Map<string, Map<number, number>>();
  for (const row of table.rows) {
    const x = parseResultTime(row[xAt] ?? '');
    if (!x) continue;
    const title = seriesAt === -1 ? (table.columns[yAt] ?? 'value') : row[seriesAt] || '(none)';
    const points = series.get(title) ?? new Map<number, number>();
    points.set(x.getTime(), (points.get(x.getTime()) ?? 0) + numberOf(row[yAt]));
    series.set(title, points);
  }
  return [...series].map(([title, points]) => ({
    title,
    points: [...points].sort(([a], [b]) => a - b).map(([time, y]) => ({ x: new Date(time), y })),
  }));
}

/**
 * The widget's statement with the refresh's values in its `?` placeholders (§18.3): `'?'` becomes
 * `'<value>'`, a bare `?` outside literals becomes `<value>`, in order; `$Name$` parameters take the
 * value of that name, anything else is used as written. Text with too few values keeps its `?`.
 */
export function substitutePlaceholders(
  statement: string,
  parameters: readonly string[],
  values: Readonly<Record<string, string>>,
): string {
  let next = 0;
  const valueOf = () => {
    const parameter = parameters[next++];
    if (parameter === undefined) return undefined;
    return /^\$\w+\$$/.test(parameter) ? (values[parameter] ?? parameter) : parameter;
  };
  let out = '';
  let at = 0;
  while (at < statement.length) {
    const char = statement[at] ?? '';
    if (char === "'") {
      // A literal: '?' alone is a placeholder; any other literal is copied (doubled quotes included).
      let end = at + 1;
      while (end < statement.length) {
        if (statement[end] === "'" && statement[end + 1] === "'") end += 2;
        else if (statement[end] === "'") break;
        else end += 1;
      }
      const literal = statement.slice(at, end + 1);
      const value = literal === "'?'" ? valueOf() : undefined;
      out += value === undefined ? literal : `'${value}'`;
      at = end + 1;
    } else if (char === '?') {
      out += valueOf() ?? '?';
      at += 1;
    } else {
      out += char;
      at += 1;
    }
  }
  return out;
}

/** A label column that Event history can filter on, and how its values become a lookup attribute. */
const EVENT_HISTORY_COLUMNS: Record<string, (value: string) => UrlAttributeFilter | undefined> = {
  eventName: (value) => ({ key: 'EventName', value }),
  eventSource: (value) => ({ key: 'EventSource', value }),
  // The managed widgets show `REPLACE(eventSource, '.amazonaws.com')` as service.
  service: (value) => ({ key: 'EventSource', value: value.includes('.') ? value : `${value}.amazonaws.com` }),
  userName: (value) => ({ key: 'Username', value }),
  username: (value) => ({ key: 'Username', value }),
  user: (value) => ({ key: 'Username', value }),
  // An IAM user's or a role session's ARN ends with the name Event history knows it by.
  userArn: (value) => {
    const name = value.slice(value.lastIndexOf('/') + 1);
    return value.includes('/') && name !== '' ? { key: 'Username', value: name } : undefined;
  },
};

/** The Event history filter for a clicked label, when the label column is an event name, user or source. */
export function eventHistoryFilterFor(labelColumn: string | undefined, value: string): UrlAttributeFilter | undefined {
  const toFilter = labelColumn === undefined ? undefined : EVENT_HISTORY_COLUMNS[labelColumn];
  const filter = value === '' ? undefined : toFilter?.(value);
  return filter && filter.value.length <= LOOKUP_ATTRIBUTE_VALUE.max ? filter : undefined;
}

/** A SQL string literal of any text. */
function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A query for the Lake editor: the widget's rows whose label column holds the clicked value. */
export function filteredWidgetQuery(statement: string, labelColumn: string, value: string): string {
  return `SELECT * FROM (\n${statement}\n) AS widget WHERE "${labelColumn.replaceAll('"', '""')}" = ${sqlString(value)}`;
}
