// The seeded channels (SEMANTICS.md §14): the in-account payments app's Custom channel, the
// LaunchDarkly partner channel with its resource policy, and a Security Lake service-linked
// channel, each with the history records that created it. Their past ingestion (the events in
// integrations-audit and each PutAuditEvents call's data event) is derived from the seed on every
// load, through the same checks live calls pass, and never saved; only the channels, the policy
// and their ingestion status are saved, once, in a fresh world.
import type { AdvancedEventSelector } from '@aws-sdk/client-cloudtrail';
import { DAY, HOUR, MINUTE, SECOND, toRecordTime } from '../../clock';
import { sha256Base64 } from '../../hash';
import {
  ADMIN_ACCESS_KEY,
  DEFAULT_ACCOUNT,
  DEV_ACCESS_KEY,
  PARTNER_ACCESS_KEY,
  principalForAccessKey,
  SSO_ACCESS_KEY,
  type UserIdentity,
} from '../../identities';
import { auditEventsCallRecord, ingestAuditEvents, type AuditEvent } from './put-audit-events';
import { CONSOLE_USER_AGENT_TOKEN } from '../../context';
import type { SeedCall } from '../../resource';
import { randomStream, type Random } from '../../random';
import type { CloudTrailRecord, EmulatorRecord, JsonObject } from '../../records';
import { SEEDED_EVENT_DATA_STORES } from '../event-history/seed/seed-pool';
import type { DerivedRecord, EmulatorState } from '../../state';
import { eventDataStoreArn } from '../event-data-stores/event-data-store';
import {
  afterIngestion,
  channelArn,
  channelResource,
  CHANNELS,
  saveChannel,
  type ChannelIngestion,
  type StoredChannel,
} from './channel';
import { CUSTOM_SOURCE, SERVICE_LINKED_SOURCE } from './partner-sources';

export interface SeedChannel {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  /** Created this many days before the anchor, at the anchor's time of day. */
  readonly createdDaysAgo: number;
}

const REGION = 'us-east-1';
const [, INTEGRATIONS_AUDIT] = SEEDED_EVENT_DATA_STORES as readonly [
  (typeof SEEDED_EVENT_DATA_STORES)[number],
  (typeof SEEDED_EVENT_DATA_STORES)[number],
];
const INTEGRATIONS_AUDIT_ARN = eventDataStoreArn(REGION, DEFAULT_ACCOUNT, INTEGRATIONS_AUDIT.id);

export const PAYMENTS_CHANNEL: SeedChannel = {
  id: '5c2e8a41-7d3b-4f96-a0e1-3b9d6f2c8e57',
  name: 'payments-app-audit',
  source: CUSTOM_SOURCE,
  createdDaysAgo: 44,
};
export const LAUNCHDARKLY_CHANNEL: SeedChannel = {
  id: '9a7f3c15-2e6b-4d80-b4c9-e1f5a2d7c603',
  name: 'launchdarkly-audit',
  source: 'LaunchDarkly',
  createdDaysAgo: 30,
};
export const SECURITY_LAKE_CHANNEL: SeedChannel = {
  id: '8c1e5b2f-4a6d-4e93-9b07-d2f8c3a1e645',
  name: 'aws-service-channel/securitylake/8c1e5b2f',
  source: SERVICE_LINKED_SOURCE,
  createdDaysAgo: 20,
};

/** The channels of a fresh world (123456789012, us-east-1), in creation order. */
export const SEEDED_CHANNELS: readonly SeedChannel[] = [PAYMENTS_CHANNEL, LAUNCHDARKLY_CHANNEL, SECURITY_LAKE_CHANNEL];

/** The external ID LaunchDarkly's policy statement requires. */
export const LAUNCHDARKLY_EXTERNAL_ID = 'ld-ext-7d3f2a91';

