// The emulator over HTTP for the AWS CLI, boto3 and any SDK (`--endpoint-url`): a node:http
// adapter around the same msw handlers the browser uses. Each request is rewritten to the AWS
// endpoint named in its SigV4 scope, then answered by msw's getResponse.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getResponse } from 'msw';
import { createEmulator } from './emulator/create-emulator';
import { DEFAULT_REGION } from './emulator/identities';
import { fileStorage } from './emulator/storage/file';
import { createHandlers, SOURCE_IP_HEADER } from './handlers';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.emulator-data' },
    seed: { type: 'string' },
    events: { type: 'string' },
    'no-throttle': { type: 'boolean', default: false },
    'no-simulator': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--data-dir DIR] [--seed N] [--events N] [--no-throttle]

  --port         port to listen on (default 4566)
  --host         address to bind (default 127.0.0.1)
  --data-dir     where state is kept across restarts (default .emulator-data)
  --seed         seed of the generated history, on the first start of a data dir (default 20250101)
  --events       number of seeded events, on the first start of a data dir (default about 8,350)
  --no-throttle  do not throttle LookupEvents at 2 requests per second
  --no-simulator no live activity while a console is connected`);
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

const port = positiveInteger('port', values.port) ?? 4566;
const dataDir = resolve(values['data-dir']);
const emulator = await createEmulator({
  storage: fileStorage(dataDir),
  seed: positiveInteger('seed', values.seed),
  seededEvents: positiveInteger('events', values.events),
  throttle: !values['no-throttle'],
  simulator: !values['no-simulator'],
});
const handlers = createHandlers(emulator);

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': 'x-amzn-RequestId, X-Amzn-ErrorType, x-amz-request-id',
  'access-control-max-age': '86400',
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The AWS URL a local request stands for: service and region from the SigV4 scope. */
function awsUrl(request: IncomingMessage): string {
  const scope = SCOPE.exec(request.headers.authorization ?? '');
  const path = request.url ?? '/';
  const service = scope?.[2] ?? (path.startsWith('/PutAuditEvents') ? 'cloudtrail-data' : 'cloudtrail');
  // Unsigned requests (the console's emulator extensions) name their region in the query string.
  const queryRegion = new URL(path, 'http://localhost').searchParams.get('region');
  const region =
    scope?.[1] ?? (queryRegion !== null && /^[a-z0-9-]+$/.test(queryRegion) ? queryRegion : DEFAULT_REGION);
  return `https://${service}.${region}.amazonaws.com${path}`;
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  if (request.method === 'OPTIONS') {
    response.writeHead(204, CORS_HEADERS).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === SOURCE_IP_HEADER) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(SOURCE_IP_HEADER, (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''));
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBody(request);
  const answer = await getResponse(
    handlers,
    new Request(awsUrl(request), { method: request.method, headers, body: body ? new Uint8Array(body) : undefined }),
  );
  if (!answer) {
    response.writeHead(404, { ...CORS_HEADERS, 'content-type': 'application/json' });
    response.end(JSON.stringify({ __type: 'UnknownOperationException', message: 'Not found.' }));
    return;
  }
  response.writeHead(answer.status, { ...CORS_HEADERS, ...Object.fromEntries(answer.headers) });
  response.end(Buffer.from(await answer.arrayBuffer()));
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500, { ...CORS_HEADERS, 'content-type': 'application/json' });
    response.end(JSON.stringify({ __type: 'InternalFailure', message: 'The emulator failed to answer.' }));
  });
});

server.listen(port, values.host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  console.log(`CloudTrail emulator listening on http://${values.host}:${String(bound)} (data in ${dataDir})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
