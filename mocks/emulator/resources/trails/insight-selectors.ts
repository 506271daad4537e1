// Insight selectors of trails and event data stores (SEMANTICS.md §17.8): which Insights types a
// source logs, the event selectors each needs, and Put/GetInsightSelectors. The emulator produces
// no Insights events (§5); the selectors are kept, checked and answered.
import type {
  AdvancedEventSelector,
  EventSelector,
  GetInsightSelectorsRequest,
  GetInsightSelectorsResponse,
  InsightSelector,
  PutInsightSelectorsRequest,
  PutInsightSelectorsResponse,
} from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import {
  InsightNotEnabledException,
  InvalidInsightSelectorsException,
  InvalidParameterCombinationException,
  InvalidParameterException,
} from '../../errors';
import type { EmulatorState } from '../../state';
import {
  EVENT_DATA_STORES,
  eventDataStoreResource,
  isPurged,
  parseEventDataStoreReference,
  type StoredEventDataStore,
} from '../event-data-stores/event-data-store';
import { checkTrailReference, resolveTrail } from './trail-names';
import { saveTrail, type StoredTrail } from './trail';

/** Insight selectors of event data stores, keyed by store ARN (trails keep theirs). */
export const STORE_INSIGHTS = 'event-data-store-insights';

/** A store's Insights settings. */
export interface StoreInsights {
  readonly insightSelectors: readonly InsightSelector[];
  readonly insightsDestination?: string;
}

/** The event selectors an Insights source logs: basic or advanced. */
export interface SourceSelectors {
  readonly basic?: readonly EventSelector[];
  readonly advanced?: readonly AdvancedEventSelector[];
}

function invalid(message: string): never {
  throw new InvalidInsightSelectorsException(message);
}

/** The categories an insight selector covers: Management when absent (§17.8). */
function categoriesOf(selector: InsightSelector): readonly string[] {
  return selector.EventCategories ?? ['Management'];
}

/** Checks insight selectors' form (§17.8): each type at most once. Types and categories are model enums. */
export function validateInsightSelectors(selectors: readonly InsightSelector[]): void {
  const seen = new Set<string>();
  for (const selector of selectors) {
    const type = selector.InsightType;
    if (type === undefined) invalid('Each insight selector needs an InsightType.');
    if (seen.has(type)) invalid(`The insight type ${type} is given more than once.`);
    seen.add(type);
  }
}

function advancedCategory(selector: AdvancedEventSelector): string | undefined {
  return selector.FieldSelectors?.find((field) => field.Field === 'eventCategory')?.Equals?.[0];
}

/** Whether selectors log management write events (what ApiCallRateInsight needs). */
function logsManagementWrites(source: SourceSelectors): boolean {
  if (source.advanced)
    return source.advanced.some((selector) => {
      if (advancedCategory(selector) !== 'Management') return false;
      const readOnly = selector.FieldSelectors?.find((field) => field.Field === 'readOnly');
      return readOnly === undefined || readOnly.Equals?.[0] === 'false';
    });
  return (source.basic ?? []).some(
    (selector) => selector.IncludeManagementEvents !== false && selector.ReadWriteType !== 'ReadOnly',
  );
}

function logsManagement(source: SourceSelectors): boolean {
  if (source.advanced) return source.advanced.some((selector) => advancedCategory(selector) === 'Management');
  return (source.basic ?? []).some((selector) => selector.IncludeManagementEvents !== false);
}

function logsData(source: SourceSelectors): boolean {
  if (source.advanced) return source.advanced.some((selector) => advancedCategory(selector) === 'Data');
  return (source.basic ?? []).some((selector) => (selector.DataResources ?? []).length > 0);
}

/**
 * Checks that the source's event selectors log what each insight selector needs (§17.8):
 * ApiCallRateInsight on management events needs management write events, ApiErrorRateInsight any
 * management events, and Data categories data events; else InvalidInsightSelectorsException.
 */
export function checkInsightPrerequisites(insights: readonly InsightSelector[], source: SourceSelectors): void {
  for (const selector of insights) {
    const type = selector.InsightType ?? '';
    for (const category of categoriesOf(selector)) {
      if (category === 'Data') {
        if (!logsData(source)) invalid(`${type} on Data events needs event selectors that log data events.`);
      } else if (type === 'ApiCallRateInsight') {
        if (!logsManagementWrites(source))
          invalid('ApiCallRateInsight needs event selectors that log write management events.');
      } else if (!logsManagement(source)) invalid(`${type} needs event selectors that log management events.`);
    }
  }
}

/** Insight selectors as answered: categories only when they were sent (§17.8). */
function copyInsights(selectors: readonly InsightSelector[]): InsightSelector[] {
  return selectors.map((selector) => ({
    ...(selector.InsightType === undefined ? {} : { InsightType: selector.InsightType }),
    ...(selector.EventCategories === undefined ? {} : { EventCategories: [...selector.EventCategories] }),
  }));
}

/**
 * The store an insights member names, in the caller's account and region: unknown or malformed
 * is InvalidParameterException, as PutInsightSelectors declares no store errors (§17.8).
 */
function insightsStore(context: RequestContext, reference: string, member: string): StoredEventDataStore {
  const parsed = parseEventDataStoreReference(reference, context);
  const store = parsed && context.state.table<StoredEventDataStore>(EVENT_DATA_STORES).get(parsed.id);
  if (
    !parsed ||
    !store ||
    isPurged(store, context.now) ||
    store.phase === 'PENDING_DELETION' ||
    store.account !== context.account ||
    store.region !== context.region ||
    parsed.region !== context.region ||
    parsed.account !== context.account
  )
    throw new InvalidParameterException(
      `${member} ${reference} is not an event data store of this account and region.`,
    );
  context.resources.push(eventDataStoreResource(store));
  return store;
}

