// The emulator over HTTP for the AWS CLI, boto3 and any SDK (`--endpoint-url`): a node:http
// adapter around the same msw handlers the browser uses. Each request is rewritten to the AWS
// endpoint it stands for (service from the path, Region from the SigV4 scope), then answered by
// msw's getResponse.
//
// Because it listens on a port, any web page the user opens could call it. So before anything
// runs, a request is refused when it comes from a browser page of another origin, is not signed
// with SigV4, has a content type its protocol does not use, or carries a body over 1 MiB.
import { hash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getResponse } from 'msw';
import { createEmulator } from './emulator/create-emulator';
import { openDuckDbWasmNode } from './emulator/lake-engine/duckdb-wasm-node';
import { DEFAULT_REGION } from './emulator/identities';
import { fileStorage } from './emulator/storage/file';
import { describeLoadReport } from './emulator/storage/storage';
import { createHandlers, SOURCE_IP_HEADER } from './handlers';

/** The largest request body the emulator reads, on both planes. */
const MAX_BODY_BYTES = 1024 * 1024;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.emulator-data' },
    seed: { type: 'string' },
    events: { type: 'string' },
    'no-throttle': { type: 'boolean', default: false },
    'no-simulator': { type: 'boolean', default: false },
    'cors-origin': { type: 'string', multiple: true, default: [] },
    'allow-unsigned': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--data-dir DIR] [--seed N] [--events N]
                            [--no-throttle] [--no-simulator] [--cors-origin ORIGIN]... [--allow-unsigned]

  --port            port to listen on (default 4566; 0 picks a free one)
  --host            address to bind (default 127.0.0.1)
  --data-dir        where state is kept across restarts (default .emulator-data)
  --seed            seed of the generated history, on the first start of a data dir (default 20250101)
  --events          number of seeded events, on the first start of a data dir (default about 8,350)
  --no-throttle     do not throttle LookupEvents at 2 requests per second
  --no-simulator    no live activity while a console is connected
  --cors-origin     also let web pages of this origin call the emulator, e.g. https://console.example.com
                    (repeatable; pages on http(s)://localhost, 127.0.0.1 and [::1], any port, always may)
  --allow-unsigned  serve requests without a SigV4 Authorization header, as the admin user in us-east-1
                    (by default they are refused; any credentials sign, none is checked)

Requests are refused before anything runs when a browser sends them from another origin (403),
when they are not signed (403), when their content type is not their protocol's (400), or when
their body is over 1 MiB (1,048,576 bytes; 400 ValidationException), the emulator's limit.`);
  process.exit(0);
}

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, not ${text}`);
    process.exit(2);
  }
  return value;
}

/** An origin as browsers send it in the Origin header: scheme, host and port (the default one left out). */
function corsOrigin(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    console.error(`--cors-origin must be an origin such as https://console.example.com, not ${text}`);
    process.exit(2);
  }
  return url.origin;
}

const port = positiveInteger('port', values.port) ?? 4566;
const extraOrigins = new Set(values['cors-origin'].map(corsOrigin));
const allowUnsigned = values['allow-unsigned'];
const dataDir = resolve(values['data-dir']);
const emulator = await createEmulator({
  storage: fileStorage(dataDir),
  seed: positiveInteger('seed', values.seed),
  seededEvents: positiveInteger('events', values.events),
  throttle: !values['no-throttle'],
  simulator: !values['no-simulator'],
  lakeEngine: openDuckDbWasmNode,
  // node:crypto's SHA-256 for eventDataChecksum: the same bytes as the emulator's own, faster.
  sha256Base64: (text) => hash('sha256', text, 'base64'),
});
// What the data directory held, how long it took, and what damage was skipped.
console.log(describeLoadReport(emulator.loadReport));
const handlers = createHandlers(emulator);

/** The console's own origins: the dev server, the preview and any other local port. */
const LOCAL_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

