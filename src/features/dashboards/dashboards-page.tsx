import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Tabs from '@cloudscape-design/components/tabs';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  dashboardQueries,
  describeRefreshSchedule,
  HIGHLIGHTS_DASHBOARD_NAME,
  lastRefreshTimeOf,
  useEnableHighlights,
  type DashboardSummary,
} from '@/api/dashboards';
import { useConnection } from '@/api/use-connection';
import { ModalFooter } from '@/components/modal-footer';
import { MutationError } from '@/components/mutation-error';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { DashboardsTable } from './dashboards-table';
import { useDashboardsParams } from './use-dashboards-params';

function EnableHighlightsModal({ onDismiss }: { onDismiss: () => void }) {
  const enable = useEnableHighlights();
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header="Enable Highlights"
      footer={
        <ModalFooter onCancel={onDismiss}>
          <Button
            variant="primary"
            loading={enable.isPending}
            onClick={() => {
              enable.mutate(undefined, { onSuccess: onDismiss });
            }}
          >
            Agree and enable Highlights
          </Button>
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          Highlights refreshes every 6 hours. Each refresh runs one query per widget over your event data store of
          management events, and CloudTrail Lake charges for the data those queries scan.
        </Box>
        <Box variant="p">Termination protection is turned on for the Highlights dashboard.</Box>
        {enable.isError ? (
          <MutationError
            error={enable.error}
            onDismiss={() => {
              enable.reset();
            }}
          />
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}

function HighlightsSummary({ highlights }: { highlights: DashboardSummary }) {
  const follow = useFollow();
  const time = lastRefreshTimeOf(highlights.details);
  const failure = highlights.details.LastRefreshFailureReason;
  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={
            <Button variant="primary" href={paths.dashboardDetail(HIGHLIGHTS_DASHBOARD_NAME)} onFollow={follow}>
              View Highlights
            </Button>
          }
        >
          Highlights
        </Header>
      }
    >
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Status', value: <StatusIndicator type="success">Enabled</StatusIndicator> },
          { label: 'Refresh schedule', value: describeRefreshSchedule(highlights.details.RefreshSchedule) },
          {
            label: 'Last refresh',
            value: failure ? (
              <StatusIndicator type="error">{`Failed: ${failure}`}</StatusIndicator>
            ) : highlights.details.LastRefreshId ? (
              time ? (
                formatEventTime(time)
              ) : (
                'Refreshed'
              )
            ) : (
              'Not yet refreshed'
            ),
          },
        ]}
      />
    </Container>
  );
}

function HighlightsTab({
  dashboards,
  pending,
  error,
  onRetry,
}: {
  dashboards: readonly DashboardSummary[];
  pending: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  const [enabling, setEnabling] = useState(false);
  if (pending) return <StatusIndicator type="loading">Loading Highlights</StatusIndicator>;
  if (error !== null && error !== undefined) return <QueryError error={error} onRetry={onRetry} />;
  const highlights = dashboards.find((dashboard) => dashboard.Name === HIGHLIGHTS_DASHBOARD_NAME);
  if (highlights) return <HighlightsSummary highlights={highlights} />;
  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={
            <Button
              variant="primary"
              onClick={() => {
                setEnabling(true);
              }}
            >
              Enable Highlights
            </Button>
          }
        >
          Highlights
        </Header>
      }
    >
      <Box variant="p">
        Highlights shows the activity of your account at a glance: cross-account access, top failed API calls, failed
        console sign-in attempts, resource creation, top access denied events and the most active users. It reads your
        event data store of management events.
      </Box>
      {enabling ? (
        <EnableHighlightsModal
          onDismiss={() => {
            setEnabling(false);
          }}
        />
      ) : null}
    </Container>
  );
}

/** Lake dashboards: the Highlights, and the managed and custom dashboards of the Region. */
export function DashboardsPage() {
  const { connection } = useConnection();
  const follow = useFollow();
  const [params, update] = useDashboardsParams();
  const query = useQuery(dashboardQueries.list(connection));
  const dashboards = query.data ?? [];

  const createButton = (
    <Button variant="primary" href={paths.createDashboard()} onFollow={follow}>
      Create dashboard
    </Button>
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Dashboards', href: paths.dashboards() }]}>
      <SpaceBetween size="m">
        <Header variant="h1" description="Charts and tables of your CloudTrail Lake events.">
          Dashboards
        </Header>
        <Tabs
          activeTabId={params.tab}
          onChange={({ detail }) => {
            update({ tab: detail.activeTabId === 'dashboards' ? 'dashboards' : 'highlights' });
          }}
          tabs={[
            {
              id: 'highlights',
              label: 'Highlights',
              content: (
                <HighlightsTab
                  dashboards={dashboards}
                  pending={query.isPending}
                  error={query.error}
                  onRetry={() => void query.refetch()}
                />
              ),
            },
            {
              id: 'dashboards',
              label: 'Managed and custom dashboards',
              content: (
                <DashboardsTable
                  dashboards={dashboards}
                  loading={query.isPending}
                  error={query.error}
                  onRetry={() => void query.refetch()}
                  onRefresh={() => void query.refetch()}
                  text={params.filter}
                  onTextChange={(filter) => {
                    update({ filter });
                  }}
                  createAction={createButton}
                  emptyMessage={`There are no dashboards in ${connection.region}. Create one to chart your Lake events.`}
                />
              ),
            },
          ]}
        />
      </SpaceBetween>
    </PageLayout>
  );
}
