// The composition root: wires the resources' declarations into one world and one serving pipeline
// (README.md). Entry points give it a clock, a seed and storage; the transport adapter
// (mocks/handlers.ts) hands it parsed requests.
import { systemClock, HOUR, type Clock } from './clock';
import type { RequestInfo } from './context';
import { createPipeline, type Pipeline } from './pipeline';
import type { ResourceDefinition } from './resource';
import { DEFAULT_SEED } from './random';
import type { EmulatorRecord } from './records';
import type { ServiceError } from './errors';
import { EmulatorState, type WorldConfig, type WorldServices } from './state';
import type { EmulatorStorage, LoadReport, StoredEntry } from './storage/storage';
import { channelsResource } from './resources/channels/channels-resource';
import { dashboardsResource } from './resources/dashboards/dashboards-resource';
import { eventDataStoresResource } from './resources/event-data-stores/event-data-stores-resource';
import { eventHistoryResource } from './resources/event-history/event-history-resource';
import { seedHistory, DEFAULT_SEEDED_EVENTS } from './resources/event-history/seed/seed-history';
import { queriesResource } from './resources/queries/queries-resource';
import { resourcePoliciesResource } from './resources/resource-policies/resource-policies-resource';
import { s3Resource } from './resources/s3/s3-resource';
import { tagsResource } from './resources/tags/tags-resource';
import { trailsResource } from './resources/trails/trails-resource';
import type { Service } from './resource';

export type { Service } from './resource';

export interface EmulatorOptions {
  storage: EmulatorStorage;
  clock?: Clock;
  /** Seed of the seeded past and of every id; default 20250101. Ignored when storage already holds a world. */
  seed?: number;
  /** End of the seeded past, epoch ms; default the first start's time floored to the hour. */
  anchor?: number;
  /** How many seeded records to generate on first start. */
  seededEvents?: number;
  /** The seeded trail and its delivered files (SEMANTICS.md §17.16); on by default. */
  seededTrail?: boolean;
  /** LookupEvents throttling at 2 calls per second per account and region; on by default. */
  throttle?: boolean;
  /** Live activity while the console is open (SEMANTICS.md §14); on by default. */
  simulator?: boolean;
  /** Opens the Lake SQL engine on first use (lake-engine/); without one, StartQuery is unsupported. */
  lakeEngine?: WorldServices['lakeEngine'];
  /** How long Lake queries queue and run on the clock (§10.1). */
  queryTiming?: WorldServices['queryTiming'];
  /** A native SHA-256 (Node entry points lend node:crypto's); default the pure-TypeScript one. */
  sha256Base64?: WorldServices['sha256Base64'];
  /** RSA signing of digest files (§17.11), lent by the entry point; without one, digests are not written. */
  signer?: WorldServices['signer'];
  /** Trail delivery tick and digest interval (§17.10-17.11); default 300 s and 3600 s. */
  trailTiming?: WorldServices['trailTiming'];
}

/** Runtime settings that a user may change without restarting. */
export interface EmulatorSettings {
  throttle: boolean;
  simulator: boolean;
}

/**
 * The resources of the emulator, in install order: stores before channels (the seeded channels
 * send to the seeded stores); tags and policies only hang off the others.
 */
const RESOURCES: readonly ResourceDefinition[] = [
  eventHistoryResource,
  eventDataStoresResource,
  channelsResource,
  trailsResource,
  queriesResource,
  dashboardsResource,
  resourcePoliciesResource,
  tagsResource,
  s3Resource,
];

export interface Emulator {
  /** A new request ID (`x-amzn-RequestId`), also used as the self-record's requestID. */
  newRequestId(): string;
  /**
   * Serves one call through the pipeline (README.md, "Serving pipeline"): `service` is
   * `cloudtrail` (control plane, `input` the parsed JSON body), `cloudtrail-data` (PutAuditEvents,
   * `input` its PutAuditEventsRequest) or `emulator` (extensions). Resolves with the output;
   * rejects with the ServiceError to answer.
   */
  serve(service: Service, operation: string | undefined, input: unknown, info: RequestInfo): Promise<unknown>;
  readonly settings: EmulatorSettings;
  /** Changes runtime settings; they are saved with the state. */
  configure(settings: Partial<EmulatorSettings>): Promise<void>;
  /** Adds records as if they had just been delivered (routed and saved), for tests and scenarios. */
  ingest(records: readonly EmulatorRecord[]): Promise<void>;
  /**
   * Runs the work due on the emulator's clock (trail deliveries and digests, §17.10-17.11) without
   * waiting for a call; entry points call it on a timer, tests when they move the clock.
   */
  tick(): Promise<void>;
  /** Makes the next call of an operation fail with the given error (see mocks/scenarios.ts). */
  failNext(operation: string, error: ServiceError): void;
  /** Forgets everything and seeds a new world from the given (or original) options. */
  reset(options?: Pick<EmulatorOptions, 'seed' | 'anchor' | 'seededEvents' | 'seededTrail'>): Promise<void>;
  /**
   * What the last load found: the storage's report, with the entries the world could not use
   * (a stored value of the wrong shape, a collection no resource declares) counted as skipped.
   */
  readonly loadReport: LoadReport;
  /** The world, for tests and scenarios. */
  readonly state: EmulatorState;
}

function isWorldConfig(value: unknown): value is WorldConfig {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Record<string, unknown>;
  return (
    typeof config.seed === 'number' &&
    Number.isSafeInteger(config.seed) &&
    typeof config.anchor === 'number' &&
    Number.isFinite(config.anchor) &&
    typeof config.seededEvents === 'number' &&
    Number.isSafeInteger(config.seededEvents) &&
    config.seededEvents >= 0
  );
}