/** The source of a store's Insights: a store of CloudTrail events that selects management events. */
function checkSourceStore(store: StoredEventDataStore): void {
  if (store.kind !== 'CloudTrailEvents' || !logsManagement({ advanced: store.selectors }))
    invalid(`The event data store ${store.arn} must log management events to be a source of Insights.`);
}

/** Which source a Put/GetInsightSelectors names: exactly one of TrailName and EventDataStore (§17.8). */
function sourceOf(input: { TrailName?: string; EventDataStore?: string }): 'trail' | 'store' {
  if (input.TrailName !== undefined && input.EventDataStore !== undefined)
    throw new InvalidParameterCombinationException('Specify either TrailName or EventDataStore, not both.');
  if (input.TrailName === undefined && input.EventDataStore === undefined)
    throw new InvalidParameterException('Specify TrailName or EventDataStore.');
  return input.TrailName === undefined ? 'store' : 'trail';
}

/** Sets the Insights types a trail or store logs (§17.8); `[]` turns Insights off. */
export function putInsightSelectors(
  input: PutInsightSelectorsRequest,
  context: RequestContext,
): PutInsightSelectorsResponse {
  const { state } = context;
  const source = sourceOf(input);
  if (source === 'trail' && input.InsightsDestination !== undefined)
    throw new InvalidParameterCombinationException('InsightsDestination is only valid with EventDataStore.');
  const insights = input.InsightSelectors ?? [];
  validateInsightSelectors(insights);
  if (source === 'trail') {
    const reference = input.TrailName ?? '';
    checkTrailReference(reference, context.account);
    const trail = resolveTrail(context, reference, 'write');
    checkInsightPrerequisites(insights, trailSelectors(trail));
    saveTrail(state, { ...trail, insightSelectors: copyInsights(insights) });
    return { TrailARN: trail.arn, InsightSelectors: copyInsights(insights) };
  }
  const store = insightsStore(context, input.EventDataStore ?? '', 'EventDataStore');
  checkSourceStore(store);
  if (insights.some((selector) => categoriesOf(selector).includes('Data')))
    invalid('Insights on Data events are not available for event data stores.');
  checkInsightPrerequisites(insights, { advanced: store.selectors });
  const kept = state.table<StoreInsights>(STORE_INSIGHTS).get(store.arn);
  let destination = kept?.insightsDestination;
  if (input.InsightsDestination !== undefined) {
    const target = insightsStore(context, input.InsightsDestination, 'InsightsDestination');
    if (target.kind !== 'Insights')
      throw new InvalidParameterException(
        `InsightsDestination ${input.InsightsDestination} must be an event data store of Insights events.`,
      );
    destination = target.arn;
  }
  if (insights.length > 0 && destination === undefined)
    throw new InvalidParameterException('InsightsDestination is required to enable Insights on an event data store.');
  if (insights.length === 0 && destination === undefined) {
    if (kept) state.remove(STORE_INSIGHTS, store.arn);
  } else
    state.put(STORE_INSIGHTS, store.arn, {
      insightSelectors: copyInsights(insights),
      ...(destination === undefined ? {} : { insightsDestination: destination }),
    } satisfies StoreInsights);
  return {
    EventDataStoreArn: store.arn,
    ...(destination === undefined ? {} : { InsightsDestination: destination }),
    InsightSelectors: copyInsights(insights),
  };
}

/** The Insights types a trail or store logs; none enabled is InsightNotEnabledException (§17.8). */
export function getInsightSelectors(
  input: GetInsightSelectorsRequest,
  context: RequestContext,
): GetInsightSelectorsResponse {
  if (sourceOf(input) === 'trail') {
    const reference = input.TrailName ?? '';
    checkTrailReference(reference, context.account);
    const trail = resolveTrail(context, reference, 'read');
    if (trail.insightSelectors.length === 0)
      throw new InsightNotEnabledException(
        `Trail ${trail.name} does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again.`,
      );
    return { TrailARN: trail.arn, InsightSelectors: copyInsights(trail.insightSelectors) };
  }
  const store = insightsStore(context, input.EventDataStore ?? '', 'EventDataStore');
  const kept = context.state.table<StoreInsights>(STORE_INSIGHTS).get(store.arn);
  if (!kept || kept.insightSelectors.length === 0)
    throw new InsightNotEnabledException(
      `Event data store ${store.id} does not have Insights enabled. Edit the event data store settings to enable Insights, and then try the operation again.`,
    );
  return {
    EventDataStoreArn: store.arn,
    InsightSelectors: copyInsights(kept.insightSelectors),
    ...(kept.insightsDestination === undefined ? {} : { InsightsDestination: kept.insightsDestination }),
  };
}

/** A trail's event selectors, as its insight prerequisites see them. */
export function trailSelectors(trail: StoredTrail): SourceSelectors {
  return trail.advancedEventSelectors === undefined
    ? { basic: trail.eventSelectors ?? [] }
    : { advanced: trail.advancedEventSelectors };
}

/**
 * UpdateEventDataStore's check (§17.8): new selectors must still log what the store's enabled
 * Insights need; else InvalidInsightSelectorsException.
 */
export function checkStoreInsightsKept(
  state: EmulatorState,
  storeArn: string,
  selectors: readonly AdvancedEventSelector[],
): void {
  const kept = state.table<StoreInsights>(STORE_INSIGHTS).get(storeArn);
  if (kept && kept.insightSelectors.length > 0)
    checkInsightPrerequisites(kept.insightSelectors, { advanced: selectors });
}
