// Dashboard operations (SEMANTICS.md §18.2-18.9, §18.13): CreateDashboard, GetDashboard,
// ListDashboards, UpdateDashboard and DeleteDashboard. CreateDashboard's stateless checks run in
// its parse step, in §18.4's order (rules 1-4 up to the widget count); the rest runs with the state.
// StartDashboardRefresh is in refresh.ts.
import type {
  CreateDashboardRequest,
  CreateDashboardResponse,
  DeleteDashboardRequest,
  DeleteDashboardResponse,
  GetDashboardRequest,
  GetDashboardResponse,
  ListDashboardsRequest,
  ListDashboardsResponse,
  RefreshSchedule,
  RequestWidget,
  UpdateDashboardRequest,
  UpdateDashboardResponse,
} from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import {
  ConflictException,
  EventDataStoreNotFoundException,
  InvalidNextTokenException,
  InvalidTagParameterException,
  ServiceQuotaExceededException,
  UnsupportedOperationException,
  ValidationException,
} from '../../errors';
import { fingerprint, tokenSigner } from '../../next-token';
import type { JsonObject, JsonValue } from '../../records';
import type { Outcome } from '../../resource';
import { capRecordSize, isReadOnlyOperation, selfRecord, toLoggedJson } from '../../self-record';
import { parseInput } from '../../validate';
import { checkTagParameters, MAX_TAGS_PER_RESOURCE, setTags } from '../tags/resource-tags';
import {
  checkDashboardSettled,
  customDashboardCount,
  dashboardArn,
  dashboardResource,
  dashboardsIn,
  dashboardKindOf,
  dashboardRefreshOf,
  dashboardStatus,
  dashboardTimings,
  dashboardType,
  DASHBOARDS,
  describeWidgets,
  findDashboard,
  HIGHLIGHTS_NAME,
  highlightsPrimaryStore,
  MAX_CUSTOM_DASHBOARDS_PER_REGION,
  RESERVED_NAME_PREFIX,
  resolveDashboard,
  saveDashboard,
  type ResolvedDashboard,
  type StoredDashboard,
} from './dashboard';
import {
  checkHighlightsSchedule,
  checkRefreshSchedule,
  HIGHLIGHTS_DEFAULT_SCHEDULE,
  mergeRefreshSchedule,
} from './refresh-schedule';
import { checkWidget, MAX_WIDGETS_PER_DASHBOARD } from './widgets';

/** ListDashboards' page size when MaxResults is not sent (§18.5, Decision). */
export const LIST_DASHBOARDS_DEFAULT_PAGE = 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The named members of a request body, for checking them ahead of the others. */
function membersOf(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => Object.hasOwn(body, name)).map((name) => [name, body[name]]));
}

function checkWidgetCount(widgets: readonly unknown[]): void {
  if (widgets.length > MAX_WIDGETS_PER_DASHBOARD)
    throw new ServiceQuotaExceededException(
      `A dashboard can have at most ${String(MAX_WIDGETS_PER_DASHBOARD)} widgets; ${String(widgets.length)} were given.`,
    );
}

/**
 * CreateDashboard's stateless checks, in §18.4's order: the name (model, then the reserved prefix),
 * the tags (model, then count, duplicates and `aws:`), the refresh schedule (model, then §18.8),
 * the widget count, then the model's checks of everything else (the widgets' members).
 */
export function parseCreateDashboard(body: unknown, operation: string): CreateDashboardRequest {
  if (!isObject(body)) return parseInput(operation, body) as CreateDashboardRequest;
  const { Name: name = '' } = parseInput(operation, membersOf(body, ['Name'])) as CreateDashboardRequest;
  if (name !== HIGHLIGHTS_NAME && name.startsWith(RESERVED_NAME_PREFIX))
    throw new ValidationException(`Dashboard names that begin with ${RESERVED_NAME_PREFIX} are reserved.`);
  const { TagsList: tags = [] } = parseInput(
    operation,
    membersOf(body, ['Name', 'TagsList']),
  ) as CreateDashboardRequest;
  if (tags.length > MAX_TAGS_PER_RESOURCE)
    throw new InvalidTagParameterException(
      `A dashboard can have at most ${String(MAX_TAGS_PER_RESOURCE)} tags; ${String(tags.length)} were given.`,
    );
  checkTagParameters(tags);
  const { RefreshSchedule: schedule } = parseInput(
    operation,
    membersOf(body, ['Name', 'RefreshSchedule']),
  ) as CreateDashboardRequest;
  if (schedule) {
    checkRefreshSchedule(schedule);
    // The Highlights' schedule is completed from its default (§18.4), so it always has a frequency.
    if (name !== HIGHLIGHTS_NAME) mergeRefreshSchedule(schedule);
  }
  if (Array.isArray(body.Widgets)) checkWidgetCount(body.Widgets);
  return parseInput(operation, body) as CreateDashboardRequest;
}

