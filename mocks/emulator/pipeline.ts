// The one serving pipeline (README.md, "Serving pipeline"). Every call, control plane, data plane
// and emulator extension alike, passes the same steps once the transport adapter has parsed it:
// operation lookup -> context -> injected fault -> simulator -> throttle -> validate -> run ->
// self-record -> persist -> answer. Calls are applied one at a time, so no two interleave, and a
// call that fails is rolled back (state and queued writes) before its failure is recorded.
import type { Clock } from './clock';
import { CONSOLE_USER_AGENT_TOKEN, type RequestContext, type RequestInfo } from './context';
import {
  InternalFailure,
  ServiceError,
  ThrottlingException,
  UnknownOperationException,
  UnsupportedOperationException,
} from './errors';
import { DEFAULT_REGION, isRegion, principalForAccessKey } from './identities';
import type { OperationDefinition, Outcome, ResourceDefinition, SeedCall, Service, SimulatedCall } from './resource';
import { selfRecord } from './self-record';
import { advanceSimulator } from './simulator';
import type { EmulatorState } from './state';
import type { EmulatorStorage } from './storage/storage';
import { Throttle } from './throttle';
import { MODEL_OPERATIONS, parseInput } from './validate';

/** How often retention is applied, in ms of the emulator's clock. */
const RETENTION_INTERVAL = 3_600_000;

export interface PipelineOptions {
  resources: readonly ResourceDefinition[];
  clock: Clock;
  settings: { readonly throttle: boolean; readonly simulator: boolean };
  storage: EmulatorStorage;
  /** The current world (a reset replaces it). */
  state: () => EmulatorState;
}

export interface Pipeline {
  serve(service: Service, operation: string | undefined, input: unknown, info: RequestInfo): Promise<unknown>;
  /** Runs `task` when no call is being served, and holds calls back until it ends. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Runs the work due on the emulator's clock (the resources' `onClock`) now, between calls. */
  tick(): Promise<void>;
  failNext(operation: string, error: ServiceError): void;
  /**
   * Serves the resources' seed calls of a fresh world, in time order, before it serves anyone:
   * each at its time, validated, run, self-recorded and saved like a client's call.
   */
  seed(state: EmulatorState): Promise<void>;
  /** Forgets throttle buckets and injected faults (for a reset). */
  clear(): void;
}

/** What a thrown value answers: its ServiceError, or InternalFailure for an emulator fault. */
export function asServiceError(error: unknown): ServiceError {
  return error instanceof ServiceError
    ? error
    : new InternalFailure(error instanceof Error ? error.message : String(error));
}

/** Operations by service and own name; a Map, so no name reaches Object.prototype. */
function operationTable(resources: readonly ResourceDefinition[]): Map<string, OperationDefinition> {
  const table = new Map<string, OperationDefinition>();
  for (const resource of resources)
    for (const [service, operations] of Object.entries(resource.operations ?? {}))
      for (const [name, definition] of Object.entries(operations)) {
        const key = `${service}:${name}`;
        if (table.has(key)) throw new Error(`${key} is declared by two resources`);
        table.set(key, definition);
      }
  return table;
}

