import type { Trail } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { accountOfArn, trailQueries, useUpdateTrail } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { useNotifications } from '@/components/notifications';
import { FormPageLayout } from '@/components/form-page-layout';
import { QueryError } from '@/components/query-error';
import { paths } from '@/lib/paths';
import { TrailForm } from './trail-form';
import { formValuesOf, toUpdateInput } from './trail-form-schema';
import { shadowNotice } from './describe-trail';

function EditForm({ trail }: { trail: Trail }) {
  const navigate = useNavigate();
  const { connection } = useConnection();
  const { notify } = useNotifications();
  const update = useUpdateTrail();
  const [unchanged, setUnchanged] = useState(false);
  const arn = trail.TrailARN ?? '';
  // The form starts from the trail as first loaded; an update sends only what differs from it.
  const current = formValuesOf(trail);
  const shadow = shadowNotice(trail, connection.region);
  if (shadow)
    return (
      <Alert type="info" header="Settings can be changed only in the home Region">
        {shadow}
      </Alert>
    );
  return (
    <TrailForm
      mode="edit"
      initial={current}
      context={{ region: trail.HomeRegion ?? connection.region, account: accountOfArn(arn) }}
      submitText="Save changes"
      cancelHref={paths.trailDetail(arn)}
      submitting={update.isPending}
      error={update.error}
      formError={unchanged ? 'Nothing to save: change a setting first.' : undefined}
      onEdit={() => {
        setUnchanged(false);
      }}
      onSubmit={(values) => {
        const input = toUpdateInput(trail, current, values);
        if (!input) {
          setUnchanged(true);
          return;
        }
        update.mutate(input, {
          onSuccess: (updated) => {
            notify({
              type: 'success',
              content: `Trail ${updated.Name ?? values.name} updated.`,
              key: arn,
              path: paths.trailDetail(arn),
            });
            void navigate(paths.trailDetail(arn));
          },
        });
      }}
    />
  );
}

/** Changes a trail's storage location, Regions, validation, notifications and CloudWatch Logs delivery. */
export function EditTrailPage() {
  const { arn = '' } = useParams();
  const { connection } = useConnection();
  const query = useQuery(trailQueries.detail(connection, arn));
  const name = query.data?.Name ?? arn;
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading trail</StatusIndicator>;
  else if (query.isError) content = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else content = <EditForm trail={query.data} />;
  return (
    <FormPageLayout
      breadcrumbs={[
        { text: 'Trails', href: paths.trails() },
        { text: name, href: paths.trailDetail(arn) },
        { text: 'Edit', href: paths.editTrail(arn) },
      ]}
      title={`Edit ${name}`}
      description="A trail's name cannot change; its other settings can."
    >
      {content}
    </FormPageLayout>
  );
}
