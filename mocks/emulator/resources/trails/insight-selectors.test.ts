// Insight selectors of trails and event data stores through the SDK (SEMANTICS.md §17.8): which
// source is named, the selectors' rules, the prerequisites on event selectors, answers and errors.
import {
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  GetInsightSelectorsCommand,
  GetTrailCommand,
  InsightNotEnabledException,
  InvalidHomeRegionException,
  InvalidInsightSelectorsException,
  InvalidParameterCombinationException,
  InvalidParameterException,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  UpdateEventDataStoreCommand,
  type InsightSelector,
} from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient } from '../../../node';

const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit';
const MANAGEMENT_EVENTS_ARN =
  'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24';
const CALL_RATE: InsightSelector = { InsightType: 'ApiCallRateInsight' };
const ERROR_RATE: InsightSelector = { InsightType: 'ApiErrorRateInsight' };

async function createTrail() {
  await emulatorClient().send(new CreateTrailCommand({ Name: 'audit', S3BucketName: 'acme-trail-logs' }));
}

async function putTrailInsights(InsightSelectors: InsightSelector[], TrailName = 'audit') {
  return emulatorClient().send(new PutInsightSelectorsCommand({ TrailName, InsightSelectors }));
}

async function insightsStore() {
  const { EventDataStoreArn = '' } = await emulatorClient().send(
    new CreateEventDataStoreCommand({
      Name: 'insights-destination',
      MultiRegionEnabled: false,
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Insight'] }] }],
    }),
  );
  return EventDataStoreArn;
}

test('a trail with the default selector takes both Insights types; Get answers them and HasInsightSelectors', async () => {
  await createTrail();
  const put = await putTrailInsights([
    CALL_RATE,
    { InsightType: 'ApiErrorRateInsight', EventCategories: ['Management'] },
  ]);
  expect(put).toMatchObject({
    TrailARN: TRAIL_ARN,
    InsightSelectors: [CALL_RATE, { InsightType: 'ApiErrorRateInsight', EventCategories: ['Management'] }],
  });
  const get = await emulatorClient().send(new GetInsightSelectorsCommand({ TrailName: 'audit' }));
  expect(get).toMatchObject({ TrailARN: TRAIL_ARN, InsightSelectors: put.InsightSelectors });
  expect((await emulatorClient().send(new GetTrailCommand({ Name: 'audit' }))).Trail?.HasInsightSelectors).toBe(true);
  // [] turns Insights off.
  expect((await putTrailInsights([])).InsightSelectors).toEqual([]);
  await expect(emulatorClient().send(new GetInsightSelectorsCommand({ TrailName: 'audit' }))).rejects.toThrow(
    'Trail audit does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again.',
  );
});

test('exactly one source: both is InvalidParameterCombinationException, neither InvalidParameterException', async () => {
  await createTrail();
  const client = emulatorClient();
  await expect(
    client.send(
      new PutInsightSelectorsCommand({
        TrailName: 'audit',
        EventDataStore: MANAGEMENT_EVENTS_ARN,
        InsightSelectors: [],
      }),
    ),
  ).rejects.toBeInstanceOf(InvalidParameterCombinationException);
  await expect(client.send(new PutInsightSelectorsCommand({ InsightSelectors: [] }))).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
  await expect(
    client.send(
      new PutInsightSelectorsCommand({
        TrailName: 'audit',
        InsightsDestination: MANAGEMENT_EVENTS_ARN,
        InsightSelectors: [],
      }),
    ),
  ).rejects.toBeInstanceOf(InvalidParameterCombinationException);
  await expect(client.send(new GetInsightSelectorsCommand({}))).rejects.toBeInstanceOf(InvalidParameterException);
});

test.each([
  ['a repeated type', [CALL_RATE, CALL_RATE]],
  ['an unknown type', [{ InsightType: 'ApiLatencyInsight' }]],
  ['an unknown category', [{ InsightType: 'ApiCallRateInsight', EventCategories: ['NetworkActivity'] }]],
])('%s is InvalidInsightSelectorsException', async (_, selectors) => {
  await createTrail();
  await expect(putTrailInsights(selectors as InsightSelector[])).rejects.toBeInstanceOf(
    InvalidInsightSelectorsException,
  );
});

