// StartDashboardRefresh and scheduled refreshes (SEMANTICS.md §18.8, §18.10): a refresh checks its
// parameters and stores, takes a RefreshId, and starts one Lake query per widget through the
// queries resource's own StartQuery path, each recorded as CloudTrail's own StartQuery call
// (§18.13). StartQuery and DescribeQuery accept the widgets' aliases (queries/query-operations.ts).
import type { StartDashboardRefreshRequest, StartDashboardRefreshResponse } from '@aws-sdk/client-cloudtrail';
import { DAY, HOUR } from '../../clock';
import type { RequestContext } from '../../context';
import {
  EventDataStoreARNInvalidException,
  EventDataStoreNotFoundException,
  InactiveEventDataStoreException,
  ServiceError,
  ServiceQuotaExceededException,
  ValidationException,
} from '../../errors';
import type { Principal, Region } from '../../identities';
import { selfRecord } from '../../self-record';
import type { EmulatorState } from '../../state';
import { eventDataStoreStatus, resolveEventDataStore } from '../event-data-stores/event-data-store';
import { parseTimestampText } from '../queries/lake-sql/timestamp-text';
import { QUERIES, type StoredQuery } from '../queries/query';
import {
  dashboardRefreshRunning,
  prepareQuery,
  resolveWidgetAliasesWith,
  runPreparedQuery,
  type PreparedQuery,
  type WidgetAliasResolver,
} from '../queries/query-operations';
import {
  checkDashboardSettled,
  DASHBOARD_REFRESHES,
  dashboardRefreshOf,
  dashboardStatus,
  DASHBOARDS,
  findDashboard,
  highlightsPrimaryStore,
  parseDashboardArn,
  requestWidgetsOf,
  resolveDashboard,
  resolveWidgetAlias,
  saveDashboardRefresh,
  widgetAlias,
  type ResolvedDashboard,
  type StoredDashboard,
  type StoredDashboardRefresh,
} from './dashboard';
import { recordDashboardCall } from './dashboard-operations';
import { previousFireTime } from './refresh-schedule';
import {
  END_TIME,
  EVENT_DATA_STORE_ID,
  findPlaceholders,
  isParameterToken,
  PERIOD,
  START_TIME,
  substitutePlaceholders,
} from './widgets';

/** Trino's date_trunc units (§10.5), the values `$Period$` takes (§18.10 rule 2). */
const PERIODS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);

/** CloudTrail itself, as it appears in the records of the calls it makes for a dashboard (§18.13). */
const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';

function cloudTrailService(account: string): Principal {
  return {
    accessKeyId: '',
    account,
    arn: CLOUDTRAIL_SERVICE,
    identity: () => ({ type: 'AWSService', invokedBy: CLOUDTRAIL_SERVICE }),
  };
}

/** The context of a call CloudTrail makes on a dashboard's behalf (a scheduled refresh, a widget query). */
function serviceContext(
  state: EmulatorState,
  operation: string,
  where: { account: string; region: Region },
  now: number,
): RequestContext {
  return {
    state,
    operation,
    requestId: state.ids.uuid(),
    region: where.region,
    caller: cloudTrailService(where.account),
    account: where.account,
    now,
    sourceIp: CLOUDTRAIL_SERVICE,
    userAgent: CLOUDTRAIL_SERVICE,
    fromConsole: false,
    resources: [],
    newResourceId: () => state.ids.uuid(),
  };
}

/** The values a refresh fills placeholders with (§18.3, §18.10). */
// A type, not an interface: it is also read as a map of token to value.
type RefreshValues = {
  readonly [START_TIME]: string;
  readonly [END_TIME]: string;
  readonly [PERIOD]: string;
  readonly [EVENT_DATA_STORE_ID]?: string;
};

