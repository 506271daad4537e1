// The emulator over HTTP for the AWS CLI, boto3 and any SDK (`--endpoint-url`): a node:http
// adapter around the same msw handlers the browser uses. Each request is rewritten to the AWS
// endpoint it stands for (service from the path, Region from the SigV4 scope), then answered by
// msw's getResponse.
//
// S3 requests (SEMANTICS.md §17.12: the read surface over delivered trail files) share the port.
// A request is S3's when it is signed for the `s3` service, is a presigned URL, names a bucket in
// its host (`<bucket>.localhost`, virtual-hosted) or is an unsigned GET, HEAD or DELETE (every
// CloudTrail call is a POST); it is rewritten to the path-style URL on S3's AWS endpoint.
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
import { createNodeSigner } from './node-signer';

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
    'trail-delivery-interval': { type: 'string' },
    'digest-interval': { type: 'string' },
    'no-seeded-trail': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--data-dir DIR] [--seed N] [--events N]
                            [--no-throttle] [--no-simulator] [--cors-origin ORIGIN]... [--allow-unsigned]
                            [--trail-delivery-interval SECONDS] [--digest-interval SECONDS] [--no-seeded-trail]

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
  --trail-delivery-interval
                    seconds between trail log file deliveries (default 300, at least 1)
  --digest-interval seconds covered by each trail digest file (default 3600, at least 1)
  --no-seeded-trail no seeded trail (management-events) on the first start of a data dir

