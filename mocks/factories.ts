// Test data at every layer: complete CloudTrail records with sensible defaults.
import { ADMIN_ACCESS_KEY, DEFAULT_ACCOUNT, DEFAULT_REGION, principalForAccessKey } from './emulator/identities';
import type { CloudTrailRecord } from './emulator/records';
import { toRecordTime } from './emulator/clock';

let counter = 0;

/** A complete Management record by the admin user, overridable field by field. */
export function buildRecord(overrides: Partial<CloudTrailRecord> & { at?: number } = {}): CloudTrailRecord {
  const { at, ...fields } = overrides;
  counter++;
  const suffix = counter.toString(16).padStart(12, '0');
  const time = at ?? Date.UTC(2025, 5, 1, 12);
  return {
    eventVersion: '1.11',
    userIdentity: principalForAccessKey(ADMIN_ACCESS_KEY).identity(time),
    eventTime: toRecordTime(time),
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: DEFAULT_REGION,
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.17.4',
    requestParameters: null,
    responseElements: null,
    requestID: `00000000-0000-4000-8000-${suffix}`,
    eventID: `ffffffff-0000-4000-8000-${suffix}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: DEFAULT_ACCOUNT,
    eventCategory: 'Management',
    ...fields,
  };
}