/** ISO-8601 with milliseconds: within the model's QueryParameterValue pattern, read by §10.5's casts. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch ms of a timestamp value as Lake SQL reads it (§10.5), or undefined. */
function parseTime(value: string): number | undefined {
  const text = parseTimestampText(value);
  if (text === undefined) return undefined;
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Decision (§18.10 rule 3): minutes up to 6 hours, hours up to 14 days, days beyond. */
function defaultPeriod(span: number): string {
  if (span <= 6 * HOUR) return 'minute';
  if (span <= 14 * DAY) return 'hour';
  return 'day';
}

/** The values a scheduled refresh uses (§18.8), also the Highlights' at every refresh. */
function scheduledValues(endTime: number): RefreshValues {
  return { [START_TIME]: isoTime(endTime - DAY), [END_TIME]: isoTime(endTime), [PERIOD]: 'hour' };
}

/** §18.10 rules 2-3: the sent QueryParameterValues checked, and the defaults for what is missing. */
function refreshValues(
  sent: Readonly<Record<string, string>>,
  resolved: ResolvedDashboard,
  now: number,
): RefreshValues {
  const builtIn = resolved.kind === 'built-in';
  const allowed = builtIn ? [START_TIME, END_TIME, PERIOD, EVENT_DATA_STORE_ID] : [START_TIME, END_TIME, PERIOD];
  for (const key of Object.keys(sent))
    if (!allowed.includes(key))
      throw new ValidationException(`QueryParameterValues key '${key}' is not supported; use ${allowed.join(', ')}.`);
  const storeId = sent[EVENT_DATA_STORE_ID];
  if (builtIn && storeId === undefined)
    throw new ValidationException(`QueryParameterValues must name ${EVENT_DATA_STORE_ID} for a managed dashboard.`);
  const startText = sent[START_TIME];
  const endText = sent[END_TIME];
  const start = startText === undefined ? undefined : parseTime(startText);
  const end = endText === undefined ? undefined : parseTime(endText);
  if (startText !== undefined && start === undefined)
    throw new ValidationException(`${START_TIME} '${startText}' is not a valid time.`);
  if (endText !== undefined && end === undefined)
    throw new ValidationException(`${END_TIME} '${endText}' is not a valid time.`);
  const endTime = end ?? now;
  const startTime = start ?? endTime - DAY;
  if (startTime > endTime) throw new ValidationException(`${START_TIME} must not be after ${END_TIME}.`);
  const period = sent[PERIOD];
  if (period !== undefined && !PERIODS.has(period))
    throw new ValidationException(`${PERIOD} '${period}' is not one of ${[...PERIODS].join(', ')}.`);
  // The Highlights reads the scheduled refresh's values whatever is sent (§18.10 rule 3).
  if (resolved.kind === 'highlights') return scheduledValues(now);
  return {
    [START_TIME]: startText ?? isoTime(startTime),
    [END_TIME]: endText ?? isoTime(endTime),
    [PERIOD]: period ?? defaultPeriod(endTime - startTime),
    ...(storeId === undefined ? {} : { [EVENT_DATA_STORE_ID]: storeId }),
  };
}

/** The value of each of a widget's placeholders: a token's value, or a literal as is (§18.3). */
function placeholderValues(parameters: readonly string[] | undefined, values: RefreshValues): string[] {
  const byToken: Readonly<Record<string, string | undefined>> = values;
  return (parameters ?? []).map((parameter) =>
    isParameterToken(parameter) ? (byToken[parameter] ?? parameter) : parameter,
  );
}

/** The store named by a built-in's `$EventDataStoreId$` (§18.10 rule 4), checked, as its ID. */
function checkedStoreId(context: RequestContext, reference: string): string {
  const resources = context.resources.length;
  try {
    const store = resolveEventDataStore(context, reference);
    if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
      throw new InactiveEventDataStoreException(`Event data store ${store.id} is inactive.`);
    return store.id;
  } catch (error) {
    // StartDashboardRefresh declares no ARN error: a malformed reference names no store.
    if (error instanceof EventDataStoreARNInvalidException)
      throw new EventDataStoreNotFoundException(`Event data store ${reference} was not found.`);
    throw error;
  } finally {
    // The refresh's own record names the dashboard only (§18.13).
    context.resources.length = resources;
  }
}

/** One widget query of a refresh, checked and ready to run, with the context it is recorded under. */
interface WidgetRun {
  readonly alias: string;
  readonly values: readonly string[];
  readonly context: RequestContext;
  readonly prepared: PreparedQuery;
}

/**
 * Rules 4 and 7's checks (§18.10): each widget's statement with its values substituted is checked
 * and its stores resolved (§10.1 rules 2-3), as a StartQuery CloudTrail makes for the widget.
 */
async function prepareWidgets(
  context: RequestContext,
  resolved: ResolvedDashboard,
  values: RefreshValues,
): Promise<WidgetRun[]> {
  const runs: WidgetRun[] = [];
  const arn = resolved.dashboard.arn;
  for (const [index, widget] of requestWidgetsOf(resolved).entries()) {
    const alias = widgetAlias(resolved.dashboard.name, index);
    const widgetValues = placeholderValues(widget.QueryParameters, values);
    const queryContext = serviceContext(context.state, 'StartQuery', context, context.now);
    try {
      const prepared = await prepareQuery(
        { statement: substitutePlaceholders(widget.QueryStatement ?? '', widgetValues), alias, dashboardArn: arn },
        queryContext,
      );
      runs.push({ alias, values: widgetValues, context: queryContext, prepared });
    } catch (error) {
      // Checked at Create and Update; a malformed ARN counts as an unknown store (§18.3).
      if (error instanceof EventDataStoreARNInvalidException) throw new EventDataStoreNotFoundException(error.message);
      throw error;
    }
  }
  return runs;
}

/** The last RefreshId handed out in an account and region: by a dashboard's refresh state or a query. */
function previousRefreshId(state: EmulatorState, account: string, region: string): number {
  let previous = 0;
  for (const [arn, refresh] of state.table<StoredDashboardRefresh>(DASHBOARD_REFRESHES)) {
    const parsed = parseDashboardArn(arn);
    if (parsed?.account === account && parsed.region === region && refresh.lastRefreshId !== undefined)
      previous = Math.max(previous, Number(refresh.lastRefreshId));
  }
  for (const query of state.table<StoredQuery>(QUERIES).values())
    if (query.account === account && query.region === region && query.refreshId !== undefined)
      previous = Math.max(previous, Number(query.refreshId));
  return previous;
}

/**
 * Rule 6 (§18.10): the refresh's start in epoch milliseconds (13 digits, the model's `\d{10,20}`),
 * moved past the previous one of the account and region when they would collide.
 */
function newRefreshId(context: RequestContext): string {
  return String(Math.max(context.now, previousRefreshId(context.state, context.account, context.region) + 1));
}

/**
 * A refresh of a resolved dashboard with checked values (§18.10 rules 4-8): stores, the one
 * running refresh, the RefreshId, then one query per widget, each recorded as CloudTrail's own
 * StartQuery (§18.13).
 */
async function refresh(
  context: RequestContext,
  resolved: ResolvedDashboard,
  values: RefreshValues,
): Promise<StartDashboardRefreshResponse> {
  const { state } = context;
  const arn = resolved.dashboard.arn;
  let checked = values;
  if (resolved.kind === 'built-in') {
    checked = { ...values, [EVENT_DATA_STORE_ID]: checkedStoreId(context, values[EVENT_DATA_STORE_ID] ?? '') };
  } else if (resolved.kind === 'highlights') {
    const store = highlightsPrimaryStore(state, context.account, context.region, context.now);
    if (!store)
      throw new EventDataStoreNotFoundException(
        'No event data store in this Region holds management events for the Highlights dashboard.',
      );
    checked = { ...values, [EVENT_DATA_STORE_ID]: store.id };
  }
  const runs = await prepareWidgets(context, resolved, checked);
  if (dashboardRefreshRunning(context, arn))
    throw new ServiceQuotaExceededException(
      `A refresh of dashboard ${resolved.dashboard.name} is still running; only one refresh of a dashboard runs at a time.`,
    );
  const refreshId = newRefreshId(context);
  saveDashboardRefresh(state, arn, { ...dashboardRefreshOf(state, arn), lastRefreshId: refreshId });
  for (const run of runs) {
    const { QueryId } = await runPreparedQuery(
      { ...run.prepared, source: { ...run.prepared.source, refreshId } },
      run.context,
    );
    const input = { QueryAlias: run.alias, ...(run.values.length > 0 ? { QueryParameters: [...run.values] } : {}) };
    state.ingest(selfRecord(run.context, input, { output: { QueryId } }), { at: context.now });
  }
  return { RefreshId: refreshId };
}

/** StartDashboardRefresh (§18.10). */
export async function startDashboardRefresh(
  input: StartDashboardRefreshRequest,
  context: RequestContext,
): Promise<StartDashboardRefreshResponse> {
  const resolved = resolveDashboard(context, input.DashboardId ?? '');
  checkDashboardSettled(resolved.dashboard, context.now);
  const values = refreshValues(input.QueryParameterValues ?? {}, resolved, context.now);
  return refresh(context, resolved, values);
}

/** A refresh failure as GetDashboard's LastRefreshFailureReason says it (§18.8). */
function failureReason(error: ServiceError): string {
  const reference = /'([^']+)'/.exec(error.message)?.[1];
  const id = reference === undefined ? undefined : reference.slice(reference.lastIndexOf('/') + 1);
  if (id !== undefined && error instanceof EventDataStoreNotFoundException)
    return `Event data store ${id} was not found.`;
  if (id !== undefined && error instanceof InactiveEventDataStoreException)
    return `Event data store ${id} is inactive.`;
  return error.message;
}

