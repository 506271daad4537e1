// The embedded emulator's page side. The emulator itself runs in a worker shared by every tab of
// this origin (mocks/embedded-emulator.worker.ts), with its state in IndexedDB so a reload loses
// nothing. Here the page's service worker (msw's setupWorker) intercepts the SDK's requests to the
// CloudTrail endpoints (and S3's, for delivered trail files, SEMANTICS.md §17.12) and forwards
// each one to that worker, bodies as bytes; Playwright drives the emulator
// through window.cloudtrailEmulator, whose calls go to the worker too.
import { http, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type {
  EmulatorCall,
  EmulatorCallResults,
  PageMessage,
  ResetOptions,
  WorkerMessage,
} from './embedded-emulator-protocol';
import type { EmulatorSettings } from './emulator/create-emulator';
import type { CloudTrailRecord } from './emulator/records';

/** What tests can do to the embedded emulator from any page; every tab reaches the same emulator. */
export interface EmulatorControl {
  reset(options?: ResetOptions): Promise<void>;
  /** Makes the next call of `operation` fail with the model error `errorName`, whichever tab makes it. */
  failNext(operation: string, errorName: string, message: string): Promise<void>;
  configure(settings: Partial<EmulatorSettings>): Promise<void>;
  /** Adds records (complete CloudTrail records) as if just delivered. */
  ingest(records: CloudTrailRecord[]): Promise<void>;
}

declare global {
  interface Window {
    cloudtrailEmulator?: EmulatorControl;
  }
}

/** Both CloudTrail hosts of every region, any path: what the handlers in the worker answer. */
const CLOUDTRAIL_URL = /^https:\/\/cloudtrail(?:-data)?\.[a-z0-9-]+\.amazonaws\.com\//;
/** S3's endpoints, path-style and virtual-hosted (`S3_URL` in mocks/handlers.ts, not imported: it pulls in the emulator). */
const S3_URL = /^https:\/\/(?:[a-z0-9.-]+\.)?s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com\//;

/** The page's end of the channel to the emulator's worker. */
interface WorkerEndpoint {
  postMessage(message: PageMessage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

function connectToWorker(): { endpoint: WorkerEndpoint; worker: AbstractWorker } {
  if (typeof SharedWorker === 'function') {
    const worker = new SharedWorker(new URL('./embedded-emulator.worker.ts', import.meta.url), {
      type: 'module',
      name: 'cloudtrail-emulator',
    });
    return { endpoint: worker.port, worker };
  }
  // Browsers without SharedWorker (Chrome on Android): the same entry as a dedicated worker,
  // still off the main thread, but one emulator per tab, as before the worker was shared. Tabs
  // then keep separate copies over the one IndexedDB database, so one tab may overwrite another's
  // changes and a change shows in another tab only after its reload.
  const worker = new Worker(new URL('./embedded-emulator.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cloudtrail-emulator',
  });
  return { endpoint: worker, worker };
}

/** Numbered calls to the worker and their answers; `onChange` hears of changes made elsewhere. */
function openChannel(onChange: () => void) {
  const { endpoint, worker } = connectToWorker();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let broken: Error | undefined;

  endpoint.onmessage = (event) => {
    const message = event.data as WorkerMessage;
    if (message.type === 'changed') {
      onChange();
      return;
    }
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'result') waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.message));
  };
  worker.onerror = () => {
    broken = new Error('The embedded emulator could not be started in a worker.');
    for (const waiting of pending.values()) waiting.reject(broken);
    pending.clear();
  };
  // The worker writes to every page it knows; a page in the back/forward cache leaves, and on its
  // return catches up on whatever changed meanwhile.
  addEventListener('pagehide', () => {
    endpoint.postMessage({ type: 'bye' }, []);
  });
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    endpoint.postMessage({ type: 'hello' }, []);
    onChange();
  });

  return <K extends EmulatorCall['kind']>(
    call: Extract<EmulatorCall, { kind: K }>,
    transfer: Transferable[] = [],
  ): Promise<EmulatorCallResults[K]> => {
    if (broken) return Promise.reject(broken);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      endpoint.postMessage({ type: 'call', id, call }, transfer);
    });
  };
}

/** Connects this page to the shared emulator and forwards the page's CloudTrail requests to it. */
export async function startEmbeddedEmulator({ onChange }: { onChange: () => void }) {
  const call = openChannel(onChange);
  const forward = async ({ request }: { request: Request }) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    const answer = await call(
      { kind: 'fetch', request: { method: request.method, url: request.url, headers: [...request.headers], body } },
      body ? [body] : [],
    );
    // A 204 or a HEAD answer has no body (a Response with one for a 204 is an error).
    const bytes = request.method === 'HEAD' || answer.status === 204 ? null : answer.body;
    return new Response(bytes, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
  const handlers: HttpHandler[] = [http.all(CLOUDTRAIL_URL, forward), http.all(S3_URL, forward)];
  const worker = setupWorker(...handlers);
  // Resolves once the worker has loaded the stored world, so the first request is answered at once.
  await call({ kind: 'settings' });

  let running = false;
  const resume = async () => {
    if (running) return;
    await worker.start({
      onUnhandledRequest: 'bypass',
      quiet: true,
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    });
    running = true;
  };
  window.cloudtrailEmulator = {
    reset: async (options) => {
      await call({ kind: 'reset', ...(options ? { options } : {}) });
    },
    failNext: async (operation, errorName, message) => {
      await call({ kind: 'failNext', operation, errorName, message });
    },
    configure: async (settings) => {
      await call({ kind: 'configure', settings });
    },
    ingest: async (records) => {
      await call({ kind: 'ingest', records });
    },
  };
  return {
    resume,
    pause: () => {
      if (!running) return;
      worker.stop();
      running = false;
    },
    settings: (): Promise<EmulatorSettings> => call({ kind: 'settings' }),
    configure: async (settings: Partial<EmulatorSettings>) => {
      await call({ kind: 'configure', settings });
    },
    reset: async () => {
      await call({ kind: 'reset' });
    },
  };
}
