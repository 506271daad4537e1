import type { Widget } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Grid from '@cloudscape-design/components/grid';
import { WidgetCard } from './widget-card';
import { widgetSizeOf } from './widget-data';

export interface WidgetGridProps {
  widgets: readonly Widget[];
  refreshId: string | undefined;
  values: Readonly<Record<string, string>>;
}

/** The widgets in a 12-column grid (§18.14): Width is columns, Height rows of 150 px; one column on narrow screens. */
export function WidgetGrid({ widgets, refreshId, values }: WidgetGridProps) {
  if (widgets.length === 0)
    return (
      <Box textAlign="center" color="text-status-inactive" padding="l">
        This dashboard has no widgets.
      </Box>
    );
  return (
    <Grid
      gridDefinition={widgets.map((widget) => ({
        colspan: { default: 12, m: widgetSizeOf(widget.ViewProperties).columns },
      }))}
    >
      {widgets.map((widget, index) => (
        <WidgetCard
          key={`${widget.QueryAlias ?? ''}-${String(index)}`}
          widget={widget}
          refreshId={refreshId}
          values={values}
        />
      ))}
    </Grid>
  );
}