function isAllowedOrigin(origin: string): boolean {
  return LOCAL_ORIGIN.test(origin) || extraOrigins.has(origin);
}

/** A SigV4-signed request: the AWS CLI, boto3 and the SDKs all send this. Never verified. */
const SIGNED = /^AWS4-HMAC-SHA256\s+Credential=/;
const SCOPE_REGION = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[a-z0-9-]+\/aws4_request/;

const JSON_11 = 'application/x-amz-json-1.1';

/** The two routes served, with the protocol of each (mocks/emulator/SEMANTICS.md §3). */
const ROUTES = {
  '/': {
    service: 'cloudtrail',
    protocol: 'awsJson1_1',
    contentTypes: [JSON_11, 'application/x-amz-json-1.0', 'application/json'],
  },
  '/PutAuditEvents': { service: 'cloudtrail-data', protocol: 'restJson1', contentTypes: ['application/json'] },
} as const;

type Protocol = (typeof ROUTES)[keyof typeof ROUTES]['protocol'];

/** CORS headers of an answer: the Origin echoed when it may read the answer, nothing otherwise. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin !== undefined && isAllowedOrigin(origin)
    ? {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'x-amzn-RequestId, X-Amzn-ErrorType, x-amz-request-id',
        vary: 'Origin',
      }
    : { vary: 'Origin' };
}

/** Answers an error the way the protocol encodes it: awsJson1_1 also has `Message`, restJson1 is plain JSON. */
function refuse(
  response: ServerResponse,
  cors: Record<string, string>,
  protocol: Protocol,
  status: number,
  name: string,
  message: string,
  extraHeaders: Record<string, string> = {},
) {
  const awsJson = protocol === 'awsJson1_1';
  response.writeHead(status, {
    ...cors,
    ...extraHeaders,
    'content-type': awsJson ? JSON_11 : 'application/json',
    'X-Amzn-ErrorType': name,
  });
  response.end(JSON.stringify(awsJson ? { __type: name, message, Message: message } : { __type: name, message }));
}

/** Anything but the two served routes (SEMANTICS.md §3). */
function refuseUnknownRoute(response: ServerResponse, cors: Record<string, string>): void {
  refuse(
    response,
    cors,
    'awsJson1_1',
    404,
    'UnknownOperationException',
    'No operation is served at this method and path.',
  );
}

/**
 * The body, or undefined as soon as it passes MAX_BODY_BYTES: from then on nothing more is kept
 * (the stream flows on into nothing until the connection closes after the answer).
 */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      request.resume();
      resolve(undefined);
    }
    function onEnd() {
      stop();
      resolve(Buffer.concat(chunks));
    }
    function onError(error: Error) {
      stop();
      reject(error);
    }
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** How long the rest of an oversize body is read into nothing before the connection is closed. */
const DISCARD_MILLISECONDS = 5000;

/**
 * After an oversize body was refused: the rest is read and thrown away, never kept, so that the
 * client reads the answer instead of a reset connection; a client still sending after
 * DISCARD_MILLISECONDS is cut off.
 */
