// CloudTrail Lake event data stores (SEMANTICS.md §8): create, read, list, update, delete,
// restore, and start or stop ingestion. The store entity, its clock-driven status, quotas,
// retention and routing live in stores/event-data-store.ts; selectors in stores/selectors.ts.
import type {
  AdvancedEventSelector,
  BillingMode,
  CreateEventDataStoreRequest,
  CreateEventDataStoreResponse,
  DeleteEventDataStoreRequest,
  DeleteEventDataStoreResponse,
  GetEventDataStoreRequest,
  GetEventDataStoreResponse,
  ListEventDataStoresRequest,
  ListEventDataStoresResponse,
  RestoreEventDataStoreRequest,
  RestoreEventDataStoreResponse,
  StartEventDataStoreIngestionRequest,
  StartEventDataStoreIngestionResponse,
  StopEventDataStoreIngestionRequest,
  StopEventDataStoreIngestionResponse,
  UpdateEventDataStoreRequest,
  UpdateEventDataStoreResponse,
} from '@aws-sdk/client-cloudtrail';
import { SECOND } from '../../clock';
import { isChannelDestination } from '../channels/channel';
import type { RequestContext } from '../../context';
import {
  ChannelExistsForEDSException,
  ConflictException,
  EventDataStoreAlreadyExistsException,
  EventDataStoreMaxLimitExceededException,
  EventDataStoreTerminationProtectedException,
  InactiveEventDataStoreException,
  InvalidEventDataStoreCategoryException,
  InvalidEventDataStoreStatusException,
  EventDataStoreARNInvalidException,
  InvalidEventSelectorsException,
  InvalidKmsKeyIdException,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidTagParameterException,
  OrganizationsNotInUseException,
} from '../../errors';
import { sha256Bytes } from '../../hash';
import { DEFAULT_ACCOUNT } from '../../identities';
import { pageInCreationOrder } from '../../next-token';
import { KEYS } from '../event-history/seed/seed-pool';
import {
  DEFAULT_RETENTION_DAYS,
  EVENT_DATA_STORES,
  eventDataStoreArn,
  eventDataStoreResource,
  eventDataStoreStatus,
  eventDataStoreTimings,
  eventDataStoreUsage,
  fitsQuota,
  MAX_EVENT_DATA_STORES_PER_REGION,
  resolveEventDataStore,
  RETENTION_DAYS,
  retentionCutoff,
  saveEventDataStore,
  sweepEventDataStores,
  visibleStores,
  withPhase,
  type StoredEventDataStore,
} from './event-data-store';
import { checkTagParameters, MAX_TAGS_PER_RESOURCE, setTags } from '../tags/resource-tags';
import { checkStoreInsightsKept } from '../trails/insight-selectors';
import {
  DEFAULT_MANAGEMENT_SELECTORS,
  kindCanStartAndStop,
  SELECTOR_OPERATORS,
  validateAdvancedEventSelectors,
} from './selectors';

/** ListEventDataStores' page size when MaxResults is absent (§16.12). */
export const LIST_EVENT_DATA_STORES_DEFAULT_PAGE = 1000;

/** Selectors as the API returns them: only the operators that were set, in the model's order. */
function copySelectors(selectors: readonly AdvancedEventSelector[]): AdvancedEventSelector[] {
  return selectors.map((selector) => ({
    ...(selector.Name === undefined ? {} : { Name: selector.Name }),
    FieldSelectors: (selector.FieldSelectors ?? []).map((field) => {
      const copy: NonNullable<AdvancedEventSelector['FieldSelectors']>[number] = { Field: field.Field };
      for (const operator of SELECTOR_OPERATORS) {
        const values = field[operator];
        if (values !== undefined) copy[operator] = [...values];
      }
      return copy;
    }),
  }));
}

