import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs, { type KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { channelQueries, type ChannelDetails } from '@/api/channels';
import { useConnection } from '@/api/use-connection';
import { SelectorsView } from '@/components/selectors-view';
import { useNotifications } from '@/components/notifications';
import { PageLayout } from '@/components/page-layout';
import { ResourceDetailContent } from '@/components/resource-detail-content';
import { useFollow } from '@/hooks/use-follow';
import { formatEventTime } from '@/lib/format-time';
import { paths } from '@/lib/paths';
import { channelEventsQuery } from './channel-lake-query';
import { ChannelResourcePolicy } from './channel-resource-policy';
import { ResourceTags } from '@/components/resource-tags';
import { DeleteChannelModal } from './delete-channel-modal';
import {
  accountOfArn,
  channelSourceOf,
  integrationSummary,
  integrationTypeLabel,
  isServiceLinked,
  owningServiceOf,
  sourceLabel,
  storeIdOf,
} from './describe-channel';
import { EditChannelModal } from './edit-channel-modal';
import { SendTestEvents } from './send-test-events';
import { StoreLink } from './store-link';

/** The channel's ARN as text with a copy button. */
function ArnWithCopy({ arn }: { arn: string }) {
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={arn}
      copyButtonAriaLabel="Copy channel ARN"
      copySuccessText="Channel ARN copied"
      copyErrorText="Channel ARN failed to copy"
    />
  );
}

function GeneralDetails({ items }: { items: KeyValuePairsProps.Item[] }) {
  return (
    // A labelled section, so the details are a landmark screen readers can jump to.
    <section aria-label="General details">
      <Container header={<Header variant="h2">General details</Header>}>
        <KeyValuePairs columns={3} items={items} />
      </Container>
    </section>
  );
}

/** The latest ingestion success and attempt and the last error code CloudTrail reports (mocks/emulator/SEMANTICS.md §12.1). */
function IngestionStatusView({ channel }: { channel: ChannelDetails }) {
  const status = channel.IngestionStatus ?? {};
  const error = status.LatestIngestionErrorCode;
  return (
    <section aria-label="Ingestion status">
      <Container
        header={
          <Header variant="h2" description="What the latest PutAuditEvents calls to this channel left behind.">
            Ingestion status
          </Header>
        }
      >
        <KeyValuePairs
          columns={3}
          items={[
            {
              label: 'Latest successful ingestion',
              value: status.LatestIngestionSuccessTime ? (
                <StatusIndicator type="success">{formatEventTime(status.LatestIngestionSuccessTime)}</StatusIndicator>
              ) : (
                'No events ingested yet'
              ),
            },
            { label: 'Latest successful event ID', value: status.LatestIngestionSuccessEventID ?? '-' },
            {
              label: 'Latest ingestion attempt',
              value: status.LatestIngestionAttemptTime
                ? formatEventTime(status.LatestIngestionAttemptTime)
                : 'None yet',
            },
            { label: 'Latest attempted event ID', value: status.LatestIngestionAttemptEventID ?? '-' },
            {
              label: 'Last error code',
              value: error ? <StatusIndicator type="warning">{error}</StatusIndicator> : 'None',
            },
          ]}
        />
      </Container>
    </section>
  );
}

