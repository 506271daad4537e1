import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
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
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { ModalFooter } from '@/components/modal-footer';
import { MutationError } from '@/components/mutation-error';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { accountOfArn, dashboardArnFor } from '@/lib/dashboard-policies';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { DashboardPermissions } from './dashboard-permissions';
import { DashboardsTable } from './dashboards-table';
import { storeMatchesKind } from './managed-dashboard-stores';
import { useDashboardsParams } from './use-dashboards-params';

function EnableHighlightsModal({ account, onDismiss }: { account: string; onDismiss: () => void }) {
  const { connection } = useConnection();
  const enable = useEnableHighlights();
  const [step, setStep] = useState<'cost' | 'permissions'>('cost');
  const storesQuery = useQuery(eventDataStoreQueries.list(connection));
  // AWS's Highlights reads every store of management events; the emulator its oldest (§18.12).
  const stores = (storesQuery.data ?? []).filter(
    (store) => store.Status !== 'PENDING_DELETION' && storeMatchesKind(store.AdvancedEventSelectors, 'management'),
  );
  const storeAccount = accountOfArn(stores[0]?.EventDataStoreArn ?? '');
  const dashboardArn = dashboardArnFor(connection.region, account || storeAccount, HIGHLIGHTS_DASHBOARD_NAME);
  return (
    <Modal
      visible
      size={step === 'permissions' ? 'large' : 'medium'}
      onDismiss={onDismiss}
      header="Enable Highlights"
      footer={
        <ModalFooter onCancel={onDismiss}>
          {step === 'cost' ? (
            <Button
              variant="primary"
              onClick={() => {
                setStep('permissions');
              }}
            >
              Agree and enable Highlights
            </Button>
          ) : (
            <Button
              variant="primary"
              loading={enable.isPending}
              disabled={storesQuery.isPending}
              onClick={() => {
                enable.mutate(
                  { storeArns: stores.map((store) => store.EventDataStoreArn ?? '') },
                  { onSuccess: onDismiss },
                );
              }}
            >
              Add permissions and enable
            </Button>
          )}
        </ModalFooter>
      }
    >
      <SpaceBetween size="m">
        {step === 'cost' ? (
          <>
            <Box variant="p">
              Highlights refreshes every 6 hours. Each refresh runs one query per widget over your event data store of
              management events, and CloudTrail Lake charges for the data those queries scan.
            </Box>
            <Box variant="p">Termination protection is turned on for the Highlights dashboard.</Box>
          </>
        ) : storesQuery.isError ? (
          <QueryError error={storesQuery.error} onRetry={() => void storesQuery.refetch()} />
        ) : storesQuery.isPending ? (
          <StatusIndicator type="loading">Loading event data stores</StatusIndicator>
        ) : (
          <>
            {stores.length === 0 ? (
              <Alert type="warning">
                {`There is no event data store of management events in ${connection.region}: CloudTrail cannot enable Highlights until there is one.`}
              </Alert>
            ) : null}
            <DashboardPermissions dashboardArn={dashboardArn} stores={stores} scheduled />
          </>
        )}
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
  account,
  dashboards,
  pending,
  error,
  onRetry,
}: {
  account: string;
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
          account={account}
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
                  account={accountOfArn(dashboards[0]?.DashboardArn ?? '')}
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
