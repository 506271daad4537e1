// Lake dashboards as the emulator keeps them (SEMANTICS.md §18.2, §18.9): the saved entity of custom
// dashboards and the Highlights, the 14 built-ins (never saved: present in every account and
// region), how a DashboardId resolves, the status on the clock, the refresh state and the shapes the
// API answers with. The operations are in dashboard-operations.ts, widgets in widgets.ts.
import type {
  DashboardStatus,
  DashboardType,
  RefreshSchedule,
  RequestWidget,
  Widget,
} from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import { ConflictException, ResourceNotFoundException } from '../../errors';
import type { RecordResource } from '../../records';
import type { EmulatorState } from '../../state';
import {
  EVENT_DATA_STORES,
  eventDataStoreStatus,
  type StoredEventDataStore,
} from '../event-data-stores/event-data-store';
import { HIGHLIGHTS_WIDGETS, MANAGED_DASHBOARDS, type ManagedDashboard } from './managed-dashboards';

/** The entity collection of custom dashboards and the Highlights, keyed by dashboard ARN. */
export const DASHBOARDS = 'dashboards';

/**
 * The entity collection of refresh state (LastRefreshId, LastRefreshFailureReason), keyed by
 * dashboard ARN, for every kind of dashboard: the built-ins are never saved but can be refreshed.
 */
export const DASHBOARD_REFRESHES = 'dashboardRefreshes';

/** The one managed dashboard a user enables with CreateDashboard (§18.2). */
export const HIGHLIGHTS_NAME = 'AWSCloudTrail-Highlights';

/** Names starting so are AWS's: the built-ins and the Highlights (§18.2). */
export const RESERVED_NAME_PREFIX = 'AWSCloudTrail-';

/** Custom dashboards per account and region (§18.15); the Highlights does not count. */
export const MAX_CUSTOM_DASHBOARDS_PER_REGION = 100;

/** Creation and update time of every built-in (§18.2, Decision): 2024-12-01T00:00:00Z. */
export const BUILT_IN_TIMESTAMP = Date.UTC(2024, 11, 1);

/** A custom dashboard, a built-in, or the Highlights. */
export type DashboardKind = 'custom' | 'built-in' | 'highlights';

/** A custom dashboard or the Highlights as saved; times are epoch milliseconds. */
export interface StoredDashboard {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** The request widgets, in order; always empty for the Highlights, whose widgets are the emulator's. */
  readonly widgets: readonly RequestWidget[];
  /** Complete once set: Status and TimeOfDay always present (§18.8). */
  readonly refreshSchedule?: RefreshSchedule;
  readonly terminationProtection: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** What the last Create or Update settled to, and when (§18.9): CREATING/UPDATING before that. */
  readonly status: 'CREATED' | 'UPDATED';
  readonly settlesAt: number;
}

/** A dashboard's refresh state (§18.5, §18.8, §18.10), written by refreshes. */
export interface StoredDashboardRefresh {
  /** The latest refresh's RefreshId, manual or scheduled. */
  readonly lastRefreshId?: string;
  /** Why the last scheduled refresh failed; cleared by a later successful scheduled one. */
  readonly lastRefreshFailureReason?: string;
  /** Epoch ms of the last schedule fire time handled (refresh.ts's bookkeeping). */
  readonly lastScheduledAt?: number;
}

/** Any dashboard a DashboardId can name: its kind, and for built-ins the managed definition. */
export interface ResolvedDashboard {
  readonly kind: DashboardKind;
  /** The saved dashboard; for a built-in, a view of it with the caller's account and region. */
  readonly dashboard: StoredDashboard;
  /** The built-in's definition (store kind, widgets); undefined for the others. */
  readonly managed?: ManagedDashboard;
}

/** Delays of the status timer (§18.9), in milliseconds. */
export interface DashboardTimings {
  /** CREATING/UPDATING before CREATED/UPDATED; default 0. */
  statusDelay: number;
}

const timings = new WeakMap<EmulatorState, DashboardTimings>();

/** Changes the status delay of a world (tests and demos); dashboards keep the deadlines they have. */
export function configureDashboardTimings(state: EmulatorState, next: Partial<DashboardTimings>): void {
  timings.set(state, { ...dashboardTimings(state), ...next });
}

/** The status delay of a world. */
export function dashboardTimings(state: EmulatorState): DashboardTimings {
  return timings.get(state) ?? { statusDelay: 0 };
}

