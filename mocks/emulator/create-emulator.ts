// The emulator: a CloudTrail backend in plain TypeScript. Entry points give it a clock, a seed and
// storage; the transport adapter (mocks/handlers.ts) hands it parsed requests.
import { systemClock, HOUR, type Clock } from './clock';
import type { RequestContext, RequestInfo } from './context';
import { CONSOLE_USER_AGENT_TOKEN } from './context';
import {
  InternalFailure,
  SerializationException,
  ServiceError,
  ThrottlingException,
  UnknownOperationException,
  UnsupportedOperationException,
} from './errors';
import { DEFAULT_REGION, isRegion, principalForAccessKey } from './identities';
import {
  createEventDataStore,
  deleteEventDataStore,
  getEventDataStore,
  listEventDataStores,
  restoreEventDataStore,
  startEventDataStoreIngestion,
  stopEventDataStoreIngestion,
  updateEventDataStore,
} from './resources/event-data-stores/event-data-store-operations';
import { getEventDataStoreUsage } from './resources/event-data-stores/event-data-store-operations';
import { lookupEvents, LOOKUP_EVENTS_MEMBER_ORDER } from './resources/event-history/lookup-events';
import { addTags, listTags, removeTags } from './resources/tags/tag-operations';
import {
  putAuditEvents,
  recordAuditEventsCall,
  utf8Length,
  type PutAuditEventsQuery,
  type PutAuditEventsResponse,
} from './resources/channels/put-audit-events';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  updateChannel,
} from './resources/channels/channel-operations';
import {
  deleteResourcePolicy,
  getResourcePolicy,
  putResourcePolicy,
} from './resources/resource-policies/resource-policies';
import { CHANNELS, type StoredChannel } from './resources/channels/channel';
import { installChannels, liveAuditCall, PAYMENTS_CHANNEL } from './resources/channels/seed-channels';
import { DEFAULT_SEED } from './random';
import { seedHistory, DEFAULT_SEEDED_EVENTS } from './resources/event-history/seed/seed-history';
import { selfRecord } from './self-record';
import { advanceSimulator } from './simulator';
import { installEventDataStores } from './resources/event-data-stores/event-data-store';
import type { CloudTrailRecord } from './records';
import { EmulatorState, type WorldConfig } from './state';
import type { EmulatorStorage, StoredEntry } from './storage/storage';
import { Throttle } from './throttle';
import { MODEL_OPERATIONS, parseInput } from './validate';
import { LOOKUP_EVENTS_PER_SECOND } from '../../src/lib/cloudtrail-limits';

export interface EmulatorOptions {
  storage: EmulatorStorage;
  clock?: Clock;
  /** Seed of the seeded past and of every id; default 20250101. Ignored when storage already holds a world. */
  seed?: number;
  /** End of the seeded past, epoch ms; default the first start's time floored to the hour. */
  anchor?: number;
  /** How many seeded records to generate on first start. */
  seededEvents?: number;
  /** LookupEvents throttling at 2 calls per second per account and region; on by default. */
  throttle?: boolean;
  /** Live activity while the console is open (SEMANTICS.md §14); on by default. */
  simulator?: boolean;
}

/** Runtime settings that a user may change without restarting. */
export interface EmulatorSettings {
  throttle: boolean;
  simulator: boolean;
}

interface OperationDefinition {
  // The operation functions take the SDK's input and output types; the dispatcher only forwards.
  run: (input: never, context: RequestContext) => unknown;
  /** Order in which constraint failures are reported, when the model's member order is not CloudTrail's. */
  memberOrder?: readonly string[];
  /** Requests per second per account and region, when throttled. */
  rate?: number;
}

/**
 * Sets a resource up on a loaded world: registers its record router and, in a fresh world,
 * creates its seeded objects (SEMANTICS.md §14).
 */
export type ResourceInstaller = (state: EmulatorState, options: { fresh: boolean }) => void;

