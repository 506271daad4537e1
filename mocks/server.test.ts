// The Node HTTP server as the AWS CLI and SDKs use it: a real process on a real port.
import { LookupEventsCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, passthrough } from 'msw';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { server } from './node';

const running: ChildProcess[] = [];
let dataDir = '';

beforeEach(() => {
  // The msw test server intercepts every request; let the ones to the real server through.
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  dataDir = mkdtempSync(join(tmpdir(), 'cloudtrail-server-'));
});

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `npm run emulator` on a free port and resolves with its URL once it says it is ready. */
function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'mocks/server.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--events',
      '400',
      '--no-throttle',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      reject(new Error(`emulator exited with ${String(code)}: ${output}`));
    });
  });
}

function clientFor(url: string) {
  return new CloudTrailClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIAEMU0DEVUSER00002', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

test('answers the SDK over HTTP and loses nothing when killed right after answering', { timeout: 60_000 }, async () => {
  const first = await startServer();
  const answered = await clientFor(first.url).send(new LookupEventsCommand({ MaxResults: 4 }));
  expect(answered.Events).toHaveLength(4);
  first.child.kill('SIGKILL');

  const second = await startServer();
  const { Events } = await clientFor(second.url).send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'dev-jordan' }],
      MaxResults: 50,
    }),
  );
  const recorded = (Events ?? []).map((event) => JSON.parse(event.CloudTrailEvent ?? '{}') as { requestID?: string });
  expect(recorded.map((record) => record.requestID)).toContain(answered.$metadata.requestId);
});

test('answers CORS preflights so the console can call it from a browser', { timeout: 60_000 }, async () => {
  const { url } = await startServer();
  const response = await fetch(url, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId');
});