S3 reads of delivered trail files share the port (aws s3 ls s3://BUCKET/ --endpoint-url http://127.0.0.1:4566):
requests signed for s3, presigned URLs, hosts BUCKET.localhost, and unsigned GET, HEAD and DELETE.

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

/** A number of seconds, at least 1, in milliseconds. */
function atLeastOneSecond(name: string, text: string | undefined): number | undefined {
  const seconds = positiveInteger(name, text);
  if (seconds === undefined) return undefined;
  if (seconds < 1) {
    console.error(`--${name} must be at least 1 second, not ${String(text)}`);
    process.exit(2);
  }
  return seconds * 1000;
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
const deliveryInterval = atLeastOneSecond('trail-delivery-interval', values['trail-delivery-interval']);
const digestInterval = atLeastOneSecond('digest-interval', values['digest-interval']);
const emulator = await createEmulator({
  storage: fileStorage(dataDir),
  seed: positiveInteger('seed', values.seed),
  seededEvents: positiveInteger('events', values.events),
  throttle: !values['no-throttle'],
  simulator: !values['no-simulator'],
  lakeEngine: openDuckDbWasmNode,
  // node:crypto's SHA-256 for eventDataChecksum: the same bytes as the emulator's own, faster.
  sha256Base64: (text) => hash('sha256', text, 'base64'),
  // node:crypto's RSA signs the trails' digest files (SEMANTICS.md §17.11).
  signer: createNodeSigner(),
  seededTrail: !values['no-seeded-trail'],
  trailTiming: {
    ...(deliveryInterval === undefined ? {} : { deliveryInterval }),
    ...(digestInterval === undefined ? {} : { digestInterval }),
  },
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
/** Region and service of a SigV4 credential scope, in a header or a presigned URL's X-Amz-Credential. */
const SCOPE = /^[^/]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;
/** A virtual-hosted S3 request to the emulator: the bucket is the host's first labels. */
const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*)\.localhost(?::\d{1,5})?$/i;
/** Methods no CloudTrail call uses: unsigned, they are S3 reads (and DeleteObject). */
const S3_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/** Headers of S3 answers a page must be able to read (SEMANTICS.md §17.12). */
const S3_EXPOSED_HEADERS = [
  'ETag',
  'Content-Length',
  'Content-Type',
  'Content-Range',
  'Last-Modified',
  'Accept-Ranges',
  'x-amz-request-id',
  'x-amz-bucket-region',
  'x-amz-meta-signature',
  'x-amz-meta-signature-algorithm',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
];

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
        // `*` exposes every header (x-amz-meta-* included) to requests without credentials,
        // which is how the SDKs fetch; the names also cover those with credentials.
        'access-control-expose-headers': ['*', 'x-amzn-RequestId', 'X-Amzn-ErrorType', ...S3_EXPOSED_HEADERS].join(
          ', ',
        ),
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

/** The request's headers for the handlers, with the source IP taken from the socket. */
function forwardedHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === SOURCE_IP_HEADER) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(SOURCE_IP_HEADER, (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''));
  return headers;
}

/** What makes a request S3's: its region, the bucket of a virtual-hosted host, and whether it is signed. */
interface S3Target {
  region: string;
  virtualBucket?: string;
  signed: boolean;
}

/** The S3 request this is (see the top of the file), or undefined for a CloudTrail one. */
function s3Target(request: IncomingMessage, authorization: string, query: string): S3Target | undefined {
  const headerScope = SCOPE.exec(/Credential=([^,\s]+)/.exec(authorization)?.[1] ?? '');
  const presigned = URL.canParse(`http://emulator/${query}`)
    ? [...new URL(`http://emulator/${query}`).searchParams].find(([name]) => name.toLowerCase() === 'x-amz-credential')
    : undefined;
  const presignedScope = SCOPE.exec(presigned?.[1] ?? '');
  const virtualBucket = VIRTUAL_HOST.exec(request.headers.host ?? '')?.[1]?.toLowerCase();
  const signed = SIGNED.test(authorization);
  const isS3 =
    headerScope?.[2] === 's3' ||
    presignedScope?.[2] === 's3' ||
    virtualBucket !== undefined ||
    (!signed && S3_METHODS.has(request.method ?? ''));
  if (!isS3) return undefined;
  return {
    region: headerScope?.[1] ?? presignedScope?.[1] ?? DEFAULT_REGION,
    ...(virtualBucket === undefined ? {} : { virtualBucket }),
    signed: signed || presignedScope !== null,
  };
}

/** An S3 error as S3 sends it (XML), for requests refused before the handlers see them. */
function refuseS3(
  response: ServerResponse,
  cors: Record<string, string>,
  status: number,
  code: string,
  message: string,
) {
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  response.writeHead(status, { ...cors, 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message></Error>`,
  );
}

/**
 * Serves an S3 request through the handlers, as the path-style URL on S3's endpoint of its
 * region. Its body is never read: the served operations take none.
 */
async function handleS3(
  request: IncomingMessage,
  response: ServerResponse,
  cors: Record<string, string>,
  s3: S3Target,
  path: string,
  query: string,
): Promise<void> {
  request.resume();
  if (!s3.signed && !allowUnsigned) {
    refuseS3(
      response,
      cors,
      403,
      'AccessDenied',
      'Request is not signed; sign it with SigV4 (any credentials work) or start the emulator with --allow-unsigned.',
    );
    return;
  }
  const bucketPath = s3.virtualBucket === undefined ? '' : `/${s3.virtualBucket}`;
  const url = `https://s3.${s3.region}.amazonaws.com${bucketPath}${path}${query}`;
  if (!URL.canParse(url)) {
    refuseS3(response, cors, 400, 'InvalidArgument', 'The request target is not valid.');
    return;
  }
  const answer = await getResponse(
    handlers,
    new Request(url, { method: request.method ?? 'GET', headers: forwardedHeaders(request) }),
  );
  if (!answer) {
    refuseS3(response, cors, 501, 'NotImplemented', 'This request is not implemented.');
    return;
  }
  response.writeHead(answer.status, { ...cors, ...Object.fromEntries(answer.headers) });
  response.end(Buffer.from(await answer.arrayBuffer()));
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
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
        // `*` does not cover Authorization (Fetch standard), which every signed call sends.
        'access-control-allow-headers': '*, Authorization',
        'access-control-max-age': '86400',
      })
      .end();
    return;
  }
  const authorization = request.headers.authorization ?? '';
  const query = queryAt === -1 ? '' : target.slice(queryAt);
  const s3 = s3Target(request, authorization, query);
  if (s3 !== undefined) {
    await handleS3(request, response, cors, s3, path, query);
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

  const headers = forwardedHeaders(request);
  // The AWS endpoint this request stands for: the region from the SigV4 scope. Unsigned requests
  // (--allow-unsigned) have no scope and act in the default region.
  const region = SCOPE_REGION.exec(authorization)?.[1] ?? DEFAULT_REGION;
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

// Trail files are delivered on the clock even when nobody calls (§17.10): the work due runs every
// second at most, and costs nothing when nothing is due.
const ticks = setInterval(
  () => {
    emulator.tick().catch((error: unknown) => {
      console.error('Trail delivery failed; it is retried.', error);
    });
  },
  Math.min(deliveryInterval ?? 300_000, digestInterval ?? 3_600_000, 5_000),
);
ticks.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    clearInterval(ticks);
    server.close();
    process.exit(0);
  });
