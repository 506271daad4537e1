// The embedded emulator's one home in a browser profile: a SharedWorker that every console tab of
// this origin connects to, so all tabs see one state and no tab overwrites another's changes.
// Pages forward the requests their service worker intercepts (mocks/browser.ts); this worker
// answers them with the same msw handlers the Node server uses, then tells the other pages that
// something changed. Where SharedWorker is missing, a page runs this file as a dedicated worker.
import './embedded-emulator-worker-globals';
import { getResponse } from 'msw';
import {
  mayChangeState,
  type EmulatorCall,
  type PageMessage,
  type SerializedRequest,
  type SerializedResponse,
  type WorkerMessage,
} from './embedded-emulator-protocol';
import { createEmulator } from './emulator/create-emulator';
import { indexedDbStorage } from './emulator/storage/indexeddb';
import { createHandlers } from './handlers';
import { createWebCryptoSigner } from './webcrypto-signer';
import { failNextWith } from './scenarios';

/** A page's end of the channel: its MessagePort, or, in a dedicated worker, the worker's own scope. */
interface PageEndpoint {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

const started = createEmulator({
  storage: indexedDbStorage(indexedDB, 'cloudtrail-emulator'),
  // WebCrypto's RSA signs the trails' digest files (SEMANTICS.md §17.11).
  signer: createWebCryptoSigner(),
  // DuckDB (about 5 MB of wasm) is fetched on the first Lake query, never before.
  lakeEngine: () =>
    import('./emulator/lake-engine/duckdb-wasm-browser').then((engine) => engine.openDuckDbWasmBrowser()),
}).then((emulator) => ({
  emulator,
  handlers: createHandlers(emulator),
}));

// One call at a time, in arrival order across all pages. The emulator saves each change before it
// answers, and a reset replaces the whole world; no call may run inside another one's awaits.
let tail: Promise<unknown> = started;
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}

const pages = new Set<PageEndpoint>();

// Trail files are delivered on the emulator's clock even when no page calls (SEMANTICS.md §17.10);
// the work due runs every few seconds and costs nothing when nothing is due.
setInterval(() => {
  inTurn(async () => {
    const { emulator } = await started;
    await emulator.tick();
  }).catch((error: unknown) => {
    console.error('Trail delivery failed; it is retried.', error);
  });
}, 5_000);

/** Tells pages that the state may have changed, so they refetch what they show. */
function announceChange(except?: PageEndpoint) {
  for (const page of pages) if (page !== except) page.postMessage({ type: 'changed' }, []);
}

async function answer(request: SerializedRequest): Promise<SerializedResponse> {
  const { handlers } = await started;
  const response = await getResponse(
    handlers,
    new Request(request.url, { method: request.method, headers: request.headers, body: request.body }),
  );
  // The handlers answer every URL of both CloudTrail hosts and of S3's, and pages forward nothing else.
  if (!response) throw new Error(`The emulator has no handler for ${request.method} ${request.url}.`);
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: response.body === null ? null : await response.arrayBuffer(),
  };
}

/** Runs one call; `changed` says whether pages should refetch. */
async function serve(call: EmulatorCall): Promise<{ value: unknown; changed: boolean }> {
  const { emulator } = await started;
  switch (call.kind) {
    case 'fetch':
      return { value: await answer(call.request), changed: mayChangeState(call.request) };
    case 'settings':
      return { value: { ...emulator.settings }, changed: false };
    case 'configure':
      await emulator.configure(call.settings);
      return { value: undefined, changed: true };
    case 'reset':
      await emulator.reset(call.options);
      return { value: undefined, changed: true };
    case 'ingest':
      await emulator.ingest(call.records);
      return { value: undefined, changed: true };
    case 'failNext':
      failNextWith(emulator, call.operation, call.errorName, call.message);
      return { value: undefined, changed: false };
  }
}

function attach(page: PageEndpoint) {
  pages.add(page);
  page.onmessage = (event) => {
    const message = event.data as PageMessage;
    if (message.type === 'bye') {
      pages.delete(page);
      return;
    }
    if (message.type === 'hello') {
      pages.add(page);
      return;
    }
    const { id, call } = message;
    inTurn(() => serve(call)).then(
      ({ value, changed }) => {
        const body = call.kind === 'fetch' ? (value as SerializedResponse).body : null;
        page.postMessage({ type: 'result', id, value }, body ? [body] : []);
        // The page that made a console call refreshes through its own mutation hooks; the
        // emulator's control object (tests, the settings page) changes every page's view.
        if (changed) announceChange(call.kind === 'fetch' ? page : undefined);
      },
      (error: unknown) => {
        page.postMessage({ type: 'failure', id, message: error instanceof Error ? error.message : String(error) }, []);
      },
    );
  };
}

const scope = globalThis as unknown as {
  onconnect?: ((event: MessageEvent) => void) | null;
} & PageEndpoint;

if ('onconnect' in scope) {
  scope.onconnect = (event) => {
    const port = event.ports[0];
    if (port) attach(port);
  };
} else {
  attach(scope);
}
