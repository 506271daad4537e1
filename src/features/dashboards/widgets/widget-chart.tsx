import BarChart from '@cloudscape-design/components/bar-chart';
import Box from '@cloudscape-design/components/box';
import LineChart from '@cloudscape-design/components/line-chart';
import Link from '@cloudscape-design/components/link';
import PieChart from '@cloudscape-design/components/pie-chart';
import Table from '@cloudscape-design/components/table';
import type { ReactNode } from 'react';
import { useFollow } from '@/hooks/use-follow';
import {
  labelledValuesOf,
  timeSeriesOf,
  widgetViewOf,
  type LabelledValue,
  type TimeSeries,
  type WidgetTable,
} from './widget-data';

export interface WidgetChartProps {
  title: string;
  properties: Readonly<Record<string, string>>;
  table: WidgetTable;
  /** Height of the plot in pixels. */
  heightPx: number;
  /** Draw the rows as a table whatever the view: the chart's text alternative. */
  asTable: boolean;
  /** Where a clicked label leads: Event history or the query page filtered to it; undefined: nowhere (a preview). */
  hrefForLabel: ((label: string) => { href: string; text: string }) | undefined;
  /** Where a table cell leads, when its column is one Event history filters on (user, event name, source). */
  hrefForCell: (column: string, value: string) => { href: string; text: string } | undefined;
}

const EMPTY = (
  <Box textAlign="center" color="inherit">
    <b>No data</b>
    <Box variant="p" color="inherit">
      The query returned no rows for this time range.
    </Box>
  </Box>
);

const NO_MATCH = (
  <Box textAlign="center" color="inherit">
    No data matches the filter.
  </Box>
);

/** The series filter of lines and pies: without a label its multiselect trigger has no accessible name. */
const FILTER_STRINGS = { filterLabel: 'Filter displayed data', filterPlaceholder: 'Filter data' };

interface ResultRow {
  index: number;
  cells: string[];
}

function ResultTable({
  title,
  table,
  hrefForCell,
}: {
  title: string;
  table: WidgetTable;
  hrefForCell: WidgetChartProps['hrefForCell'];
}) {
  return (
    <Table<ResultRow>
      variant="embedded"
      // Not the title: the widget's card is the region named by it, and a table wider than its card
      // is a scrollable region named by this label (landmarks must differ).
      ariaLabels={{ tableLabel: `${title} results` }}
      items={table.rows.map((cells, index) => ({ index, cells }))}
      trackBy="index"
      columnDefinitions={table.columns.map((column, at) => ({
        id: String(at),
        header: column,
        cell: (row: ResultRow) => {
          const value = row.cells[at] ?? '';
          const target = hrefForCell(column, value);
          return target ? (
            <FollowLink href={target.href} ariaLabel={target.text}>
              {value}
            </FollowLink>
          ) : (
            value
          );
        },
      }))}
      empty={EMPTY}
      wrapLines={false}
    />
  );
}

function describeValues(values: readonly LabelledValue[]): string {
  return values.map((value) => `${value.label}: ${String(value.value)}`).join('; ');
}

function describeSeries(series: readonly TimeSeries[]): string {
  return series
    .map((line) => `${line.title}: ${String(line.points.reduce((sum, point) => sum + point.y, 0))} in all`)
    .join('; ');
}

function FollowLink({ href, ariaLabel, children }: { href: string; ariaLabel?: string; children: ReactNode }) {
  const follow = useFollow();
  return (
    <Link href={href} onFollow={follow} ariaLabel={ariaLabel}>
      {children}
    </Link>
  );
}

/**
 * A widget's rows drawn as its view says (§18.14): lines per FilterColumn value, bars (Orientation),
 * slices, or a table. Every chart carries an accessible name and a summary of its values; hovering
 * or focusing a bar or slice shows its value and a link that opens the events behind it.
 */
export function WidgetChart({
  title,
  properties,
  table,
  heightPx,
  asTable,
  hrefForLabel,
  hrefForCell,
}: WidgetChartProps) {
  const view = widgetViewOf(properties);
  if (asTable || view === 'Table') return <ResultTable title={title} table={table} hrefForCell={hrefForCell} />;

  const xTitle = properties.XAxisColumn ?? properties.LabelColumn ?? table.columns[0] ?? '';
  const yTitle = properties.YAxisColumn ?? properties.ValueColumn ?? table.columns[1] ?? '';

  if (view === 'LineChart') {
    const series = timeSeriesOf(table, properties);
    return (
      <LineChart
        series={series.map((line) => ({ title: line.title, type: 'line' as const, data: line.points }))}
        xScaleType="time"
        height={heightPx}
        xTitle={xTitle}
        yTitle={yTitle}
        ariaLabel={title}
        ariaDescription={
          series.length === 0 ? 'No data' : `Line chart of ${yTitle} by ${xTitle}. ${describeSeries(series)}`
        }
        i18nStrings={{
          ...FILTER_STRINGS,
          xTickFormatter: (value) => value.toISOString().slice(5, 16).replace('T', ' '),
        }}
        empty={EMPTY}
        noMatch={NO_MATCH}
        fitHeight={false}
        hideFilter={series.length < 2}
        legendTitle={properties.FilterColumn}
      />
    );
  }

  const values = labelledValuesOf(table, properties);
  const footer = (label: string) => {
    const target = hrefForLabel?.(label);
    if (!target) return null;
    return <FollowLink href={target.href}>{target.text}</FollowLink>;
  };

  if (view === 'PieChart')
    return (
      <PieChart
        data={values.map((value) => ({ title: value.label, value: value.value }))}
        size="medium"
        ariaLabel={title}
        ariaDescription={
          values.length === 0 ? 'No data' : `Pie chart of ${yTitle} by ${xTitle}. ${describeValues(values)}`
        }
        detailPopoverFooter={(segment) => footer(segment.title)}
        i18nStrings={FILTER_STRINGS}
        empty={EMPTY}
        noMatch={NO_MATCH}
        hideFilter={values.length < 2}
        legendTitle={properties.LabelColumn}
      />
    );

  const horizontal = properties.Orientation !== 'Vertical';
  return (
    <BarChart
      series={[{ title: yTitle, type: 'bar', data: values.map((value) => ({ x: value.label, y: value.value })) }]}
      xDomain={values.map((value) => value.label)}
      xScaleType="categorical"
      horizontalBars={horizontal}
      height={heightPx}
      xTitle={xTitle}
      yTitle={yTitle}
      ariaLabel={title}
      ariaDescription={
        values.length === 0 ? 'No data' : `Bar chart of ${yTitle} by ${xTitle}. ${describeValues(values)}`
      }
      detailPopoverFooter={(x) => footer(x)}
      empty={EMPTY}
      noMatch={NO_MATCH}
      hideFilter
      hideLegend
    />
  );
}
