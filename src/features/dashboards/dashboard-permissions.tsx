import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { dashboardQueries } from '@/api/dashboards';
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { JsonView } from '@/components/json-view';
import { QueryError } from '@/components/query-error';
import {
  dashboardPolicyFor,
  mergeStoreStatement,
  storeStatementFor,
  type StorePolicyChange,
} from '@/lib/dashboard-policies';
import { eventDataStoreIdOf } from '@/lib/paths';

/** The merge, or why the store's policy cannot take it. */
function changeOf(current: string | null, arn: string, dashboardArn: string): StorePolicyChange | { problem: string } {
  try {
    return mergeStoreStatement(current, arn, dashboardArn);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

function StorePermission({ store, dashboardArn }: { store: EventDataStoreDetails; dashboardArn: string }) {
  const { connection } = useConnection();
  const arn = store.EventDataStoreArn ?? '';
  const id = eventDataStoreIdOf(arn);
  const name = store.Name ?? id;
  const policy = useQuery(dashboardQueries.storePolicy(connection, arn));
  let summary;
  let json = JSON.stringify(storeStatementFor(arn, dashboardArn));
  if (policy.isPending) summary = <StatusIndicator type="loading">Reading its resource policy</StatusIndicator>;
  else if (policy.isError)
    summary = (
      <QueryError
        error={policy.error}
        onRetry={() => {
          void policy.refetch();
        }}
      />
    );
  else {
    const change = changeOf(policy.data, arn, dashboardArn);
    summary =
      'problem' in change ? (
        <StatusIndicator type="error">{change.problem}</StatusIndicator>
      ) : (
        <Box variant="span">{change.summary}</Box>
      );
    if ('next' in change && change.next !== undefined) json = change.next;
    else if (policy.data !== null) json = policy.data;
  }
  return (
    <li>
      <SpaceBetween size="xxs">
        <Box variant="strong">{`${name} (${id})`}</Box>
        {summary}
        <ExpandableSection headerText={`Resource policy of ${name} after the change`}>
          <JsonView json={json} label={`Resource policy of ${name}`} maxHeight={240} />
        </ExpandableSection>
      </SpaceBetween>
    </li>
  );
}

export interface DashboardPermissionsProps {
  /** The dashboard's ARN (predicted before it is created). */
  dashboardArn: string;
  /** The stores its widgets read. */
  stores: readonly EventDataStoreDetails[];
  /** Whether it refreshes on a schedule, and so needs its own policy. */
  scheduled: boolean;
}

/**
 * The permissions step (§18.14): which stores get CloudTrail's StartQuery statement for the
 * dashboard, merged into their resource policies, and the dashboard's own policy for its schedule.
 */
export function DashboardPermissions({ dashboardArn, stores, scheduled }: DashboardPermissionsProps) {
  return (
    <section aria-label="Permissions">
      <SpaceBetween size="m">
        <Box variant="p">
          CloudTrail runs a dashboard&apos;s widget queries on its behalf. Saving adds a statement allowing
          cloudtrail:StartQuery for this dashboard to the resource policy of each event data store below
          {scheduled ? ', and attaches a resource policy to the dashboard allowing its scheduled refreshes' : ''}.
        </Box>
        {stores.length === 0 ? (
          <Alert type="info">No widget reads an event data store of yours yet: no store policy changes.</Alert>
        ) : (
          <ul aria-label="Event data store policies" style={{ margin: 0, paddingInlineStart: '1.25em' }}>
            {stores.map((store) => (
              <StorePermission key={store.EventDataStoreArn} store={store} dashboardArn={dashboardArn} />
            ))}
          </ul>
        )}
        {scheduled ? (
          <SpaceBetween size="xxs">
            <Box variant="strong">Dashboard resource policy</Box>
            <JsonView json={dashboardPolicyFor(dashboardArn)} label="Dashboard resource policy" maxHeight={240} />
          </SpaceBetween>
        ) : null}
      </SpaceBetween>
    </section>
  );
}
