// CloudTrail Lake dashboards: typed calls, query factories and mutation hooks (mocks/emulator/SEMANTICS.md
// §18). Every key starts at ['cloudtrail', backend, 'dashboards'], so each mutation refreshes them all.
// Pages name a dashboard by its name (DashboardId takes the name or the ARN). A widget's results are
// read like any Lake query's: DescribeQuery with its alias and the refresh ID gives the QueryId, then
// lakeQueryQueries.describe (polls while QUEUED/RUNNING) and lakeQueryQueries.results take over.
import {
  CreateDashboardCommand,
  DeleteDashboardCommand,
  DescribeQueryCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  StartDashboardRefreshCommand,
  UpdateDashboardCommand,
  type CreateDashboardCommandInput,
  type CreateDashboardCommandOutput,
  type DashboardType,
  type GetDashboardCommandOutput,
  type RefreshSchedule,
  type StartDashboardRefreshCommandOutput,
  type UpdateDashboardCommandInput,
  type UpdateDashboardCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { dashboardPolicyFor, grantsScheduledRefresh, mergeStoreStatement } from '@/lib/dashboard-policies';
import { getResourcePolicy, putResourcePolicy } from './channels';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { eventQueries } from './events';
import type { QueryDetails } from './lake-queries';
import { useCloudTrailMutation } from './use-cloudtrail-mutation';
import { useConnection } from './use-connection';

/** The managed dashboard that CreateDashboard enables (§18.2). */
export const HIGHLIGHTS_DASHBOARD_NAME = 'AWSCloudTrail-Highlights';

/** GetDashboard without the response metadata (it has no Name and no tags). */
export type DashboardDetails = Omit<GetDashboardCommandOutput, '$metadata'>;

/** A row of the dashboards list: what ListDashboards names, with GetDashboard's details. */
export interface DashboardSummary {
  Name: string;
  DashboardArn: string;
  Type: DashboardType | undefined;
  details: DashboardDetails;
}

/** The name in a dashboard ARN (`arn:aws:cloudtrail:<region>:<account>:dashboard/<name>`). */
export function dashboardNameOfArn(arn: string): string {
  const marker = ':dashboard/';
  const at = arn.indexOf(marker);
  return at === -1 ? arn : arn.slice(at + marker.length);
}

/** Whether a name is AWS's: the built-ins and the Highlights start with `AWSCloudTrail-`. */
export function isManagedDashboardName(name: string): boolean {
  return name.startsWith('AWSCloudTrail-');
}

function isErrorNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** GetDashboard, by name or ARN. */
export function getDashboard(
  connection: Connection,
  dashboardId: string,
  signal?: AbortSignal,
): Promise<DashboardDetails> {
  return clientFor(connection).send(new GetDashboardCommand({ DashboardId: dashboardId }), { abortSignal: signal });
}

/**
 * Every dashboard of the Region (built-ins, the Highlights once enabled, custom ones), sorted by name
 * as CloudTrail lists them: ListDashboards following NextToken, GetDashboard for each. A dashboard
 * deleted between the calls is left out.
 */
export async function listDashboards(connection: Connection, signal?: AbortSignal): Promise<DashboardSummary[]> {
  const arns: { DashboardArn: string; Type: DashboardType | undefined }[] = [];
  let token: string | undefined;
  do {
    const output = await clientFor(connection).send(new ListDashboardsCommand({ NextToken: token }), {
      abortSignal: signal,
    });
    for (const item of output.Dashboards ?? [])
      if (item.DashboardArn) arns.push({ DashboardArn: item.DashboardArn, Type: item.Type });
    token = output.NextToken;
  } while (token);
  const rows = await Promise.all(
    arns.map(async ({ DashboardArn, Type }): Promise<DashboardSummary | undefined> => {
      try {
        const details = await getDashboard(connection, DashboardArn, signal);
        return { Name: dashboardNameOfArn(DashboardArn), DashboardArn, Type: details.Type ?? Type, details };
      } catch (error) {
        if (isErrorNamed(error, 'ResourceNotFoundException')) return undefined;
        throw error;
      }
    }),
  );
  return rows.filter((row) => row !== undefined);
}

/** CreateDashboard: a custom dashboard, or the Highlights by its reserved name. */
export function createDashboard(
  connection: Connection,
  input: CreateDashboardCommandInput,
): Promise<CreateDashboardCommandOutput> {
  return clientFor(connection).send(new CreateDashboardCommand(input));
}

/** CreateDashboard Name=AWSCloudTrail-Highlights (no widgets; CloudTrail sets its 6-hour schedule). */
export function enableHighlights(connection: Connection): Promise<CreateDashboardCommandOutput> {
  return createDashboard(connection, { Name: HIGHLIGHTS_DASHBOARD_NAME });
}

/** UpdateDashboard: Widgets, if sent, replace the whole list; RefreshSchedule merges member by member. */
export function updateDashboard(
  connection: Connection,
  input: UpdateDashboardCommandInput,
): Promise<UpdateDashboardCommandOutput> {
  return clientFor(connection).send(new UpdateDashboardCommand(input));
}

/** DeleteDashboard, by name or ARN; refused (ConflictException) under termination protection. */
export async function deleteDashboard(connection: Connection, dashboardId: string): Promise<void> {
  await clientFor(connection).send(new DeleteDashboardCommand({ DashboardId: dashboardId }));
}

/** What a refresh reads: the time range, the period, and for built-ins the store. */
export interface DashboardRefreshRequest {
  dashboardId: string;
  /** Values for `$StartTime$`, `$EndTime$`, `$Period$` and (built-ins, required) `$EventDataStoreId$`. */
  queryParameterValues?: Record<string, string>;
}

/** StartDashboardRefresh: one query per widget; answers the RefreshId. */
export function startDashboardRefresh(
  connection: Connection,
  { dashboardId, queryParameterValues }: DashboardRefreshRequest,
): Promise<StartDashboardRefreshCommandOutput> {
  return clientFor(connection).send(
    new StartDashboardRefreshCommand({ DashboardId: dashboardId, QueryParameterValues: queryParameterValues }),
  );
}

/** The `$Period$` CloudTrail picks for a range (§18.10): minute up to 6 h, hour up to 14 days, else day. */
export function defaultRefreshPeriod(startTime: Date, endTime: Date): 'minute' | 'hour' | 'day' {
  const hours = (endTime.getTime() - startTime.getTime()) / 3_600_000;
  if (hours <= 6) return 'minute';
  if (hours <= 14 * 24) return 'hour';
  return 'day';
}

/** QueryParameterValues of StartDashboardRefresh for a time range and, for built-ins, a store ID or ARN. */
export function dashboardRefreshParameters({
  startTime,
  endTime,
  period = defaultRefreshPeriod(startTime, endTime),
  eventDataStoreId,
}: {
  startTime: Date;
  endTime: Date;
  period?: string;
  eventDataStoreId?: string;
}): Record<string, string> {
  return {
    $StartTime$: startTime.toISOString(),
    $EndTime$: endTime.toISOString(),
    $Period$: period,
    ...(eventDataStoreId ? { $EventDataStoreId$: eventDataStoreId } : {}),
  };
}

/** DescribeQuery by widget alias and refresh ID: the query (QueryId, QueryStatus, ...) that refresh started for the widget. */
export function describeWidgetQuery(
  connection: Connection,
  queryAlias: string,
  refreshId: string,
  signal?: AbortSignal,
): Promise<QueryDetails> {
  return clientFor(connection).send(new DescribeQueryCommand({ QueryAlias: queryAlias, RefreshId: refreshId }), {
    abortSignal: signal,
  });
}

/** The refresh schedules the console offers (§18.14): Off, 1 h, 6 h, 12 h, 1 day. */
export const REFRESH_SCHEDULE_CHOICES: readonly {
  label: string;
  value: string;
  frequency?: RefreshSchedule['Frequency'];
}[] = [
  { label: 'Off', value: 'off' },
  { label: 'Every hour', value: '1h', frequency: { Unit: 'HOURS', Value: 1 } },
  { label: 'Every 6 hours', value: '6h', frequency: { Unit: 'HOURS', Value: 6 } },
  { label: 'Every 12 hours', value: '12h', frequency: { Unit: 'HOURS', Value: 12 } },
  { label: 'Every day', value: '1d', frequency: { Unit: 'DAYS', Value: 1 } },
];

/** A refresh schedule as text: "Off", "Every 6 hours", ... */
export function describeRefreshSchedule(schedule: RefreshSchedule | undefined): string {
  if (!schedule?.Frequency || schedule.Status !== 'ENABLED') return 'Off';
  const { Unit, Value } = schedule.Frequency;
  const choice = REFRESH_SCHEDULE_CHOICES.find(
    (option) => option.frequency?.Unit === Unit && option.frequency?.Value === Value,
  );
  return choice?.label ?? `Every ${String(Value)} ${String(Unit).toLowerCase()}`;
}

/**
 * When a dashboard last refreshed, read from its LastRefreshId: the emulator numbers a refresh by
 * its start in epoch milliseconds (§18.10); an ID that is not one (13 digits) gives undefined.
 */
export function lastRefreshTimeOf(details: Pick<DashboardDetails, 'LastRefreshId'>): Date | undefined {
  const id = details.LastRefreshId;
  return id !== undefined && /^\d{13}$/.test(id) ? new Date(Number(id)) : undefined;
}

/** The permissions a dashboard needs (§18.8, §18.14): StartQuery on its stores, StartDashboardRefresh on itself. */
export interface DashboardPermissions {
  dashboardArn: string;
  /** The stores its widgets read. */
  storeArns: readonly string[];
  /** Whether it refreshes on a schedule, so it needs its own policy too. */
  scheduled: boolean;
}

/**
 * Applies a dashboard's permissions: each store's policy gets the StartQuery statement merged in
 * (GetResourcePolicy, then PutResourcePolicy only when something changes), and a scheduled
 * dashboard gets its StartDashboardRefresh policy. The dashboard must exist for the last call.
 */
export async function applyDashboardPermissions(
  connection: Connection,
  { dashboardArn, storeArns, scheduled }: DashboardPermissions,
): Promise<void> {
  for (const storeArn of storeArns) {
    const change = mergeStoreStatement(await getResourcePolicy(connection, storeArn), storeArn, dashboardArn);
    if (change.next !== undefined) await putResourcePolicy(connection, storeArn, change.next);
  }
  if (scheduled) await putResourcePolicy(connection, dashboardArn, dashboardPolicyFor(dashboardArn));
}

/** What a scheduled dashboard lacks of its permissions (§18.8): stores without its StartQuery statement, its own policy. */
export interface MissingDashboardPermissions {
  storeArns: string[];
  dashboardPolicy: boolean;
}

/**
 * Reads the policies of a scheduled dashboard's stores and of the dashboard, and says which lack
 * what a scheduled refresh needs. The emulator runs refreshes without them (§18.8); AWS does not.
 */
export async function missingDashboardPermissions(
  connection: Connection,
  { dashboardArn, storeArns }: Omit<DashboardPermissions, 'scheduled'>,
  signal?: AbortSignal,
): Promise<MissingDashboardPermissions> {
  const missing: string[] = [];
  for (const storeArn of storeArns) {
    const policy = await getResourcePolicy(connection, storeArn, signal);
    // A policy the console cannot read is not counted as missing: it is left for its owner to judge.
    try {
      if (mergeStoreStatement(policy, storeArn, dashboardArn).next !== undefined) missing.push(storeArn);
    } catch {
      continue;
    }
  }
  const own = await getResourcePolicy(connection, dashboardArn, signal);
  return { storeArns: missing, dashboardPolicy: !grantsScheduledRefresh(own, dashboardArn) };
}

export const dashboardQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'dashboards'] as const,
  /** Every dashboard of the Region with its details, sorted by name. */
  list: (connection: Connection) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(backendIdOf(connection)), 'list'],
      queryFn: ({ signal }) => listDashboards(connection, signal),
    }),
  /** One dashboard's details (widgets, schedule, LastRefreshId), by name. */
  detail: (connection: Connection, dashboardId: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(backendIdOf(connection)), 'detail', dashboardId],
      queryFn: ({ signal }) => getDashboard(connection, dashboardId, signal),
    }),
  /** A store's resource policy as it stands (null: none), for the permissions step to show what changes. */
  storePolicy: (connection: Connection, storeArn: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(backendIdOf(connection)), 'store-policy', storeArn],
      queryFn: ({ signal }) => getResourcePolicy(connection, storeArn, signal),
    }),
  /** What a scheduled dashboard lacks of the permissions its refreshes need. */
  missingPermissions: (connection: Connection, dashboardArn: string, storeArns: readonly string[]) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(backendIdOf(connection)), 'missing-permissions', dashboardArn, storeArns],
      queryFn: ({ signal }) => missingDashboardPermissions(connection, { dashboardArn, storeArns }, signal),
    }),
  /**
   * The query a refresh started for one widget (QueryId and its status then). A refresh's widget
   * query never changes, so this resolves once; poll its status with lakeQueryQueries.describe(QueryId).
   */
  widgetQuery: (connection: Connection, queryAlias: string, refreshId: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(backendIdOf(connection)), 'widget-query', queryAlias, refreshId],
      queryFn: ({ signal }) => describeWidgetQuery(connection, queryAlias, refreshId, signal),
      staleTime: Infinity,
    }),
};