/** The latest fire time of an enabled schedule in (after, now], or undefined when none is due. */
function dueFireTime(dashboard: StoredDashboard, after: number, now: number): number | undefined {
  const schedule = dashboard.refreshSchedule;
  // After downtime only the latest missed fire time runs: one catch-up (§18.8).
  const due = schedule ? previousFireTime(schedule, now) : undefined;
  return due !== undefined && due > after ? due : undefined;
}

/** One scheduled refresh at `now` for the fire time `firedAt`, recorded as CloudTrail's own call (§18.13). */
async function scheduledRefresh(state: EmulatorState, dashboard: StoredDashboard, firedAt: number, now: number) {
  const region = dashboard.region as Region;
  const context = serviceContext(state, 'StartDashboardRefresh', { account: dashboard.account, region }, now);
  const resolved = findDashboard(state, dashboard.account, region, dashboard.name);
  if (!resolved) return;
  const values = scheduledValues(firedAt);
  const input = { DashboardId: dashboard.arn, QueryParameterValues: { ...values } };
  context.resources.push({ accountId: dashboard.account, type: 'AWS::CloudTrail::Dashboard', ARN: dashboard.arn });
  let outcome: { output: StartDashboardRefreshResponse } | { error: ServiceError };
  try {
    outcome = { output: await refresh(context, resolved, values) };
  } catch (error) {
    // An emulator fault is not a refresh failure: the clock work is rolled back and retried.
    if (!(error instanceof ServiceError)) throw error;
    outcome = { error };
  }
  // A successful scheduled refresh clears the reason a previous one failed (§18.8).
  const { lastRefreshId } = dashboardRefreshOf(state, dashboard.arn);
  saveDashboardRefresh(state, dashboard.arn, {
    ...(lastRefreshId === undefined ? {} : { lastRefreshId }),
    lastScheduledAt: firedAt,
    ...('error' in outcome ? { lastRefreshFailureReason: failureReason(outcome.error) } : {}),
  });
  state.ingest(recordDashboardCall(context, input, outcome), { at: now });
}

