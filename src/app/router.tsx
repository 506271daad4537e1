import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, useRouteError, type RouteObject } from 'react-router';
import { ChannelDetailPage } from '@/features/channels/channel-detail-page';
import { CreateIntegrationPage } from '@/features/channels/create-integration-page';
import { IntegrationsPage } from '@/features/channels/integrations-page';
import { CreateEventDataStorePage } from '@/features/event-data-stores/create-event-data-store-page';
import { EditEventDataStorePage } from '@/features/event-data-stores/edit-event-data-store-page';
import { EventDataStoreDetailPage } from '@/features/event-data-stores/event-data-store-detail-page';
import { EventDataStoresPage } from '@/features/event-data-stores/event-data-stores-page';
import { EventDetailPage } from '@/features/event-detail/event-detail-page';
import { EventHistoryPage } from '@/features/event-history/event-history-page';
import { NotFoundPage } from '@/features/not-found/not-found-page';
import { SettingsPage } from '@/features/settings/settings-page';
import { CreateTrailPage } from '@/features/trails/create-trail-page';
import { EditTrailEventSelectorsPage } from '@/features/trails/edit-trail-event-selectors-page';
import { EditTrailPage } from '@/features/trails/edit-trail-page';
import { TrailDetailPage } from '@/features/trails/trail-detail-page';
import { TrailsPage } from '@/features/trails/trails-page';
import { paths } from '@/lib/paths';
import { TopBar } from './top-bar';

// The query page brings the SQL editor (CodeMirror) and its formatter: loaded when first opened,
// so the first screen's bundle stays small.
const LakeQueryPage = lazy(() =>
  import('@/features/lake-queries/lake-query-page').then((module) => ({ default: module.LakeQueryPage })),
);

// Dashboards bring Cloudscape's charts: loaded when a dashboard page is first opened.
const DashboardsPage = lazy(() =>
  import('@/features/dashboards/dashboards-page').then((module) => ({ default: module.DashboardsPage })),
);
const DashboardViewPage = lazy(() =>
  import('@/features/dashboards/dashboard-view-page').then((module) => ({ default: module.DashboardViewPage })),
);
const CreateDashboardPage = lazy(() =>
  import('@/features/dashboards/dashboard-form-page').then((module) => ({ default: module.CreateDashboardPage })),
);
const EditDashboardPage = lazy(() =>
  import('@/features/dashboards/dashboard-form-page').then((module) => ({ default: module.EditDashboardPage })),
);

function lazyPage(page: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{page}</Suspense>;
}

function PageLoading() {
  return (
    <Box padding="l">
      <StatusIndicator type="loading">Loading the page</StatusIndicator>
    </Box>
  );
}

function Shell() {
  return (
    <>
      <TopBar />
      <Outlet />
    </>
  );
}

function RouteError() {
  const error = useRouteError();
  return (
    <>
      <TopBar />
      <Box padding="l">
        <Alert type="error" header="This page failed to render">
          {error instanceof Error ? error.message : String(error)}
        </Alert>
      </Box>
    </>
  );
}

/** Every page of the console. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { path: paths.home(), element: <Navigate to={paths.eventHistory()} replace /> },
      { path: paths.eventHistory(), element: <EventHistoryPage /> },
      { path: '/events/:eventId', element: <EventDetailPage /> },
      { path: paths.eventDataStores(), element: <EventDataStoresPage /> },
      { path: paths.createEventDataStore(), element: <CreateEventDataStorePage /> },
      { path: '/lake/event-data-stores/:id', element: <EventDataStoreDetailPage /> },
      { path: '/lake/event-data-stores/:id/edit', element: <EditEventDataStorePage /> },
      {
        path: paths.lakeQuery(),
        element: (
          <Suspense fallback={<PageLoading />}>
            <LakeQueryPage />
          </Suspense>
        ),
      },
      { path: paths.dashboards(), element: lazyPage(<DashboardsPage />) },
      { path: paths.createDashboard(), element: lazyPage(<CreateDashboardPage />) },
      { path: '/lake/dashboards/:name', element: lazyPage(<DashboardViewPage />) },
      { path: '/lake/dashboards/:name/edit', element: lazyPage(<EditDashboardPage />) },
      { path: paths.integrations(), element: <IntegrationsPage /> },
      { path: paths.createIntegration(), element: <CreateIntegrationPage /> },
      { path: '/lake/integrations/:id', element: <ChannelDetailPage /> },
      { path: paths.trails(), element: <TrailsPage /> },
      { path: paths.createTrail(), element: <CreateTrailPage /> },
      { path: '/trails/:arn', element: <TrailDetailPage /> },
      { path: '/trails/:arn/edit', element: <EditTrailPage /> },
      { path: '/trails/:arn/event-selectors', element: <EditTrailEventSelectorsPage /> },
      { path: paths.settings(), element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
