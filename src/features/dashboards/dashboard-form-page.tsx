import Alert from '@cloudscape-design/components/alert';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  dashboardQueries,
  isManagedDashboardName,
  useCreateDashboard,
  useUpdateDashboard,
  type DashboardDetails,
} from '@/api/dashboards';
import { useConnection } from '@/api/use-connection';
import { FormPageLayout } from '@/components/form-page-layout';
import { useNotifications } from '@/components/notifications';
import { QueryError } from '@/components/query-error';
import { paths } from '@/lib/paths';
import { DashboardForm } from './dashboard-form';
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

function CreateForm({ initial }: { initial: DashboardFormValues }) {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const create = useCreateDashboard();
  return (
    <DashboardForm
      mode="create"
      initial={initial}
      submitText="Create dashboard"
      cancelHref={paths.dashboards('dashboards')}
      submitting={create.isPending}
      error={create.error}
      onSubmit={(values) => {
        create.mutate(toCreateInput(values), {
          onSuccess: (created) => {
            const name = created.Name ?? values.name;
            notify({ type: 'success', content: `Dashboard ${name} created.` });
            void navigate(paths.dashboardDetail(name));
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

function EditForm({ name, dashboard }: { name: string; dashboard: DashboardDetails }) {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const update = useUpdateDashboard();
  return (
    <DashboardForm
      mode="edit"
      initial={formValuesOf(dashboard)}
      submitText="Save changes"
      cancelHref={paths.dashboardDetail(name)}
      submitting={update.isPending}
      error={update.error}
      onSubmit={(values) => {
        update.mutate(toUpdateInput(name, dashboard, values), {
          onSuccess: () => {
            notify({ type: 'success', content: `Dashboard ${name} updated.` });
            void navigate(paths.dashboardDetail(name));
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
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading dashboard</StatusIndicator>;
  else if (query.isError) content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.Type === 'MANAGED')
    content = (
      <Alert type="info" header="Managed dashboards cannot be changed">
        {`${name} is managed by CloudTrail. Save it as a new dashboard to change its widgets.`}
      </Alert>
    );
  else content = <EditForm name={name} dashboard={query.data} />;
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Dashboards', href: paths.dashboards('dashboards') },
        { text: name, href: paths.dashboardDetail(name) },
        { text: 'Edit', href: paths.editDashboard(name) },
      ]}
      title={`Edit ${name}`}
      description="A dashboard's name cannot change; its widgets, refresh schedule and termination protection can."
    >
      {content}
    </FormPageLayout>
  );
}
