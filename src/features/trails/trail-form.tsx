import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Toggle from '@cloudscape-design/components/toggle';
import { useState } from 'react';
import { trailQueries } from '@/api/trails';
import { useConnection } from '@/api/use-connection';
import { ResourceForm } from '@/components/resource-form';
import { TagsContainer } from '@/components/tags-editor';
import { useExistingNames } from '@/hooks/use-existing-names';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { duplicateNameError } from '@/lib/form-errors';
import {
  S3_KEY_PREFIX,
  TRAIL_NAME,
  trailFormErrors,
  type TrailFormContext,
  type TrailFormValues,
} from './trail-form-schema';

export interface TrailFormProps {
  mode: 'create' | 'edit';
  initial: TrailFormValues;
  /** The home Region and the caller's account, which a CloudWatch Logs group must match. */
  context: TrailFormContext;
  /** Create: why the bucket field starts empty (the account is unknown), shown under it. */
  bucketHint?: string;
  submitText: string;
  cancelHref: string;
  submitting: boolean;
  /** The API's rejection of the last submit. */
  error: unknown;
  /** A problem found before sending, such as an edit that changes nothing. */
  formError?: string;
  onSubmit: (values: TrailFormValues) => void;
  /** Called on any change, so the page can clear a stale rejection or notice. */
  onEdit?: () => void;
}

