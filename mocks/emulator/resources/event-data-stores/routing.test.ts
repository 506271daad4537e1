// The routing function on its own, rule by rule (SEMANTICS.md §9, §13 step 6, §8.4, §8.5).
import { expect, test } from 'vitest';
import { buildRecord } from '../../../factories';
import { DAY, SECOND } from '../../clock';
import { toEventEntry, type ActivityAuditLogRecord, type EmulatorRecord } from '../../records';
import { eventDataStoreArn, DELETION_WAIT, type StoredEventDataStore } from './event-data-store';
import { routeRecord, takesRecord } from './routing';
import { DEFAULT_MANAGEMENT_SELECTORS } from './selectors';

const NOW = Date.UTC(2025, 5, 2, 12);
const ACCOUNT = '123456789012';

function store(overrides: Partial<StoredEventDataStore> = {}): StoredEventDataStore {
  const id = overrides.id ?? '11111111-2222-4333-8444-555555555555';
  return {
    id,
    arn: eventDataStoreArn('us-east-1', ACCOUNT, id),
    account: ACCOUNT,
    region: 'us-east-1',
    order: 1,
    name: 'store',
    selectors: DEFAULT_MANAGEMENT_SELECTORS,
    kind: 'CloudTrailEvents',
    multiRegion: false,
    terminationProtection: false,
    billingMode: 'EXTENDABLE_RETENTION_PRICING',
    retentionDays: 366,
    createdAt: NOW - 10 * DAY,
    updatedAt: NOW - 10 * DAY,
    phase: 'ENABLED',
    phaseAt: NOW - 10 * DAY,
    settlesAt: NOW - 10 * DAY,
    startIngestion: true,
    ...overrides,
  };
}

function takes(
  target: StoredEventDataStore,
  record: EmulatorRecord,
  options: { at?: number; destinations?: string[] } = {},
) {
  const entry = toEventEntry(record, JSON.stringify(record));
  return takesRecord(
    { kind: 'store', store: target },
    { entry, record: () => record, at: options.at ?? NOW, ...options },
  );
}

const management = (overrides: Parameters<typeof buildRecord>[0] = {}) =>
  buildRecord({ at: NOW - 60 * SECOND, ...overrides });

function outsideAws(at: number): ActivityAuditLogRecord {
  return {
    eventVersion: '1.0',
    eventCategory: 'ActivityAuditLog',
    eventType: 'ActivityLog',
    eventID: 'aaaaaaaa-0000-4000-8000-000000000001',
    eventTime: new Date(at).toISOString().replace('.000Z', 'Z'),
    awsRegion: 'us-east-1',
    recipientAccountId: ACCOUNT,
    metadata: {
      ingestionTime: '2025-06-02T12:00:00Z',
      channelARN: 'arn:aws:cloudtrail:us-east-1:123456789012:channel/x',
    },
    eventData: { version: '1.0' },
  };
}

test('takes a matching record of its account and region while ENABLED', () => {
  expect(takes(store(), management())).toBe(true);
});

test('never takes a record of another account', () => {
  expect(takes(store({ account: '444455556666' }), management())).toBe(false);
});

test('takes nothing unless ENABLED at that moment', () => {
  for (const phase of [
    'CREATED',
    'STOPPING_INGESTION',
    'STOPPED_INGESTION',
    'STARTING_INGESTION',
    'PENDING_DELETION',
  ] as const)
    expect(takes(store({ phase, phaseAt: NOW - DAY, settlesAt: NOW + DAY }), management())).toBe(false);
  // A timer that has settled counts: CREATED becomes ENABLED.
  expect(
    takes(store({ phase: 'CREATED', phaseAt: NOW - 2 * DAY, settlesAt: NOW - DAY }), management({ at: NOW - 60 })),
  ).toBe(true);
});

test('a purged store takes nothing', () => {
  expect(takes(store({ phase: 'PENDING_DELETION', phaseAt: NOW - DELETION_WAIT - 1 }), management())).toBe(false);
});

test('a single-region store takes only its region; a multi-region one every region', () => {
  const elsewhere = management({ awsRegion: 'eu-west-1' });
  expect(takes(store(), elsewhere)).toBe(false);
  expect(takes(store({ multiRegion: true }), elsewhere)).toBe(true);
});

test('no backfill: nothing that happened before the store was ingesting', () => {
  const since = NOW - DAY;
  const target = store({ phaseAt: since, settlesAt: since });
  expect(takes(target, management({ at: since - SECOND }))).toBe(false);
  expect(takes(target, management({ at: since }))).toBe(true);
  // A restarted store does not fill the stopped period.
  const restarted = store({ phase: 'STARTING_INGESTION', phaseAt: NOW - 2 * DAY, settlesAt: NOW - DAY });
  expect(takes(restarted, management({ at: NOW - 1.5 * DAY }))).toBe(false);
});

test('nothing already past its retention', () => {
  const target = store({
    retentionDays: 7,
    createdAt: NOW - 30 * DAY,
    phaseAt: NOW - 30 * DAY,
    settlesAt: NOW - 30 * DAY,
  });
  expect(takes(target, management({ at: NOW - 8 * DAY }))).toBe(false);
  expect(takes(target, management({ at: NOW - 6 * DAY }))).toBe(true);
});

test('selectors decide among records of its kind, and other kinds take none', () => {
  const reads = store({
    selectors: [
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          { Field: 'readOnly', Equals: ['true'] },
        ],
      },
    ],
  });
  expect(takes(reads, management({ readOnly: true }))).toBe(true);
  expect(takes(reads, management({ readOnly: false }))).toBe(false);
  const s3 = store({
    selectors: [
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        ],
      },
    ],
  });
  const data = management({ eventCategory: 'Data', resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k' }] });
  expect(takes(s3, data)).toBe(true);
  expect(takes(store(), data)).toBe(false);
  expect(takes(store({ kind: 'ConfigurationItems' }), management())).toBe(false);
  expect(takes(store({ kind: 'Insights' }), management())).toBe(false);
});

test('an outside-AWS record goes only to the ActivityAuditLog stores its channel names', () => {
  const audit = store({
    kind: 'ActivityAuditLog',
    selectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
  });
  const record = outsideAws(NOW - 60 * SECOND);
  expect(takes(audit, record, { destinations: [audit.arn] })).toBe(true);
  expect(takes(audit, record)).toBe(false);
  expect(
    takes(audit, record, { destinations: ['arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/other'] }),
  ).toBe(false);
  // A CloudTrail-events store never takes one, even when named.
  expect(takes(store(), record, { destinations: [store().arn] })).toBe(false);
  // Old eventTimes are accepted (no backfill rule) but not past retention.
  expect(takes(audit, outsideAws(NOW - 300 * DAY), { destinations: [audit.arn] })).toBe(true);
  expect(takes(audit, outsideAws(NOW - 400 * DAY), { destinations: [audit.arn] })).toBe(false);
});

test('routeRecord names every store that takes the record, in order', () => {
  const a = store({ id: 'aaaaaaaa-2222-4333-8444-555555555555' });
  const b = store({ id: 'bbbbbbbb-2222-4333-8444-555555555555', account: '444455556666' });
  const c = store({ id: 'cccccccc-2222-4333-8444-555555555555', multiRegion: true });
  const record = management();
  expect(routeRecord([a, b, c], { entry: toEventEntry(record, ''), record: () => record, at: NOW })).toEqual([
    a.id,
    c.id,
  ]);
});
