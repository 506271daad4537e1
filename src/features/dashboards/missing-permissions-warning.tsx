import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import { useQuery } from '@tanstack/react-query';
import { dashboardQueries, useApplyDashboardPermissions } from '@/api/dashboards';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';

/**
 * A scheduled dashboard whose stores or own policy lack what its refreshes need (§18.8): CloudTrail
 * would not run them on AWS, though the emulator does. Says what is missing and adds it on request.
 */
export function MissingPermissionsWarning({
  dashboardArn,
  storeArns,
}: {
  dashboardArn: string;
  storeArns: readonly string[];
}) {
  const { connection } = useConnection();
  const missing = useQuery(dashboardQueries.missingPermissions(connection, dashboardArn, storeArns));
  const apply = useApplyDashboardPermissions();
  const lacking = missing.data;
  if (lacking === undefined || (lacking.storeArns.length === 0 && !lacking.dashboardPolicy)) return null;
  const what = [
    ...(lacking.dashboardPolicy
      ? ['the dashboard has no resource policy allowing cloudtrail:StartDashboardRefresh']
      : []),
    ...lacking.storeArns.map((arn) => `the resource policy of ${arn} does not allow cloudtrail:StartQuery for it`),
  ];
  return (
    <Alert
      type="warning"
      header="Scheduled refreshes lack permissions"
      action={
        <Button
          loading={apply.isPending}
          onClick={() => {
            apply.mutate({ dashboardArn, storeArns: lacking.storeArns, scheduled: lacking.dashboardPolicy });
          }}
        >
          Add permissions
        </Button>
      }
    >
      CloudTrail runs this dashboard&apos;s scheduled refreshes only with these permissions, and {what.join('; ')}.
      {apply.error ? <MutationError error={apply.error} /> : null}
    </Alert>
  );
}