/** Creates the pipeline that serves calls for the resources' operations. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { clock, settings, storage } = options;
  const operations = operationTable(options.resources);
  const clockWork = options.resources.flatMap((resource) =>
    resource.onClock ? [(state: EmulatorState, now: number) => resource.onClock?.(state, now)] : [],
  );
  const throttle = new Throttle();
  const failures = new Map<string, ServiceError>();
  let queue: Promise<unknown> = Promise.resolve();
  /** When retention was last applied, and to which world (a reset makes a new one). */
  let retention: { state: EmulatorState; at: number } | undefined;

  /** Retention runs at most once an hour of the emulator's clock, before a call. */
  function applyRetention(state: EmulatorState, now: number): void {
    if (retention?.state === state && now - retention.at < RETENTION_INTERVAL) return;
    state.applyRetention(now);
    retention = { state, at: now };
  }

  /**
   * The resources' clock work at `now`, in a transaction of its own and saved before the call
   * that triggered it runs. A failure changes nothing and does not fail that call: the work is
   * still due at the next one.
   */
  async function runClock(state: EmulatorState, now: number): Promise<void> {
    if (clockWork.length === 0) return;
    state.begin();
    try {
      for (const work of clockWork) await work(state, now);
      state.commit();
    } catch (error) {
      state.rollback();
      console.error('Clock work failed; it is retried before the next call.', error);
      return;
    }
    const pending = state.takePending();
    // Usually nothing was due: no write.
    if (pending.length > 0) await storage.write(pending);
  }

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    // The queue only orders calls; a failed call must not fail the next one.
    queue = run.catch(() => undefined);
    return run;
  }

  /** The definition a call names; an unknown name is refused before anything runs, unrecorded (§6). */
  function definitionOf(service: Service, operation: string | undefined): OperationDefinition | undefined {
    if (operation === undefined) throw new UnknownOperationException('The request names no operation.');
    const definition = operations.get(`${service}:${operation}`);
    // Model operations the emulator does not serve are still recorded (§1).
    if (definition === undefined && !(service === 'cloudtrail' && MODEL_OPERATIONS.has(operation)))
      throw new UnknownOperationException(`Unknown operation ${operation.slice(0, 128)}.`);
    return definition;
  }

  /** Who makes a call, where and when; an unlisted region is refused before anything is recorded. */
  function contextFor(
    state: EmulatorState,
    operation: string,
    info: RequestInfo,
    now: number,
    resourceId?: string,
  ): RequestContext {
    const region = info.region ?? DEFAULT_REGION;
    if (!isRegion(region))
      throw new UnsupportedOperationException(`The region ${region.slice(0, 64)} is not served by this emulator.`);
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
      newResourceId: () => resourceId ?? state.ids.uuid(),
    };
  }

  /** Steps from the injected fault on, for a call whose context is known. */
  async function execute(
    definition: OperationDefinition | undefined,
    body: unknown,
    context: RequestContext,
    live: boolean,
  ): Promise<unknown> {
    const { state, operation } = context;
    let input: unknown = body;
    let outcome: Outcome;
    if (live) applyRetention(state, context.now);
    try {
      const injected = failures.get(operation);
      if (injected) {
        failures.delete(operation);
        throw injected;
      }
      if (live && settings.simulator)
        await advanceSimulator(state, context.now, context.fromConsole, async (n, at) => {
          for (const resource of options.resources) {
            const call = resource.simulatedCall?.(state, n, at);
            if (call) await simulated(state, call);
          }
        });
      if (live) await runClock(state, context.now);
      if (!definition)
        throw new UnsupportedOperationException(`${operation} is not supported by the CloudTrail emulator.`);
      if (live && definition.rate !== undefined && settings.throttle) {
        const key = `${operation}/${context.account}/${context.region}`;
        if (!throttle.take(key, definition.rate, context.now)) throw new ThrottlingException('Rate exceeded');
      }
      input = definition.parse
        ? definition.parse(body, operation)
        : parseInput(operation, body, definition.memberOrder);
      state.begin();
      try {
        outcome = { output: await definition.run(input as never, context) };
        state.commit();
      } catch (error) {
        state.rollback();
        throw error;
      }
    } catch (error) {
      outcome = { error: asServiceError(error) };
    }
    const record = definition?.record;
    // Routed as of the call's time: a seed call happened in the seeded past.
    if (record !== false) state.ingest((record ?? selfRecord)(context, input, outcome), { at: context.now });
    try {
      await storage.write(state.takePending());
    } catch (error) {
      // Storage refused the write (a full browser quota says so in its message): the caller
      // learns it as the answer, never as a silent loss.
      throw asServiceError(error);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.output;
  }

  /** A call the emulator makes itself (the simulator's, the seed's), at its time, like a client's. */
  function serveOwnCall(state: EmulatorState, call: SeedCall): Promise<unknown> {
    const definition = operations.get(`${call.service}:${call.operation}`);
    const info = { ...call.info, requestId: state.ids.uuid() };
    return execute(definition, call.input, contextFor(state, call.operation, info, call.at, call.resourceId), false);
  }

  /** A call the live simulator makes (the payments app's PutAuditEvents). */
  async function simulated(state: EmulatorState, call: SimulatedCall): Promise<void> {
    try {
      await serveOwnCall(state, call);
    } catch {
      // A refused call is recorded like any other; the simulator carries on.
    }
  }

  return {
    serve: (service, operation, input, info) => {
      try {
        const definition = definitionOf(service, operation);
        return exclusive(() => {
          const state = options.state();
          return execute(definition, input, contextFor(state, operation ?? '', info, clock.now()), true);
        });
      } catch (error) {
        return Promise.reject(asServiceError(error));
      }
    },
    exclusive,
    tick: () =>
      exclusive(async () => {
        const state = options.state();
        await runClock(state, clock.now());
      }),
    seed: async (state) => {
      const calls: SeedCall[] = options.resources.flatMap((resource) => resource.seedCalls?.(state) ?? []);
      // A seed call that fails is a bug in the seed, not a world to start from: it throws.
      for (const call of calls.sort((a, b) => a.at - b.at)) await serveOwnCall(state, call);
    },
    failNext: (operation, error) => {
      failures.set(operation, error);
    },
    clear: () => {
      throttle.clear();
      failures.clear();
    },
  };
}
