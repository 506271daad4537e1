import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import { StatusIndicator } from '@/components/status-indicator';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, useRouteError, type RouteObject } from 'react-router';
import { paths } from '@/lib/paths';
import { GridNavigationHint } from './grid-navigation-hint';
import { loadEveryPage, pageFrom } from './page-from';
import { useRegionInUrl } from './region-in-url';
import { TopBar } from './top-bar';

// Every page's code is loaded when the page is first visited (the shell shows "Loading the page"
// meanwhile), so the first screen downloads only its own page and the pieces of Cloudscape and the
// SDK that page uses. The query page brings the SQL editor (CodeMirror), dashboards bring the charts.
const ChannelDetailPage = pageFrom(() => import('@/features/channels/channel-detail-page'), 'ChannelDetailPage');
const CreateIntegrationPage = pageFrom(
  () => import('@/features/channels/create-integration-page'),
  'CreateIntegrationPage',
);
const IntegrationsPage = pageFrom(() => import('@/features/channels/integrations-page'), 'IntegrationsPage');
const CreateEventDataStorePage = pageFrom(
  () => import('@/features/event-data-stores/create-event-data-store-page'),
  'CreateEventDataStorePage',
);
const EditEventDataStorePage = pageFrom(
  () => import('@/features/event-data-stores/edit-event-data-store-page'),
  'EditEventDataStorePage',
);
const EventDataStoreDetailPage = pageFrom(
  () => import('@/features/event-data-stores/event-data-store-detail-page'),
  'EventDataStoreDetailPage',
);
const EventDataStoresPage = pageFrom(
  () => import('@/features/event-data-stores/event-data-stores-page'),
  'EventDataStoresPage',
);
const EventDetailPage = pageFrom(() => import('@/features/event-detail/event-detail-page'), 'EventDetailPage');
const CompareEventsPage = pageFrom(() => import('@/features/compare-events/compare-events-page'), 'CompareEventsPage');
const EventHistoryPage = pageFrom(() => import('@/features/event-history/event-history-page'), 'EventHistoryPage');
const NotFoundPage = pageFrom(() => import('@/features/not-found/not-found-page'), 'NotFoundPage');
const ResourceStoryPage = pageFrom(() => import('@/features/resource-story/resource-story-page'), 'ResourceStoryPage');
const SettingsPage = pageFrom(() => import('@/features/settings/settings-page'), 'SettingsPage');
const CreateTrailPage = pageFrom(() => import('@/features/trails/create-trail-page'), 'CreateTrailPage');
const EditTrailEventSelectorsPage = pageFrom(
  () => import('@/features/trails/edit-trail-event-selectors-page'),
  'EditTrailEventSelectorsPage',
);
const EditTrailPage = pageFrom(() => import('@/features/trails/edit-trail-page'), 'EditTrailPage');
const TrailDetailPage = pageFrom(() => import('@/features/trails/trail-detail-page'), 'TrailDetailPage');
const TrailsPage = pageFrom(() => import('@/features/trails/trails-page'), 'TrailsPage');

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
  // Until the console has switched to the region a link names, its page would show another region's data.
  const switchingRegion = useRegionInUrl();
  return (
    <>
      <TopBar />
      <Suspense fallback={<PageLoading />}>{switchingRegion ? <PageLoading /> : <Outlet />}</Suspense>
      <GridNavigationHint />
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

// Tests render a page and expect it at once, as before pages were split: there, every page's module
// is loaded with this one, so a test's first render does not wait for its page to be transformed.
if (import.meta.env.MODE === 'test') await loadEveryPage();

/** Every page of the console. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { path: paths.home(), element: <Navigate to={paths.eventHistory()} replace /> },
      { path: paths.eventHistory(), element: <EventHistoryPage /> },
      { path: '/events/compare', element: <CompareEventsPage /> },
      { path: '/events/:eventId', element: <EventDetailPage /> },
      { path: paths.resourceStory(), element: <ResourceStoryPage /> },
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
