import Alert from '@cloudscape-design/components/alert';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  dashboardQueries,
  isManagedDashboardName,
  useApplyDashboardPermissions,
  useCreateDashboard,
  useUpdateDashboard,
  type DashboardDetails,
} from '@/api/dashboards';
import { useConnection } from '@/api/use-connection';
import { FormPageLayout } from '@/components/form-page-layout';
import { useNotifications } from '@/components/notifications';
import { QueryError } from '@/components/query-error';
import { paths } from '@/lib/paths';
import type { Tag } from '@aws-sdk/client-cloudtrail';
import { describeError } from '@/api/errors';
import { tagQueries, useUpdateTags } from '@/api/tags';
import { toTags } from '@/lib/tags';
import { DashboardForm, type PermissionsToApply } from './dashboard-form';
import { DASHBOARD_NAME } from '@/lib/cloudtrail-limits';
import {
  defaultDashboardFormValues,
  formValuesOf,
  toCreateInput,
  toUpdateInput,
  type DashboardFormValues,
} from './dashboard-form-schema';
import { EVENT_DATA_STORE_ID, customWidgetOf } from './widget-editor/widget-sql';

/** `?from=<dashboard>&store=<store ID>`: the copy "Save as new dashboard" starts from; anything malformed is ignored. */
const copyParams = z.object({
  from: z.string().min(1).max(DASHBOARD_NAME.max).optional().catch(undefined),
  store: z
    .string()
    .regex(/^[A-Za-z0-9:/._-]{1,256}$/)
    .optional()
    .catch(undefined),
});

/**
 * After a dashboard is saved: on edit, its tags (AddTags/RemoveTags, as UpdateDashboard has none);
 * with a schedule, its permissions (§18.14). A failure is told, with the dashboard saved all the
 * same, and the page moves on to the dashboard.
 */
function useSaveThenApply() {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const { backend } = useConnection();
  const permissions = useApplyDashboardPermissions();
  const tags = useUpdateTags();
  return {
    applying: permissions.isPending || tags.isPending,
    done: async ({
      name,
      verb,
      dashboardArn,
      apply,
      tagChange,
    }: {
      name: string;
      verb: string;
      dashboardArn: string | undefined;
      apply: PermissionsToApply | undefined;
      tagChange?: { previous: Tag[]; next: Tag[] };
    }) => {
      const problems: string[] = [];
      const attempt = async (what: string, call: () => Promise<unknown>) => {
        try {
          await call();
        } catch (error) {
          const view = describeError(error, { backend });
          problems.push(`its ${what} could not be saved (${view.title}: ${view.message})`);
        }
      };
      if (tagChange && dashboardArn)
        await attempt('tags', () => tags.mutateAsync({ resourceArn: dashboardArn, ...tagChange }));
      if (apply && dashboardArn)
        await attempt('permissions', () =>
          permissions.mutateAsync({ dashboardArn, storeArns: apply.storeArns, scheduled: true }),
        );
      const path = paths.dashboardDetail(name);
      if (problems.length > 0)
        notify({
          type: 'warning',
          key: name,
          path,
          content: `Dashboard ${name} ${verb}, but ${problems.join(' and ')}.`,
        });
      else notify({ type: 'success', key: name, path, content: `Dashboard ${name} ${verb}.` });
      void navigate(path);
    },
  };
}

function CreateForm({ initial }: { initial: DashboardFormValues }) {
  const create = useCreateDashboard();
  const after = useSaveThenApply();
  return (
    <DashboardForm
      mode="create"
      initial={initial}
      submitText="Create dashboard"
      cancelHref={paths.dashboards('dashboards')}
      submitting={create.isPending || after.applying}
      error={create.error}
      onSubmit={(values, permissions) => {
        create.mutate(toCreateInput(values), {
          onSuccess: (created) => {
            void after.done({
              name: created.Name ?? values.name,
              verb: 'created',
              dashboardArn: created.DashboardArn,
              apply: permissions,
            });
          },
        });
      }}
    />
  );
}

/** The name suggested for a copy: the source's without the managed prefix, then "-copy". */
function copyName(from: string): string {
  const base = isManagedDashboardName(from) ? from.slice(DASHBOARD_NAME.reservedPrefix.length) : from;
  return `${base}-copy`.slice(0, DASHBOARD_NAME.max);
}