// Channels come after stores: their seeded past goes into the seeded stores.
const RESOURCES: ResourceInstaller[] = [installEventDataStores, installChannels];

/** Emulator extensions (see Emulator.extension), by name. */
const EXTENSIONS: Record<string, (input: Record<string, unknown>, context: RequestContext) => unknown> = {
  GetEventDataStoreUsage: getEventDataStoreUsage,
};

const OPERATIONS: Record<string, OperationDefinition> = {
  LookupEvents: { run: lookupEvents, memberOrder: LOOKUP_EVENTS_MEMBER_ORDER, rate: LOOKUP_EVENTS_PER_SECOND },
  CreateEventDataStore: { run: createEventDataStore },
  GetEventDataStore: { run: getEventDataStore },
  ListEventDataStores: { run: listEventDataStores },
  UpdateEventDataStore: { run: updateEventDataStore },
  DeleteEventDataStore: { run: deleteEventDataStore },
  RestoreEventDataStore: { run: restoreEventDataStore },
  StartEventDataStoreIngestion: { run: startEventDataStoreIngestion },
  StopEventDataStoreIngestion: { run: stopEventDataStoreIngestion },
  AddTags: { run: addTags },
  RemoveTags: { run: removeTags },
  ListTags: { run: listTags },
  CreateChannel: { run: createChannel },
  GetChannel: { run: getChannel },
  ListChannels: { run: listChannels },
  UpdateChannel: { run: updateChannel },
  DeleteChannel: { run: deleteChannel },
  PutResourcePolicy: { run: putResourcePolicy },
  GetResourcePolicy: { run: getResourcePolicy },
  DeleteResourcePolicy: { run: deleteResourcePolicy },
};

export interface Emulator {
  /** A new request ID (`x-amzn-RequestId`), also used as the self-record's requestID. */
  newRequestId(): string;
  /**
   * Serves one control-plane call: checks region, throttling and the model, runs the operation,
   * records the call in event history and saves every change before answering. Throws ServiceError.
   */
  dispatch(operation: string | undefined, body: unknown, info: RequestInfo): Promise<unknown>;
  /**
   * Serves an emulator extension: information CloudTrail's API has no operation for, which the
   * console shows when its backend is an emulator. Not recorded as a CloudTrail event.
   */
  extension(operation: string | undefined, body: unknown, info: RequestInfo): Promise<unknown>;
  /**
   * Serves PutAuditEvents (cloudtrail-data): `query` is the URL's query string, `body` the request
   * body as sent. Records the call as a data event of the channel's owner and saves every change
   * before answering. Throws ServiceError; a body that is not JSON or an unserved region is
   * refused before the call is served, and not recorded.
   */
  putAuditEvents(query: PutAuditEventsQuery, body: string, info: RequestInfo): Promise<PutAuditEventsResponse>;
  readonly settings: EmulatorSettings;
  /** Changes runtime settings; they are saved with the state. */
  configure(settings: Partial<EmulatorSettings>): Promise<void>;
  /** Adds records as if they had just been delivered (routed and saved), for tests and scenarios. */
  ingest(records: readonly CloudTrailRecord[]): Promise<void>;
  /** Makes the next call of an operation fail with the given error (see mocks/scenarios.ts). */
  failNext(operation: string, error: ServiceError): void;
  /** Forgets everything and seeds a new world from the given (or original) options. */
  reset(options?: Pick<EmulatorOptions, 'seed' | 'anchor' | 'seededEvents'>): Promise<void>;
  /** The world, for tests and scenarios. */
  readonly state: EmulatorState;
}

function isWorldConfig(value: unknown): value is WorldConfig {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Record<string, unknown>;
  return (
    typeof config.seed === 'number' && typeof config.anchor === 'number' && typeof config.seededEvents === 'number'
  );
}