const SECURITY_LAKE_SELECTORS: readonly AdvancedEventSelector[] = [
  { Name: 'Management events only', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
];

/** LaunchDarkly's policy: its account may put events with the agreed external ID. */
export function launchDarklyPolicy(arn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LaunchDarklyPutAuditEvents',
        Effect: 'Allow',
        Principal: { AWS: '444455556666' },
        Action: 'cloudtrail-data:PutAuditEvents',
        Resource: arn,
        Condition: { StringEquals: { 'cloudtrail:ExternalId': LAUNCHDARKLY_EXTERNAL_ID } },
      },
    ],
  });
}

function seededChannel(seed: SeedChannel, anchor: number, order: number): StoredChannel {
  const createdAt = anchor - seed.createdDaysAgo * DAY;
  const linked = seed === SECURITY_LAKE_CHANNEL;
  return {
    id: seed.id,
    arn: channelArn(REGION, DEFAULT_ACCOUNT, seed.id),
    account: DEFAULT_ACCOUNT,
    region: REGION,
    order,
    name: seed.name,
    source: seed.source,
    destinations: linked
      ? [{ type: 'AWS_SERVICE', location: 'securitylake.amazonaws.com' }]
      : [{ type: 'EVENT_DATA_STORE', location: INTEGRATIONS_AUDIT_ARN }],
    ...(linked ? { serviceLinked: { applyToAllRegions: true, selectors: SECURITY_LAKE_SELECTORS } } : {}),
    createdAt,
    ingestion: {},
  };
}

/** Who sends a channel's events, and what their events look like. */
interface Sender {
  accessKeyId: string;
  sourceIp: string;
  userAgent: string;
  externalId?: string;
  /** Events on a weekday and on a weekend day: [min, max]. */
  weekday: readonly [number, number];
  weekend: readonly [number, number];
  /** Events per call: [min, max]. */
  batch: readonly [number, number];
  event(rng: Random, eventTime: string): JsonObject;
}

const PAYMENT_STAFF = [
  { principalId: 'staff-0042', email: 'priya.n@acme.example', role: 'finance-ops' },
  { principalId: 'staff-0017', email: 'alex.chen@acme.example', role: 'payments-admin' },
  { principalId: 'staff-0063', email: 'sam.okafor@acme.example', role: 'support' },
] as const;
const PAYMENT_ACTIONS = [
  'AuthorizePayment',
  'CapturePayment',
  'CreateRefund',
  'UpdatePayoutAccount',
  'ApprovePayout',
  'ExportTransactions',
] as const;

function hex(rng: Random, length: number) {
  return rng.chars(length, '0123456789abcdef');
}

const PAYMENTS_SENDER: Sender = {
  accessKeyId: DEV_ACCESS_KEY,
  sourceIp: '203.0.113.201',
  userAgent:
    'aws-sdk-js/3.600.0 ua/2.1 os/linux#6.1.96-102.177.amzn2023.x86_64 lang/js md/nodejs#20.15.1 api/cloudtrail-data#3.600.0',
  weekday: [8, 12],
  weekend: [2, 5],
  batch: [1, 3],
  event: (rng, eventTime) => {
    const scheduler = rng.chance(0.25);
    const staff = rng.pick(PAYMENT_STAFF);
    const eventName = scheduler ? 'ApprovePayout' : rng.pick(PAYMENT_ACTIONS);
    const paymentId = `pay_${hex(rng, 16)}`;
    const failed = rng.chance(0.06);
    const requestParameters: JsonObject =
      eventName === 'ExportTransactions'
        ? { from: eventTime.slice(0, 10), format: 'csv' }
        : eventName === 'UpdatePayoutAccount'
          ? { payoutAccountId: `po_${hex(rng, 10)}`, bankCountry: 'US' }
          : { paymentId, amount: `${String(rng.between(5, 4000))}.${String(rng.between(10, 99))}`, currency: 'USD' };
    const userIdentity: JsonObject = scheduler
      ? { type: 'ServiceAccount', principalId: 'svc-payouts-scheduler', details: { service: 'payouts-scheduler' } }
      : { type: 'StaffUser', principalId: staff.principalId, details: { email: staff.email, role: staff.role } };
    const responseElements: JsonObject = failed ? {} : { requestId: `req_${hex(rng, 12)}`, status: 'succeeded' };
    const event: JsonObject = {
      version: '1.0',
      userIdentity,
      userAgent: scheduler ? 'payouts-scheduler/2.3.1' : 'payments-admin-web/4.12.0',
      eventSource: 'payments.acme.internal',
      eventName,
      eventTime,
      UID: rng.uuid(),
      requestParameters,
      responseElements,
    };
    if (failed) {
      event.errorCode = 'Forbidden';
      event.errorMessage = `Role ${staff.role} may not call ${eventName}.`;
    }
    event.sourceIPAddress = scheduler ? '10.0.1.23' : rng.pick(['198.51.100.61', '203.0.113.24', '203.0.113.140']);
    event.recipientAccountId = DEFAULT_ACCOUNT;
    event.additionalEventData = { application: 'payments-api', environment: 'production' };
    return event;
  },
};

