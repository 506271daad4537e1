import type { Trail } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useEffect, useRef, useState } from 'react';
import { describeS3Error } from '@/api/s3';
import { useConnection } from '@/api/use-connection';
import { useShownErrors } from '@/hooks/use-shown-errors';
import { REGIONS } from '@/lib/cloudtrail-limits';
import { errorsOf } from '@/lib/form-errors';
import {
  summaryLines,
  transcriptLines,
  validateLogs,
  ValidationError,
  type ValidationEntry,
  type ValidationReport,
  type ValidationRequest,
} from './validate-logs';
import {
  formatUtcTime,
  parseUtcTime,
  validationRangeSchema,
  type ValidationRangeValues,
} from './validation-range-schema';
import { ValidationResultsTable } from './validation-results-table';
import { validationSourcesFor } from './validation-sources';

interface Run {
  request: ValidationRequest;
  entries: ValidationEntry[];
  report?: ValidationReport;
  error?: unknown;
  cancelled?: boolean;
}

const DAY = 86_400_000;

function RunError({ error }: { error: unknown }) {
  const { connection } = useConnection();
  if (error instanceof ValidationError)
    return (
      <Alert type="error" header="Validation stopped">
        {error.message}
      </Alert>
    );
  const view = describeS3Error(error, connection);
  return (
    <Alert type="error" header={view.title}>
      {view.message}
    </Alert>
  );
}

function RunSummary({ run }: { run: Run }) {
  const { report } = run;
  const invalid = run.entries.filter((entry) => entry.kind === 'file' && !entry.valid).length;
  const checked = run.entries.filter((entry) => entry.kind === 'file').length;
  if (!report) {
    if (run.error !== undefined) return <RunError error={run.error} />;
    if (run.cancelled)
      return <StatusIndicator type="stopped">{`Cancelled after ${String(checked)} files`}</StatusIndicator>;
    return <StatusIndicator type="loading">{`Validating: ${String(checked)} files checked`}</StatusIndicator>;
  }
  const transcript = transcriptLines(report).join('\n');
  return (
    <SpaceBetween size="s">
      {report.digests.valid + report.digests.invalid === 0 ? (
        <StatusIndicator type="info">No digest files found in the range</StatusIndicator>
      ) : invalid === 0 ? (
        <StatusIndicator type="success">Every digest and log file is valid</StatusIndicator>
      ) : (
        <StatusIndicator type="error">{`${String(invalid)} ${invalid === 1 ? 'file is' : 'files are'} INVALID`}</StatusIndicator>
      )}
      <Box variant="pre">
        <span role="region" aria-label="Validation summary">
          {summaryLines(report).join('\n')}
        </span>
      </Box>
      <ExpandableSection headerText="AWS CLI output (validate-logs --verbose)">
        <SpaceBetween size="xs">
          <CopyToClipboard
            variant="button"
            textToCopy={transcript}
            copyButtonText="Copy output"
            copySuccessText="Output copied"
            copyErrorText="Output failed to copy"
          />
          <Box variant="pre" fontSize="body-s">
            {transcript}
          </Box>
        </SpaceBetween>
      </ExpandableSection>
    </SpaceBetween>
  );
}

/**
 * Validates a trail's log files in the browser, as `aws cloudtrail validate-logs` does: a time range
 * and a source Region in, every digest and log file's verdict out, with the CLI's summary.
 */