function discardRest(request: IncomingMessage) {
  if (request.complete) return;
  const timer = setTimeout(() => request.socket.destroy(), DISCARD_MILLISECONDS);
  timer.unref();
  request.once('close', () => {
    clearTimeout(timer);
  });
  request.resume();
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  const origin = request.headers.origin;
  const cors = corsHeaders(origin);
  // The raw request target, never parsed as a URL: `//x` would be protocol-relative.
  const target = request.url ?? '/';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const route =
    request.method === 'POST' && Object.hasOwn(ROUTES, path) ? ROUTES[path as keyof typeof ROUTES] : undefined;
  const protocol: Protocol = route?.protocol ?? (path === '/PutAuditEvents' ? 'restJson1' : 'awsJson1_1');

  // A page of another origin may neither read answers nor cause effects: browsers send Origin
  // with every cross-origin request and with every POST, so refuse it before anything runs.
  if (origin !== undefined && !isAllowedOrigin(origin)) {
    refuse(
      response,
      cors,
      protocol,
      403,
      'AccessDeniedException',
      `Origin ${origin} may not call this emulator; start it with --cors-origin ${origin} to allow it.`,
    );
    return;
  }
  if (request.method === 'OPTIONS') {
    response
      .writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        // `*` does not cover Authorization (Fetch standard), which every signed call sends.
        'access-control-allow-headers': '*, Authorization',
        'access-control-max-age': '86400',
      })
      .end();
    return;
  }
  if (route === undefined) {
    refuseUnknownRoute(response, cors);
    return;
  }
  // AWS answers a content type a JSON protocol does not use with a serialization error; the
  // closest model error is SerializationException (400). Refusing it also keeps out the "simple"
  // cross-origin requests (text/plain, no preflight) a browser sends without asking.
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(route.contentTypes as readonly string[]).includes(contentType)) {
    refuse(
      response,
      cors,
      protocol,
      400,
      'SerializationException',
      `Content type ${contentType || '(none)'} is not accepted here; send ${route.contentTypes[0]}.`,
    );
    return;
  }
  const authorization = request.headers.authorization ?? '';
  const signed = SIGNED.test(authorization);
  if (!signed && !allowUnsigned) {
    refuse(
      response,
      cors,
      protocol,
      403,
      'AccessDeniedException',
      'Request is not signed; sign it with SigV4 (any credentials work) or start the emulator with --allow-unsigned.',
    );
    return;
  }
  const tooLarge = () => {
    refuse(
      response,
      cors,
      protocol,
      400,
      'ValidationException',
      `The request body is over the emulator's limit of ${String(MAX_BODY_BYTES)} bytes.`,
    );
    discardRest(request);
  };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    tooLarge();
    return;
  }
  // Ask for the body only once the request passed every check above.
  if (/^100-continue$/i.test(request.headers.expect ?? '')) response.writeContinue();
  const body = await readBody(request);
  if (body === undefined) {
    tooLarge();
    return;
  }

  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === SOURCE_IP_HEADER) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(SOURCE_IP_HEADER, (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''));
  // The AWS endpoint this request stands for: the region from the SigV4 scope. Unsigned requests
  // (--allow-unsigned) have no scope and act in the default region.
  const region = SCOPE_REGION.exec(authorization)?.[1] ?? DEFAULT_REGION;
  const query = queryAt === -1 ? '' : target.slice(queryAt);
  const url = `https://${route.service}.${region}.amazonaws.com${path}${query}`;
  if (!URL.canParse(url)) {
    refuse(response, cors, protocol, 400, 'SerializationException', 'The query string is not valid.');
    return;
  }
  const answer = await getResponse(handlers, new Request(url, { method: 'POST', headers, body: new Uint8Array(body) }));
  if (!answer) {
    refuseUnknownRoute(response, cors);
    return;
  }
  response.writeHead(answer.status, { ...cors, ...Object.fromEntries(answer.headers) });
  response.end(Buffer.from(await answer.arrayBuffer()));
}

function serve(request: IncomingMessage, response: ServerResponse) {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent)
      response.writeHead(500, { ...corsHeaders(request.headers.origin), 'content-type': 'application/json' });
    response.end(JSON.stringify({ __type: 'InternalFailure', message: 'The emulator failed to answer.' }));
  });
}

const server = createServer(serve);
// Expect: 100-continue (curl sends it for large bodies): the body is asked for only if the
// request passes the checks, so an oversize or refused upload is never sent.
server.on('checkContinue', serve);

server.listen(port, values.host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const host = values.host.includes(':') ? `[${values.host}]` : values.host;
  console.log(
    `CloudTrail emulator listening on http://${host}:${String(bound)} (pid ${String(process.pid)}, data in ${dataDir})`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