/** The fields Create, Update, Restore and Get share. */
function describeStore(store: StoredEventDataStore, now: number) {
  return {
    EventDataStoreArn: store.arn,
    Name: store.name,
    Status: eventDataStoreStatus(store, now),
    AdvancedEventSelectors: copySelectors(store.selectors),
    MultiRegionEnabled: store.multiRegion,
    // No account of the emulator is in an organization (OrganizationsNotInUseException).
    OrganizationEnabled: false,
    RetentionPeriod: store.retentionDays,
    TerminationProtectionEnabled: store.terminationProtection,
    CreatedTimestamp: new Date(store.createdAt),
    UpdatedTimestamp: new Date(store.updatedAt),
    ...(store.kmsKeyArn === undefined ? {} : { KmsKeyId: store.kmsKeyArn }),
    BillingMode: store.billingMode,
  };
}

function checkRetention(days: number, billingMode: BillingMode) {
  const max = billingMode === 'FIXED_RETENTION_PRICING' ? RETENTION_DAYS.fixedMax : RETENTION_DAYS.extendableMax;
  if (days < RETENTION_DAYS.min || days > max)
    throw new InvalidParameterException(
      `RetentionPeriod ${String(days)} is not valid for ${billingMode}: use ${String(RETENTION_DAYS.min)} to ${String(max)} days.`,
    );
}