const LD_MEMBERS = [
  { id: '5f9c2a7e1b3d4c0086e1a2b3', email: 'maria.garcia@example.com', role: 'admin' },
  { id: '61a4e8c2d7f9b3a5c1e0d2f4', email: 'dev.jordan@example.com', role: 'writer' },
  { id: '62b7f1d3e9a0c4b6d2f1e3a5', email: 'release-bot@example.com', role: 'writer' },
] as const;
const LD_FLAGS = ['new-checkout-flow', 'payments-v2-routing', 'dark-mode', 'search-reranker', 'eu-gdpr-banner'];
const LD_ACTIONS = ['updateFlag', 'updateFlagTargeting', 'createFlag', 'updateSegment', 'createApprovalRequest'];

const LAUNCHDARKLY_SENDER: Sender = {
  accessKeyId: PARTNER_ACCESS_KEY,
  sourceIp: '192.0.2.145',
  userAgent: 'aws-sdk-go-v2/1.30.1 os/linux lang/go#1.22.4 md/GOOS#linux md/GOARCH#amd64 api/cloudtraildata#1.9.3',
  externalId: LAUNCHDARKLY_EXTERNAL_ID,
  weekday: [5, 8],
  weekend: [0, 2],
  batch: [1, 2],
  event: (rng, eventTime) => {
    const member = rng.pick(LD_MEMBERS);
    const flagKey = rng.pick(LD_FLAGS);
    const eventName = rng.pick(LD_ACTIONS);
    return {
      version: '1.0',
      userIdentity: {
        type: 'LaunchDarklyMember',
        principalId: member.id,
        details: { email: member.email, role: member.role },
      },
      userAgent: 'LaunchDarkly/1.0 (app.launchdarkly.com)',
      eventSource: 'app.launchdarkly.com',
      eventName,
      eventTime,
      UID: rng.uuid(),
      requestParameters: { projectKey: 'acme-web', environmentKey: rng.pick(['production', 'staging']), flagKey },
      responseElements: { version: rng.between(2, 140) },
      sourceIPAddress: rng.pick(['198.51.100.61', '203.0.113.140']),
      recipientAccountId: DEFAULT_ACCOUNT,
      additionalEventData: { accessTokenName: member.role === 'admin' ? 'console' : 'ld-api-token' },
    };
  },
};

interface SeededCall {
  at: number;
  events: AuditEvent[];
}

/** Office-hours-heavy times of one day's events, as epoch ms. */
function dayTimes(rng: Random, dayStart: number, count: number): number[] {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const hour = rng.chance(0.85) ? rng.between(7, 18) : rng.between(0, 23);
    times.push(dayStart + hour * HOUR + rng.int(3600) * SECOND);
  }
  return times.sort((a, b) => a - b);
}

