// Event data stores as the emulator keeps them (SEMANTICS.md §8): the saved entity, its status
// derived from the clock, how a reference resolves, quotas, retention and the usage the console
// shows. The API operations are in event-data-store-operations.ts, routing in routing.ts.
import type { AdvancedEventSelector, BillingMode, EventDataStoreStatus } from '@aws-sdk/client-cloudtrail';
import { DAY, SECOND } from '../../clock';
import type { RequestContext } from '../../context';
import { EventDataStoreARNInvalidException, EventDataStoreNotFoundException } from '../../errors';
import { utf8Length, type EventEntry, type RecordResource } from '../../records';
import type { EmulatorState } from '../../state';
import type { EventDataStoreKind } from './selectors';
import {
  EVENT_DATA_STORE_DELETION_WAIT_DAYS,
  EVENT_DATA_STORES_PER_REGION,
  REGIONS,
  RETENTION_PERIOD_DAYS,
} from '../../../../src/lib/cloudtrail-limits';

/** The entity collection of event data stores, keyed by store ID. */
export const EVENT_DATA_STORES = 'eventDataStores';

/** Where a store's lifecycle stands since its last action; timers derive the status from it. */
export type EventDataStorePhase =
  'CREATED' | 'ENABLED' | 'STOPPING_INGESTION' | 'STOPPED_INGESTION' | 'STARTING_INGESTION' | 'PENDING_DELETION';

/** An event data store as saved; times are epoch milliseconds. */
export interface StoredEventDataStore {
  readonly id: string;
  readonly arn: string;
  readonly account: string;
  /** Home region: the only region where the store is visible (§2). */
  readonly region: string;
  /** Creation order among all stores: List returns stores in this order. */
  readonly order: number;
  readonly name: string;
  readonly selectors: readonly AdvancedEventSelector[];
  readonly kind: EventDataStoreKind;
  readonly multiRegion: boolean;
  readonly terminationProtection: boolean;
  readonly billingMode: BillingMode;
  readonly retentionDays: number;
  readonly kmsKeyArn?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The status the last action set, when it did, and when its timer (if any) settles it. */
  readonly phase: EventDataStorePhase;
  readonly phaseAt: number;
  readonly settlesAt: number;
  /** A CREATED store settles to ENABLED when true, else to STOPPED_INGESTION. */
  readonly startIngestion: boolean;
  /** Records whose eventTime is before this had expired under an earlier, shorter retention. */
  readonly expiredBefore?: number;
}

/** Delays of the status timers (§8.2, §8.3), in milliseconds. */
export interface EventDataStoreTimings {
  /** CREATED until ENABLED or STOPPED_INGESTION; default 3 s. */
  activation: number;
  /** STOPPING_INGESTION and STARTING_INGESTION until settled; default 2 s. */
  transition: number;
}

export const DEFAULT_EVENT_DATA_STORE_TIMINGS: EventDataStoreTimings = {
  activation: 3 * SECOND,
  transition: 2 * SECOND,
};

/** A deleted store is purged this long after DeleteEventDataStore (§8.3). */
export const DELETION_WAIT = EVENT_DATA_STORE_DELETION_WAIT_DAYS * DAY;
/** Stores counted against each account and region (§8.4). */
export const MAX_EVENT_DATA_STORES_PER_REGION = EVENT_DATA_STORES_PER_REGION;
/** Model shape RetentionPeriod, with the lower maximum of fixed-retention pricing (§8.2). */
export const RETENTION_DAYS = {
  min: RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING.min,
  extendableMax: RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING.max,
  fixedMax: RETENTION_PERIOD_DAYS.FIXED_RETENTION_PRICING.max,
} as const;
/** Retention given to a store created without one, per billing mode (§8.2). */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<BillingMode, number>> = {
  EXTENDABLE_RETENTION_PRICING: RETENTION_PERIOD_DAYS.EXTENDABLE_RETENTION_PRICING.default,
  FIXED_RETENTION_PRICING: RETENTION_PERIOD_DAYS.FIXED_RETENTION_PRICING.default,
};

const timings = new WeakMap<EmulatorState, EventDataStoreTimings>();