/**
 * The dashboards resource's clock work (§18.8): every enabled schedule whose fire time has come
 * refreshes its dashboard once, however many fire times passed while the emulator was stopped.
 */
export async function runScheduledRefreshes(state: EmulatorState, now: number): Promise<void> {
  for (const dashboard of [...state.table<StoredDashboard>(DASHBOARDS).values()]) {
    if (dashboard.refreshSchedule?.Status !== 'ENABLED') continue;
    // A schedule counts from its last fire time handled, or from when it was last set.
    const after = Math.max(dashboardRefreshOf(state, dashboard.arn).lastScheduledAt ?? 0, dashboard.updatedAt);
    const firedAt = dueFireTime(dashboard, after, now);
    if (firedAt === undefined) continue;
    // CREATING or UPDATING: the fire time is still due at the next tick (§18.9).
    const status = dashboardStatus(dashboard, now);
    if (status === 'CREATING' || status === 'UPDATING') continue;
    await scheduledRefresh(state, dashboard, firedAt, now);
  }
}

/**
 * StartQuery's lookup of a widget alias (§18.10): the widget's dashboard, placeholder count and
 * statement with values. The dashboards resource lends it to each world (`attachWidgetAliases`).
 */
export const widgetAliasTarget: WidgetAliasResolver = (state, account, region, alias) => {
  const found = resolveWidgetAlias(state, account, region, alias);
  if (!found) return undefined;
  const statement = found.widget.QueryStatement ?? '';
  return {
    dashboardArn: found.resolved.dashboard.arn,
    placeholders: findPlaceholders(statement).length,
    substitute: (values) => substitutePlaceholders(statement, values),
  };
};

/** Lets StartQuery and DescribeQuery of this world accept widget aliases; for the resource's attach. */
export function attachWidgetAliases(state: EmulatorState): void {
  resolveWidgetAliasesWith(state, widgetAliasTarget);
}