/** A channel's calls between its creation and the anchor, each event's eventTime shortly before its call. */
function seededCalls(rng: Random, sender: Sender, createdAt: number, anchor: number): SeededCall[] {
  const calls: SeededCall[] = [];
  for (let day = Math.floor(createdAt / DAY) * DAY; day < anchor; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const [min, max] = weekday === 0 || weekday === 6 ? sender.weekend : sender.weekday;
    const times = dayTimes(rng, day, rng.between(min, max)).filter((time) => time > createdAt);
    let index = 0;
    while (index < times.length) {
      const size = rng.between(sender.batch[0], sender.batch[1]);
      const group = times.slice(index, index + size);
      index += size;
      const at = (group.at(-1) ?? 0) + rng.between(1, 90) * SECOND;
      if (at >= anchor) break;
      const events = group.map((time) => {
        const eventData = JSON.stringify(sender.event(rng, toRecordTime(time)));
        return { id: `evt-${hex(rng, 20)}`, eventData, eventDataChecksum: sha256Base64(eventData) };
      });
      calls.push({ at, events });
    }
  }
  return calls;
}

interface SeededIngestion {
  records: readonly DerivedRecord[];
  ingestion: ReadonlyMap<string, ChannelIngestion>;
}

function identityOf(accessKeyId: string, at: number): UserIdentity {
  return principalForAccessKey(accessKeyId).identity(at);
}

function managementRecord(
  rng: Random,
  fields: Omit<
    CloudTrailRecord,
    | 'eventVersion'
    | 'requestID'
    | 'eventID'
    | 'eventType'
    | 'managementEvent'
    | 'recipientAccountId'
    | 'eventCategory'
    | 'awsRegion'
  > & {
    eventType?: string;
  },
): CloudTrailRecord {
  return {
    eventVersion: '1.11',
    userIdentity: fields.userIdentity,
    eventTime: fields.eventTime,
    eventSource: fields.eventSource,
    eventName: fields.eventName,
    awsRegion: REGION,
    sourceIPAddress: fields.sourceIPAddress,
    ...(fields.userAgent === undefined ? {} : { userAgent: fields.userAgent }),
    requestParameters: fields.requestParameters,
    responseElements: fields.responseElements,
    requestID: rng.uuid(),
    eventID: rng.uuid(),
    readOnly: false,
    ...(fields.resources === undefined ? {} : { resources: fields.resources }),
    eventType: fields.eventType ?? 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: DEFAULT_ACCOUNT,
    eventCategory: 'Management',
    ...(fields.sessionCredentialFromConsole === undefined
      ? {}
      : { sessionCredentialFromConsole: fields.sessionCredentialFromConsole }),
  };
}

const CONSOLE_BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0';

/** Who created the seeded channels, as the seed calls and the records of §14 say. */
const ADMIN_CLI_AGENT = 'aws-cli/2.13.25 md/command#cloudtrail.create-channel';
const SSO_CONSOLE_AGENT = `${CONSOLE_BROWSER} ${CONSOLE_USER_AGENT_TOKEN}0.1.0`;
const ADMIN_ADDRESS = '198.51.100.61';

/**
 * The calls that created the payments and LaunchDarkly channels and LaunchDarkly's policy (§14):
 * served by the pipeline in a fresh world, at their times, so their records are the calls' own.
 */
export function channelSeedCalls(state: EmulatorState): SeedCall[] {
  const { anchor } = state.config;
  const destinations = [{ Type: 'EVENT_DATA_STORE', Location: INTEGRATIONS_AUDIT_ARN }];
  const launchDarklyAt = anchor - LAUNCHDARKLY_CHANNEL.createdDaysAgo * DAY;
  const launchDarklyArn = channelArn(REGION, DEFAULT_ACCOUNT, LAUNCHDARKLY_CHANNEL.id);
  const admin = { accessKeyId: ADMIN_ACCESS_KEY, region: REGION, sourceIp: ADMIN_ADDRESS, userAgent: ADMIN_CLI_AGENT };
  const sso = { accessKeyId: SSO_ACCESS_KEY, region: REGION, sourceIp: ADMIN_ADDRESS, userAgent: SSO_CONSOLE_AGENT };
  return [
    {
      service: 'cloudtrail',
      operation: 'CreateChannel',
      input: { Name: PAYMENTS_CHANNEL.name, Source: PAYMENTS_CHANNEL.source, Destinations: destinations },
      info: admin,
      at: anchor - PAYMENTS_CHANNEL.createdDaysAgo * DAY,
      resourceId: PAYMENTS_CHANNEL.id,
    },
    {
      service: 'cloudtrail',
      operation: 'CreateChannel',
      input: { Name: LAUNCHDARKLY_CHANNEL.name, Source: LAUNCHDARKLY_CHANNEL.source, Destinations: destinations },
      info: sso,
      at: launchDarklyAt,
      resourceId: LAUNCHDARKLY_CHANNEL.id,
    },
    {
      service: 'cloudtrail',
      operation: 'PutResourcePolicy',
      input: { ResourceArn: launchDarklyArn, ResourcePolicy: launchDarklyPolicy(launchDarklyArn) },
      info: sso,
      at: launchDarklyAt + 2 * MINUTE,
    },
  ];
}