/** Changes the status timers of a world; stores keep the deadlines they already have. */
export function configureEventDataStoreTimings(state: EmulatorState, next: Partial<EventDataStoreTimings>): void {
  timings.set(state, { ...eventDataStoreTimings(state), ...next });
}

/** The status timers of a world. */
export function eventDataStoreTimings(state: EmulatorState): EventDataStoreTimings {
  return timings.get(state) ?? DEFAULT_EVENT_DATA_STORE_TIMINGS;
}

/** `arn:aws:cloudtrail:<region>:<account>:eventdatastore/<id>` (§8.1). */
export function eventDataStoreArn(region: string, account: string, id: string): string {
  return `arn:aws:cloudtrail:${region}:${account}:eventdatastore/${id}`;
}

/** Whether a store was purged by `now`: seven days after deletion (§8.3). */
export function isPurged(store: StoredEventDataStore, now: number): boolean {
  return store.phase === 'PENDING_DELETION' && now >= store.phaseAt + DELETION_WAIT;
}

/** A store's status at `now`, with the timers of §8.2 and §8.3 applied. */
export function eventDataStoreStatus(store: StoredEventDataStore, now: number): EventDataStoreStatus {
  const settled = now >= store.settlesAt;
  switch (store.phase) {
    case 'CREATED':
      return settled ? (store.startIngestion ? 'ENABLED' : 'STOPPED_INGESTION') : 'CREATED';
    case 'STOPPING_INGESTION':
      return settled ? 'STOPPED_INGESTION' : 'STOPPING_INGESTION';
    case 'STARTING_INGESTION':
      return settled ? 'ENABLED' : 'STARTING_INGESTION';
    default:
      return store.phase;
  }
}

/** When the store's current ENABLED period began, or undefined when it is not ENABLED at `now`. */
export function ingestingSince(store: StoredEventDataStore, now: number): number | undefined {
  if (eventDataStoreStatus(store, now) !== 'ENABLED') return undefined;
  return store.phase === 'ENABLED' ? store.phaseAt : store.settlesAt;
}

/** The stored store with its lifecycle moved to `phase` at `now`. */
export function withPhase(
  store: StoredEventDataStore,
  phase: EventDataStorePhase,
  now: number,
  delay = 0,
): StoredEventDataStore {
  return { ...store, phase, phaseAt: now, settlesAt: now + delay, updatedAt: now };
}

/** The self-record resource of a store (§6). */
export function eventDataStoreResource(store: StoredEventDataStore): RecordResource {
  return { accountId: store.account, type: 'AWS::CloudTrail::EventDataStore', ARN: store.arn };
}

/** Saves a store. */
export function saveEventDataStore(state: EmulatorState, store: StoredEventDataStore): void {
  state.put(EVENT_DATA_STORES, store.id, store);
}

/**
 * Purges stores whose deletion wait has passed, with their contents and tags (§8.3). Runs on every
 * store operation and every new record, so a purge is never observable late.
 */
export function sweepEventDataStores(state: EmulatorState, now: number): void {
  // Runs before every routed record: allocate nothing unless a store is due.
  let purged: StoredEventDataStore[] | undefined;
  for (const store of state.table<StoredEventDataStore>(EVENT_DATA_STORES).values())
    if (isPurged(store, now)) (purged ??= []).push(store);
  for (const store of purged ?? []) {
    state.remove(EVENT_DATA_STORES, store.id);
    state.setContents(store.id, []);
    // Purged with its tags, policy and queries (§8.3): they hang off its ARN.
    state.removed(store.arn);
  }
}

/** Every store of an account, homed anywhere, in creation order. */
export function storesOf(state: EmulatorState, account: string): StoredEventDataStore[] {
  return [...state.table<StoredEventDataStore>(EVENT_DATA_STORES).values()]
    .filter((store) => store.account === account)
    .sort((a, b) => a.order - b.order);
}

/** The stores visible in an account and region: those homed there (§2), in creation order. */
export function visibleStores(state: EmulatorState, account: string, region: string): StoredEventDataStore[] {
  return storesOf(state, account).filter((store) => store.region === region);
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const STORE_ARN = /^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):eventdatastore\/(.+)$/;