/** The create and edit form of a trail; nothing is sent while a field is invalid. */
export function TrailForm({
  mode,
  initial,
  context,
  bucketHint,
  submitText,
  cancelHref,
  submitting,
  error,
  formError,
  onSubmit,
  onEdit,
}: TrailFormProps) {
  const { connection } = useConnection();
  const [values, setValues] = useState(initial);
  // Trail names are unique among the trails seen in the region, shadows of multi-Region trails included.
  const [sentName, setSentName] = useState<string>();
  const existingNames = useExistingNames(trailQueries.list(connection), (row) => row.trail.Name, [sentName]);
  const schemaErrors = trailFormErrors(values, context);
  const duplicate =
    mode === 'create'
      ? duplicateNameError(values.name, existingNames, { what: 'A trail', region: connection.region })
      : undefined;
  const errors = duplicate && !schemaErrors.name ? { ...schemaErrors, name: duplicate } : schemaErrors;
  const valid = Object.keys(errors).length === 0;
  const { errorOf, visit, submitted, attemptSubmit } = useShownErrors(errors);
  const change = (next: Partial<TrailFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    onEdit?.();
  };

  const text = (field: 'name' | 'bucket' | 'prefix' | 'snsTopic' | 'logGroupArn' | 'roleArn') => ({
    value: values[field],
    onBlur: () => {
      visit(field);
    },
    onChange: ({ detail }: { detail: { value: string } }) => {
      change({ [field]: detail.value });
    },
  });

  return (
    <ResourceForm
      submitText={submitText}
      cancelHref={cancelHref}
      submitting={submitting}
      error={error}
      formError={formError}
      invalid={submitted && !valid}
      onSubmit={() => {
        attemptSubmit();
        if (!valid) return;
        setSentName(values.name);
        onSubmit(values);
      }}
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">General details</Header>}>
          <SpaceBetween size="l">
            {mode === 'create' ? (
              <FormField
                label="Trail name"
                constraintText={`${String(TRAIL_NAME.min)}–${String(TRAIL_NAME.max)} characters: letters, numbers, periods, underscores and hyphens; start and end with a letter or number.`}
                errorText={errorOf('name')}
              >
                <Input {...text('name')} />
              </FormField>
            ) : null}
            <FormField
              label="Multi-Region trail"
              description={`A multi-Region trail logs events of every Region and shows in each of them; its home Region is ${context.region}.`}
            >
              <Toggle
                checked={values.multiRegion}
                onChange={({ detail }) => {
                  change({ multiRegion: detail.checked });
                }}
              >
                Enable for all Regions
              </Toggle>
            </FormField>
            <FormField
              label="Global service events"
              description="Events of global services such as IAM, STS and CloudFront, recorded in us-east-1."
            >
              <Checkbox
                checked={values.multiRegion || values.includeGlobalServiceEvents}
                disabled={values.multiRegion}
                onChange={({ detail }) => {
                  change({ includeGlobalServiceEvents: detail.checked });
                }}
              >
                {values.multiRegion
                  ? 'Include global service events (always, for a multi-Region trail)'
                  : 'Include global service events'}
              </Checkbox>
            </FormField>
          </SpaceBetween>
        </Container>

        <Container
          header={
            <Header variant="h2" description="CloudTrail delivers log files to an S3 bucket about every 5 minutes.">
              Storage location
            </Header>
          }
        >
          <SpaceBetween size="l">
            <FormField
              label="S3 bucket"
              description={
                connection.kind === 'aws'
                  ? 'The bucket must exist, with a policy that lets CloudTrail write to it.'
                  : 'The emulator accepts any well-formed bucket name and keeps the delivered files itself.'
              }
              constraintText={bucketHint ?? '3–63 lowercase letters, numbers, periods and hyphens.'}
              errorText={errorOf('bucket')}
            >
              <Input {...text('bucket')} spellcheck={false} />
            </FormField>
            <FormField
              label="Log file prefix - optional"
              description="A folder in the bucket for this trail's files: <prefix>/AWSLogs/<account>/..."
              constraintText={`At most ${String(S3_KEY_PREFIX.max)} characters, without a leading or trailing slash.`}
              errorText={errorOf('prefix')}
            >
              <Input {...text('prefix')} spellcheck={false} />
            </FormField>
            <FormField
              label="Log file validation"
              description="Digest files let you prove later that no log file was changed or deleted."
            >
              <Toggle
                checked={values.logFileValidation}
                onChange={({ detail }) => {
                  change({ logFileValidation: detail.checked });
                }}
              >
                Enable log file validation
              </Toggle>
            </FormField>
            <FormField
              label="SNS topic - optional"
              description="Notified each time a log file is delivered. Empty for no notifications."
              constraintText="A topic name or a topic ARN."
              errorText={errorOf('snsTopic')}
            >
              <Input {...text('snsTopic')} spellcheck={false} />
            </FormField>
          </SpaceBetween>
        </Container>

        <Container
          header={
            <Header variant="h2" description="CloudTrail can also send the events to a CloudWatch Logs log group.">
              CloudWatch Logs - optional
            </Header>
          }
        >
          <SpaceBetween size="l">
            <Toggle
              checked={values.cloudWatchLogs}
              onChange={({ detail }) => {
                change({ cloudWatchLogs: detail.checked });
              }}
            >
              Send events to CloudWatch Logs
            </Toggle>
            {values.cloudWatchLogs ? (
              <SpaceBetween size="l">
                <FormField
                  label="Log group ARN"
                  constraintText={`A log group of ${context.region}, such as arn:aws:logs:${context.region}:${context.account ?? '<account>'}:log-group:my-trail-logs:*`}
                  errorText={errorOf('logGroupArn')}
                >
                  <Input {...text('logGroupArn')} spellcheck={false} />
                </FormField>
                <FormField
                  label="IAM role ARN"
                  description="The role CloudTrail assumes to write to the log group."
                  errorText={errorOf('roleArn')}
                >
                  <Input {...text('roleArn')} spellcheck={false} />
                </FormField>
              </SpaceBetween>
            ) : null}
          </SpaceBetween>
        </Container>

        {mode === 'create' ? (
          <Container
            header={
              <Header
                variant="h2"
                description="The management events the trail logs. Data events and Insights can be added on the trail's page."
              >
                Management events
              </Header>
            }
          >
            <FormField label="API activity" errorText={errorOf('writeEvents')}>
              <SpaceBetween size="xxs">
                <Checkbox
                  checked={values.readEvents}
                  onChange={({ detail }) => {
                    visit('writeEvents');
                    change({ readEvents: detail.checked });
                  }}
                >
                  Read
                </Checkbox>
                <Checkbox
                  checked={values.writeEvents}
                  onChange={({ detail }) => {
                    visit('writeEvents');
                    change({ writeEvents: detail.checked });
                  }}
                >
                  Write
                </Checkbox>
              </SpaceBetween>
            </FormField>
          </Container>
        ) : null}

        {mode === 'create' ? (
          <TagsContainer
            resource="trail"
            tags={values.tags}
            onChange={(tags) => {
              change({ tags });
            }}
            errorOf={errorOf}
            onBlur={visit}
          />
        ) : null}
      </SpaceBetween>
    </ResourceForm>
  );
}