async function loadState(
  options: EmulatorOptions,
  clock: Clock,
  stored: readonly StoredEntry[],
): Promise<EmulatorState> {
  const savedConfig = stored.find((entry) => entry.collection === 'meta' && entry.key === 'config')?.value;
  const config: WorldConfig = isWorldConfig(savedConfig)
    ? savedConfig
    : {
        seed: options.seed ?? DEFAULT_SEED,
        anchor: options.anchor ?? Math.floor(clock.now() / HOUR) * HOUR,
        seededEvents: options.seededEvents ?? DEFAULT_SEEDED_EVENTS,
      };
  const state = new EmulatorState(
    clock,
    config,
    seedHistory({ seed: config.seed, anchor: config.anchor, events: config.seededEvents }),
  );
  state.loadSeeded();
  for (const entry of stored) {
    if (entry.collection === 'records') state.loadStored(entry.value);
    else if (entry.collection !== 'meta') state.loadEntity(entry);
    else if (entry.key === 'ids' && typeof entry.value === 'number') state.ids.state = entry.value;
  }
  const fresh = !isWorldConfig(savedConfig);
  for (const install of RESOURCES) install(state, { fresh });
  await options.storage.write([
    ...(fresh ? [{ collection: 'meta', key: 'config', value: config }] : []),
    ...state.takePending(),
  ]);
  return state;
}

/** What a call answers for a thrown value: its ServiceError, or InternalFailure for an emulator fault. */
function asServiceError(error: unknown): ServiceError {
  return error instanceof ServiceError
    ? error
    : new InternalFailure(error instanceof Error ? error.message : String(error));
}