const KEY_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;
const KMS_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/** A key UUID for an alias: a seeded key's own when the alias is one of the seed's, else derived from the alias. */
export function keyIdForAlias(account: string, region: string, alias: string): string {
  const seeded = KEYS.find(
    (key) => account === DEFAULT_ACCOUNT && key.region === region && `alias/${key.alias}` === alias,
  );
  if (seeded) return seeded.id;
  const hex = Array.from(sha256Bytes(`kms:${account}:${region}:${alias}`).slice(0, 16), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The key ARN a KmsKeyId names (§8.2): an alias name, alias ARN, key ARN or key ID, in the request
 * region; an alias maps to a deterministic key. Anything else: InvalidKmsKeyIdException.
 */
function resolveKmsKey(value: string, context: RequestContext): string {
  const { account, region } = context;
  if (KEY_ID.test(value)) return `arn:aws:kms:${region}:${account}:key/${value}`;
  if (ALIAS_NAME.test(value)) return `arn:aws:kms:${region}:${account}:key/${keyIdForAlias(account, region, value)}`;
  const match = KMS_ARN.exec(value);
  const [, partition = 'aws', keyRegion = '', keyAccount = '', type, resource = ''] = match ?? [];
  if (!match || (type === 'key' ? !KEY_ID.test(resource) : !ALIAS_NAME.test(`alias/${resource}`)))
    throw new InvalidKmsKeyIdException(
      `KmsKeyId '${value}' is not a KMS key ID, key ARN, alias name (alias/...) or alias ARN.`,
    );
  if (keyRegion !== region)
    throw new InvalidKmsKeyIdException(
      `KmsKeyId '${value}' is in ${keyRegion}; the key must be in the event data store's region, ${region}.`,
    );
  if (type === 'key') return value;
  return `arn:${partition}:kms:${keyRegion}:${keyAccount}:key/${keyIdForAlias(keyAccount, keyRegion, `alias/${resource}`)}`;
}

function checkNameFree(context: RequestContext, name: string, except?: string) {
  const taken = visibleStores(context.state, context.account, context.region).some(
    (store) => store.name === name && store.id !== except,
  );
  if (taken)
    throw new EventDataStoreAlreadyExistsException(
      `An event data store named '${name}' already exists in ${context.region}.`,
    );
}

function quotaMessage(context: RequestContext) {
  return `The account ${context.account} has reached the limit of ${String(MAX_EVENT_DATA_STORES_PER_REGION)} event data stores in a region.`;
}

/** Creates a store (§8.2): defaults filled in, CREATED until its activation timer settles it. */
export function createEventDataStore(
  input: CreateEventDataStoreRequest,
  context: RequestContext,
): CreateEventDataStoreResponse {
  const { state, now } = context;
  sweepEventDataStores(state, now);
  const selectors = input.AdvancedEventSelectors ?? DEFAULT_MANAGEMENT_SELECTORS;
  const kind = validateAdvancedEventSelectors(selectors);
  const startIngestion = input.StartIngestion ?? true;
  if (!startIngestion && !kindCanStartAndStop(kind))
    throw new InvalidParameterException(
      `StartIngestion cannot be false for an event data store of ${kind} events, whose ingestion cannot be stopped.`,
    );
  const billingMode = input.BillingMode ?? 'EXTENDABLE_RETENTION_PRICING';
  const retentionDays = input.RetentionPeriod ?? DEFAULT_RETENTION_DAYS[billingMode];
  checkRetention(retentionDays, billingMode);
  const kmsKeyArn = input.KmsKeyId === undefined ? undefined : resolveKmsKey(input.KmsKeyId, context);
  const tags = input.TagsList ?? [];
  checkTagParameters(tags);
  if (tags.length > MAX_TAGS_PER_RESOURCE)
    throw new InvalidTagParameterException(
      `An event data store can have at most ${String(MAX_TAGS_PER_RESOURCE)} tags; ${String(tags.length)} were given.`,
    );
  if (input.OrganizationEnabled === true)
    throw new OrganizationsNotInUseException('The account is not part of an organization in AWS Organizations.');
  const name = input.Name ?? '';
  checkNameFree(context, name);
  const multiRegion = input.MultiRegionEnabled ?? true;
  if (!fitsQuota(state, { account: context.account, region: context.region, multiRegion }))
    throw new EventDataStoreMaxLimitExceededException(quotaMessage(context));

  const id = context.newResourceId();
  const store: StoredEventDataStore = {
    id,
    arn: eventDataStoreArn(context.region, context.account, id),
    account: context.account,
    region: context.region,
    order: state.nextOrder(EVENT_DATA_STORES),
    name,
    selectors: copySelectors(selectors),
    kind,
    multiRegion,
    terminationProtection: input.TerminationProtectionEnabled ?? true,
    billingMode,
    retentionDays,
    ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
    createdAt: now,
    updatedAt: now,
    phase: 'CREATED',
    phaseAt: now,
    settlesAt: now + eventDataStoreTimings(state).activation,
    startIngestion,
  };
  saveEventDataStore(state, store);
  setTags(state, store.arn, tags);
  context.resources.push(eventDataStoreResource(store));
  return { ...describeStore(store, now), TagsList: tags.map((tag) => ({ ...tag })) };
}

/** A store's settings and status; PENDING_DELETION stores are shown too (§8.1). */
export function getEventDataStore(input: GetEventDataStoreRequest, context: RequestContext): GetEventDataStoreResponse {
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  return { ...describeStore(store, context.now), FederationStatus: 'DISABLED' };
}

/** The stores homed in the region, in creation order, as ARN and name only (§8.1). */
export function listEventDataStores(
  input: ListEventDataStoresRequest,
  context: RequestContext,
): ListEventDataStoresResponse {
  const { state } = context;
  sweepEventDataStores(state, context.now);
  const { page, NextToken } = pageInCreationOrder(
    visibleStores(state, context.account, context.region),
    { ...input, defaultPageSize: LIST_EVENT_DATA_STORES_DEFAULT_PAGE },
    { seed: state.config.seed, account: context.account, region: context.region },
    () => new InvalidNextTokenException('The NextToken is invalid.'),
  );
  return {
    EventDataStores: page.map((store) => ({ EventDataStoreArn: store.arn, Name: store.name })),
    ...(NextToken ? { NextToken } : {}),
  };
}

const UPDATABLE = [
  'Name',
  'AdvancedEventSelectors',
  'MultiRegionEnabled',
  'OrganizationEnabled',
  'RetentionPeriod',
  'TerminationProtectionEnabled',
  'KmsKeyId',
  'BillingMode',
] as const satisfies readonly (keyof UpdateEventDataStoreRequest)[];

/** Changes a store's settings (§8.2); kind, add-only key and one-way billing are enforced. */
export function updateEventDataStore(
  input: UpdateEventDataStoreRequest,
  context: RequestContext,
): UpdateEventDataStoreResponse {
  const { state, now } = context;
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  if (eventDataStoreStatus(store, now) === 'PENDING_DELETION')
    throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is pending deletion.`);
  if (UPDATABLE.every((member) => input[member] === undefined))
    throw new InvalidParameterException('Specify at least one setting of the event data store to update.');
  if (input.OrganizationEnabled === true)
    throw new OrganizationsNotInUseException('The account is not part of an organization in AWS Organizations.');
  if (input.AdvancedEventSelectors !== undefined) {
    const kind = validateAdvancedEventSelectors(input.AdvancedEventSelectors);
    if (kind !== store.kind)
      throw new InvalidEventSelectorsException(
        `The event data store holds ${store.kind} events; its selectors cannot change it to ${kind} events.`,
      );
    // Enabled Insights keep needing the events they are computed from (§17.8).
    checkStoreInsightsKept(state, store.arn, input.AdvancedEventSelectors);
  }
  const billingMode = input.BillingMode ?? store.billingMode;
  if (store.billingMode === 'EXTENDABLE_RETENTION_PRICING' && billingMode === 'FIXED_RETENTION_PRICING')
    throw new InvalidParameterException(
      'The billing mode cannot change from EXTENDABLE_RETENTION_PRICING to FIXED_RETENTION_PRICING.',
    );
  const retentionDays = input.RetentionPeriod ?? store.retentionDays;
  checkRetention(retentionDays, billingMode);
  let kmsKeyArn = store.kmsKeyArn;
  if (input.KmsKeyId !== undefined) {
    const requested = resolveKmsKey(input.KmsKeyId, context);
    if (kmsKeyArn !== undefined && requested !== kmsKeyArn)
      throw new InvalidParameterException(
        `The event data store is already encrypted with ${kmsKeyArn}; a KMS key can be added but never changed or removed.`,
      );
    kmsKeyArn = requested;
  }
  const name = input.Name ?? store.name;
  if (name !== store.name) checkNameFree(context, name, store.id);
  const multiRegion = input.MultiRegionEnabled ?? store.multiRegion;
  if (multiRegion && !store.multiRegion) {
    if (isChannelDestination(state, store.arn))
      throw new InvalidParameterException(
        `A channel sends events to the event data store '${store.arn}'; a channel destination cannot be multi-region.`,
      );
    if (!fitsQuota(state, { account: store.account, region: store.region, multiRegion: true, id: store.id }))
      throw new InvalidParameterException(
        `Making the event data store multi-region would exceed the limit of ${String(MAX_EVENT_DATA_STORES_PER_REGION)} event data stores in a region.`,
      );
  }

  let updated: StoredEventDataStore = {
    ...store,
    name,
    selectors:
      input.AdvancedEventSelectors === undefined ? store.selectors : copySelectors(input.AdvancedEventSelectors),
    multiRegion,
    terminationProtection: input.TerminationProtectionEnabled ?? store.terminationProtection,
    billingMode,
    retentionDays,
    ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
    updatedAt: now,
  };
  if (retentionDays !== store.retentionDays) {
    // What the old retention expired stays expired even if the new one is longer (§8.4).
    updated = { ...updated, expiredBefore: retentionCutoff(store, now) };
    const cutoff = retentionCutoff(updated, now);
    state.setContents(
      store.id,
      state.contents(store.id).filter((entry) => entry.time * SECOND >= cutoff),
    );
  }
  saveEventDataStore(state, updated);
  return { ...describeStore(updated, now), FederationStatus: 'DISABLED' };
}

/** Marks a store PENDING_DELETION; it is purged after seven days unless restored (§8.3). */
export function deleteEventDataStore(
  input: DeleteEventDataStoreRequest,
  context: RequestContext,
): DeleteEventDataStoreResponse {
  const { state, now } = context;
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  const status = eventDataStoreStatus(store, now);
  if (status === 'PENDING_DELETION')
    throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is already pending deletion.`);
  if (status !== 'ENABLED' && status !== 'STOPPED_INGESTION')
    throw new ConflictException(
      `The event data store '${store.arn}' is ${status}; try again when it is ENABLED or STOPPED_INGESTION.`,
    );
  if (store.terminationProtection)
    throw new EventDataStoreTerminationProtectedException(
      `The event data store '${store.arn}' has termination protection enabled; disable it before deleting the store.`,
    );
  if (isChannelDestination(state, store.arn))
    throw new ChannelExistsForEDSException(
      `A channel sends events to the event data store '${store.arn}'; delete the channel first.`,
    );
  saveEventDataStore(state, withPhase(store, 'PENDING_DELETION', now));
  return {};
}

/** Brings a PENDING_DELETION store back, ENABLED; what happened meanwhile is not filled in (§8.3). */
export function restoreEventDataStore(
  input: RestoreEventDataStoreRequest,
  context: RequestContext,
): RestoreEventDataStoreResponse {
  const { state, now } = context;
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  const status = eventDataStoreStatus(store, now);
  if (status !== 'PENDING_DELETION')
    throw new InvalidEventDataStoreStatusException(
      `The event data store '${store.arn}' is ${status}; only a store pending deletion can be restored.`,
    );
  if (!fitsQuota(state, store)) throw new EventDataStoreMaxLimitExceededException(quotaMessage(context));
  const restored = withPhase(store, 'ENABLED', now);
  saveEventDataStore(state, restored);
  return describeStore(restored, now);
}

function checkStartStop(store: StoredEventDataStore, now: number, required: 'ENABLED' | 'STOPPED_INGESTION') {
  if (!kindCanStartAndStop(store.kind))
    throw new InvalidEventDataStoreCategoryException(
      `Ingestion of an event data store of ${store.kind} events cannot be started or stopped.`,
    );
  const status = eventDataStoreStatus(store, now);
  if (status !== required)
    throw new InvalidEventDataStoreStatusException(
      `The event data store '${store.arn}' is ${status}; it must be ${required}.`,
    );
}

/** Resumes ingestion of a stopped store: STARTING_INGESTION, then ENABLED (§8.3). */
export function startEventDataStoreIngestion(
  input: StartEventDataStoreIngestionRequest,
  context: RequestContext,
): StartEventDataStoreIngestionResponse {
  const { state, now } = context;
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  checkStartStop(store, now, 'STOPPED_INGESTION');
  saveEventDataStore(state, withPhase(store, 'STARTING_INGESTION', now, eventDataStoreTimings(state).transition));
  return {};
}

/** Stops ingestion at once: STOPPING_INGESTION, then STOPPED_INGESTION (§8.3). */
export function stopEventDataStoreIngestion(
  input: StopEventDataStoreIngestionRequest,
  context: RequestContext,
): StopEventDataStoreIngestionResponse {
  const { state, now } = context;
  const store = resolveEventDataStore(context, input.EventDataStore ?? '');
  checkStartStop(store, now, 'ENABLED');
  saveEventDataStore(state, withPhase(store, 'STOPPING_INGESTION', now, eventDataStoreTimings(state).transition));
  return {};
}

/**
 * Emulator extension GetEventDataStoreUsage: how many records a store holds within its retention
 * and their serialized bytes (what a query scanning all of it would be billed for). CloudTrail's
 * API has no such operation; the console shows it when its backend is an emulator.
 */
export function getEventDataStoreUsage(
  input: Record<string, unknown>,
  context: RequestContext,
): { EventDataStoreArn: string; Events: number; Bytes: number } {
  const reference = input.EventDataStore;
  if (typeof reference !== 'string')
    throw new EventDataStoreARNInvalidException('EventDataStore must be the ARN or ID of an event data store.');
  const store = resolveEventDataStore(context, reference);
  const usage = eventDataStoreUsage(context.state, store.id, context.now);
  return {
    EventDataStoreArn: eventDataStoreArn(store.region, store.account, store.id),
    Events: usage.events,
    Bytes: usage.bytes,
  };
}
