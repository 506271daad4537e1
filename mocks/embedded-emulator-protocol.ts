// Messages between the console's pages (mocks/browser.ts) and the worker that runs the embedded
// emulator (mocks/embedded-emulator.worker.ts). Everything here survives structured cloning;
// request and response bodies travel as transferred ArrayBuffers.
import type { EmulatorOptions, EmulatorSettings } from './emulator/create-emulator';
import type { CloudTrailRecord } from './emulator/records';

/** An HTTP request the page's service worker intercepted, as the emulator's worker receives it. */
export interface SerializedRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** The emulator's answer, as the page hands it back to its service worker. */
export interface SerializedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** A world to reset to: the seed, anchor and size of the seeded past. */
export type ResetOptions = Pick<EmulatorOptions, 'seed' | 'anchor' | 'seededEvents'>;

/** What a page asks of the emulator's worker. */
export type EmulatorCall =
  | { kind: 'fetch'; request: SerializedRequest }
  | { kind: 'settings' }
  | { kind: 'configure'; settings: Partial<EmulatorSettings> }
  | { kind: 'reset'; options?: ResetOptions }
  | { kind: 'ingest'; records: CloudTrailRecord[] }
  | { kind: 'failNext'; operation: string; errorName: string; message: string };

/** What each call answers. */
export interface EmulatorCallResults {
  fetch: SerializedResponse;
  settings: EmulatorSettings;
  configure: undefined;
  reset: undefined;
  ingest: undefined;
  failNext: undefined;
}

/**
 * Page to worker: a numbered call; a goodbye when the page is hidden for good or put in the
 * back/forward cache, and a new hello when it comes back from there.
 */
export type PageMessage = { type: 'call'; id: number; call: EmulatorCall } | { type: 'bye' } | { type: 'hello' };

/** Worker to page: the outcome of a call, or news that the emulator's state may have changed. */
export type WorkerMessage =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'failure'; id: number; message: string }
  | { type: 'changed' };

// CloudTrail's read operations all start with these verbs (the emulator extension
// GetEventDataStoreUsage too); every other operation may change something.
const READ_OPERATION = /^(?:Get|List|Describe|Lookup)/;

/**
 * Whether a request may change the emulator's state as the console shows it. Reads still record
 * themselves in event history, but announcing those would make every page refetch forever.
 */
export function mayChangeState(request: SerializedRequest): boolean {
  // S3's DeleteObject (SEMANTICS.md §17.12) is the one call of another method that changes anything.
  if (request.method === 'DELETE') return true;
  if (request.method !== 'POST') return false;
  // PutAuditEvents (cloudtrail-data) names no target and always delivers events.
  if (new URL(request.url).pathname.startsWith('/PutAuditEvents')) return true;
  const target = request.headers.find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1] ?? '';
  const operation = /(\w+)$/.exec(target)?.[1];
  return operation === undefined || !READ_OPERATION.test(operation);
}