/** Creates an emulator over the given storage, loading what an earlier run saved there. */
export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const throttle = new Throttle();
  const failures = new Map<string, ServiceError>();
  const stored = await options.storage.load();
  const savedSettings = stored.find((entry) => entry.collection === 'meta' && entry.key === 'settings')?.value as
    Partial<EmulatorSettings> | undefined;
  const settings: EmulatorSettings = {
    throttle: typeof savedSettings?.throttle === 'boolean' ? savedSettings.throttle : (options.throttle ?? true),
    simulator: typeof savedSettings?.simulator === 'boolean' ? savedSettings.simulator : (options.simulator ?? true),
  };
  let state = await loadState(options, clock, stored);

  /** Who makes a call, where and when; an unlisted region is refused before anything is recorded. */
  function contextFor(operation: string, info: RequestInfo, now = clock.now()): RequestContext {
    const region = info.region ?? DEFAULT_REGION;
    if (!isRegion(region))
      throw new UnsupportedOperationException(`The region ${region} is not served by this emulator.`);
    const caller = principalForAccessKey(info.accessKeyId);
    return {
      state,
      operation,
      requestId: info.requestId,
      region,
      caller,
      account: caller.account,
      now,
      sourceIp: info.sourceIp ?? '127.0.0.1',
      userAgent: info.userAgent,
      fromConsole: info.userAgent?.includes(CONSOLE_USER_AGENT_TOKEN) ?? false,
      resources: [],
    };
  }

  /** A PutAuditEvents body: parsed, and its size as sent. A body that is not JSON is refused unrecorded. */
  function parseAuditEventsBody(body: string): { parsed: unknown; bytes: number } {
    let parsed: unknown;
    try {
      parsed = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
    } catch {
      throw new SerializationException('The request body is not valid JSON.');
    }
    // The UTF-8 size only matters near the 1 MB limit; three bytes a character bounds it.
    return { parsed, bytes: body.length * 3 <= 1_048_576 ? body.length : utf8Length(body) };
  }

  /** PutAuditEvents and its data record (§6, §13); throws the call's ServiceError. */
  function serveAuditEvents(
    query: PutAuditEventsQuery,
    { parsed, bytes }: { parsed: unknown; bytes: number },
    context: RequestContext,
    injected?: ServiceError,
  ): PutAuditEventsResponse {
    try {
      if (injected) throw injected;
      const output = putAuditEvents(query, parsed, bytes, context);
      state.ingest(recordAuditEventsCall(context, query, { output }));
      return output;
    } catch (error) {
      const failure = asServiceError(error);
      state.ingest(recordAuditEventsCall(context, query, { error: failure }));
      throw failure;
    }
  }

  /** The live simulator's payments app sends its events through the normal PutAuditEvents path (§14). */
  function simulateAuditCall(n: number, at: number): void {
    // The seeded Custom channel, while it exists (a user may delete it).
    const channel = state.table<StoredChannel>(CHANNELS).get(PAYMENTS_CHANNEL.id);
    if (!channel) return;
    const call = liveAuditCall(state.config.seed, n, at);
    const context = contextFor(
      'PutAuditEvents',
      {
        requestId: state.ids.uuid(),
        accessKeyId: call.accessKeyId,
        region: channel.region,
        sourceIp: call.sourceIp,
        userAgent: call.userAgent,
      },
      at,
    );
    try {
      serveAuditEvents({ channelArn: channel.arn }, parseAuditEventsBody(call.body), context);
    } catch {
      // A refused call is recorded like any other; the simulator carries on.
    }
  }

  function advance(context: RequestContext) {
    if (settings.simulator) advanceSimulator(state, context.now, context.fromConsole, simulateAuditCall);
  }

  async function serve(operation: string, body: unknown, info: RequestInfo): Promise<unknown> {
    const definition = OPERATIONS[operation];
    const context = contextFor(operation, info);
    const region = context.region;
    let input: unknown = body;
    try {
      const injected = failures.get(operation);
      if (injected) {
        failures.delete(operation);
        throw injected;
      }
      advance(context);
      if (!definition)
        throw new UnsupportedOperationException(`${operation} is not supported by the CloudTrail emulator.`);
      if (definition.rate !== undefined && settings.throttle) {
        const key = `${operation}/${context.account}/${region}`;
        if (!throttle.take(key, definition.rate, context.now)) throw new ThrottlingException('Rate exceeded');
      }
      input = parseInput(operation, body, definition.memberOrder);
      const output = definition.run(input as never, context);
      state.ingest(selfRecord(context, input, { output }));
      await options.storage.write(state.takePending());
      return output;
    } catch (error) {
      const failure = asServiceError(error);
      state.ingest(selfRecord(context, input, { error: failure }));
      await options.storage.write(state.takePending());
      throw failure;
    }
  }

  return {
    newRequestId: () => state.ids.uuid(),
    dispatch: (operation, body, info) => {
      if (operation === undefined || !MODEL_OPERATIONS.has(operation))
        return Promise.reject(new UnknownOperationException(`Unknown operation ${operation ?? '(none)'}.`));
      return serve(operation, body, info);
    },
    extension: (operation, body, info) => {
      const run = operation === undefined ? undefined : EXTENSIONS[operation];
      try {
        if (operation === undefined || !run)
          throw new UnknownOperationException(`Unknown emulator extension ${operation ?? '(none)'}.`);
        const context = contextFor(operation, info);
        return Promise.resolve(
          run(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}, context),
        );
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    putAuditEvents: async (query, body, info) => {
      const parsed = parseAuditEventsBody(body);
      const context = contextFor('PutAuditEvents', info);
      const injected = failures.get('PutAuditEvents');
      failures.delete('PutAuditEvents');
      advance(context);
      try {
        return serveAuditEvents(query, parsed, context, injected);
      } finally {
        await options.storage.write(state.takePending());
      }
    },
    settings,
    configure: async (next) => {
      Object.assign(settings, next);
      await options.storage.write([{ collection: 'meta', key: 'settings', value: { ...settings } }]);
    },
    ingest: async (records) => {
      for (const record of records) state.ingest(record);
      await options.storage.write(state.takePending());
    },
    failNext: (operation, error) => {
      failures.set(operation, error);
    },
    reset: async (next) => {
      await options.storage.clear();
      throttle.clear();
      failures.clear();
      state = await loadState({ ...options, ...next }, clock, []);
      await options.storage.write([{ collection: 'meta', key: 'settings', value: { ...settings } }]);
    },
    get state() {
      return state;
    },
  };
}
