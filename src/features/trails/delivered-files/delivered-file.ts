// Reading a delivered file (SEMANTICS.md §17.10-17.11): gunzip, then the log file's Records or the
// digest's JSON. The bytes come from a bucket anyone with write access may have edited, so every
// field is read with its type checked and everything is shown as text.
import { gunzipSync } from 'fflate';

/** What a key in a trail's bucket holds, by its place in the layout. */
export type DeliveredFileKind = 'log' | 'digest' | 'other';

export function deliveredFileKind(key: string): DeliveredFileKind {
  if (!key.endsWith('.json.gz')) return 'other';
  if (/(^|\/)AWSLogs\/.*\/CloudTrail-Digest\//.test(key)) return 'digest';
  if (/(^|\/)AWSLogs\/.*\/CloudTrail\//.test(key)) return 'log';
  return 'other';
}

/** The last segment of a key or prefix ("2024/" for ".../2024/"). */
export function baseName(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return keyOrPrefix.endsWith('/') ? `${name}/` : name;
}

/** The uncompressed text of a `.json.gz` file; throws when it is not gzip or not UTF-8. */
export function gunzipText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(bytes));
}

/** One record of a log file, with the fields the records table shows. */
export interface LogRecord {
  index: number;
  eventTime?: string;
  eventName?: string;
  eventSource?: string;
  userName?: string;
  eventId?: string;
  awsRegion?: string;
  /** The record as compact JSON, for the record view. */
  json: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: JsonObject, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** The user a record names, as Event history shows it: the user name, else the ARN's last part. */
function userNameOf(record: JsonObject): string | undefined {
  const identity = record.userIdentity;
  if (!isObject(identity)) return undefined;
  const userName = text(identity, 'userName');
  if (userName) return userName;
  const arn = text(identity, 'arn');
  if (arn) return arn.slice(arn.lastIndexOf('/') + 1);
  return text(identity, 'invokedBy') ?? text(identity, 'principalId');
}

/** The records of a log file's JSON (`{"Records":[...]}`); throws when the text is not that shape. */
export function parseLogRecords(json: string): LogRecord[] {
  const parsed: unknown = JSON.parse(json);
  if (!isObject(parsed) || !Array.isArray(parsed.Records)) throw new Error('The file has no Records array.');
  return parsed.Records.map((value: unknown, index) => {
    const record = isObject(value) ? value : {};
    return {
      index,
      eventTime: text(record, 'eventTime'),
      eventName: text(record, 'eventName'),
      eventSource: text(record, 'eventSource'),
      userName: userNameOf(record),
      eventId: text(record, 'eventID'),
      awsRegion: text(record, 'awsRegion'),
      json: JSON.stringify(value),
    };
  });
}
