import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '@/api/errors';
import { trailQueries, useCreateTrail } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { useNotifications } from '@/components/notifications';
import { FormPageLayout } from '@/components/form-page-layout';
import { paths } from '@/lib/paths';
import { TrailForm } from './trail-form';
import {
  createEventSelectorsOf,
  defaultTrailFormValues,
  randomBucketSuffix,
  suggestedBucketName,
  toCreateInput,
} from './trail-form-schema';

function CreateTrailForm({ account }: { account: string | undefined }) {
  const navigate = useNavigate();
  const { connection, backend } = useConnection();
  const { notify } = useNotifications();
  const create = useCreateTrail();
  // Drawn once per visit, so the suggested bucket name stays put while the user types.
  const [suffix] = useState(randomBucketSuffix);
  const initial = defaultTrailFormValues(account === undefined ? '' : suggestedBucketName(account, suffix));
  return (
    <TrailForm
      mode="create"
      initial={initial}
      context={{ region: connection.region, account }}
      bucketHint={
        account === undefined
          ? `The console could not tell your account ID. Enter a bucket name, such as aws-cloudtrail-logs-<account ID>-${suffix}.`
          : undefined
      }
      submitText="Create trail"
      cancelHref={paths.trails()}
      submitting={create.isPending}
      error={create.error}
      onSubmit={(values) => {
        create.mutate(
          { trail: toCreateInput(values), eventSelectors: createEventSelectorsOf(values) },
          {
            onSuccess: ({ trail, failed }) => {
              const name = trail.Name ?? values.name;
              const detail = paths.trailDetail(trail.TrailARN ?? '');
              const about = { key: trail.TrailARN ?? name, path: detail };
              if (failed) {
                const error = describeError(failed.error, { backend });
                notify({
                  type: 'warning',
                  header: `Trail ${name} created, but it is not logging`,
                  content: `${failed.operation} failed: ${error.message}`,
                  ...about,
                });
              } else notify({ type: 'success', content: `Trail ${name} created. Logging is turned on.`, ...about });
              void navigate(detail);
            },
          },
        );
      }}
    />
  );
}

/** Creates a trail with the AWS console's defaults; logging starts automatically. */
export function CreateTrailPage() {
  const { connection } = useConnection();
  const account = useQuery(trailQueries.callerAccount(connection));
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Trails', href: paths.trails() },
        { text: 'Create trail', href: paths.createTrail() },
      ]}
      title="Create trail"
      description="A trail delivers the account's events to log files in an S3 bucket. Logging is turned on automatically."
    >
      {account.isPending ? (
        <StatusIndicator type="loading">Loading</StatusIndicator>
      ) : (
        <CreateTrailForm account={account.data ?? undefined} />
      )}
    </FormPageLayout>
  );
}