/** UpdateDashboard's stateless checks: the model's, then what a sent schedule says by itself (§18.8). */
export function parseUpdateDashboard(body: unknown, operation: string): UpdateDashboardRequest {
  const input = parseInput(operation, body, ['DashboardId', 'Widgets', 'RefreshSchedule']) as UpdateDashboardRequest;
  if (input.RefreshSchedule) checkRefreshSchedule(input.RefreshSchedule);
  return input;
}

/** Request widgets as saved: their three members, copied. */
function savedWidgets(widgets: readonly RequestWidget[]): RequestWidget[] {
  return widgets.map((widget) => ({
    QueryStatement: widget.QueryStatement ?? '',
    ...(widget.QueryParameters === undefined ? {} : { QueryParameters: [...widget.QueryParameters] }),
    ViewProperties: { ...widget.ViewProperties },
  }));
}

/** Each widget per §18.3, in order; the first failure wins. */
async function checkWidgets(widgets: readonly RequestWidget[], context: RequestContext): Promise<void> {
  for (const [index, widget] of widgets.entries()) await checkWidget(widget, index, context);
}

function copySchedule(schedule: RefreshSchedule): RefreshSchedule {
  return {
    ...(schedule.Frequency === undefined ? {} : { Frequency: { ...schedule.Frequency } }),
    ...(schedule.Status === undefined ? {} : { Status: schedule.Status }),
    ...(schedule.TimeOfDay === undefined ? {} : { TimeOfDay: schedule.TimeOfDay }),
  };
}

function scheduleOf(dashboard: StoredDashboard): { RefreshSchedule?: RefreshSchedule } {
  return dashboard.refreshSchedule === undefined ? {} : { RefreshSchedule: copySchedule(dashboard.refreshSchedule) };
}

/** Creates a custom dashboard, or enables the Highlights (§18.4). */
export async function createDashboard(
  input: CreateDashboardRequest,
  context: RequestContext,
): Promise<CreateDashboardResponse> {
  const { state, account, region, now } = context;
  const name = input.Name ?? '';
  const highlights = name === HIGHLIGHTS_NAME;
  const widgets = input.Widgets ?? [];
  // Rule 4: each widget (the count was checked with the request).
  await checkWidgets(widgets, context);
  // Rule 5: the Highlights' widgets and schedule are CloudTrail's, and it needs a store to read.
  if (highlights) {
    if (input.Widgets !== undefined)
      throw new ValidationException(
        `You do not need to specify widgets for ${HIGHLIGHTS_NAME}; CloudTrail manages its widgets.`,
      );
    if (input.RefreshSchedule) checkHighlightsSchedule(input.RefreshSchedule);
    if (!highlightsPrimaryStore(state, account, region, now))
      throw new EventDataStoreNotFoundException(
        `${HIGHLIGHTS_NAME} needs an event data store in ${region} that collects management events; none was found.`,
      );
  }
  // Rule 6: one dashboard per name (the Highlights: enabled once).
  if (findDashboard(state, account, region, name)) throw new ConflictException(`Dashboard ${name} already exists.`);
  // Rule 7: the quota counts custom dashboards only.
  if (!highlights && customDashboardCount(state, account, region) >= MAX_CUSTOM_DASHBOARDS_PER_REGION)
    throw new ServiceQuotaExceededException(
      `You already have ${String(MAX_CUSTOM_DASHBOARDS_PER_REGION)} custom dashboards in ${region}.`,
    );

  const schedule = input.RefreshSchedule
    ? mergeRefreshSchedule(input.RefreshSchedule, highlights ? HIGHLIGHTS_DEFAULT_SCHEDULE : undefined)
    : highlights
      ? copySchedule(HIGHLIGHTS_DEFAULT_SCHEDULE)
      : undefined;
  const dashboard: StoredDashboard = {
    arn: dashboardArn(region, account, name),
    name,
    account,
    region,
    widgets: highlights ? [] : savedWidgets(widgets),
    ...(schedule === undefined ? {} : { refreshSchedule: schedule }),
    // Termination protection is on by default for the Highlights only (§18.4).
    terminationProtection: input.TerminationProtectionEnabled ?? highlights,
    createdAt: now,
    updatedAt: now,
    status: 'CREATED',
    settlesAt: now + dashboardTimings(state).statusDelay,
  };
  saveDashboard(state, dashboard);
  setTags(state, dashboard.arn, input.TagsList ?? []);
  context.resources.push(dashboardResource(dashboard));
  const resolved: ResolvedDashboard = { kind: dashboardKindOf(name), dashboard };
  return {
    DashboardArn: dashboard.arn,
    Name: name,
    Type: dashboardType(resolved.kind),
    Widgets: describeWidgets(resolved),
    ...(input.TagsList === undefined ? {} : { TagsList: input.TagsList.map((tag) => ({ ...tag })) }),
    ...scheduleOf(dashboard),
    TerminationProtectionEnabled: dashboard.terminationProtection,
  };
}

