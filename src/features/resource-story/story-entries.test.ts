import type { Event } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { recordMentions, resourceNameOf, resourceTypeOfArn } from '@/api/resource-story';
import { storyEntries } from './story-entries';

function event(id: string, minute: number, name: string, requestParameters: unknown, extra: object = {}): Event {
  return {
    EventId: id,
    EventName: name,
    EventTime: new Date(Date.UTC(2025, 4, 1, 10, minute)),
    ReadOnly: name.startsWith('Get') ? 'true' : 'false',
    Resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: 'b' }],
    CloudTrailEvent: JSON.stringify({ requestParameters, ...extra }),
  };
}

test('orders events oldest first and diffs each change against the previous one of its name', () => {
  const first = event('1', 1, 'PutBucketPolicy', { policy: { Sid: 'A' } });
  const read = event('2', 2, 'GetBucketPolicy', { bucketName: 'b' });
  const failed = event('3', 3, 'PutBucketPolicy', { policy: { Sid: 'X' } }, { errorCode: 'AccessDenied' });
  const second = event('4', 4, 'PutBucketPolicy', { policy: { Sid: 'B' } });
  const entries = storyEntries([second, failed, read, first, second]);
  expect(entries.map((entry) => entry.event.EventId)).toEqual(['1', '2', '3', '4']);
  expect(entries[0]?.change).toEqual({ fields: [] });
  expect(entries[1]?.change).toBeUndefined();
  expect(entries[2]?.change).toBeUndefined();
  expect(entries[3]?.change?.previous).toBe(first);
  expect(entries[3]?.change?.fields).toEqual([{ path: 'policy.Sid', kind: 'changed', before: 'A', after: 'B' }]);
});

test('reads names and types from ARNs as LookupEvents does', () => {
  expect(resourceNameOf('arn:aws:s3:::acme-web-assets')).toBe('acme-web-assets');
  expect(resourceNameOf('arn:aws:iam::123456789012:role/service-role/app')).toBe('app');
  expect(resourceNameOf('arn:aws:lambda:us-east-1:123456789012:function:nightly-report')).toBe('nightly-report');
  expect(resourceNameOf(' acme-web-assets ')).toBe('acme-web-assets');
  expect(resourceTypeOfArn('arn:aws:s3:::acme-web-assets')).toBe('AWS::S3::Bucket');
  expect(resourceTypeOfArn('arn:aws:s3:::acme-web-assets/a/b.txt')).toBe('AWS::S3::Object');
  expect(resourceTypeOfArn('arn:aws:ec2:us-east-1:123456789012:instance/i-0abc')).toBe('AWS::EC2::Instance');
  expect(resourceTypeOfArn('arn:aws:sqs:us-east-1:123456789012:queue')).toBeUndefined();
});

test('a record mentions a resource by name in its request parameters', () => {
  const listed = event('1', 1, 'ListObjects', { bucketName: 'other' });
  const mentioned: Event = {
    ...listed,
    Resources: [],
    CloudTrailEvent: JSON.stringify({ requestParameters: { bucketName: 'c' } }),
  };
  expect(recordMentions(mentioned, 'c')).toBe(true);
  expect(recordMentions(mentioned, 'd')).toBe(false);
  expect(recordMentions({ CloudTrailEvent: 'not json' }, 'c')).toBe(false);
});
