// The Node HTTP server as the AWS CLI and SDKs use it: a real process on a real port. Each server
// costs about a second to start, so one server serves a whole group of assertions.
import {
  CloudTrailClient,
  CreateEventDataStoreCommand,
  GetChannelCommand,
  ListChannelsCommand,
  ListEventDataStoresCommand,
  LookupEventsCommand,
} from '@aws-sdk/client-cloudtrail';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { putAuditEvents } from '@/api/cloudtrail-data';
import type { Connection } from '@/api/connection';
import { getEventDataStoreUsage } from '@/api/event-data-stores';
import { signedFetch } from '@/api/signed-fetch';
import { server } from './node';

/** Every data directory of this file lives here, so a leftover server is found by its command line. */
const root = mkdtempSync(join(tmpdir(), 'cloudtrail-server-'));
const started: ChildProcess[] = [];
let directories = 0;

beforeEach(() => {
  // The msw test server intercepts every request; let the ones to the real server through.
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
});

/** Processes whose command line names this file's data root: emulators still running. */
function leftoverPids(): number[] {
  if (!existsSync('/proc')) return started.filter(isRunning).map((child) => child.pid ?? 0);
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(root);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stop(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

afterAll(async () => {
  await Promise.all(started.map(stop));
  const leftovers = leftoverPids();
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
  if (leftovers.length > 0) throw new Error(`emulators left running: ${leftovers.join(', ')}`);
});

interface Running {
  url: string;
  port: number;
  /** The pid the server printed: its own. */
  pid: number;
  child: ChildProcess;
  dataDir: string;
}

function newDataDir(): string {
  directories += 1;
  return join(root, `data-${String(directories)}`);
}

/**
 * Starts the server as `npm run emulator` does: the spawned node process is the server itself (tsx
 * as a loader, not tsx's CLI, which would run the server in a child of its own).
 */
function startServer(dataDir: string, ...flags: string[]): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'mocks/server.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--events',
      '400',
      '--no-throttle',
      '--no-simulator',
      ...flags,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /listening on (http:\/\/[^\s:]+:(\d+)) \(pid (\d+)/.exec(output);
      if (ready?.[1] && ready[2] && ready[3])
        resolve({ url: ready[1], port: Number(ready[2]), pid: Number(ready[3]), child, dataDir });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      reject(new Error(`emulator exited with ${String(code)}: ${output}`));
    });
  });
}

/** Whether a process holds the socket listening on a local TCP port, from /proc (Linux); undefined elsewhere. */
function listensOn(pid: number, port: number): boolean | undefined {
  if (!existsSync('/proc/net/tcp')) return undefined;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') // 0A: LISTEN
    .map((fields) => `socket:[${fields[9] ?? ''}]`);
  return readdirSync(`/proc/${String(pid)}/fd`).some((fd) => {
    try {
      return inodes.includes(readlinkSync(`/proc/${String(pid)}/fd/${fd}`));
    } catch {
      return false;
    }
  });
}

function clientFor(url: string, accessKeyId = 'AKIAEMU0DEVUSER00002') {
  return new CloudTrailClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

const LIST_STORES = 'CloudTrail_20131101.ListEventDataStores';
const SIGNATURE =
  'AWS4-HMAC-SHA256 Credential=AKIAEMU0ADMIN0000001/20250101/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=0';

/** A control-plane call as curl would send it. */
function call(url: string, headers: Record<string, string>, body = '{}') {
  return fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': LIST_STORES, ...headers },
    body,
  });
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request through node:http, for what fetch cannot send: chunked bodies, paths such as `//`. */
function rawRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  chunks: Buffer[],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    // Once the answer is in, the server may stop reading: a failed write after it is expected.
    outgoing.on('error', reject);
    void (async () => {
      for (const chunk of chunks) {
        if (outgoing.destroyed) return;
        if (!outgoing.write(chunk)) await new Promise((resolve) => outgoing.once('drain', resolve));
      }
      outgoing.end();
    })();
  });
}

function auditEvent(id: string) {
  return {
    id,
    eventData: JSON.stringify({
      version: '1.0',
      userIdentity: { type: 'CustomUser', principalId: 'user-42' },
      eventSource: 'orders.example.com',
      eventName: 'PlaceOrder',
      eventTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      UID: `uid-${id}`,
      recipientAccountId: '123456789012',
    }),
  };
}

