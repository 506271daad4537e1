// A widget's SQL as the console edits it (mocks/emulator/SEMANTICS.md §18.3, §18.14): finding its `?`
// placeholders, turning a managed widget into a custom one over a chosen store, and filling the
// placeholders with sample values for the live preview.
import type { RequestWidget, Widget } from '@aws-sdk/client-cloudtrail';

/** The parameter tokens of §18.3; `$EventDataStoreId$` only in managed dashboards. */
export const START_TIME = '$StartTime$';
export const END_TIME = '$EndTime$';
export const PERIOD = '$Period$';
export const EVENT_DATA_STORE_ID = '$EventDataStoreId$';

interface Placeholder {
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** Index of the quote closing a run opened before `from`; a doubled quote stands for one. */
function closingQuote(text: string, from: number, quote: string): number {
  let index = from;
  while (index < text.length) {
    if (text[index] === quote) {
      if (text[index + 1] === quote) index += 2;
      else return index;
    } else index++;
  }
  return text.length;
}

/**
 * The placeholders of a statement in order (§18.3): every literal whose whole content is `?`
 * (`'?'`) and every bare `?` outside literals, quoted identifiers and comments.
 */
export function findPlaceholders(statement: string): Placeholder[] {
  const found: Placeholder[] = [];
  let index = 0;
  while (index < statement.length) {
    const char = statement[index];
    if (char === "'") {
      const close = closingQuote(statement, index + 1, "'");
      if (statement.slice(index + 1, close) === '?') found.push({ start: index, end: close + 1, quoted: true });
      index = close + 1;
    } else if (char === '"') {
      index = closingQuote(statement, index + 1, '"') + 1;
    } else if (char === '-' && statement[index + 1] === '-') {
      const newline = statement.indexOf('\n', index);
      index = newline === -1 ? statement.length : newline + 1;
    } else if (char === '/' && statement[index + 1] === '*') {
      const close = statement.indexOf('*/', index + 2);
      index = close === -1 ? statement.length : close + 2;
    } else {
      if (char === '?') found.push({ start: index, end: index + 1, quoted: false });
      index++;
    }
  }
  return found;
}

/** How many placeholders a statement has; QueryParameters needs one entry for each. */
export function placeholderCount(statement: string): number {
  return findPlaceholders(statement).length;
}

/**
 * Fills placeholders by position; `fill(index)` gives the text of one, or undefined to keep it.
 * A quoted placeholder keeps its quotes.
 */
function fillPlaceholders(statement: string, fill: (index: number) => string | undefined): string {
  let text = '';
  let from = 0;
  findPlaceholders(statement).forEach((placeholder, index) => {
    const value = fill(index);
    if (value === undefined) return;
    text += statement.slice(from, placeholder.start) + (placeholder.quoted ? `'${value}'` : value);
    from = placeholder.end;
  });
  return text + statement.slice(from);
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
