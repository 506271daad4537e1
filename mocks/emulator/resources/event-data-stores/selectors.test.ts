// Advanced event selectors (SEMANTICS.md §8.5): which selectors CreateEventDataStore accepts, and
// which records a store with them takes in (observed through the store's usage).
import {
  CreateEventDataStoreCommand,
  InvalidEventSelectorsException,
  type AdvancedEventSelector,
  type AdvancedFieldSelector,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { buildRecord } from '../../../factories';
import { emulator, emulatorClient, testClock } from '../../../node';
import { SECOND } from '../../clock';
import type { CloudTrailRecord } from '../../records';
import { eventDataStoreUsage } from './event-data-store';

const category = (value: string): AdvancedFieldSelector => ({ Field: 'eventCategory', Equals: [value] });
const management = (...fields: AdvancedFieldSelector[]): AdvancedEventSelector => ({
  FieldSelectors: [category('Management'), ...fields],
});
const data = (...fields: AdvancedFieldSelector[]): AdvancedEventSelector => ({
  FieldSelectors: [category('Data'), ...fields],
});
const s3Objects: AdvancedFieldSelector = { Field: 'resources.type', Equals: ['AWS::S3::Object'] };

async function create(selectors: AdvancedEventSelector[], name = 'selected') {
  return emulatorClient().send(new CreateEventDataStoreCommand({ Name: name, AdvancedEventSelectors: selectors }));
}

/** Records of `usage` stores: the ID is the ARN's last part. */
function events(arn: string | undefined) {
  return eventDataStoreUsage(emulator.state, arn?.split('/').pop() ?? '', testClock.now()).events;
}

test.each<[string, AdvancedEventSelector[], RegExp]>([
  ['an empty list', [], /at least one/i],
  ['six selectors', Array.from({ length: 6 }, () => management()), /at most 5/],
  ['a selector without eventCategory', [{ FieldSelectors: [{ Field: 'eventName', Equals: ['X'] }] }], /eventCategory/],
  [
    'two eventCategory values',
    [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management', 'Data'] }] }],
    /exactly one value/,
  ],
  [
    'eventCategory with NotEquals',
    [{ FieldSelectors: [{ Field: 'eventCategory', NotEquals: ['Data'] }] }],
    /only the Equals/,
  ],
  ['an unknown category', [{ FieldSelectors: [category('Everything')] }], /'Everything' is not valid/],
  ['Evidence events', [{ FieldSelectors: [category('Evidence')] }], /Evidence/],
  ['an unknown field', [management({ Field: 'awsRegion', Equals: ['us-east-1'] })], /field 'awsRegion' is not valid/],
  ['resources.type on management events', [management(s3Objects)], /'resources.type' is not valid for Management/],
  [
    'a data selector without resources.type',
    [data({ Field: 'eventName', Equals: ['GetObject'] })],
    /need a resources.type/,
  ],
  [
    'an unknown resource type',
    [data({ Field: 'resources.type', Equals: ['AWS::S3::Bucket'] })],
    /not a supported data resource type/,
  ],
  ['resources.type with StartsWith', [data({ Field: 'resources.type', StartsWith: ['AWS::S3'] })], /only Equals/],
  ['readOnly other than true or false', [management({ Field: 'readOnly', Equals: ['yes'] })], /'true' or 'false'/],
  ['readOnly with two values', [management({ Field: 'readOnly', Equals: ['true', 'false'] })], /exactly one value/],
  ['readOnly with NotEquals', [management({ Field: 'readOnly', NotEquals: ['true'] })], /only Equals/],
  [
    'sessionCredentialFromConsole with StartsWith',
    [management({ Field: 'sessionCredentialFromConsole', StartsWith: ['t'] })],
    /only Equals and NotEquals/,
  ],
  [
    'a field used twice',
    [management({ Field: 'eventName', Equals: ['A'] }, { Field: 'eventName', Equals: ['B'] })],
    /more than once/,
  ],
  ['a field without operators', [management({ Field: 'eventName' })], /at least one operator/],
  [
    'resources.ARN Equals that is not an ARN',
    [data(s3Objects, { Field: 'resources.ARN', Equals: ['my-bucket/'] })],
    /not a valid ARN/,
  ],
  ['selectors of two kinds', [management(), { FieldSelectors: [category('Insight')] }], /same kind/],
  [
    'an Insight selector with another field',
    [{ FieldSelectors: [category('Insight'), { Field: 'eventName', Equals: ['X'] }] }],
    /only the eventCategory/,
  ],
  [
    'two ActivityAuditLog selectors',
    [{ FieldSelectors: [category('ActivityAuditLog')] }, { FieldSelectors: [category('ActivityAuditLog')] }],
    /exactly one advanced event selector/,
  ],
  [
    'network activity without eventSource',
    [{ FieldSelectors: [category('NetworkActivity'), { Field: 'eventName', Equals: ['X'] }] }],
    /need an eventSource/,
  ],
  [
    'network activity of an unsupported source',
    [{ FieldSelectors: [category('NetworkActivity'), { Field: 'eventSource', Equals: ['s3.amazonaws.com'] }] }],
    /not 's3.amazonaws.com'/,
  ],
  [
    'errorCode other than VpceAccessDenied',
    [
      {
        FieldSelectors: [
          category('NetworkActivity'),
          { Field: 'eventSource', Equals: ['kms.amazonaws.com'] },
          { Field: 'errorCode', Equals: ['AccessDenied'] },
        ],
      },
    ],
    /VpceAccessDenied/,
  ],
  [
    '501 values, eventCategory included',
    [management({ Field: 'eventName', Equals: Array.from({ length: 500 }, (_, index) => `Event${String(index)}`) })],
    /at most 500/,
  ],
])('rejects %s', async (_case, selectors, message) => {
  const failure = create(selectors);
  await expect(failure).rejects.toBeInstanceOf(InvalidEventSelectorsException);
  await expect(failure).rejects.toThrow(message);
});

test.each<[string, AdvancedEventSelector[]]>([
  [
    'management writes from the console',
    [management({ Field: 'readOnly', Equals: ['false'] }, { Field: 'sessionCredentialFromConsole', Equals: ['true'] })],
  ],
  [
    'S3 object events under a prefix',
    [data(s3Objects, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::acme-prod-logs/'] })],
  ],
  [
    'management and data events together',
    [management(), data({ Field: 'resources.type', Equals: ['AWS::Lambda::Function'] })],
  ],
  [
    'network activity events',
    [
      {
        FieldSelectors: [
          category('NetworkActivity'),
          { Field: 'eventSource', Equals: ['kms.amazonaws.com'] },
          { Field: 'errorCode', Equals: ['VpceAccessDenied'] },
        ],
      },
    ],
  ],
  ['Insights events', [{ FieldSelectors: [category('Insight')] }]],
  ['configuration items', [{ FieldSelectors: [category('ConfigurationItem')] }]],
  ['events from outside AWS', [{ FieldSelectors: [category('ActivityAuditLog')] }]],
  [
    'exactly 500 values, eventCategory included',
    [management({ Field: 'eventName', Equals: Array.from({ length: 499 }, (_, index) => `Event${String(index)}`) })],
  ],
])('accepts %s', async (_case, selectors) => {
  const output = await create(selectors);
  expect(output.AdvancedEventSelectors).toEqual(selectors);
});

const bucketObject = (key: string) => ({
  accountId: '123456789012',
  type: 'AWS::S3::Object',
  ARN: `arn:aws:s3:::${key}`,
});
const s3Data: Partial<CloudTrailRecord> = {
  eventCategory: 'Data',
  managementEvent: false,
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  resources: [
    { accountId: '123456789012', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::acme-prod-logs' },
    bucketObject('acme-prod-logs/2025/06/app.log'),
  ],
};

// buildRecord's record: a Management DescribeInstances read of ec2.amazonaws.com by the admin user.
test.each<[string, AdvancedEventSelector[], Partial<CloudTrailRecord>, boolean]>([
  [
    'Equals holds when any value matches',
    [management({ Field: 'eventName', Equals: ['RunInstances', 'DescribeInstances'] })],
    {},
    true,
  ],
  ['Equals fails when no value matches', [management({ Field: 'eventName', Equals: ['RunInstances'] })], {}, false],
  [
    'NotEquals fails when any value matches',
    [management({ Field: 'eventName', NotEquals: ['RunInstances', 'DescribeInstances'] })],
    {},
    false,
  ],
  [
    'NotEquals holds when no value matches',
    [management({ Field: 'eventName', NotEquals: ['RunInstances'] })],
    {},
    true,
  ],
  [
    'StartsWith holds when any prefix matches',
    [management({ Field: 'eventSource', StartsWith: ['s3.', 'ec2.'] })],
    {},
    true,
  ],
  [
    'NotStartsWith fails when any prefix matches',
    [management({ Field: 'eventName', NotStartsWith: ['Get', 'Describe'] })],
    {},
    false,
  ],
  ['EndsWith holds when any suffix matches', [management({ Field: 'eventName', EndsWith: ['Instances'] })], {}, true],
  [
    'NotEndsWith holds when no suffix matches',
    [management({ Field: 'eventName', NotEndsWith: ['Buckets'] })],
    {},
    true,
  ],
  [
    'operators of one field must all hold',
    [management({ Field: 'eventName', StartsWith: ['Describe'], NotEquals: ['DescribeInstances'] })],
    {},
    false,
  ],
  ['values are case-sensitive', [management({ Field: 'eventName', Equals: ['describeinstances'] })], {}, false],
  [
    'field selectors of one selector must all hold',
    [
      management(
        { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] },
        { Field: 'eventName', Equals: ['RunInstances'] },
      ),
    ],
    {},
    false,
  ],
  [
    'any selector may match',
    [
      management({ Field: 'eventName', Equals: ['RunInstances'] }),
      management({ Field: 'eventSource', Equals: ['ec2.amazonaws.com'] }),
    ],
    {},
    true,
  ],
  ['readOnly compares as "true"', [management({ Field: 'readOnly', Equals: ['true'] })], {}, true],
  ['readOnly compares as "false"', [management({ Field: 'readOnly', Equals: ['false'] })], { readOnly: false }, true],
  [
    'a missing readOnly fails Equals',
    [management({ Field: 'readOnly', Equals: ['true'] })],
    { readOnly: undefined },
    false,
  ],
  [
    'a missing sessionCredentialFromConsole counts as "false"',
    [management({ Field: 'sessionCredentialFromConsole', Equals: ['false'] })],
    {},
    true,
  ],
  [
    'a console session matches NotEquals "false" ',
    [management({ Field: 'sessionCredentialFromConsole', NotEquals: ['false'] })],
    { sessionCredentialFromConsole: 'true' },
    true,
  ],
  ['eventType', [management({ Field: 'eventType', Equals: ['AwsConsoleSignIn'] })], {}, false],
  ['userIdentity.arn', [management({ Field: 'userIdentity.arn', EndsWith: [':user/admin'] })], {}, true],
  ['the category must match', [data(s3Objects)], {}, false],
  ['resources.type matches any resource of the record', [data(s3Objects)], s3Data, true],
  [
    'resources.ARN StartsWith matches any resource',
    [data(s3Objects, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::acme-prod-logs/2025/'] })],
    s3Data,
    true,
  ],
  [
    'resources.ARN NotStartsWith fails when any resource matches',
    [data(s3Objects, { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::acme-prod-logs/'] })],
    s3Data,
    false,
  ],
  [
    'resources.ARN Equals is exact',
    [data(s3Objects, { Field: 'resources.ARN', Equals: ['arn:aws:s3:::acme-prod-logs/2025/06/app.log'] })],
    s3Data,
    true,
  ],
  ['a record without resources fails resources.type', [data(s3Objects)], { ...s3Data, resources: undefined }, false],
])('matching: %s', async (_case, selectors, overrides, selected) => {
  const { EventDataStoreArn } = await create(selectors);
  testClock.advance(3 * SECOND);
  emulator.state.ingest(buildRecord({ at: testClock.now(), ...overrides }));
  expect(events(EventDataStoreArn)).toBe(selected ? 1 : 0);
});

test('matching: a missing field fails positive operators and satisfies negative ones', async () => {
  // vpcEndpointId is a NetworkActivity field; the record below has none.
  const kmsNetwork = (vpce: AdvancedFieldSelector): AdvancedEventSelector[] => [
    { FieldSelectors: [category('NetworkActivity'), { Field: 'eventSource', Equals: ['kms.amazonaws.com'] }, vpce] },
  ];
  const positive = await create(kmsNetwork({ Field: 'vpcEndpointId', StartsWith: ['vpce-'] }), 'positive');
  const negative = await create(kmsNetwork({ Field: 'vpcEndpointId', NotStartsWith: ['vpce-'] }), 'negative');
  testClock.advance(3 * SECOND);
  emulator.state.ingest(
    buildRecord({
      at: testClock.now(),
      eventCategory: 'NetworkActivity',
      eventSource: 'kms.amazonaws.com',
      eventType: 'AwsVpceEvent',
    }),
  );
  expect(events(positive.EventDataStoreArn)).toBe(0);
  expect(events(negative.EventDataStoreArn)).toBe(1);
});
