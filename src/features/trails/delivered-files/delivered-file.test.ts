import { gzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { baseName, deliveredFileKind, gunzipText, parseLogRecords } from './delivered-file';

test('tells log files, digest files and other objects apart by their place in the layout', () => {
  expect(deliveredFileKind('p/AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/02/x.json.gz')).toBe('log');
  expect(deliveredFileKind('AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2025/06/02/x.json.gz')).toBe('digest');
  expect(deliveredFileKind('AWSLogs/123456789012/CloudTrail/us-east-1/notes.txt')).toBe('other');
  expect(baseName('AWSLogs/123456789012/CloudTrail/')).toBe('CloudTrail/');
  expect(baseName('a/b/file.json.gz')).toBe('file.json.gz');
});

test('reads the records of a log file, whatever they hold, as text fields', () => {
  const body = JSON.stringify({
    Records: [
      {
        eventTime: '2025-06-02T12:31:00Z',
        eventName: '<img src=x onerror=alert(1)>',
        eventSource: 'cloudtrail.amazonaws.com',
        eventID: 'e-1',
        userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice' },
      },
      'not a record',
      { eventName: 42, userIdentity: { type: 'IAMUser', userName: 'bob' } },
    ],
  });
  const records = parseLogRecords(gunzipText(gzipSync(new TextEncoder().encode(body))));
  expect(records.map(({ eventName, userName, eventId }) => ({ eventName, userName, eventId }))).toEqual([
    { eventName: '<img src=x onerror=alert(1)>', userName: 'alice', eventId: 'e-1' },
    { eventName: undefined, userName: undefined, eventId: undefined },
    { eventName: undefined, userName: 'bob', eventId: undefined },
  ]);
  expect(records[1]?.json).toBe('"not a record"');
});

test('a file without a Records array or not gzip is refused', () => {
  expect(() => parseLogRecords('{"records":[]}')).toThrow('The file has no Records array.');
  expect(() => gunzipText(new TextEncoder().encode('plain'))).toThrow();
});
