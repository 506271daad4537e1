// What a resource of the emulator declares (README.md, "Resources"): the collections it keeps, the
// operations it serves, what it adds to a world when one is loaded, and what happens to its
// objects when another resource is removed. The composition root (create-emulator.ts) only wires
// these declarations together; a new resource is a new folder under resources/.
import type { RequestContext, RequestInfo } from './context';
import type { ServiceError } from './errors';
import type { EmulatorRecord } from './records';
import type { DerivedRecord, EmulatorState } from './state';

/** The services whose calls the pipeline serves. */
export type Service = 'cloudtrail' | 'cloudtrail-data' | 'emulator' | 's3';

/** How a served call ended, for its self-record. */
export type Outcome = { output: unknown } | { error: ServiceError };

/** One operation: how to check its input and run it, and how it is recorded. */
export interface OperationDefinition {
  /**
   * Runs the operation on checked input. The operation functions take the SDK's input and output
   * types; the pipeline only forwards. May be asynchronous.
   */
  run: (input: never, context: RequestContext) => unknown;
  /**
   * Checks and converts the parsed request into the operation's input; throws the model's error.
   * Control-plane operations default to the model-driven check (validate.ts).
   */
  parse?: (body: unknown, operation: string) => unknown;
  /** Order in which constraint failures are reported, when the model's member order is not CloudTrail's. */
  memberOrder?: readonly string[];
  /** Requests per second per account and region, when throttled. */
  rate?: number;
  /**
   * The record of a served call (§6): CloudTrail's self-record by default; `false` for emulator
   * extensions, which CloudTrail would not record. `input` is the checked input when the check
   * passed, else the body as parsed.
   */
  record?: ((context: RequestContext, input: unknown, outcome: Outcome) => EmulatorRecord) | false;
}

/** A call the live simulator or the seed makes, as a client would (§14). */
export interface SimulatedCall {
  readonly service: Service;
  readonly operation: string;
  /** The input as the transport adapter would hand it over. */
  readonly input: unknown;
  readonly info: Omit<RequestInfo, 'requestId'>;
  /** Epoch ms at which the call is made. */
  readonly at: number;
}

/** A call that creates a seeded object in a fresh world, through the pipeline as a client's would. */
export interface SeedCall extends SimulatedCall {
  /** The fixed ID of the object it creates (SEMANTICS.md §14). */
  readonly resourceId?: string;
}

export interface ResourceDefinition {
  readonly name: string;
  /** Entity collections the resource keeps in the state (and storage). */
  readonly collections?: readonly string[];
  /** Operations it serves, by service and operation name. */
  readonly operations?: Partial<Record<Service, Readonly<Record<string, OperationDefinition>>>>;
  /**
   * Registers what the resource adds to every loaded world before any record is loaded: indexes,
   * routers, removal cascades.
   */
  attach?(state: EmulatorState): void;
  /**
   * Runs once the stored state is loaded: in a fresh world (`fresh`) creates the resource's seeded
   * objects, and derives what is derived from the seed (such as a seeded store's contents).
   */
  install?(state: EmulatorState, options: { fresh: boolean }): void | Promise<void>;
  /**
   * Calls that create the resource's seeded objects in a fresh world, at their times in the
   * seeded past; they are served by the pipeline (validated, run, self-recorded, saved) like any
   * client's, before the seeded past is loaded.
   */
  seedCalls?(state: EmulatorState): readonly SeedCall[];
  /**
   * Records the resource derives from the seed on every load (never saved), such as the seeded
   * channels' past ingestion; they are routed as of their time, like the seeded history.
   */
  derivedRecords?(state: EmulatorState): readonly DerivedRecord[];
  /**
   * Work due on the emulator's clock (trail delivery, §17.10): runs before every live call, after
   * the simulator has caught up, and on `Emulator.tick()`, in a transaction of its own (a failure
   * rolls it back and is retried at the next call). `now` is epoch ms.
   */
  onClock?(state: EmulatorState, now: number): void | Promise<void>;
  /** The `n`th call this resource's simulated client makes at `at`, if it makes one (§14). */
  simulatedCall?(state: EmulatorState, n: number, at: number): SimulatedCall | undefined;
}