/** `arn:aws:cloudtrail:<region>:<account>:dashboard/<name>` (§18.2). */
export function dashboardArn(region: string, account: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${account}:dashboard/${name}`;
}

const DASHBOARD_ARN = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):dashboard\/([A-Za-z0-9_-]{3,128})$/;

/** The (region, account, name) of a dashboard ARN, or undefined when it is not one. */
export function parseDashboardArn(arn: string): { region: string; account: string; name: string } | undefined {
  const match = DASHBOARD_ARN.exec(arn);
  if (!match) return undefined;
  return { region: match[1] ?? '', account: match[2] ?? '', name: match[3] ?? '' };
}

const BUILT_INS = new Map<string, ManagedDashboard>(MANAGED_DASHBOARDS.map((managed) => [managed.name, managed]));

/** The built-in of this name (§18.12), if it is one. */
export function builtInDashboard(name: string): ManagedDashboard | undefined {
  return BUILT_INS.get(name);
}

/** The kind of dashboard a name stands for. */
export function dashboardKindOf(name: string): DashboardKind {
  if (name === HIGHLIGHTS_NAME) return 'highlights';
  return BUILT_INS.has(name) ? 'built-in' : 'custom';
}

/** The API's Type: MANAGED for the built-ins and the Highlights, CUSTOM otherwise (§18.2). */
export function dashboardType(kind: DashboardKind): DashboardType {
  return kind === 'custom' ? 'CUSTOM' : 'MANAGED';
}

/** A built-in as seen from an account and region (§18.2): never saved, always CREATED and protected. */
export function builtInView(managed: ManagedDashboard, account: string, region: string): StoredDashboard {
  return {
    arn: dashboardArn(region, account, managed.name),
    name: managed.name,
    account,
    region,
    widgets: [],
    terminationProtection: true,
    createdAt: BUILT_IN_TIMESTAMP,
    updatedAt: BUILT_IN_TIMESTAMP,
    status: 'CREATED',
    settlesAt: BUILT_IN_TIMESTAMP,
  };
}

/** Every built-in as seen from an account and region, in §18.12's order. */
export function builtInViews(account: string, region: string): ResolvedDashboard[] {
  return MANAGED_DASHBOARDS.map((managed) => ({
    kind: 'built-in',
    dashboard: builtInView(managed, account, region),
    managed,
  }));
}

/** The saved dashboards (custom and Highlights) of an account and region. */
export function savedDashboards(state: EmulatorState, account: string, region: string): StoredDashboard[] {
  return [...state.table<StoredDashboard>(DASHBOARDS).values()].filter(
    (dashboard) => dashboard.account === account && dashboard.region === region,
  );
}

/** Custom dashboards counted against the quota of an account and region (§18.4 rule 7). */
export function customDashboardCount(state: EmulatorState, account: string, region: string): number {
  return savedDashboards(state, account, region).filter((dashboard) => dashboard.name !== HIGHLIGHTS_NAME).length;
}

/** Every dashboard of an account and region: built-ins, the Highlights if enabled, customs. */
export function dashboardsIn(state: EmulatorState, account: string, region: string): ResolvedDashboard[] {
  return [
    ...builtInViews(account, region),
    ...savedDashboards(state, account, region).map((dashboard): ResolvedDashboard => ({
      kind: dashboardKindOf(dashboard.name),
      dashboard,
    })),
  ];
}

/** The dashboard named `name` in an account and region, if there is one. */
export function findDashboard(
  state: EmulatorState,
  account: string,
  region: string,
  name: string,
): ResolvedDashboard | undefined {
  const managed = BUILT_INS.get(name);
  if (managed) return { kind: 'built-in', dashboard: builtInView(managed, account, region), managed };
  const dashboard = state.table<StoredDashboard>(DASHBOARDS).get(dashboardArn(region, account, name));
  return dashboard ? { kind: dashboardKindOf(name), dashboard } : undefined;
}

/**
 * The dashboard a DashboardId names, by name or ARN (§18.2). Not found, or an ARN of another
 * account or region, or malformed: ResourceNotFoundException, the only lookup error declared. A
 * found dashboard joins the call's self-record resources.
 */
export function resolveDashboard(context: RequestContext, reference: string): ResolvedDashboard {
  const notFound = () => new ResourceNotFoundException(`Dashboard ${reference} was not found.`);
  let name = reference;
  if (reference.startsWith('arn:')) {
    const parsed = parseDashboardArn(reference);
    if (!parsed || parsed.account !== context.account || parsed.region !== context.region) throw notFound();
    name = parsed.name;
  }
  const found = findDashboard(context.state, context.account, context.region, name);
  if (!found) throw notFound();
  context.resources.push(dashboardResource(found.dashboard));
  return found;
}

/** The dashboard a resource ARN names for tags and policies (§18.11), or undefined. */
export function findDashboardByArn(state: EmulatorState, arn: string): ResolvedDashboard | undefined {
  const parsed = parseDashboardArn(arn);
  return parsed ? findDashboard(state, parsed.account, parsed.region, parsed.name) : undefined;
}

/** The self-record resource of a dashboard (§18.13). */
export function dashboardResource(dashboard: Pick<StoredDashboard, 'account' | 'arn'>): RecordResource {
  return { accountId: dashboard.account, type: 'AWS::CloudTrail::Dashboard', ARN: dashboard.arn };
}

/** A dashboard's status at `now` (§18.9). */
export function dashboardStatus(dashboard: StoredDashboard, now: number): DashboardStatus {
  if (now >= dashboard.settlesAt) return dashboard.status;
  return dashboard.status === 'CREATED' ? 'CREATING' : 'UPDATING';
}

/**
 * Refuses a change while the dashboard is CREATING or UPDATING (§18.9): Update, Delete and
 * StartDashboardRefresh -> ConflictException.
 */
export function checkDashboardSettled(dashboard: StoredDashboard, now: number): void {
  const status = dashboardStatus(dashboard, now);
  if (status === 'CREATING' || status === 'UPDATING')
    throw new ConflictException(`Dashboard ${dashboard.name} is ${status}; try again when it is done.`);
}

/** Saves a custom dashboard or the Highlights. */
export function saveDashboard(state: EmulatorState, dashboard: StoredDashboard): void {
  state.put(DASHBOARDS, dashboard.arn, dashboard);
}

/** A dashboard's request widgets: the built-in's or the Highlights' (emulator content), else its own. */
export function requestWidgetsOf(
  resolved: Pick<ResolvedDashboard, 'kind' | 'dashboard' | 'managed'>,
): readonly RequestWidget[] {
  if (resolved.kind === 'highlights') return HIGHLIGHTS_WIDGETS;
  if (resolved.managed) return resolved.managed.widgets;
  return resolved.dashboard.widgets;
}

/** A widget's alias (§18.3, Decision): `Widget-<dashboard name>-<1-based position>`. */
export function widgetAlias(dashboardName: string, index: number): string {
  return `Widget-${dashboardName}-${String(index + 1)}`;
}

const WIDGET_ALIAS = /^Widget-([A-Za-z0-9_-]{3,128})-([1-9]\d*)$/;

/**
 * The dashboard and widget a widget alias names in an account and region (§18.10), or undefined:
 * a deleted dashboard's aliases, and positions past its last widget, resolve to nothing.
 */
export function resolveWidgetAlias(
  state: EmulatorState,
  account: string,
  region: string,
  alias: string,
): { resolved: ResolvedDashboard; widget: RequestWidget; index: number } | undefined {
  const match = WIDGET_ALIAS.exec(alias);
  if (!match) return undefined;
  const resolved = findDashboard(state, account, region, match[1] ?? '');
  if (!resolved) return undefined;
  const index = Number(match[2]) - 1;
  const widget = requestWidgetsOf(resolved)[index];
  return widget ? { resolved, widget, index } : undefined;
}

/** The API's widgets of a dashboard: the request widgets with their aliases (§18.3). */
export function describeWidgets(resolved: Pick<ResolvedDashboard, 'kind' | 'dashboard' | 'managed'>): Widget[] {
  return requestWidgetsOf(resolved).map((widget, index) => ({
    QueryAlias: widgetAlias(resolved.dashboard.name, index),
    QueryStatement: widget.QueryStatement,
    ...(widget.QueryParameters === undefined ? {} : { QueryParameters: [...widget.QueryParameters] }),
    ViewProperties: { ...widget.ViewProperties },
  }));
}

/** A dashboard's refresh state; empty before its first refresh. */
export function dashboardRefreshOf(state: EmulatorState, arn: string): StoredDashboardRefresh {
  return state.table<StoredDashboardRefresh>(DASHBOARD_REFRESHES).get(arn) ?? {};
}

/** Saves a dashboard's refresh state. */
export function saveDashboardRefresh(state: EmulatorState, arn: string, refresh: StoredDashboardRefresh): void {
  state.put(DASHBOARD_REFRESHES, arn, refresh);
}

/** Whether a store selects Management events: a CloudTrail-events store naming eventCategory Management. */
function selectsManagementEvents(store: StoredEventDataStore): boolean {
  return (
    store.kind === 'CloudTrailEvents' &&
    store.selectors.some((selector) =>
      selector.FieldSelectors?.some(
        (field) => field.Field === 'eventCategory' && (field.Equals ?? []).includes('Management'),
      ),
    )
  );
}

/**
 * The store the Highlights reads in an account and region (§18.12): the oldest CloudTrail-events
 * store, not pending deletion, selecting Management events; undefined when there is none.
 */
export function highlightsPrimaryStore(
  state: EmulatorState,
  account: string,
  region: string,
  now: number,
): StoredEventDataStore | undefined {
  return [...state.table<StoredEventDataStore>(EVENT_DATA_STORES).values()]
    .filter(
      (store) =>
        store.account === account &&
        store.region === region &&
        eventDataStoreStatus(store, now) !== 'PENDING_DELETION' &&
        selectsManagementEvents(store),
    )
    .sort((a, b) => a.order - b.order)[0];
}
