import type { Trail } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs, { type KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tabs from '@cloudscape-design/components/tabs';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { trailQueries, useStartLogging, useStopLogging } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { useNotifications } from '@/components/notifications';
import { MutationError } from '@/components/mutation-error';
import { PageLayout } from '@/components/page-layout';
import { ResourceDetailContent } from '@/components/resource-detail-content';
import { ResourceTags } from '@/components/resource-tags';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { DeleteTrailModal } from './delete-trail-modal';
import { DeliveredFiles } from './delivered-files/delivered-files';
import { shadowNotice, yesNo } from './describe-trail';
import { TrailEventSelectors } from './trail-event-selectors';
import { TrailInsights } from './trail-insights';
import { TrailStatusPanel } from './trail-status';
import { ValidateLogFiles } from './validation/validate-log-files';

const TABS = ['details', 'delivered-files', 'validation'] as const;
type TabId = (typeof TABS)[number];

const detailParams = z.object({ tab: z.enum(TABS).catch('details') });

/** The open tab, kept in the URL (`?tab=`); anything unknown opens the details. */
function useTrailTab() {
  const [search, setSearch] = useSearchParams();
  const { tab } = detailParams.parse({ tab: search.get('tab') ?? undefined });
  const setTab = (next: TabId) => {
    setSearch(next === 'details' ? {} : { tab: next }, { replace: true });
  };
  return [tab, setTab] as const;
}

function GeneralSettings({ trail, editable }: { trail: Trail; editable: string | undefined }) {
  const follow = useFollow();
  const arn = trail.TrailARN ?? '';
  const items: KeyValuePairsProps.Pair[] = [
    { label: 'Trail name', value: trail.Name ?? '-' },
    {
      label: 'ARN',
      value: (
        <CopyToClipboard
          variant="inline"
          textToCopy={arn}
          copyButtonAriaLabel="Copy ARN"
          copySuccessText="ARN copied"
          copyErrorText="ARN failed to copy"
        />
      ),
    },
    { label: 'Home region', value: trail.HomeRegion ?? '-' },
    { label: 'Multi-region trail', value: yesNo(trail.IsMultiRegionTrail) },
    { label: 'Apply trail to my organization', value: yesNo(trail.IsOrganizationTrail) },
    { label: 'Include global service events', value: yesNo(trail.IncludeGlobalServiceEvents) },
    { label: 'S3 bucket', value: trail.S3BucketName ?? '-' },
    { label: 'Log file prefix', value: trail.S3KeyPrefix ?? '-' },
    { label: 'Log file validation', value: trail.LogFileValidationEnabled ? 'Enabled' : 'Disabled' },
    { label: 'Log file SSE-KMS encryption', value: trail.KmsKeyId ?? 'Disabled' },
    { label: 'SNS notification delivery', value: trail.SnsTopicARN ?? 'Disabled' },
    { label: 'CloudWatch Logs log group', value: trail.CloudWatchLogsLogGroupArn ?? '-' },
    { label: 'CloudWatch Logs IAM role', value: trail.CloudWatchLogsRoleArn ?? '-' },
    { label: 'Custom event selectors', value: yesNo(trail.HasCustomEventSelectors) },
    {
      label: 'Recorded activity',
      value: (
        <Link
          href={paths.eventHistory({ filters: [{ key: 'ResourceName', value: arn }] })}
          onFollow={follow}
          ariaLabel="Calls naming this trail in Event history"
        >
          View in Event history
        </Link>
      ),
    },
  ];
  return (
    <section aria-label="General details">
      <Container
        header={
          <Header
            variant="h2"
            actions={
              <Button
                href={paths.editTrail(arn)}
                onFollow={follow}
                ariaLabel="Edit general details"
                disabled={editable !== undefined}
                disabledReason={editable}
              >
                Edit
              </Button>
            }
          >
            General details
          </Header>
        }
      >
        <KeyValuePairs columns={3} items={items} />
      </Container>
    </section>
  );
}

function TrailDetail({ trail }: { trail: Trail }) {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const { connection } = useConnection();
  const [tab, setTab] = useTrailTab();
  const [deleting, setDeleting] = useState(false);
  const arn = trail.TrailARN ?? '';
  const name = trail.Name ?? arn;
  const status = useQuery(trailQueries.status(connection, arn));
  const start = useStartLogging();
  const stop = useStopLogging();
  const shadow = shadowNotice(trail, connection.region);
  const editable =
    shadow === undefined ? undefined : `Change this trail from its home Region, ${trail.HomeRegion ?? ''}.`;
  const failed = start.isError ? start.error : stop.isError ? stop.error : undefined;
  const logging = status.data?.IsLogging;

  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={
          trail.IsMultiRegionTrail
            ? `Multi-Region trail, created in ${trail.HomeRegion ?? '-'}`
            : `Trail of ${trail.HomeRegion ?? '-'}`
        }
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {logging ? (
              <Button
                loading={stop.isPending}
                disabled={editable !== undefined}
                disabledReason={editable}
                onClick={() => {
                  start.reset();
                  stop.mutate(arn, {
                    onSuccess: () => {
                      notify({ type: 'success', content: `Logging of ${name} stopped.`, key: arn });
                    },
                  });
                }}
              >
                Stop logging
              </Button>
            ) : (
              <Button
                loading={start.isPending}
                disabled={editable !== undefined || !status.isSuccess}
                disabledReason={editable ?? 'Loading the logging status.'}
                onClick={() => {
                  stop.reset();
                  start.mutate(arn, {
                    onSuccess: () => {
                      notify({ type: 'success', content: `Logging of ${name} started.`, key: arn });
                    },
                  });
                }}
              >
                Start logging
              </Button>
            )}
            <Button
              disabled={editable !== undefined}
              disabledReason={editable}
              onClick={() => {
                setDeleting(true);
              }}
            >
              Delete
            </Button>
          </SpaceBetween>
        }
      >
        {name}
      </Header>
      {shadow ? <Alert type="info">{shadow}</Alert> : null}
      {failed === undefined ? null : (
        <MutationError
          error={failed}
          onDismiss={() => {
            start.reset();
            stop.reset();
          }}
        />
      )}
      <Tabs
        activeTabId={tab}
        onChange={({ detail }) => {
          setTab(detail.activeTabId as TabId);
        }}
        ariaLabel="Trail"
        tabs={[
          {
            id: 'details',
            label: 'Details',
            content: (
              <SpaceBetween size="l">
                <GeneralSettings trail={trail} editable={editable} />
                <TrailStatusPanel arn={arn} />
                <TrailEventSelectors arn={arn} editable={editable} />
                <TrailInsights arn={arn} editable={editable} />
                <ResourceTags
                  arn={arn}
                  resource="A trail"
                  unavailable={
                    shadow === undefined
                      ? undefined
                      : `Tags of this trail can be read and changed only from its home Region, ${trail.HomeRegion ?? ''}.`
                  }
                />
              </SpaceBetween>
            ),
          },
          { id: 'delivered-files', label: 'Delivered files', content: <DeliveredFiles trail={trail} /> },
          { id: 'validation', label: 'Log file validation', content: <ValidateLogFiles trail={trail} /> },
        ]}
      />
      {deleting ? (
        <DeleteTrailModal
          trail={trail}
          onDismiss={() => {
            setDeleting(false);
          }}
          onDeleted={() => {
            notify({ type: 'success', content: `Trail ${name} deleted.`, key: arn, path: paths.trails() });
            void navigate(paths.trails());
          }}
        />
      ) : null}
    </SpaceBetween>
  );
}

/** One trail: settings, logging status, event selectors, Insights, tags, delivered files and their validation. */
export function TrailDetailPage() {
  const { arn = '' } = useParams();
  const { connection } = useConnection();
  const query = useQuery(trailQueries.detail(connection, arn));
  const breadcrumbs = [
    { text: 'Trails', href: paths.trails() },
    { text: query.data?.Name ?? arn, href: paths.trailDetail(arn) },
  ];

  return (
    <PageLayout breadcrumbs={breadcrumbs}>
      <ResourceDetailContent
        query={query}
        id={arn}
        loadingText="Loading trail"
        notFoundErrors={['TrailNotFoundException', 'CloudTrailARNInvalidException']}
        notFound={{
          title: 'Trail not found',
          message: `No trail ${arn} is visible in ${connection.region}.`,
          href: paths.trails(),
          linkText: 'Go to trails',
        }}
      >
        {(trail) => <TrailDetail trail={trail} />}
      </ResourceDetailContent>
    </PageLayout>
  );
}