function isSettings(value: unknown): value is Partial<EmulatorSettings> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the world from stored entries; `skipped` counts entries it could not use. */
async function loadState(
  options: EmulatorOptions,
  clock: Clock,
  stored: readonly StoredEntry[],
  pipeline: Pipeline,
): Promise<{ state: EmulatorState; skipped: number }> {
  const savedConfig = stored.find((entry) => entry.collection === 'meta' && entry.key === 'config')?.value;
  const fresh = !isWorldConfig(savedConfig);
  const config: WorldConfig = isWorldConfig(savedConfig)
    ? savedConfig
    : {
        seed: options.seed ?? DEFAULT_SEED,
        anchor: options.anchor ?? Math.floor(clock.now() / HOUR) * HOUR,
        seededEvents: options.seededEvents ?? DEFAULT_SEEDED_EVENTS,
        ...(options.seededTrail === false ? { seededTrail: false } : {}),
      };
  const state = new EmulatorState(
    clock,
    config,
    seedHistory({ seed: config.seed, anchor: config.anchor, events: config.seededEvents }),
    options.storage.readRecord?.bind(options.storage),
    {
      lakeEngine: options.lakeEngine,
      queryTiming: options.queryTiming,
      sha256Base64: options.sha256Base64,
      signer: options.signer,
      objects: options.storage,
      trailTiming: options.trailTiming,
    },
  );
  for (const resource of RESOURCES) {
    for (const collection of resource.collections ?? []) state.declareCollection(collection);
    resource.attach?.(state);
  }
  // Entities first (in a fresh world, the seed calls create them), so that the seeded past can be
  // routed into the stores that exist; then the seeded and derived past; then what earlier runs
  // saved, each record with its saved routing.
  let skipped = 0;
  for (const entry of stored) {
    if (entry.collection === 'records') continue;
    if (entry.collection === 'meta') {
      if (entry.key === 'ids' && typeof entry.value === 'number' && Number.isSafeInteger(entry.value))
        state.ids.state = entry.value;
    } else if (!state.loadEntity(entry)) skipped++;
  }
  const derived = RESOURCES.map((resource) => resource.derivedRecords?.(state) ?? []);
  const past = derived.reduce((count, records) => count + records.length, state.seeded.count);
  if (fresh) {
    await options.storage.write([{ collection: 'meta', key: 'config', value: config }]);
    // The seed calls' records number after the seeded and derived past, as on every later load.
    state.reserveSequences(past);
    await pipeline.seed(state);
  }
  for (const resource of RESOURCES) await resource.install?.(state, { fresh });
  state.loadSeeded();
  let sequence = state.seeded.count;
  for (const records of derived) {
    state.loadDerived(records, sequence);
    sequence += records.length;
  }
  for (const entry of stored)
    if (entry.collection === 'records' && !state.loadStored(entry.value, entry.ref)) skipped++;
  state.finishLoading();
  state.applyRetention(clock.now());
  await options.storage.write(state.takePending());
  return { state, skipped };
}

/** The storage's load report with what the world could not use added, and the whole load's time. */
function withWorldSkips(report: LoadReport, skipped: number, milliseconds: number): LoadReport {
  if (skipped === 0) return { ...report, milliseconds: Math.max(report.milliseconds, milliseconds) };
  return {
    ...report,
    entries: report.entries - skipped,
    skipped: report.skipped + skipped,
    skippedReasons: { ...report.skippedReasons, 'wrong shape': (report.skippedReasons['wrong shape'] ?? 0) + skipped },
    milliseconds: Math.max(report.milliseconds, milliseconds),
  };
}

/** Creates an emulator over the given storage, loading what an earlier run saved there. */
export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  // Wall time, not the emulator's clock (which tests stop): how long the start really took.
  const started = performance.now();
  const { entries: stored, report } = await options.storage.load();
  const savedSettings = stored.find((entry) => entry.collection === 'meta' && entry.key === 'settings')?.value;
  const saved = isSettings(savedSettings) ? savedSettings : {};
  const settings: EmulatorSettings = {
    throttle: typeof saved.throttle === 'boolean' ? saved.throttle : (options.throttle ?? true),
    simulator: typeof saved.simulator === 'boolean' ? saved.simulator : (options.simulator ?? true),
  };
  const pipeline: Pipeline = createPipeline({
    resources: RESOURCES,
    clock,
    settings,
    storage: options.storage,
    state: () => state,
  });
  const first = await loadState(options, clock, stored, pipeline);
  let state = first.state;
  let loadReport = withWorldSkips(report, first.skipped, performance.now() - started);

  return {
    newRequestId: () => state.ids.uuid(),
    serve: (service, operation, input, info) => pipeline.serve(service, operation, input, info),
    settings,
    configure: (next) =>
      pipeline.exclusive(async () => {
        Object.assign(settings, next);
        await options.storage.write([{ collection: 'meta', key: 'settings', value: { ...settings } }]);
      }),
    ingest: (records) =>
      pipeline.exclusive(async () => {
        for (const record of records) state.ingest(record);
        await options.storage.write(state.takePending());
      }),
    tick: () => pipeline.tick(),
    failNext: (operation, error) => {
      pipeline.failNext(operation, error);
    },
    reset: (next) =>
      pipeline.exclusive(async () => {
        await options.storage.clear();
        pipeline.clear();
        const reloaded = await loadState({ ...options, ...next }, clock, [], pipeline);
        state = reloaded.state;
        loadReport = withWorldSkips({ entries: 0, skipped: 0, skippedReasons: {}, bytes: 0, milliseconds: 0 }, 0, 0);
        await options.storage.write([{ collection: 'meta', key: 'settings', value: { ...settings } }]);
      }),
    get loadReport() {
      return loadReport;
    },
    get state() {
      return state;
    },
  };
}
