import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { describeS3Error, s3Queries, type S3ObjectBytes } from '@/api/s3';
import { useConnection } from '@/api/use-connection';
import { JsonView } from '@/components/json-view';
import { formatBytes } from '@/lib/format-bytes';
import { formatEventTime } from '@/lib/format-time';
import { saveFile } from '@/lib/save-file';
import { baseName, deliveredFileKind, gunzipText, parseLogRecords, type LogRecord } from './delivered-file';
import { LogRecordsTable } from './log-records-table';

type Contents =
  | { type: 'log'; records: LogRecord[] }
  | { type: 'digest'; json: string }
  | { type: 'other' }
  | { type: 'unreadable'; reason: string };

function contentsOf(key: string, object: S3ObjectBytes): Contents {
  const kind = deliveredFileKind(key);
  if (kind === 'other') return { type: 'other' };
  try {
    const text = gunzipText(object.bytes);
    return kind === 'digest' ? { type: 'digest', json: text } : { type: 'log', records: parseLogRecords(text) };
  } catch (error) {
    return { type: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

function FileContents({ contents, name }: { contents: Contents; name: string }) {
  switch (contents.type) {
    case 'log':
      return <LogRecordsTable records={contents.records} />;
    case 'digest':
      return <JsonView json={contents.json} label={`Contents of ${name}`} />;
    case 'other':
      return <Box variant="p">Not a CloudTrail log or digest file; download it to see its contents.</Box>;
    case 'unreadable':
      return (
        <Alert type="warning" header="The file is not a gzipped CloudTrail JSON file">
          {contents.reason}
        </Alert>
      );
  }
}

function FileDetails({ bucket, fileKey, object }: { bucket: string; fileKey: string; object: S3ObjectBytes }) {
  const signatureAlgorithm = object.Metadata['signature-algorithm'];
  return (
    <KeyValuePairs
      columns={3}
      items={[
        { label: 'S3 URI', value: `s3://${bucket}/${fileKey}` },
        { label: 'Size', value: formatBytes(object.bytes.byteLength) },
        { label: 'Last modified', value: formatEventTime(object.LastModified) },
        { label: 'Content type', value: object.ContentType ?? '-' },
        { label: 'Server-side encryption', value: object.ServerSideEncryption ?? '-' },
        ...(signatureAlgorithm === undefined ? [] : [{ label: 'Signature algorithm', value: signatureAlgorithm }]),
      ]}
    />
  );
}

/** One delivered file: its details, its records (log file) or JSON (digest), and a download of the raw bytes. */
export function DeliveredFileViewer({ bucket, fileKey }: { bucket: string; fileKey: string }) {
  const { connection } = useConnection();
  const query = useQuery(s3Queries.object(connection, bucket, fileKey));
  const name = baseName(fileKey);
  let content;
  if (query.isPending) content = <StatusIndicator type="loading">Loading file</StatusIndicator>;
  else if (query.isError) {
    const view = describeS3Error(query.error, connection);
    content = (
      <Alert type="error" header={view.title} action={<Button onClick={() => void query.refetch()}>Retry</Button>}>
        {view.message}
      </Alert>
    );
  } else
    content = (
      <SpaceBetween size="l">
        <FileDetails bucket={bucket} fileKey={fileKey} object={query.data} />
        <FileContents contents={contentsOf(fileKey, query.data)} name={name} />
      </SpaceBetween>
    );
  const bytes = query.data?.bytes;
  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={
            <Button
              iconName="download"
              disabled={!bytes}
              onClick={() => {
                if (bytes) saveFile(name, 'application/gzip', bytes);
              }}
            >
              Download
            </Button>
          }
        >
          {/* Long keys break anywhere rather than widening the page. */}
          <span style={{ overflowWrap: 'anywhere' }}>{name}</span>
        </Header>
      }
    >
      {content}
    </Container>
  );
}