/** One dashboard: no Name and no tags (§18.5). */
export function getDashboard(input: GetDashboardRequest, context: RequestContext): GetDashboardResponse {
  const resolved = resolveDashboard(context, input.DashboardId ?? '');
  const { dashboard } = resolved;
  const refresh = dashboardRefreshOf(context.state, dashboard.arn);
  return {
    DashboardArn: dashboard.arn,
    Type: dashboardType(resolved.kind),
    Status: dashboardStatus(dashboard, context.now),
    Widgets: describeWidgets(resolved),
    ...scheduleOf(dashboard),
    CreatedTimestamp: new Date(dashboard.createdAt),
    UpdatedTimestamp: new Date(dashboard.updatedAt),
    ...(refresh.lastRefreshId === undefined ? {} : { LastRefreshId: refresh.lastRefreshId }),
    ...(refresh.lastRefreshFailureReason === undefined
      ? {}
      : { LastRefreshFailureReason: refresh.lastRefreshFailureReason }),
    TerminationProtectionEnabled: dashboard.terminationProtection,
  };
}

interface ListToken {
  /** Fingerprint of the account, region and filters. */
  f: string;
  /** Name of the last dashboard returned. */
  n: string;
}

function isListToken(value: unknown): value is ListToken {
  return isObject(value) && typeof value.f === 'string' && typeof value.n === 'string';
}

/** Binary order of names (all ASCII, so UTF-16 order is UTF-8 order). */
function byName(a: ResolvedDashboard, b: ResolvedDashboard): number {
  const left = a.dashboard.name;
  const right = b.dashboard.name;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The dashboards of the region (§18.5): built-ins, the Highlights if enabled and customs, filtered
 * by NamePrefix (case-sensitive) and Type, sorted by name; NextToken bound to the filters.
 */
export function listDashboards(input: ListDashboardsRequest, context: RequestContext): ListDashboardsResponse {
  const { state, account, region } = context;
  const prefix = input.NamePrefix;
  const matching = dashboardsIn(state, account, region)
    .filter(
      (resolved) =>
        (prefix === undefined || resolved.dashboard.name.startsWith(prefix)) &&
        (input.Type === undefined || dashboardType(resolved.kind) === input.Type),
    )
    .sort(byName);
  const signer = tokenSigner(state.config.seed);
  const bound = fingerprint({ account, region, prefix, type: input.Type });
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    const token = signer.verify(input.NextToken);
    if (!isListToken(token) || token.f !== bound)
      throw new InvalidNextTokenException('The NextToken is not valid for these filters.');
    after = token.n;
  }
  const rest = after === undefined ? matching : matching.filter((resolved) => resolved.dashboard.name > after);
  const page = rest.slice(0, input.MaxResults ?? LIST_DASHBOARDS_DEFAULT_PAGE);
  const last = page.at(-1);
  return {
    Dashboards: page.map((resolved) => ({
      DashboardArn: resolved.dashboard.arn,
      Type: dashboardType(resolved.kind),
    })),
    ...(rest.length > page.length && last
      ? { NextToken: signer.sign({ f: bound, n: last.dashboard.name } satisfies ListToken) }
      : {}),
  };
}

function refuseBuiltIn(resolved: ResolvedDashboard, action: string): void {
  if (resolved.kind === 'built-in')
    throw new UnsupportedOperationException(
      `Dashboard ${resolved.dashboard.name} is managed by CloudTrail and cannot be ${action}.`,
    );
}

/**
 * Changes a custom dashboard or the Highlights (§18.6): sent widgets replace the list, a sent
 * schedule merges member by member, termination protection replaces; nothing sent changes nothing.
 */