export function ValidateLogFiles({ trail }: { trail: Trail }) {
  const { connection } = useConnection();
  const [values, setValues] = useState<ValidationRangeValues>(() => ({
    start: formatUtcTime(new Date(Math.floor((Date.now() - DAY) / 60_000) * 60_000)),
    end: '',
  }));
  const homeRegion = trail.HomeRegion ?? connection.region;
  const [region, setRegion] = useState(trail.IsMultiRegionTrail ? connection.region : homeRegion);
  const [run, setRun] = useState<Run | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  const errors = errorsOf(validationRangeSchema.safeParse(values));
  const shown = useShownErrors(errors);
  // A run still going when the tab closes stops reading the bucket.
  useEffect(() => () => controller.current?.abort(), []);

  const bucket = trail.S3BucketName;
  const running = run !== undefined && !run.report && run.error === undefined && !run.cancelled;

  const handleValidate = async () => {
    shown.attemptSubmit();
    const start = parseUtcTime(values.start);
    const end = values.end.trim() === '' ? new Date() : parseUtcTime(values.end);
    if (Object.keys(errors).length > 0 || !start || !end || !bucket || !trail.TrailARN) return;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const request: ValidationRequest = {
      trailArn: trail.TrailARN,
      bucket,
      ...(trail.S3KeyPrefix ? { prefix: trail.S3KeyPrefix } : {}),
      sourceRegion: region,
      startTime: start,
      endTime: end,
    };
    // Updates only the run they belong to: a newer run replaces an older one's results.
    const update = (change: (current: Run) => Run) => {
      setRun((current) => (current?.request === request ? change(current) : current));
    };
    setRun({ request, entries: [] });
    try {
      const report = await validateLogs(validationSourcesFor(connection, region, abort.signal), request, {
        signal: abort.signal,
        onEntry: (entry) => {
          update((current) => ({ ...current, entries: [...current.entries, entry] }));
        },
      });
      update((current) => ({ ...current, report }));
    } catch (error) {
      update((current) => (abort.signal.aborted ? { ...current, cancelled: true } : { ...current, error }));
    }
  };

  if (!bucket || !trail.TrailARN)
    return (
      <Container header={<Header variant="h2">Validate log files</Header>}>
        <Box variant="p">This trail names no S3 bucket.</Box>
      </Container>
    );

  const regionOptions = (trail.IsMultiRegionTrail ? REGIONS : [homeRegion]).map((value) => ({ value, label: value }));
  return (
    <SpaceBetween size="l">
      <Container
        header={
          <Header
            variant="h2"
            description="Checks the digest files' signatures and every log file's hash, newest digest first, with the same verdicts as aws cloudtrail validate-logs."
          >
            Validate log files
          </Header>
        }
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void handleValidate();
          }}
        >
          <Form
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                {running ? (
                  <Button
                    formAction="none"
                    onClick={() => {
                      controller.current?.abort();
                    }}
                  >
                    Cancel
                  </Button>
                ) : null}
                <Button variant="primary" loading={running}>
                  Validate
                </Button>
              </SpaceBetween>
            }
          >
            <SpaceBetween size="m">
              {connection.kind === 'aws' ? (
                <Alert type="info">
                  {`Validation reads the bucket ${bucket} from your browser: its CORS configuration must allow GET and HEAD from this origin and expose the x-amz-meta-signature and x-amz-meta-signature-algorithm headers.`}
                </Alert>
              ) : null}
              {trail.LogFileValidationEnabled === false ? (
                <Alert type="warning">
                  Log file validation is off for this trail: CloudTrail writes no new digest files, so only files
                  delivered while it was on can be validated.
                </Alert>
              ) : null}
              <ColumnLayout columns={3}>
                <FormField
                  label="Start time"
                  constraintText="UTC, for example 2024-06-01T10:00:00Z."
                  errorText={shown.errorOf('start')}
                >
                  <Input
                    value={values.start}
                    onBlur={() => {
                      shown.visit('start');
                    }}
                    onChange={({ detail }) => {
                      setValues({ ...values, start: detail.value });
                    }}
                  />
                </FormField>
                <FormField
                  label="End time - optional"
                  constraintText="UTC; empty means now."
                  errorText={shown.errorOf('end')}
                >
                  <Input
                    value={values.end}
                    placeholder="Now"
                    onBlur={() => {
                      shown.visit('end');
                    }}
                    onChange={({ detail }) => {
                      setValues({ ...values, end: detail.value });
                    }}
                  />
                </FormField>
                <FormField
                  label="Source Region"
                  description={trail.IsMultiRegionTrail ? 'The Region whose files are checked.' : undefined}
                >
                  <Select
                    selectedOption={{ value: region, label: region }}
                    options={regionOptions}
                    disabled={!trail.IsMultiRegionTrail}
                    onChange={({ detail }) => {
                      if (detail.selectedOption.value) setRegion(detail.selectedOption.value);
                    }}
                  />
                </FormField>
              </ColumnLayout>
            </SpaceBetween>
          </Form>
        </form>
      </Container>
      {run ? (
        <Container header={<Header variant="h2">Results</Header>}>
          <SpaceBetween size="l">
            <RunSummary run={run} />
            <ValidationResultsTable entries={run.entries} />
          </SpaceBetween>
        </Container>
      ) : null}
    </SpaceBetween>
  );
}