test('prerequisites: call rate needs write management events, error rate any, Data needs data events', async () => {
  await createTrail();
  const client = emulatorClient();
  const basic = (EventSelectors: object[]) =>
    client.send(new PutEventSelectorsCommand({ TrailName: 'audit', EventSelectors }));
  await basic([{ ReadWriteType: 'ReadOnly' }]);
  await expect(putTrailInsights([CALL_RATE])).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
  await putTrailInsights([ERROR_RATE]);
  await expect(
    putTrailInsights([{ InsightType: 'ApiErrorRateInsight', EventCategories: ['Data'] }]),
  ).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
  await basic([
    { IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
  ]);
  await expect(putTrailInsights([ERROR_RATE])).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
  await putTrailInsights([{ InsightType: 'ApiCallRateInsight', EventCategories: ['Data'] }]);
  // Advanced: a Management selector with readOnly true logs no writes.
  await client.send(
    new PutEventSelectorsCommand({
      TrailName: 'audit',
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['true'] },
          ],
        },
      ],
    }),
  );
  await expect(putTrailInsights([CALL_RATE])).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
  await putTrailInsights([ERROR_RATE]);
  await client.send(
    new PutEventSelectorsCommand({
      TrailName: 'audit',
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['false'] },
          ],
        },
      ],
    }),
  );
  await putTrailInsights([CALL_RATE, ERROR_RATE]);
});

test('write class for trails: a shadow region is InvalidHomeRegionException; reads work there', async () => {
  await emulatorClient().send(
    new CreateTrailCommand({ Name: 'audit', S3BucketName: 'acme-trail-logs', IsMultiRegionTrail: true }),
  );
  await putTrailInsights([CALL_RATE]);
  const shadow = emulatorClient({ region: 'eu-west-1' });
  await expect(
    shadow.send(new PutInsightSelectorsCommand({ TrailName: TRAIL_ARN, InsightSelectors: [] })),
  ).rejects.toBeInstanceOf(InvalidHomeRegionException);
  const { InsightSelectors } = await shadow.send(new GetInsightSelectorsCommand({ TrailName: TRAIL_ARN }));
  expect(InsightSelectors).toEqual([CALL_RATE]);
});

test('stores: a management store with an Insights destination; Get answers it; [] turns it off', async () => {
  const destination = await insightsStore();
  const client = emulatorClient();
  await expect(
    client.send(
      new PutInsightSelectorsCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN, InsightSelectors: [CALL_RATE] }),
    ),
  ).rejects.toBeInstanceOf(InvalidParameterException);
  const put = await client.send(
    new PutInsightSelectorsCommand({
      EventDataStore: MANAGEMENT_EVENTS_ARN,
      InsightsDestination: destination,
      InsightSelectors: [CALL_RATE],
    }),
  );
  expect(put).toMatchObject({
    EventDataStoreArn: MANAGEMENT_EVENTS_ARN,
    InsightsDestination: destination,
    InsightSelectors: [CALL_RATE],
  });
  expect(await client.send(new GetInsightSelectorsCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN }))).toMatchObject({
    EventDataStoreArn: MANAGEMENT_EVENTS_ARN,
    InsightsDestination: destination,
    InsightSelectors: [CALL_RATE],
  });
  // A change of the store's selectors that drops write management events breaks the prerequisite.
  await expect(
    client.send(
      new UpdateEventDataStoreCommand({
        EventDataStore: MANAGEMENT_EVENTS_ARN,
        AdvancedEventSelectors: [
          {
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Management'] },
              { Field: 'readOnly', Equals: ['true'] },
            ],
          },
        ],
      }),
    ),
  ).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
  await client.send(new PutInsightSelectorsCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN, InsightSelectors: [] }));
  await expect(
    client.send(new GetInsightSelectorsCommand({ EventDataStore: MANAGEMENT_EVENTS_ARN })),
  ).rejects.toBeInstanceOf(InsightNotEnabledException);
});

test('stores: Data categories, a non-Insights destination, unknown stores and non-management sources are refused', async () => {
  const destination = await insightsStore();
  const client = emulatorClient();
  const put = (input: Partial<ConstructorParameters<typeof PutInsightSelectorsCommand>[0]>) =>
    client.send(new PutInsightSelectorsCommand({ InsightSelectors: [CALL_RATE], ...input }));
  await expect(
    put({
      EventDataStore: MANAGEMENT_EVENTS_ARN,
      InsightsDestination: destination,
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight', EventCategories: ['Data'] }],
    }),
  ).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
  await expect(
    put({ EventDataStore: MANAGEMENT_EVENTS_ARN, InsightsDestination: MANAGEMENT_EVENTS_ARN }),
  ).rejects.toBeInstanceOf(InvalidParameterException);
  await expect(
    put({
      EventDataStore: 'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/0a1b2c3d-1111-4222-8333-444455556666',
    }),
  ).rejects.toBeInstanceOf(InvalidParameterException);
  await expect(put({ EventDataStore: 'not-a-store' })).rejects.toBeInstanceOf(InvalidParameterException);
  // The seeded ActivityAuditLog store cannot be an Insights source.
  await expect(
    put({
      EventDataStore: 'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80',
      InsightsDestination: destination,
    }),
  ).rejects.toBeInstanceOf(InvalidInsightSelectorsException);
});