/**
 * The record of the Security Lake service-linked channel's creation (§12.3): an AWS service acting
 * on its own, with no API call a client could make.
 */
function serviceLinkedCreationRecord(rng: Random, securityLake: StoredChannel): CloudTrailRecord {
  // The stream once also drew the IDs of three fabricated creation records, which are now the seed
  // calls' own; drawing them still keeps every later seeded ID as it was.
  for (let draw = 0; draw < 6; draw++) rng.uuid();
  return managementRecord(rng, {
    // The account and "AWS Internal", nothing more (§12.3).
    userIdentity: { accountId: DEFAULT_ACCOUNT, invokedBy: 'AWS Internal' } as UserIdentity,
    eventTime: toRecordTime(securityLake.createdAt),
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'CreateServiceLinkedChannel',
    sourceIPAddress: 'AWS Internal',
    userAgent: 'AWS Internal',
    requestParameters: null,
    responseElements: null,
    resources: [channelResource(securityLake)],
    eventType: 'AwsServiceEvent',
  });
}

/** Ingestion of one channel's seeded calls: records, data events and the resulting status. */
function ingestSeededCalls(
  rng: Random,
  channel: StoredChannel,
  sender: Sender,
  calls: readonly SeededCall[],
  out: DerivedRecord[],
): ChannelIngestion {
  let ingestion: ChannelIngestion = {};
  for (const call of calls) {
    const output = ingestAuditEvents(
      call.events,
      channel,
      call.at,
      () => rng.uuid(),
      (record) => {
        out.push({ record, at: call.at, destinations: [INTEGRATIONS_AUDIT_ARN] });
      },
    );
    ingestion = afterIngestion(ingestion, call.at, output.successful, output.failed);
    const record = auditEventsCallRecord({
      identity: identityOf(sender.accessKeyId, call.at),
      time: call.at,
      region: REGION,
      sourceIp: sender.sourceIp,
      userAgent: sender.userAgent,
      requestId: rng.uuid(),
      eventId: rng.uuid(),
      query: { channelArn: channel.arn, ...(sender.externalId === undefined ? {} : { externalId: sender.externalId }) },
      channel: channelResource(channel),
      callerAccount: principalForAccessKey(sender.accessKeyId).account,
      outcome: { output },
    });
    out.push({ record, at: call.at });
  }
  return ingestion;
}

const cache = new Map<string, SeededIngestion>();