test(
  'the spawned process is the server, and kill -9 right after an answer loses nothing',
  { timeout: 60_000 },
  async () => {
    const dataDir = newDataDir();
    const first = await startServer(dataDir);
    expect(first.pid).toBe(first.child.pid);
    expect(listensOn(first.pid, first.port)).not.toBe(false);

    const answered = await clientFor(first.url).send(new LookupEventsCommand({ MaxResults: 4 }));
    expect(answered.Events).toHaveLength(4);
    const created = await clientFor(first.url).send(
      new CreateEventDataStoreCommand({ Name: 'created-before-kill', RetentionPeriod: 7 }),
    );
    await stop(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    // The listener died with the process: nothing answers on its port any more.
    await expect(fetch(`${first.url}/`, { method: 'POST' })).rejects.toThrow();

    const second = await startServer(dataDir);
    const { Events } = await clientFor(second.url).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'dev-jordan' }],
        MaxResults: 50,
      }),
    );
    const recorded = (Events ?? []).map((event) => JSON.parse(event.CloudTrailEvent ?? '{}') as { requestID?: string });
    expect(recorded.map((record) => record.requestID)).toContain(answered.$metadata.requestId);
    const { EventDataStores } = await clientFor(second.url).send(new ListEventDataStoresCommand({}));
    expect(EventDataStores?.map((store) => store.EventDataStoreArn)).toContain(created.EventDataStoreArn);
    await stop(second.child);
  },
);

