import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { CreateIntegrationForm, type CreatedIntegration } from './create-integration-form';
import { channelSourceOf, isCustomSource } from './describe-channel';
import { StoreLink } from './store-link';

/** The new channel's ARN, ready to hand to the source, and where to go next. */
function CreatedIntegrationView({
  created,
  onCreateAnother,
}: {
  created: CreatedIntegration;
  onCreateAnother: () => void;
}) {
  const follow = useFollow();
  const { channel, policyAttached } = created;
  const arn = channel.ChannelArn ?? '';
  const source = channelSourceOf(channel.Source);
  const sourceName = source?.name ?? channel.Source ?? '';
  return (
    <SpaceBetween size="l">
      <Header variant="h1">{`Integration ${channel.Name ?? ''} created`}</Header>
      <Alert type="success" header="Hand the channel ARN to the source">
        {isCustomSource(channel.Source)
          ? 'Your application sends events by calling PutAuditEvents with this ARN as channelArn.'
          : `Give this ARN to ${sourceName}: it sends events to the channel with PutAuditEvents.`}
      </Alert>
      <Container header={<Header variant="h2">Channel</Header>}>
        <KeyValuePairs
          columns={2}
          items={[
            {
              label: 'Channel ARN',
              value: (
                <CopyToClipboard
                  variant="inline"
                  textToCopy={arn}
                  copyButtonAriaLabel="Copy channel ARN"
                  copySuccessText="Channel ARN copied"
                  copyErrorText="Channel ARN failed to copy"
                />
              ),
            },
            { label: 'Name', value: channel.Name ?? '-' },
            { label: 'Source', value: sourceName },
            {
              label: 'Destinations',
              value: (
                <SpaceBetween size="xxs">
                  {(channel.Destinations ?? []).map((destination) => (
                    <StoreLink key={destination.Location} arn={destination.Location ?? ''} />
                  ))}
                </SpaceBetween>
              ),
            },
            {
              label: 'Resource policy',
              value: policyAttached ? 'Attached' : 'None: only this account can send events',
            },
          ]}
        />
      </Container>
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="primary" href={paths.channelDetail(arn)} onFollow={follow}>
          View integration
        </Button>
        <Button onClick={onCreateAnother}>Create another integration</Button>
      </SpaceBetween>
    </SpaceBetween>
  );
}

/** Creates an integration channel; afterwards shows its ARN to hand to the source. */
export function CreateIntegrationPage() {
  const [created, setCreated] = useState<CreatedIntegration | undefined>();
  return (
    <PageLayout
      contentType="form"
      breadcrumbs={[
        { text: 'Integrations', href: paths.integrations() },
        { text: 'Create integration', href: paths.createIntegration() },
      ]}
    >
      {created ? (
        <CreatedIntegrationView
          created={created}
          onCreateAnother={() => {
            setCreated(undefined);
          }}
        />
      ) : (
        <SpaceBetween size="l">
          <Header
            variant="h1"
            description="A channel brings events from outside AWS, from your own applications or a partner, into CloudTrail Lake event data stores."
          >
            Create integration
          </Header>
          <CreateIntegrationForm onCreated={setCreated} />
        </SpaceBetween>
      )}
    </PageLayout>
  );
}