/** Creates a dashboard. */
export function useCreateDashboard() {
  return useCloudTrailMutation(createDashboard, dashboardQueries.all);
}

/**
 * Enables the Highlights dashboard, then gives it the permissions it needs (its stores' StartQuery
 * statement and its StartDashboardRefresh policy, for its 6-hour schedule).
 */
export function useEnableHighlights() {
  const { connection, backend } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ storeArns }: { storeArns: readonly string[] }) => {
      const created = await enableHighlights(connection);
      if (created.DashboardArn)
        await applyDashboardPermissions(connection, { dashboardArn: created.DashboardArn, storeArns, scheduled: true });
      return created;
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dashboardQueries.all(backend) }),
        queryClient.invalidateQueries({ queryKey: eventQueries.all(backend) }),
      ]),
  });
}

/** Changes a dashboard's widgets, schedule or termination protection. */
export function useUpdateDashboard() {
  return useCloudTrailMutation(updateDashboard, dashboardQueries.all);
}

/** Deletes a dashboard. */
export function useDeleteDashboard() {
  return useCloudTrailMutation(deleteDashboard, dashboardQueries.all);
}

/** Applies a dashboard's permissions (applyDashboardPermissions). */
export function useApplyDashboardPermissions() {
  return useCloudTrailMutation(applyDashboardPermissions, dashboardQueries.all);
}

/** Refreshes a dashboard; its details (LastRefreshId) refresh after. */
export function useStartDashboardRefresh() {
  return useCloudTrailMutation(startDashboardRefresh, dashboardQueries.all);
}
