// The emulator for tests in Node: memory storage, a manual clock and a fixed seed, served through
// msw/node so that @aws-sdk/client-cloudtrail talks to it over its normal endpoint.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { hash } from 'node:crypto';
import { setupServer } from 'msw/node';
import { manualClock, MINUTE } from './emulator/clock';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator/create-emulator';
import { ADMIN_ACCESS_KEY, DEFAULT_REGION } from './emulator/identities';
import { openDuckDbWasmNode } from './emulator/lake-engine/duckdb-wasm-node';
import { DEFAULT_SEED } from './emulator/random';
import { memoryStorage } from './emulator/storage/memory';
import { createHandlers } from './handlers';

/** The seeded past ends here in tests: 2025-06-02T12:00:00Z. */
export const TEST_ANCHOR = Date.UTC(2025, 5, 2, 12);
/** Tests start half an hour after the anchor. */
export const TEST_START = TEST_ANCHOR + 30 * MINUTE;

/** A manual clock at TEST_START; tests advance it to step through time. */
export const testClock = manualClock(TEST_START);

// Read once: under Vitest, each use of an imported binding of a Node built-in goes through an
// interop Proxy, which costs half as much again as hashing a small event.
const digest = hash;

/**
 * node:crypto's SHA-256 in the form the emulator checks eventDataChecksum with, lent to it by the
 * Node entry points: the same bytes as its pure-TypeScript hash (the browser's), several times faster.
 */
export function nodeSha256Base64(text: string): string {
  return digest('sha256', text, 'base64');
}

/** Options of the test emulator: throttling and live activity are off unless a test turns them on. */
export function testEmulatorOptions(overrides: Partial<EmulatorOptions> = {}): EmulatorOptions {
  return {
    storage: memoryStorage(),
    clock: testClock,
    seed: DEFAULT_SEED,
    anchor: TEST_ANCHOR,
    throttle: false,
    simulator: false,
    lakeEngine: openDuckDbWasmNode,
    sha256Base64: nodeSha256Base64,
    ...overrides,
  };
}

/** The shared test emulator and its msw server; setup files start it once per test file. */
export const emulator: Emulator = await createEmulator(testEmulatorOptions());
export const server = setupServer(...createHandlers(emulator));

/** Puts the test world back: fresh seeded state, clock at TEST_START, throttling off. */
export async function resetTestEmulator(): Promise<void> {
  testClock.set(TEST_START);
  await emulator.configure({ throttle: false, simulator: false });
  await emulator.reset();
}

/** An SDK client for the test emulator, signed with the given access key (default: the admin user). */
export function emulatorClient(
  options: { region?: string; accessKeyId?: string; userAgent?: string } = {},
): CloudTrailClient {
  return new CloudTrailClient({
    region: options.region ?? DEFAULT_REGION,
    credentials: { accessKeyId: options.accessKeyId ?? ADMIN_ACCESS_KEY, secretAccessKey: 'emulator-secret' },
    maxAttempts: 1,
    ...(options.userAgent === undefined ? {} : { customUserAgent: options.userAgent }),
  });
}

/**
 * Opens the test emulator's Lake engine and loads its SQL translator ahead of the tests of a file,
 * then puts the world back: the first query then takes milliseconds, not the seconds DuckDB
 * takes to open, so no test waits on it. Call it from `beforeAll`.
 */
export async function warmLakeEngine(): Promise<void> {
  await emulator.serve(
    'cloudtrail',
    'StartQuery',
    { QueryStatement: 'SELECT count(*) FROM a3f1c9e7-5b2d-4f80-9c6e-1d7b3a5f9e24' },
    { requestId: 'warm-lake-engine', accessKeyId: ADMIN_ACCESS_KEY, region: DEFAULT_REGION },
  );
  await resetTestEmulator();
}
