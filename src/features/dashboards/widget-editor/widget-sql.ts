// A widget's SQL as the console edits it (mocks/emulator/SEMANTICS.md §18.3, §18.14): finding its `?`
// placeholders, turning a managed widget into a custom one over a chosen store, and filling the
// placeholders with sample values for the live preview.
import type { RequestWidget, Widget } from '@aws-sdk/client-cloudtrail';
import {
  END_TIME,
  EVENT_DATA_STORE_ID,
  fillPlaceholders,
  findPlaceholders,
  PERIOD,
  START_TIME,
} from '@/lib/widget-placeholders';

export { END_TIME, EVENT_DATA_STORE_ID, PERIOD, START_TIME };

/** How many placeholders a statement has; QueryParameters needs one entry for each. */
export function placeholderCount(statement: string): number {
  return findPlaceholders(statement).length;
}

/**
 * A managed widget as a custom one over `storeId` (§18.14 "Save as new dashboard"): the placeholders
 * given `$EventDataStoreId$` become the store's ID and that parameter is dropped; QueryAlias goes.
 */
export function customWidgetOf(widget: Widget | RequestWidget, storeId: string): RequestWidget {
  const parameters = widget.QueryParameters ?? [];
  const statement = fillPlaceholders(widget.QueryStatement ?? '', (index) =>
    parameters[index] === EVENT_DATA_STORE_ID ? storeId : undefined,
  );
  const kept = parameters.filter((parameter) => parameter !== EVENT_DATA_STORE_ID);
  return {
    QueryStatement: statement,
    ...(kept.length > 0 ? { QueryParameters: kept } : {}),
    ViewProperties: { ...widget.ViewProperties },
  };
}

/** A widget as a request widget: the API's stored QueryAlias is not sent back. */
export function requestWidgetOf(widget: Widget): RequestWidget {
  return {
    QueryStatement: widget.QueryStatement ?? '',
    ...(widget.QueryParameters && widget.QueryParameters.length > 0
      ? { QueryParameters: [...widget.QueryParameters] }
      : {}),
    ViewProperties: { ...widget.ViewProperties },
  };
}

/** Whole seconds, as the dashboard refresh values are written (`2024-11-13T08:00:00Z`). */
function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * The statement a preview runs: the placeholders filled as a refresh of the last 24 hours by hour
 * would fill them (§18.10 defaults); a literal parameter is used as it is.
 */
export function previewStatement(statement: string, parameters: readonly string[], now: Date): string {
  const values: Record<string, string> = {
    [START_TIME]: isoSeconds(new Date(now.getTime() - 86_400_000)),
    [END_TIME]: isoSeconds(now),
    [PERIOD]: 'hour',
  };
  return fillPlaceholders(statement, (index) => {
    const parameter = parameters[index];
    return parameter === undefined ? undefined : (values[parameter] ?? parameter);
  });
}