function IntegrationChannelDetail({ channel }: { channel: ChannelDetails }) {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const [dialog, setDialog] = useState<'edit' | 'delete' | undefined>();
  const follow = useFollow();
  const arn = channel.ChannelArn ?? '';
  const name = channel.Name ?? '';
  const source = channelSourceOf(channel.Source);
  const destinations = channel.Destinations ?? [];
  const stores = destinations.filter((destination) => destination.Type === 'EVENT_DATA_STORE').length;
  const close = () => {
    setDialog(undefined);
  };
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={integrationSummary(channel)}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              onClick={() => {
                setDialog('edit');
              }}
            >
              Edit
            </Button>
            <Button
              onClick={() => {
                setDialog('delete');
              }}
            >
              Delete
            </Button>
          </SpaceBetween>
        }
      >
        {name}
      </Header>
      <GeneralDetails
        items={[
          { label: 'Channel ARN', value: <ArnWithCopy arn={arn} /> },
          { label: 'Name', value: name },
          { label: 'Type', value: 'Integration' },
          { label: 'Source', value: `${sourceLabel(channel)} (${channel.Source ?? '-'})` },
          { label: 'Integration type', value: source ? integrationTypeLabel(source.type) : '-' },
          {
            label: 'Destinations',
            value: (
              <SpaceBetween size="xxs">
                {destinations.map((destination) =>
                  destination.Type === 'EVENT_DATA_STORE' ? (
                    <SpaceBetween key={destination.Location} direction="horizontal" size="xs">
                      <StoreLink arn={destination.Location ?? ''} />
                      <Link
                        href={paths.lakeQuery({ sql: channelEventsQuery(destination.Location ?? '', arn) })}
                        onFollow={follow}
                        // With several stores, each link says which one it queries.
                        {...(stores > 1
                          ? { ariaLabel: `Query ingested events in ${storeIdOf(destination.Location ?? '')}` }
                          : {})}
                      >
                        Query ingested events
                      </Link>
                    </SpaceBetween>
                  ) : (
                    <span key={destination.Location}>{destination.Location ?? '-'}</span>
                  ),
                )}
              </SpaceBetween>
            ),
          },
        ]}
      />
      <IngestionStatusView channel={channel} />
      <SendTestEvents channelArn={arn} account={accountOfArn(arn) ?? '123456789012'} />
      <ChannelResourcePolicy arn={arn} />
      <ResourceTags arn={arn} resource="A channel" />
      {dialog === 'edit' ? (
        <EditChannelModal
          channel={channel}
          onDismiss={close}
          onSaved={() => {
            close();
            notify({ type: 'success', content: `Integration ${name} updated.`, key: arn });
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteChannelModal
          channel={channel}
          onDismiss={close}
          onDeleted={() => {
            close();
            notify({ type: 'success', content: `Integration ${name} deleted.`, key: arn, path: paths.integrations() });
            void navigate(paths.integrations());
          }}
        />
      ) : null}
    </SpaceBetween>
  );
}

/** A service-linked channel: read-only, with its owning service and the selectors it applies. */
function ServiceLinkedChannelDetail({ channel }: { channel: ChannelDetails }) {
  const arn = channel.ChannelArn ?? '';
  const service = owningServiceOf(channel);
  const selectors = channel.SourceConfig?.AdvancedEventSelectors ?? [];
  return (
    <SpaceBetween size="l">
      <Header variant="h1" description={`Service-linked channel of ${service}`}>
        {channel.Name ?? arn}
      </Header>
      <Alert type="info" header="Managed by an AWS service">
        {`${service} created this channel and alone manages it: it cannot be edited or deleted here, and it takes no events through PutAuditEvents.`}
      </Alert>
      <GeneralDetails
        items={[
          { label: 'Channel ARN', value: <ArnWithCopy arn={arn} /> },
          { label: 'Name', value: channel.Name ?? '-' },
          { label: 'Type', value: 'Service-linked' },
          { label: 'Owning service', value: service },
          { label: 'Source', value: channel.Source ?? '-' },
          {
            label: 'Applies to all Regions',
            value: channel.SourceConfig?.ApplyToAllRegions ? 'Yes' : 'No',
          },
        ]}
      />
      <SelectorsView
        selectors={selectors}
        title="Event selectors"
        description={`The events ${service} receives through this channel (SourceConfig).`}
        json={channel.SourceConfig ?? {}}
      />
    </SpaceBetween>
  );
}

/** One channel: integration channels with their ingestion, test events, policy and tags; service-linked ones read-only. */
export function ChannelDetailPage() {
  const { id = '' } = useParams();
  const { connection } = useConnection();
  const query = useQuery(channelQueries.detail(connection, id));
  const breadcrumbs = [
    { text: 'Integrations', href: paths.integrations() },
    { text: query.data?.Name ?? id, href: paths.channelDetail(id) },
  ];

  return (
    <PageLayout breadcrumbs={breadcrumbs}>
      <ResourceDetailContent
        query={query}
        id={id}
        loadingText="Loading integration"
        notFoundErrors={['ChannelNotFoundException', 'ChannelARNInvalidException']}
        notFound={{
          title: 'Integration not found',
          message: `No channel ${id} exists in ${connection.region}.`,
          href: paths.integrations(),
          linkText: 'Go to integrations',
        }}
      >
        {(channel) =>
          isServiceLinked(channel) ? (
            <ServiceLinkedChannelDetail channel={channel} />
          ) : (
            <IntegrationChannelDetail channel={channel} />
          )
        }
      </ResourceDetailContent>
    </PageLayout>
  );
}