/** The seeded channels' past for a seed and anchor; computed once per process. */
function seededIngestion(seed: number, anchor: number): SeededIngestion {
  const key = `${String(seed)}:${String(anchor)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const rng = randomStream(seed, 'ingestion');
  const channels = SEEDED_CHANNELS.map((channel, index) => seededChannel(channel, anchor, index + 1));
  const [payments, launchDarkly] = channels as [StoredChannel, StoredChannel];
  const [, , securityLake] = channels as [StoredChannel, StoredChannel, StoredChannel];
  const creation = serviceLinkedCreationRecord(rng, securityLake);
  const records: DerivedRecord[] = [{ record: creation, at: Date.parse(creation.eventTime) }];
  const paymentCalls = seededCalls(rng, PAYMENTS_SENDER, payments.createdAt, anchor);
  const partnerCalls = seededCalls(rng, LAUNCHDARKLY_SENDER, launchDarkly.createdAt, anchor);
  // Two days back, LaunchDarkly sent one event with a checksum of other bytes (§14).
  const target = anchor - 2 * DAY;
  const failing = partnerCalls.reduce<SeededCall | undefined>(
    (best, call) => (best === undefined || Math.abs(call.at - target) < Math.abs(best.at - target) ? call : best),
    undefined,
  );
  const tampered = failing?.events.at(-1);
  if (tampered) tampered.eventDataChecksum = sha256Base64(`${tampered.eventData}\n`);
  const ingestion = new Map<string, ChannelIngestion>([
    [payments.id, ingestSeededCalls(rng, payments, PAYMENTS_SENDER, paymentCalls, records)],
    [launchDarkly.id, ingestSeededCalls(rng, launchDarkly, LAUNCHDARKLY_SENDER, partnerCalls, records)],
  ]);
  const result = { records, ingestion };
  cache.set(key, result);
  return result;
}

/**
 * Every record the seeded channels left behind for a seed and anchor, in load order: the history
 * records that created them, then each call's events (ActivityAuditLog) and its data event.
 */
export function seededChannelRecords(seed: number, anchor: number): readonly EmulatorRecord[] {
  return seededIngestion(seed, anchor).records.map((derived) => derived.record);
}

/** Saves the seeded channels and LaunchDarkly's policy, as they stand at the anchor. */
function seedChannels(state: EmulatorState, seeded: SeededIngestion): void {
  // The seed calls created payments and LaunchDarkly; their past ingestion is derived, not
  // replayed call by call, so the status it left is set here.
  for (const seed of [PAYMENTS_CHANNEL, LAUNCHDARKLY_CHANNEL]) {
    const channel = state.table<StoredChannel>(CHANNELS).get(seed.id);
    if (channel) saveChannel(state, { ...channel, ingestion: seeded.ingestion.get(seed.id) ?? {} });
  }
  // AWS services create their service-linked channels themselves: no client call exists (§12.3).
  saveChannel(state, seededChannel(SECURITY_LAKE_CHANNEL, state.config.anchor, state.nextOrder(CHANNELS)));
}

/** Completes the seeded channels in a fresh world, after the seed calls created two of them (§14). */
export function installSeededChannels(state: EmulatorState, fresh: boolean): void {
  if (fresh) seedChannels(state, seededIngestion(state.config.seed, state.config.anchor));
}

/**
 * What the seeded channels left behind, derived on every load: the records that created them,
 * each call's accepted events (routed to the channel's destination, as PutAuditEvents routes
 * them) and each call's data event, each routed as of the call's time.
 */
export function seededChannelPast(state: EmulatorState): readonly DerivedRecord[] {
  return seededIngestion(state.config.seed, state.config.anchor).records;
}

/** A PutAuditEvents call of the in-account payments app, as the live simulator sends one (§14). */
export interface LiveAuditCall {
  accessKeyId: string;
  sourceIp: string;
  userAgent: string;
  body: string;
}

/** The `n`th live payments call at `at` (epoch ms): its own random stream, after the seeded past. */
export function liveAuditCall(seed: number, n: number, at: number): LiveAuditCall {
  const rng = randomStream(seed, `live-ingestion:${String(n)}`);
  const eventData = JSON.stringify(PAYMENTS_SENDER.event(rng, toRecordTime(at)));
  const event = { id: `evt-${hex(rng, 20)}`, eventData, eventDataChecksum: sha256Base64(eventData) };
  return {
    accessKeyId: PAYMENTS_SENDER.accessKeyId,
    sourceIp: PAYMENTS_SENDER.sourceIp,
    userAgent: PAYMENTS_SENDER.userAgent,
    body: JSON.stringify({ auditEvents: [event] }),
  };
}
