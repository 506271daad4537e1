import type { Principal, Region } from './identities';
import type { RecordResource } from './records';
import type { EmulatorState } from './state';

/** What the transport knows of a call before the emulator looks at it. */
export interface RequestInfo {
  /** SigV4 access key ID, when the request was signed. */
  accessKeyId?: string;
  /** SigV4 credential-scope region, or the region in the host name. */
  region?: string;
  sourceIp?: string;
  userAgent?: string;
  requestId: string;
}

/** One call being served: who makes it, where, when; operations read state through it. */
export interface RequestContext {
  readonly state: EmulatorState;
  readonly operation: string;
  readonly requestId: string;
  readonly region: Region;
  readonly caller: Principal;
  /** The account whose state the call acts on: the caller's. */
  readonly account: string;
  /** Epoch ms at which the call is served. */
  readonly now: number;
  readonly sourceIp: string;
  readonly userAgent: string | undefined;
  /** The console identifies itself in its User-Agent; its calls count as console sessions. */
  readonly fromConsole: boolean;
  /** Stores and channels the call names or touches; they become the self-record's resources. */
  readonly resources: RecordResource[];
  /**
   * The ID of an object the call creates: a new UUID from the seeded stream, or the fixed ID a
   * seed call names (the seeded objects keep the IDs documented in SEMANTICS.md §14).
   */
  newResourceId(): string;
}

/** The token the console adds to its User-Agent (SEMANTICS.md §6). */
export const CONSOLE_USER_AGENT_TOKEN = 'cloudtrail-emulator-console/';