export async function updateDashboard(
  input: UpdateDashboardRequest,
  context: RequestContext,
): Promise<UpdateDashboardResponse> {
  const { state, now } = context;
  const resolved = resolveDashboard(context, input.DashboardId ?? '');
  refuseBuiltIn(resolved, 'updated');
  const { dashboard } = resolved;
  checkDashboardSettled(dashboard, now);
  const highlights = resolved.kind === 'highlights';
  if (highlights && input.Widgets !== undefined)
    throw new ValidationException(`You cannot add or remove widgets of ${HIGHLIGHTS_NAME}.`);
  if (highlights && input.RefreshSchedule) checkHighlightsSchedule(input.RefreshSchedule);
  const schedule = input.RefreshSchedule
    ? mergeRefreshSchedule(input.RefreshSchedule, dashboard.refreshSchedule)
    : dashboard.refreshSchedule;
  if (input.Widgets !== undefined) {
    checkWidgetCount(input.Widgets);
    await checkWidgets(input.Widgets, context);
  }
  const changed =
    input.Widgets !== undefined ||
    input.RefreshSchedule !== undefined ||
    input.TerminationProtectionEnabled !== undefined;
  const updated: StoredDashboard = changed
    ? {
        ...dashboard,
        widgets: input.Widgets === undefined ? dashboard.widgets : savedWidgets(input.Widgets),
        ...(schedule === undefined ? {} : { refreshSchedule: schedule }),
        terminationProtection: input.TerminationProtectionEnabled ?? dashboard.terminationProtection,
        updatedAt: now,
        status: 'UPDATED',
        settlesAt: now + dashboardTimings(state).statusDelay,
      }
    : dashboard;
  if (changed) saveDashboard(state, updated);
  const view: ResolvedDashboard = { kind: resolved.kind, dashboard: updated };
  return {
    DashboardArn: updated.arn,
    Name: updated.name,
    Type: dashboardType(resolved.kind),
    Widgets: describeWidgets(view),
    ...scheduleOf(updated),
    TerminationProtectionEnabled: updated.terminationProtection,
    CreatedTimestamp: new Date(updated.createdAt),
    UpdatedTimestamp: new Date(updated.updatedAt),
  };
}

/** Deletes a custom dashboard or disables the Highlights, with its tags, policy and refresh state (§18.7). */
export function deleteDashboard(input: DeleteDashboardRequest, context: RequestContext): DeleteDashboardResponse {
  const resolved = resolveDashboard(context, input.DashboardId ?? '');
  refuseBuiltIn(resolved, 'deleted');
  const { dashboard } = resolved;
  checkDashboardSettled(dashboard, context.now);
  if (dashboard.terminationProtection)
    throw new ConflictException(
      `Dashboard ${dashboard.name} cannot be deleted because termination protection is enabled.`,
    );
  context.state.remove(DASHBOARDS, dashboard.arn);
  context.state.removed(dashboard.arn);
  return {};
}

/** Map members whose keys are data, logged unchanged (§18.13). */
const MAP_MEMBERS: ReadonlySet<string> = new Set(['ViewProperties', 'QueryParameterValues']);

/** toLoggedJson, except that the keys of ViewProperties and QueryParameterValues keep their case (§18.13). */
function toDashboardLoggedJson(value: unknown, isMap = false): JsonValue {
  if (Array.isArray(value)) return value.map((item) => toDashboardLoggedJson(item));
  if (!isObject(value) || value instanceof Date) return toLoggedJson(value);
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    // defineProperty: a member named __proto__ is data to log, not this object's prototype.
    Object.defineProperty(out, isMap ? key : key.charAt(0).toLowerCase() + key.slice(1), {
      value: toDashboardLoggedJson(member, !isMap && MAP_MEMBERS.has(key)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function loggedObject(value: unknown): JsonObject | null {
  const logged = toDashboardLoggedJson(value);
  return isObject(logged) && Object.keys(logged).length > 0 ? logged : null;
}

/**
 * The self-record of a dashboard call (§18.13): §6's, with the keys of ViewProperties and
 * QueryParameterValues copied unchanged. For every dashboard operation, StartDashboardRefresh too.
 */
export function recordDashboardCall(context: RequestContext, input: unknown, outcome: Outcome) {
  const record = selfRecord(context, input, outcome);
  return capRecordSize({
    ...record,
    requestParameters: loggedObject(input),
    responseElements:
      'output' in outcome && !isReadOnlyOperation(context.operation) ? loggedObject(outcome.output) : null,
  });
}