function CopyForm({ from, store }: { from: string; store: string | undefined }) {
  const { connection } = useConnection();
  const source = useQuery(dashboardQueries.detail(connection, from));
  if (source.isPending) return <StatusIndicator type="loading">Loading dashboard {from}</StatusIndicator>;
  if (source.isError) return <QueryError error={source.error} onRetry={() => void source.refetch()} />;
  const widgets = source.data.Widgets ?? [];
  const needsStore = widgets.some((widget) => widget.QueryParameters?.includes(EVENT_DATA_STORE_ID));
  if (needsStore && store === undefined)
    return (
      <Alert type="warning" header="Choose an event data store first">
        {`The widgets of ${from} read the store chosen on its page. Open ${from}, choose a store, then use Save as new dashboard.`}
      </Alert>
    );
  const initial: DashboardFormValues = {
    ...defaultDashboardFormValues,
    name: copyName(from),
    widgets: widgets.map((widget) => customWidgetOf(widget, store ?? '')),
  };
  return <CreateForm initial={initial} />;
}

/** Builds a custom dashboard, from scratch or as a copy of another (`?from=&store=`). */
export function CreateDashboardPage() {
  const [search] = useSearchParams();
  const { from, store } = copyParams.parse(Object.fromEntries(search));
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Dashboards', href: paths.dashboards('dashboards') },
        { text: 'Create dashboard', href: paths.createDashboard() },
      ]}
      title={from === undefined ? 'Create dashboard' : `Save ${from} as a new dashboard`}
      description="A custom dashboard shows your own choice of widgets: charts and tables over your event data stores, each filled by a Lake query."
    >
      {from === undefined ? (
        <CreateForm initial={defaultDashboardFormValues} />
      ) : (
        <CopyForm key={`${from} ${store ?? ''}`} from={from} store={store} />
      )}
    </FormPageLayout>
  );
}

function EditForm({ name, dashboard, tags }: { name: string; dashboard: DashboardDetails; tags: Tag[] }) {
  const update = useUpdateDashboard();
  const after = useSaveThenApply();
  return (
    <DashboardForm
      mode="edit"
      dashboardName={name}
      initial={formValuesOf(dashboard, tags)}
      submitText="Save changes"
      cancelHref={paths.dashboardDetail(name)}
      submitting={update.isPending || after.applying}
      error={update.error}
      onSubmit={(values, permissions) => {
        update.mutate(toUpdateInput(name, dashboard, values), {
          onSuccess: (updated) => {
            void after.done({
              name,
              verb: 'updated',
              dashboardArn: updated.DashboardArn ?? dashboard.DashboardArn,
              apply: permissions,
              tagChange: { previous: tags, next: toTags(values.tags) },
            });
          },
        });
      }}
    />
  );
}

/** Changes a custom dashboard's widgets, refresh schedule and termination protection. */
export function EditDashboardPage() {
  const { name = '' } = useParams();
  const { connection } = useConnection();
  const query = useQuery(dashboardQueries.detail(connection, name));
  const arn = query.data?.DashboardArn ?? '';
  const tags = useQuery({ ...tagQueries.list(connection, arn), enabled: arn !== '' && query.data?.Type === 'CUSTOM' });
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading dashboard</StatusIndicator>;
  else if (query.isError) content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.Type !== 'MANAGED' && tags.isPending)
    content = <StatusIndicator type="loading">Loading dashboard</StatusIndicator>;
  else if (tags.isError) content = <QueryError error={tags.error} onRetry={() => void tags.refetch()} />;
  else if (query.data.Type === 'MANAGED')
    content = (
      <Alert type="info" header="Managed dashboards cannot be changed">
        {`${name} is managed by CloudTrail. Save it as a new dashboard to change its widgets.`}
      </Alert>
    );
  else content = <EditForm name={name} dashboard={query.data} tags={tags.data ?? []} />;
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Dashboards', href: paths.dashboards('dashboards') },
        { text: name, href: paths.dashboardDetail(name) },
        { text: 'Edit', href: paths.editDashboard(name) },
      ]}
      title={`Edit ${name}`}
      description="A dashboard's name cannot change; its widgets, refresh schedule, termination protection and tags can."
    >
      {content}
    </FormPageLayout>
  );
}
