// Dashboard widgets (SEMANTICS.md §18.3): placeholders (`?`) and the QueryParameters that fill them,
// textual substitution, and the check a custom widget's query passes at CreateDashboard and
// UpdateDashboard: the Lake SQL translator's syntax and store checks of StartQuery (§10.1 steps
// 2-3), run on the statement with sample values in its placeholders.
import type { RequestWidget } from '@aws-sdk/client-cloudtrail';
import { MAX_WIDGETS } from '../../../../src/lib/cloudtrail-limits';
import type { RequestContext } from '../../context';
import {
  EventDataStoreNotFoundException,
  InactiveEventDataStoreException,
  InvalidQueryStatementException,
} from '../../errors';
import {
  eventDataStoreStatus,
  parseEventDataStoreReference,
  resolveEventDataStore,
} from '../event-data-stores/event-data-store';
import { lakeKind, lakeTableName } from '../queries/lake-mirror';
import {
  END_TIME,
  EVENT_DATA_STORE_ID,
  findPlaceholders,
  PERIOD,
  START_TIME,
  substitutePlaceholders,
} from '../../../../src/lib/widget-placeholders';

/** Widgets per dashboard (§18.3, §18.15). */
export const MAX_WIDGETS_PER_DASHBOARD = MAX_WIDGETS;

export { END_TIME, EVENT_DATA_STORE_ID, findPlaceholders, PERIOD, START_TIME, substitutePlaceholders };

const CUSTOM_TOKENS: ReadonlySet<string> = new Set([START_TIME, END_TIME, PERIOD]);
const BUILT_IN_TOKENS: ReadonlySet<string> = new Set([START_TIME, END_TIME, PERIOD, EVENT_DATA_STORE_ID]);

/** What the placeholders get while a custom widget is checked (§18.3). */
export const VALIDATION_VALUES: Readonly<Record<string, string>> = {
  [START_TIME]: '2000-01-01T00:00:00Z',
  [END_TIME]: '2000-01-01T00:00:00Z',
  [PERIOD]: 'hour',
};

/** Whether a QueryParameters entry is a `$...$` token rather than a literal value. */
export function isParameterToken(parameter: string): boolean {
  return parameter.length >= 2 && parameter.startsWith('$') && parameter.endsWith('$');
}

/**
 * Checks a widget's QueryParameters against its placeholders (§18.3): one entry per placeholder,
 * and only the tokens its kind may use; else InvalidQueryStatementException.
 */
export function checkWidgetParameters(widget: RequestWidget, label: string, builtIn = false): void {
  const statement = widget.QueryStatement ?? '';
  const parameters = widget.QueryParameters ?? [];
  const placeholders = findPlaceholders(statement).length;
  if (placeholders !== parameters.length)
    throw new InvalidQueryStatementException(
      `${label}: the query has ${String(placeholders)} placeholders (?) but ${String(parameters.length)} QueryParameters.`,
    );
  const tokens = builtIn ? BUILT_IN_TOKENS : CUSTOM_TOKENS;
  for (const parameter of parameters)
    if (isParameterToken(parameter) && !tokens.has(parameter))
      throw new InvalidQueryStatementException(
        `${label}: ${parameter} is not a query parameter; use ${[...tokens].join(', ')} or a literal value.`,
      );
}

/**
 * A widget's statement with its placeholders filled (§18.3): each token by its value in `values`
 * (a token without a value is left as written), each literal parameter as is.
 */
export function substituteWidget(widget: RequestWidget, values: Readonly<Record<string, string>>): string {
  const parameters = (widget.QueryParameters ?? []).map((parameter) =>
    isParameterToken(parameter) ? (values[parameter] ?? parameter) : parameter,
  );
  return substitutePlaceholders(widget.QueryStatement ?? '', parameters);
}

/**
 * Checks a custom widget at CreateDashboard and UpdateDashboard (§18.3): parameters, then §10.1
 * steps 2-3 on the statement with sample values: syntax -> InvalidQueryStatementException; each
 * table a store of the caller in this region (a malformed reference counts as unknown) ->
 * EventDataStoreNotFoundException; PENDING_DELETION -> InactiveEventDataStoreException. Semantic
 * problems (unknown columns, type mismatches) pass: they end the widget's query FAILED.
 */
export async function checkWidget(widget: RequestWidget, index: number, context: RequestContext): Promise<void> {
  const label = `Widget ${String(index + 1)}`;
  checkWidgetParameters(widget, label);
  const statement = substituteWidget(widget, VALIDATION_VALUES);
  // The translator (a Trino grammar, about 1 MB) is loaded on first use, as StartQuery loads it.
  const { translateLakeQuery } = await import('../queries/lake-sql/translate');
  // Stores a widget reads are not the call's resources: the dashboard is (§18.13).
  const resources = context.resources.length;
  try {
    translateLakeQuery(statement, {
      now: context.now,
      resolveStore: (reference) => {
        if (!parseEventDataStoreReference(reference, context))
          throw new EventDataStoreNotFoundException(`${label}: the event data store '${reference}' was not found.`);
        const store = resolveEventDataStore(context, reference);
        if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
          throw new InactiveEventDataStoreException(
            `${label}: the event data store '${store.arn}' is pending deletion.`,
          );
        return { table: lakeTableName(store.id), kind: lakeKind(store.kind) };
      },
    });
  } catch (error) {
    if (error instanceof InvalidQueryStatementException && !error.message.startsWith(label))
      throw new InvalidQueryStatementException(`${label}: ${error.message}`);
    throw error;
  } finally {
    context.resources.length = resources;
  }
}