describe('by default', () => {
  let emulator: Running;

  beforeAll(async () => {
    // Without the seeded trail, whose digests need a signing key in each of 17 Regions (seconds
    // of RSA key generation); none of these tests reads trails, and the first test starts with it.
    emulator = await startServer(newDataDir(), '--no-seeded-trail');
  }, 30_000);

  afterAll(async () => {
    await stop(emulator.child);
  });

  test('answers the console’s own origins with CORS headers naming them', async () => {
    for (const origin of ['http://localhost:5173', 'https://127.0.0.1:8443', 'http://[::1]:4173', 'http://localhost']) {
      const preflight = await fetch(emulator.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('vary')).toBe('Origin');
      expect(preflight.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId');
      expect(preflight.headers.get('access-control-expose-headers')).toContain('X-Amzn-ErrorType');

      const answer = await call(emulator.url, { origin, authorization: SIGNATURE });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  test('refuses pages of any other origin before anything runs', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null', 'http://127.0.0.2:5173']) {
      const preflight = await fetch(emulator.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    const create = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        authorization: SIGNATURE,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CloudTrail_20131101.CreateEventDataStore',
      },
      body: JSON.stringify({ Name: 'made-by-a-foreign-page' }),
    });
    expect(create.status).toBe(403);
    expect(create.headers.get('access-control-allow-origin')).toBeNull();
    expect(create.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await create.json()).toMatchObject({
      __type: 'AccessDeniedException',
      message: expect.any(String) as unknown,
    });
    const { EventDataStores } = await clientFor(emulator.url).send(new ListEventDataStoresCommand({}));
    expect(EventDataStores?.map((store) => store.Name)).not.toContain('made-by-a-foreign-page');
  });

  test('refuses unsigned requests', async () => {
    const answer = await call(emulator.url, {});
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(((await answer.json()) as { message: string }).message).toBe(
      'Request is not signed; sign it with SigV4 (any credentials work) or start the emulator with --allow-unsigned.',
    );
  });

  test('refuses a content type other than the protocol’s, and ingests nothing', async () => {
    // The seeded channel of a custom integration, into the seeded integrations store.
    const admin = clientFor(emulator.url, 'AKIAEMU0ADMIN0000001');
    const { Channels = [] } = await admin.send(new ListChannelsCommand({}));
    const ChannelArn = Channels.find((channel) => channel.Name === 'payments-app-audit')?.ChannelArn ?? '';
    const { Destinations = [] } = await admin.send(new GetChannelCommand({ Channel: ChannelArn }));
    const EventDataStoreArn = Destinations[0]?.Location ?? '';
    const connection: Connection = { kind: 'local', region: 'us-east-1', endpoint: emulator.url };
    // The console's own signed call, which also shows the emulator extension answers it.
    const before = await getEventDataStoreUsage(connection, EventDataStoreArn);
    expect(before).toMatchObject({ available: true, EventDataStoreArn });
    const url = new URL(`${emulator.url}/PutAuditEvents`);
    url.searchParams.set('channelArn', ChannelArn);

    // A page's "simple" request: text/plain needs no preflight. Signed, so only its type is wrong.
    const plain = await signedFetch(connection, {
      url,
      service: 'cloudtrail-data',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ auditEvents: [auditEvent('1')] }),
    });
    expect(plain.status).toBe(400);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.json()).toMatchObject({ __type: 'SerializationException' });
    const after = await getEventDataStoreUsage(connection, EventDataStoreArn);
    expect(after).toEqual(before);

    // The same events as application/json, signed by the console, are taken.
    const put = await putAuditEvents(connection, { channelArn: ChannelArn, auditEvents: [auditEvent('2')] });
    expect(put.successful).toHaveLength(1);
    const taken = await getEventDataStoreUsage(connection, EventDataStoreArn);
    expect(taken.available && before.available && taken.Events - before.Events).toBe(1);

    const control = await call(emulator.url, { authorization: SIGNATURE, 'content-type': 'text/plain' });
    expect(control.status).toBe(400);
    expect(control.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(control.headers.get('x-amzn-errortype')).toBe('SerializationException');
    for (const type of ['application/x-amz-json-1.0', 'application/json', 'application/x-amz-json-1.1; charset=utf-8'])
      expect((await call(emulator.url, { authorization: SIGNATURE, 'content-type': type })).status).toBe(200);
  });

  test('refuses a body over 1 MiB on either plane, without reading it all', { timeout: 30_000 }, async () => {
    const control = await call(emulator.url, { authorization: SIGNATURE }, ' '.repeat(1024 * 1024 + 1));
    expect(control.status).toBe(400);
    expect(control.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await control.json()).toMatchObject({
      __type: 'ValidationException',
      Message: expect.any(String) as unknown,
    });
    // Exactly 1 MiB is still read.
    expect((await call(emulator.url, { authorization: SIGNATURE }, ' '.repeat(1024 * 1024))).status).toBe(200);

    // Chunked, so the size shows only while reading: 64 MiB are offered, the answer comes first.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const data = await rawRequest(
      'POST',
      `${emulator.url}/PutAuditEvents?channelArn=x`,
      { 'content-type': 'application/json', authorization: SIGNATURE.replace('/cloudtrail/', '/cloudtrail-data/') },
      Array.from({ length: 1024 }, () => chunk),
    );
    expect(data.status).toBe(400);
    expect(data.headers['content-type']).toBe('application/json');
    expect(JSON.parse(data.body)).toEqual({ __type: 'ValidationException', message: expect.any(String) as unknown });
  });

  test('answers paths it does not serve, // included, with UnknownOperationException', async () => {
    for (const [method, path] of [
      ['POST', '//'],
      ['POST', '//evil.example/x'],
      ['GET', '/'],
      ['POST', '/PutAuditEvents/x'],
      ['POST', '/x?region=eu-west-1'],
    ] as const) {
      const answer = await rawRequest(method, `${emulator.url}${path}`, { authorization: SIGNATURE }, []);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(JSON.parse(answer.body)).toMatchObject({ __type: 'UnknownOperationException' });
    }
  });
});

test(
  '--cors-origin adds an origin and --allow-unsigned serves unsigned requests as the admin user',
  { timeout: 60_000 },
  async () => {
    const emulator = await startServer(
      newDataDir(),
      '--no-seeded-trail',
      '--cors-origin',
      'https://console.example.com',
      '--cors-origin',
      'http://intranet.example:8080',
      '--allow-unsigned',
    );
    for (const origin of ['https://console.example.com', 'http://intranet.example:8080', 'http://localhost:5173']) {
      const answer = await call(emulator.url, { origin });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await call(emulator.url, { origin: 'https://evil.example' })).status).toBe(403);

    const unsigned = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CloudTrail_20131101.CreateEventDataStore',
      },
      body: JSON.stringify({ Name: 'made-unsigned', RetentionPeriod: 7 }),
    });
    expect(unsigned.status).toBe(200);
    const { Events } = await clientFor(emulator.url).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateEventDataStore' }],
        MaxResults: 1,
      }),
    );
    expect(Events?.[0]?.Username).toBe('admin');
    expect(Events?.[0]?.CloudTrailEvent).toContain('made-unsigned');
    await stop(emulator.child);
  },
);