/** The (region, account, id) a store reference names, or undefined when it is neither an ARN nor an ID. */
export function parseEventDataStoreReference(
  reference: string,
  context: Pick<RequestContext, 'region' | 'account'>,
): { region: string; account: string; id: string } | undefined {
  if (UUID.test(reference)) return { region: context.region, account: context.account, id: reference };
  const match = STORE_ARN.exec(reference);
  if (!match || !UUID.test(match[3] ?? '')) return undefined;
  return { region: match[1] ?? '', account: match[2] ?? '', id: match[3] ?? '' };
}

/**
 * The store a member names, by ARN or ID (§8.1), purged ones swept first. Neither form:
 * EventDataStoreARNInvalidException; another region or account, unknown or purged:
 * EventDataStoreNotFoundException. A found store joins the call's self-record resources.
 */
export function resolveEventDataStore(context: RequestContext, reference: string): StoredEventDataStore {
  const { state } = context;
  sweepEventDataStores(state, context.now);
  const parsed = parseEventDataStoreReference(reference, context);
  if (!parsed)
    throw new EventDataStoreARNInvalidException(`The value '${reference}' is not a valid event data store ARN or ID.`);
  const store = state.table<StoredEventDataStore>(EVENT_DATA_STORES).get(parsed.id);
  // Decision (§2): a store, multi-region or not, is visible only in its home region.
  if (
    !store ||
    store.account !== context.account ||
    store.region !== context.region ||
    parsed.region !== context.region ||
    parsed.account !== context.account
  )
    throw new EventDataStoreNotFoundException(`The event data store '${reference}' was not found.`);
  context.resources.push(eventDataStoreResource(store));
  return store;
}

/**
 * Stores counted in an account and region (§8.4): those homed there and multi-region ones homed
 * elsewhere, except PENDING_DELETION and `except`.
 */
export function storesCounted(state: EmulatorState, account: string, region: string, except?: string): number {
  return storesOf(state, account).filter(
    (store) =>
      store.id !== except && store.phase !== 'PENDING_DELETION' && (store.region === region || store.multiRegion),
  ).length;
}

/** Whether one more store, homed in `region` (and counting everywhere if multi-region), fits the quota. */
export function fitsQuota(
  state: EmulatorState,
  store: { account: string; region: string; multiRegion: boolean; id?: string },
): boolean {
  const regions = store.multiRegion ? REGIONS : [store.region];
  return regions.every(
    (region) => storesCounted(state, store.account, region, store.id) < MAX_EVENT_DATA_STORES_PER_REGION,
  );
}

/**
 * The earliest eventTime (epoch ms) a store still holds at `now`: RetentionPeriod days back, or
 * later if an earlier, shorter retention already expired more (§8.4).
 */
export function retentionCutoff(store: StoredEventDataStore, now: number): number {
  return Math.max(store.expiredBefore ?? -Infinity, now - store.retentionDays * DAY);
}

/** The records a store holds at `now`, in arrival order, expired ones left out. */
export function retainedRecords(state: EmulatorState, storeId: string, now: number): EventEntry[] {
  const store = state.table<StoredEventDataStore>(EVENT_DATA_STORES).get(storeId);
  if (!store || isPurged(store, now)) return [];
  const cutoff = retentionCutoff(store, now);
  return state.contents(storeId).filter((entry) => entry.time * SECOND >= cutoff);
}

const byteLengths = new WeakMap<EventEntry, number>();

/** Size of a record's serialized JSON in UTF-8 bytes (the unit of BytesScanned, §5); cached per record. */
export function recordBytes(state: EmulatorState, entry: EventEntry): number {
  let bytes = byteLengths.get(entry);
  if (bytes === undefined) {
    bytes = utf8Length(state.jsonOf(entry));
    byteLengths.set(entry, bytes);
  }
  return bytes;
}

/** How many records a store holds at `now` and their serialized size in bytes; zero for unknown stores. */
export function eventDataStoreUsage(
  state: EmulatorState,
  storeId: string,
  now: number,
): { events: number; bytes: number } {
  let events = 0;
  let bytes = 0;
  for (const entry of retainedRecords(state, storeId, now)) {
    events++;
    bytes += recordBytes(state, entry);
  }
  return { events, bytes };
}
